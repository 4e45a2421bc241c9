import type { Kysely } from 'kysely';
import type { Dialect } from '../connect.js';
import { idColumn } from './columns.js';

/** Blocks, GPG keys, avatars, the activity log, badges and OAuth2 applications (issue 4). */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  // The content hash of an uploaded avatar; '' while the generated one is used.
  await db.schema.alterTable('users').addColumn('avatar', 'varchar(64)', (c) => c.notNull().defaultTo('')).execute();

  await idColumn(db.schema.createTable('user_blocks'), dialect)
    .addColumn('blocker_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('blockee_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('note', 'varchar(255)', (c) => c.notNull().defaultTo(''))
    .addColumn('created_unix', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('user_blocks_pair', ['blocker_id', 'blockee_id'])
    .execute();
  await db.schema.createIndex('user_blocks_blockee').on('user_blocks').column('blockee_id').execute();

  await idColumn(db.schema.createTable('gpg_keys'), dialect)
    .addColumn('owner_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    // A key id is held by one account only, as with SSH keys.
    .addColumn('key_id', 'varchar(16)', (c) => c.notNull().unique())
    .addColumn('content', 'text', (c) => c.notNull())
    /** JSON: the parsed key (subkeys, capabilities, identities), so lists never parse armour. */
    .addColumn('parsed', 'text', (c) => c.notNull())
    .addColumn('verified', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_unix', 'bigint', (c) => c.notNull())
    .addColumn('expires_unix', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('gpg_keys_owner').on('gpg_keys').column('owner_id').execute();

  // One row per thing that happened; feeds filter it by actor and repository, and by the
  // repository's visibility now (not when it happened), joined at read time.
  await idColumn(db.schema.createTable('actions'), dialect)
    .addColumn('act_user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('op_type', 'integer', (c) => c.notNull())
    .addColumn('repo_id', 'bigint', (c) => c.notNull().defaultTo(0))
    /** The owner of the repository when it happened, so organisation feeds need no join. */
    .addColumn('repo_owner_id', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('ref_name', 'varchar(255)', (c) => c.notNull().defaultTo(''))
    .addColumn('content', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_unix', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('actions_actor_time').on('actions').columns(['act_user_id', 'created_unix']).execute();
  await db.schema.createIndex('actions_owner_time').on('actions').columns(['repo_owner_id', 'created_unix']).execute();
  await db.schema.createIndex('actions_repo').on('actions').column('repo_id').execute();

  await idColumn(db.schema.createTable('badges'), dialect)
    .addColumn('slug', 'varchar(255)', (c) => c.notNull().unique())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('image_url', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .createTable('user_badges')
    .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('badge_id', 'bigint', (c) => c.notNull().references('badges.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('user_badges_pk', ['user_id', 'badge_id'])
    .execute();

  await idColumn(db.schema.createTable('oauth2_applications'), dialect)
    .addColumn('owner_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'varchar(255)', (c) => c.notNull())
    .addColumn('client_id', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('client_secret_hash', 'varchar(255)', (c) => c.notNull())
    .addColumn('confidential_client', 'integer', (c) => c.notNull().defaultTo(1))
    /** JSON array of URIs. */
    .addColumn('redirect_uris', 'text', (c) => c.notNull())
    .addColumn('created_unix', 'bigint', (c) => c.notNull())
    .addColumn('updated_unix', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('oauth2_applications_owner').on('oauth2_applications').column('owner_id').execute();
}
