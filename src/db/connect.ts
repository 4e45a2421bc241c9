import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type SqliteDatabase } from 'kysely';
import pg from 'pg';
import type { Config } from '../config/index.js';
import type { Database } from './schema.js';
import { onQuery } from './query-count.js';
import { TableVersions, WriteTracker } from './table-versions.js';

export type Dialect = 'sqlite3' | 'postgres';

export interface Db {
  kysely: Kysely<Database>;
  dialect: Dialect;
  /** Per-table write counts, for caches of query results. */
  versions: TableVersions;
  close(): Promise<void>;
}

// PostgreSQL sends int8 (bigserial ids, counts) as strings; every id and count fits a JS number.
pg.types.setTypeParser(pg.types.builtins.INT8, (value: string) => Number(value));

// Query counting (for `npm run bench`) costs a callback per query: only when asked for.
const queryLog = process.env.SAMOVAR_QUERY_COUNT === '1' ? onQuery : undefined;

export function connect(database: Config['database']): Db {
  if (database.type === 'sqlite3') {
    mkdirSync(dirname(database.path), { recursive: true });
    const sqlite = new SQLite(database.path);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('synchronous = NORMAL');
    // data_version changes when another connection (another process: the CLI, a second server)
    // commits. Reading it costs several microseconds, a visible share of a cached read, so it is
    // read at most once per millisecond: no client can act on another process's write sooner.
    const dataVersion = sqlite.prepare('PRAGMA data_version').pluck();
    let seen = dataVersion.get();
    let checkedAt = performance.now();
    const versions = new TableVersions(true, () => {
      const now = performance.now();
      if (now - checkedAt < 1) return false;
      checkedAt = now;
      const current = dataVersion.get();
      if (current === seen) return false;
      seen = current;
      return true;
    });
    const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }), plugins: [new WriteTracker(versions)], log: queryLog });
    return { kysely, dialect: 'sqlite3', versions, close: () => kysely.destroy() };
  }
  const pool = new pg.Pool({
    host: database.host,
    port: database.port,
    database: database.name,
    user: database.user,
    password: database.password,
    ssl: database.sslMode === 'disable' ? false : { rejectUnauthorized: database.sslMode === 'verify-full' },
    max: database.maxOpenConns,
  });
  // Other processes may share the database and PostgreSQL does not tell us of their writes.
  const versions = new TableVersions(false);
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins: [new WriteTracker(versions)], log: queryLog });
  return { kysely, dialect: 'postgres', versions, close: () => kysely.destroy() };
}

const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely's SQLite driver prepares every query anew; preparing costs as much as running a simple
 * query. Statements are reusable, so keep the most recently used ones, keyed by their SQL text.
 */
function withStatementCache(sqlite: SQLite.Database): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let statement = cache.get(sql);
      if (statement) {
        cache.delete(sql); // re-inserted below: Map order is recency order
      } else {
        statement = sqlite.prepare(sql);
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
      }
      cache.set(sql, statement);
      return statement;
    },
  };
}
