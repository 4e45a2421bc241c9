import type { Kysely } from 'kysely';
import type { Dialect } from '../connect.js';
import { idColumn } from './columns.js';

/** Time spent on issues, running stopwatches (one per user and issue), and issue dependencies. */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await idColumn(db.schema.createTable('tracked_times'), dialect)
    .addColumn('issue_id', 'bigint', (c) => c.notNull().references('issues.id').onDelete('cascade'))
    .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('time', 'bigint', (c) => c.notNull())
    .addColumn('created_unix', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('tracked_times_issue').on('tracked_times').column('issue_id').execute();
  await db.schema.createIndex('tracked_times_user').on('tracked_times').columns(['user_id', 'created_unix']).execute();

  await idColumn(db.schema.createTable('stopwatches'), dialect)
    .addColumn('issue_id', 'bigint', (c) => c.notNull().references('issues.id').onDelete('cascade'))
    .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_unix', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('stopwatches_once', ['issue_id', 'user_id'])
    .execute();

  // `issue_id` depends on `dependency_id`: the dependency blocks the issue.
  await db.schema
    .createTable('issue_dependencies')
    .addColumn('issue_id', 'bigint', (c) => c.notNull().references('issues.id').onDelete('cascade'))
    .addColumn('dependency_id', 'bigint', (c) => c.notNull().references('issues.id').onDelete('cascade'))
    .addColumn('created_unix', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('issue_dependencies_pk', ['issue_id', 'dependency_id'])
    .execute();
  await db.schema.createIndex('issue_dependencies_dependency').on('issue_dependencies').column('dependency_id').execute();
}
