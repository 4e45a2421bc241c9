import type { Kysely } from 'kysely';
import type { Dialect } from '../connect.js';
import { idColumn } from './columns.js';

export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await idColumn(db.schema.createTable('repositories'), dialect)
    // Owners are never deleted while they own repositories (the service refuses, or purges first).
    .addColumn('owner_id', 'bigint', (c) => c.notNull().references('users.id'))
    .addColumn('name', 'varchar(255)', (c) => c.notNull())
    .addColumn('lower_name', 'varchar(255)', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('website', 'varchar(2048)', (c) => c.notNull().defaultTo(''))
    .addColumn('original_url', 'varchar(2048)', (c) => c.notNull().defaultTo(''))
    .addColumn('default_branch', 'varchar(255)', (c) => c.notNull().defaultTo('main'))
    .addColumn('is_private', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_empty', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('is_archived', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_mirror', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_fork', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('fork_id', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('is_template', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('template_id', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('has_issues', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('num_stars', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('num_forks', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('num_watches', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('num_open_issues', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('num_open_pulls', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('num_releases', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('size', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('object_format_name', 'varchar(16)', (c) => c.notNull().defaultTo('sha1'))
    .addColumn('trust_model', 'varchar(32)', (c) => c.notNull().defaultTo('default'))
    // Unit and merge settings that no query filters on, as JSON (see models/repositories.ts).
    .addColumn('options', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('archived_unix', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('created_unix', 'bigint', (c) => c.notNull())
    .addColumn('updated_unix', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('repositories_owner_name', ['owner_id', 'lower_name'])
    .execute();
  // Lists in name or update order walk these and stop after a page, instead of sorting all rows.
  await db.schema.createIndex('repositories_private_name').on('repositories').columns(['is_private', 'lower_name', 'id']).execute();
  await db.schema.createIndex('repositories_private_updated').on('repositories').columns(['is_private', 'updated_unix']).execute();
  await db.schema.createIndex('repositories_lower_name').on('repositories').column('lower_name').execute();

  await idColumn(db.schema.createTable('collaborations'), dialect)
    .addColumn('repo_id', 'bigint', (c) => c.notNull().references('repositories.id').onDelete('cascade'))
    .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    /** 1 read, 2 write, 3 admin (Gitea's AccessMode). */
    .addColumn('mode', 'integer', (c) => c.notNull())
    .addColumn('created_unix', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('collaborations_repo_user', ['repo_id', 'user_id'])
    .execute();
  await db.schema.createIndex('collaborations_user').on('collaborations').column('user_id').execute();

  for (const table of ['stars', 'watches'] as const) {
    await db.schema
      .createTable(table)
      .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('repo_id', 'bigint', (c) => c.notNull().references('repositories.id').onDelete('cascade'))
      .addColumn('created_unix', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint(`${table}_pk`, ['user_id', 'repo_id'])
      .execute();
    await db.schema.createIndex(`${table}_repo`).on(table).column('repo_id').execute();
  }

  await idColumn(db.schema.createTable('topics'), dialect)
    .addColumn('name', 'varchar(50)', (c) => c.notNull().unique())
    .addColumn('repo_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_unix', 'bigint', (c) => c.notNull())
    .addColumn('updated_unix', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('repo_topics')
    .addColumn('repo_id', 'bigint', (c) => c.notNull().references('repositories.id').onDelete('cascade'))
    .addColumn('topic_id', 'bigint', (c) => c.notNull().references('topics.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('repo_topics_pk', ['repo_id', 'topic_id'])
    .execute();
  await db.schema.createIndex('repo_topics_topic').on('repo_topics').column('topic_id').execute();

  // Branches as git last reported them, refreshed after every push: lists need no git call.
  await idColumn(db.schema.createTable('branches'), dialect)
    .addColumn('repo_id', 'bigint', (c) => c.notNull().references('repositories.id').onDelete('cascade'))
    .addColumn('name', 'varchar(255)', (c) => c.notNull())
    .addColumn('commit_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('commit_message', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('commit_unix', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('author_name', 'varchar(255)', (c) => c.notNull().defaultTo(''))
    .addColumn('author_email', 'varchar(255)', (c) => c.notNull().defaultTo(''))
    .addColumn('committer_name', 'varchar(255)', (c) => c.notNull().defaultTo(''))
    .addColumn('committer_email', 'varchar(255)', (c) => c.notNull().defaultTo(''))
    .addColumn('pusher_id', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_unix', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('branches_repo_name', ['repo_id', 'name'])
    .execute();

  // A transfer waiting for its recipient to accept it.
  await db.schema
    .createTable('repo_transfers')
    .addColumn('repo_id', 'bigint', (c) => c.primaryKey().references('repositories.id').onDelete('cascade'))
    .addColumn('doer_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('recipient_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_unix', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('mirrors')
    .addColumn('repo_id', 'bigint', (c) => c.primaryKey().references('repositories.id').onDelete('cascade'))
    .addColumn('interval_seconds', 'bigint', (c) => c.notNull())
    .addColumn('enable_prune', 'integer', (c) => c.notNull().defaultTo(1))
    // Credentials for the remote, sealed with SECRET_KEY; the remote URL in git config has none.
    .addColumn('remote_auth_enc', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('next_update_unix', 'bigint', (c) => c.notNull())
    .addColumn('updated_unix', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('mirrors_next_update').on('mirrors').column('next_update_unix').execute();

  await idColumn(db.schema.createTable('push_mirrors'), dialect)
    .addColumn('repo_id', 'bigint', (c) => c.notNull().references('repositories.id').onDelete('cascade'))
    .addColumn('remote_name', 'varchar(255)', (c) => c.notNull())
    .addColumn('remote_address', 'varchar(2048)', (c) => c.notNull())
    .addColumn('remote_auth_enc', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('interval_seconds', 'bigint', (c) => c.notNull())
    .addColumn('sync_on_commit', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_update_unix', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('next_update_unix', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('created_unix', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('push_mirrors_repo_remote', ['repo_id', 'remote_name'])
    .execute();
}
