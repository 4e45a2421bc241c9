import type { Kysely } from 'kysely';
import type { Dialect } from '../connect.js';
import { idColumn } from './columns.js';

/** Who watches an issue (or explicitly does not), and users' notification threads. */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('issue_watches')
    .addColumn('issue_id', 'bigint', (c) => c.notNull().references('issues.id').onDelete('cascade'))
    .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    /** 1 subscribed, 0 unsubscribed (overrides being a participant or a repository watcher). */
    .addColumn('is_watching', 'integer', (c) => c.notNull())
    .addColumn('created_unix', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('issue_watches_pk', ['issue_id', 'user_id'])
    .execute();

  // One thread per user and issue; new activity marks it unread again.
  await idColumn(db.schema.createTable('notifications'), dialect)
    .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('repo_id', 'bigint', (c) => c.notNull().references('repositories.id').onDelete('cascade'))
    .addColumn('issue_id', 'bigint', (c) => c.notNull().references('issues.id').onDelete('cascade'))
    /** 1 unread, 2 read, 3 pinned. */
    .addColumn('status', 'integer', (c) => c.notNull())
    .addColumn('comment_id', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_by', 'bigint', (c) => c.notNull())
    .addColumn('created_unix', 'bigint', (c) => c.notNull())
    .addColumn('updated_unix', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('notifications_thread', ['user_id', 'issue_id'])
    .execute();
  await db.schema.createIndex('notifications_user_status').on('notifications').columns(['user_id', 'status', 'updated_unix']).execute();
}
