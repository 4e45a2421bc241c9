import type { Kysely } from 'kysely';
import type { Dialect } from '../connect.js';
import { idColumn } from './columns.js';

export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await idColumn(db.schema.createTable('users'), dialect)
    .addColumn('name', 'varchar(255)', (c) => c.notNull())
    .addColumn('lower_name', 'varchar(255)', (c) => c.notNull().unique())
    .addColumn('full_name', 'varchar(255)', (c) => c.notNull().defaultTo(''))
    .addColumn('email', 'varchar(255)', (c) => c.notNull())
    .addColumn('lower_email', 'varchar(255)', (c) => c.notNull().unique())
    .addColumn('keep_email_private', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('passwd_hash', 'varchar(255)', (c) => c.notNull().defaultTo(''))
    .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('login_name', 'varchar(255)', (c) => c.notNull().defaultTo(''))
    .addColumn('login_source', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('type', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('location', 'varchar(255)', (c) => c.notNull().defaultTo(''))
    .addColumn('website', 'varchar(255)', (c) => c.notNull().defaultTo(''))
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('language', 'varchar(32)', (c) => c.notNull().defaultTo(''))
    .addColumn('visibility', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_admin', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('is_restricted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('prohibit_login', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('allow_git_hook', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('allow_import_local', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('allow_create_organization', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('max_repo_creation', 'integer', (c) => c.notNull().defaultTo(-1))
    .addColumn('num_followers', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('num_following', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('num_stars', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('num_repos', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_unix', 'bigint', (c) => c.notNull())
    .addColumn('updated_unix', 'bigint', (c) => c.notNull())
    .addColumn('last_login_unix', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  // Lists walk users in name order and stop after a page; counts read only the index.
  await db.schema.createIndex('users_type_visibility_name').on('users').columns(['type', 'visibility', 'lower_name']).execute();

  await idColumn(db.schema.createTable('access_tokens'), dialect)
    .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'varchar(255)', (c) => c.notNull())
    .addColumn('token_hash', 'varchar(128)', (c) => c.notNull())
    .addColumn('token_salt', 'varchar(64)', (c) => c.notNull())
    .addColumn('token_last_eight', 'varchar(8)', (c) => c.notNull())
    .addColumn('scope', 'varchar(1024)', (c) => c.notNull().defaultTo(''))
    .addColumn('created_unix', 'bigint', (c) => c.notNull())
    .addColumn('updated_unix', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('access_tokens_user_name', ['user_id', 'name'])
    .execute();
  await db.schema.createIndex('access_tokens_last_eight').on('access_tokens').column('token_last_eight').execute();

  await db.schema
    .createTable('two_factors')
    .addColumn('user_id', 'bigint', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('secret_enc', 'varchar(512)', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_unix', 'bigint', (c) => c.notNull())
    .addColumn('updated_unix', 'bigint', (c) => c.notNull())
    .execute();
}
