import type { Kysely } from 'kysely';
import type { Dialect } from '../connect.js';
import { idColumn } from './columns.js';

/** Files attached to issues and comments; the bytes live in the attachment storage under `uuid`. */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await idColumn(db.schema.createTable('attachments'), dialect)
    .addColumn('uuid', 'varchar(40)', (c) => c.notNull().unique())
    .addColumn('repo_id', 'bigint', (c) => c.notNull().references('repositories.id').onDelete('cascade'))
    .addColumn('issue_id', 'bigint', (c) => c.notNull().references('issues.id').onDelete('cascade'))
    /** 0 for a file of the issue itself. */
    .addColumn('comment_id', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('uploader_id', 'bigint', (c) => c.notNull())
    .addColumn('name', 'varchar(255)', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('download_count', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('created_unix', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('attachments_issue').on('attachments').columns(['issue_id', 'comment_id']).execute();
}
