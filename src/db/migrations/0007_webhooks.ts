import type { Kysely } from 'kysely';
import type { Dialect } from '../connect.js';
import { idColumn } from './columns.js';

/** Webhooks of repositories, of their owners and of the site, and their deliveries. */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await idColumn(db.schema.createTable('webhooks'), dialect)
    // Exactly one scope: a repository, an owner (user or organization), or the site (both 0).
    .addColumn('repo_id', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('owner_id', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('type', 'varchar(16)', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('http_method', 'varchar(8)', (c) => c.notNull().defaultTo('POST'))
    .addColumn('content_type', 'varchar(8)', (c) => c.notNull().defaultTo('json'))
    /** Sealed with SECRET_KEY: deliveries need them back to sign and authorize. */
    .addColumn('secret_sealed', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('authorization_sealed', 'text', (c) => c.notNull().defaultTo(''))
    /** JSON array of event names. */
    .addColumn('events', 'text', (c) => c.notNull())
    .addColumn('branch_filter', 'varchar(255)', (c) => c.notNull().defaultTo(''))
    .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_unix', 'bigint', (c) => c.notNull())
    .addColumn('updated_unix', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('webhooks_repo').on('webhooks').column('repo_id').execute();
  await db.schema.createIndex('webhooks_owner').on('webhooks').column('owner_id').execute();

  await idColumn(db.schema.createTable('webhook_deliveries'), dialect)
    .addColumn('hook_id', 'bigint', (c) => c.notNull().references('webhooks.id').onDelete('cascade'))
    .addColumn('uuid', 'varchar(36)', (c) => c.notNull())
    .addColumn('event', 'varchar(64)', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('status', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_succeed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('response', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('delivered_unix', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('webhook_deliveries_hook').on('webhook_deliveries').columns(['hook_id', 'delivered_unix']).execute();
}
