import type { Kysely } from 'kysely';
import type { Dialect } from '../connect.js';
import { idColumn } from './columns.js';

export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  // Addresses besides the primary one (which stays in users.email); unique across everyone.
  await idColumn(db.schema.createTable('email_addresses'), dialect)
    .addColumn('uid', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('email', 'varchar(255)', (c) => c.notNull())
    .addColumn('lower_email', 'varchar(255)', (c) => c.notNull().unique())
    .addColumn('is_activated', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('email_addresses_uid').on('email_addresses').column('uid').execute();

  await db.schema
    .createTable('follows')
    .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('follow_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_unix', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('follows_pk', ['user_id', 'follow_id'])
    .execute();
  await db.schema.createIndex('follows_follow').on('follows').column('follow_id').execute();

  for (const [column, type, value] of [
    ['theme', 'varchar(64)', ''],
    ['diff_view_style', 'varchar(32)', ''],
    ['hide_activity', 'integer', 0],
  ] as const) {
    await db.schema.alterTable('users').addColumn(column, type, (c) => c.notNull().defaultTo(value)).execute();
  }
}
