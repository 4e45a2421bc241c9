import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { stringify } from 'ini';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { collectOutput, type ProcessResult } from './process.js';

export const CLI = fileURLToPath(new URL('../../src/cli/index.js', import.meta.url));

export type Ini = Record<string, Record<string, string | number | boolean>>;

export interface TestServer {
  /** The server's ROOT_URL, ending in '/'. */
  url: string;
  api: string;
  dataDir: string;
  configFile: string;
  /** Runs SQL against the server's own database (for checks no API shows). */
  query(text: string): Promise<Record<string, unknown>[]>;
  /** What the server has written to stdout (its JSON log) so far. */
  log(): string;
  stop(): Promise<void>;
}

/** Which database this run of the suite uses: SQLite, or PostgreSQL when the runner says so. */
export const testDb: 'sqlite3' | 'postgres' = process.env.SAMOVAR_TEST_DB === 'postgres' ? 'postgres' : 'sqlite3';

export interface Workspace {
  dir: string;
  configFile: string;
  query(text: string): Promise<Record<string, unknown>[]>;
  dispose(): Promise<void>;
}

/** A temp data dir with an app.ini (and on PostgreSQL a fresh database), removed by dispose(). */
export async function createWorkspace(ini: Ini = {}): Promise<Workspace> {
  const dir = await mkdtemp(join(tmpdir(), 'samovar-test-'));
  const database = testDb === 'postgres' ? await createPgDatabase() : null;
  const merged: Ini = {
    server: { HTTP_ADDR: '127.0.0.1', DOMAIN: '127.0.0.1', HTTP_PORT: 0, APP_DATA_PATH: dir, ...ini.server },
    database: database ? { ...database.settings, ...ini.database } : { DB_TYPE: 'sqlite3', ...ini.database },
    log: { LEVEL: 'info', ...ini.log },
  };
  for (const [section, keys] of Object.entries(ini)) if (!merged[section]) merged[section] = keys;
  const configFile = join(dir, 'app.ini');
  await writeFile(configFile, stringify(merged));
  const sqlitePath = join(dir, 'samovar.db');
  return {
    dir,
    configFile,
    async query(text) {
      if (database) return database.query(text);
      const db = new SQLite(sqlitePath, { readonly: true });
      try {
        return db.prepare(text).all() as Record<string, unknown>[];
      } finally {
        db.close();
      }
    },
    async dispose() {
      await database?.drop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

interface PgDatabase {
  settings: Record<string, string>;
  query(text: string): Promise<Record<string, unknown>[]>;
  drop(): Promise<void>;
}

async function createPgDatabase(): Promise<PgDatabase> {
  const url = process.env.SAMOVAR_TEST_PG;
  if (!url) throw new Error('SAMOVAR_TEST_DB=postgres needs SAMOVAR_TEST_PG (a connection URL)');
  const name = `samovar_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  const own = parsed.toString();
  return {
    settings: {
      DB_TYPE: 'postgres',
      HOST: `${parsed.hostname}:${parsed.port || 5432}`,
      NAME: name,
      USER: decodeURIComponent(parsed.username),
      PASSWD: decodeURIComponent(parsed.password),
    },
    async query(text) {
      const client = new pg.Client({ connectionString: own });
      await client.connect();
      try {
        return (await client.query(text)).rows as Record<string, unknown>[];
      } finally {
        await client.end();
      }
    },
    async drop() {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/** Starts `samovar web --port 0` on a new workspace, removed again by stop(). */
export async function startServer(ini: Ini = {}): Promise<TestServer> {
  const ws = await createWorkspace(ini);
  try {
    return await spawnServer(ws, () => ws.dispose());
  } catch (err) {
    await ws.dispose();
    throw err;
  }
}

/** Starts `samovar web --port 0` on an existing workspace and waits until it is ready. */
export async function spawnServer(ws: Workspace, afterStop: () => Promise<void> = async () => {}): Promise<TestServer> {
  const child = spawn(process.execPath, [CLI, 'web', '--config', ws.configFile, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const log: string[] = [];
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => log.push(chunk));
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  try {
    const url = await readyUrl(child);
    return {
      url,
      api: `${url}api/v1`,
      dataDir: ws.dir,
      configFile: ws.configFile,
      query: ws.query,
      log: () => log.join(''),
      async stop() {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
        // A server that has not shut down within 15 s is stuck: kill it rather than hang the suite.
        const stuck = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(stuck);
        await afterStop();
      },
    };
  } catch (err) {
    if (child.exitCode === null) child.kill('SIGKILL');
    await exited;
    throw new Error(`server did not start: ${(err as Error).message}\n${stderr}`);
  }
}

// The server prints one plain line to stderr when it listens, with the ROOT_URL it derived from the bound port.
function readyUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stderr! });
    const timer = setTimeout(() => reject(new Error('timed out waiting for the ready line')), 20_000);
    let found = false;
    lines.on('line', (line) => {
      const match = /^Samovar is ready at (\S+)/.exec(line);
      if (found || !match) return;
      found = true;
      clearTimeout(timer);
      resolve(match[1]!);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (!found) reject(new Error(`exited with code ${code}`));
    });
  });
}

export type CliResult = ProcessResult;

/** Runs the samovar CLI to completion. */
export function runCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return collectOutput(spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } }));
}
