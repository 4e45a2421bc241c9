import { Migrator, type Kysely, type Migration, type MigrationResultSet } from 'kysely';
import type { Db, Dialect } from './connect.js';
import * as m0001 from './migrations/0001_users.js';
import * as m0002 from './migrations/0002_repositories.js';
import * as m0003 from './migrations/0003_organizations.js';
import * as m0004 from './migrations/0004_user_resources.js';
import * as m0005 from './migrations/0005_public_keys.js';
import * as m0006 from './migrations/0006_profiles.js';
import * as m0007 from './migrations/0007_webhooks.js';
import * as m0008 from './migrations/0008_labels.js';
import * as m0009 from './migrations/0009_issues.js';
import * as m0010 from './migrations/0010_notifications.js';
import * as m0011 from './migrations/0011_time_tracking.js';
import * as m0012 from './migrations/0012_attachments.js';

type Step = { up(db: Kysely<unknown>, dialect: Dialect): Promise<void> };

// Migrations are listed in code (not read from a folder) so the compiled package carries them.
const STEPS: Record<string, Step> = {
  '0001_users': m0001,
  '0002_repositories': m0002,
  '0003_organizations': m0003,
  '0004_user_resources': m0004,
  '0005_public_keys': m0005,
  '0006_profiles': m0006,
  '0007_webhooks': m0007,
  '0008_labels': m0008,
  '0009_issues': m0009,
  '0010_notifications': m0010,
  '0011_time_tracking': m0011,
  '0012_attachments': m0012,
};

/** Applies every pending migration; returns the names applied now. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrations: Record<string, Migration> = {};
  for (const [name, step] of Object.entries(STEPS)) {
    migrations[name] = { up: (k) => step.up(k, db.dialect) };
  }
  const migrator = new Migrator({
    db: db.kysely,
    provider: { getMigrations: async () => migrations },
    migrationTableName: 'samovar_migration',
    migrationLockTableName: 'samovar_migration_lock',
  });
  const result: MigrationResultSet = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    const reason = result.error instanceof Error ? result.error.message : String(result.error);
    throw new Error(`migration ${failed} failed: ${reason}`);
  }
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
