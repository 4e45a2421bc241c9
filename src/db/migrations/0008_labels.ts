import type { Kysely } from 'kysely';
import type { Dialect } from '../connect.js';
import { idColumn } from './columns.js';

/** Labels of repositories and of organizations (which their repositories' issues may use). */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await idColumn(db.schema.createTable('labels'), dialect)
    // Exactly one of the two is set; the other is 0.
    .addColumn('repo_id', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('org_id', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('name', 'varchar(255)', (c) => c.notNull())
    .addColumn('exclusive', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    /** "#rrggbb", lower-case. */
    .addColumn('color', 'varchar(7)', (c) => c.notNull())
    .addColumn('archived_unix', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('num_issues', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('num_closed_issues', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_unix', 'bigint', (c) => c.notNull())
    .addColumn('updated_unix', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('labels_repo').on('labels').columns(['repo_id', 'name']).execute();
  await db.schema.createIndex('labels_org').on('labels').columns(['org_id', 'name']).execute();
}
