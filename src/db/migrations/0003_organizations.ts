import type { Kysely } from 'kysely';
import type { Dialect } from '../connect.js';
import { idColumn } from './columns.js';

// Organizations are rows of `users` with type 1 (they share the name space with users).
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await idColumn(db.schema.createTable('org_users'), dialect)
    .addColumn('org_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('uid', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('is_public', 'integer', (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('org_users_org_uid', ['org_id', 'uid'])
    .execute();
  await db.schema.createIndex('org_users_uid').on('org_users').column('uid').execute();

  await idColumn(db.schema.createTable('teams'), dialect)
    .addColumn('org_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'varchar(255)', (c) => c.notNull())
    .addColumn('lower_name', 'varchar(255)', (c) => c.notNull())
    .addColumn('description', 'varchar(255)', (c) => c.notNull().defaultTo(''))
    /** Gitea's AccessMode: 1 read, 2 write, 3 admin, 4 owner. */
    .addColumn('authorize', 'integer', (c) => c.notNull())
    .addColumn('includes_all_repositories', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('can_create_org_repo', 'integer', (c) => c.notNull().defaultTo(0))
    /** JSON: unit name → access mode. */
    .addColumn('units', 'text', (c) => c.notNull().defaultTo('{}'))
    .addUniqueConstraint('teams_org_name', ['org_id', 'lower_name'])
    .execute();

  await idColumn(db.schema.createTable('team_users'), dialect)
    .addColumn('org_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('team_id', 'bigint', (c) => c.notNull().references('teams.id').onDelete('cascade'))
    .addColumn('uid', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addUniqueConstraint('team_users_team_uid', ['team_id', 'uid'])
    .execute();
  await db.schema.createIndex('team_users_uid').on('team_users').columns(['uid', 'org_id']).execute();

  await idColumn(db.schema.createTable('team_repos'), dialect)
    .addColumn('org_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('team_id', 'bigint', (c) => c.notNull().references('teams.id').onDelete('cascade'))
    .addColumn('repo_id', 'bigint', (c) => c.notNull().references('repositories.id').onDelete('cascade'))
    .addUniqueConstraint('team_repos_team_repo', ['team_id', 'repo_id'])
    .execute();
  await db.schema.createIndex('team_repos_repo').on('team_repos').column('repo_id').execute();
}
