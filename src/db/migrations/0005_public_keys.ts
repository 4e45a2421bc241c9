import type { Kysely } from 'kysely';
import type { Dialect } from '../connect.js';
import { idColumn } from './columns.js';

export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await idColumn(db.schema.createTable('public_keys'), dialect)
    .addColumn('owner_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'varchar(255)', (c) => c.notNull())
    // One key, one owner: the fingerprint is unique across every account.
    .addColumn('fingerprint', 'varchar(255)', (c) => c.notNull().unique())
    /** "<type> <base64>", normalized. */
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('key_type', 'varchar(16)', (c) => c.notNull().defaultTo('user'))
    .addColumn('read_only', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_unix', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('public_keys_owner').on('public_keys').column('owner_id').execute();
}
