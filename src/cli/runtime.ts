import { join } from 'node:path';
import { defaultConfigFile, loadConfig, type Config } from '../config/index.js';
import { connect, type Db } from '../db/connect.js';
import { migrateToLatest } from '../db/migrate.js';
import { configureGit } from '../git/command.js';
import { createServices, type Services } from '../services/index.js';

export interface Runtime {
  config: Config;
  db: Db;
  services: Services;
  close(): Promise<void>;
}

/** Loads configuration, opens the database and brings its schema up to date. */
export async function openRuntime(configFile: string | undefined, overrides: (c: Config) => void = () => {}): Promise<Runtime> {
  const config = loadConfig(configFile ?? defaultConfigFile());
  overrides(config);
  configureGit({ home: join(config.server.appDataPath, 'home') });
  const db = connect(config.database);
  try {
    await migrateToLatest(db);
  } catch (err) {
    await db.close();
    throw err;
  }
  return { config, db, services: createServices(config, db), close: () => db.close() };
}

/** Runs a command with a runtime and always closes the database. */
export async function withRuntime<T>(configFile: string | undefined, work: (rt: Runtime) => Promise<T>): Promise<T> {
  const rt = await openRuntime(configFile);
  try {
    return await work(rt);
  } finally {
    await rt.close();
  }
}

/** Parses urfave-style boolean flag values (`--admin`, `--admin=false`). */
export function parseBool(value: string | boolean | undefined): boolean {
  if (value === undefined || value === true) return true;
  if (value === false) return false;
  const lower = value.toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(lower)) return true;
  if (['false', '0', 'no', 'off'].includes(lower)) return false;
  throw new Error(`expected true or false, got "${value}"`);
}
