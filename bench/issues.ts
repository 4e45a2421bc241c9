// Issue 5: issue search on a large instance. BENCH_ISSUES issues (default 1,000,000) spread over
// BENCH_ISSUE_REPOS private repositories (default 1,000); the searching user collaborates on a
// tenth of them and searches one word. Seeded straight into the database in large batches.
import { sql } from 'kysely';
import { loadConfig } from '../src/config/index.js';
import { connect, type Db } from '../src/db/connect.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { insertRepository } from '../src/models/repositories.js';
import { insertUser } from '../src/models/users.js';
import { bootstrapAdmin, createUser } from '../test/helpers/fixtures.js';
import { createWorkspace, spawnServer } from '../test/helpers/server.js';

const ISSUES = Number(process.env.BENCH_ISSUES ?? 1_000_000);
const REPOS = Number(process.env.BENCH_ISSUE_REPOS ?? 1_000);
const REQUESTS = Number(process.env.BENCH_ISSUE_REQUESTS ?? 200);
const BATCH = 500;
// The searched word is in 1 % of each repository's issues; the others come from a small vocabulary.
const WORD = 'samovar';
const VOCABULARY = ['kettle', 'teapot', 'leak', 'crash', 'button', 'handle', 'lid', 'spout', 'steam', 'whistle', 'boil', 'cup', 'saucer', 'sugar', 'lemon', 'milk', 'brew', 'leaf', 'bag', 'pot'];

export interface IssueBenchResult {
  description: string;
  rows: { name: string; p50: number; p95: number; queries: number; total: number }[];
}

function text(i: number, words: number, withWord: boolean): string {
  const out: string[] = [];
  for (let w = 0; w < words; w++) out.push(VOCABULARY[(i * 7 + w * 13) % VOCABULARY.length]!);
  if (withWord) out.splice(1, 0, WORD);
  return out.join(' ');
}

async function seed(db: Db): Promise<{ repoIds: number[] }> {
  await migrateToLatest(db);
  const owner = await insertUser(db.kysely, { name: 'issue-owner', email: 'issue-owner@example.com', passwdHash: 'x' });
  const repoIds: number[] = [];
  for (let r = 0; r < REPOS; r++) repoIds.push((await insertRepository(db.kysely, { ownerId: owner.id, name: `tracker-${r}`, isPrivate: true })).id);
  const now = Math.floor(Date.now() / 1000);
  await db.kysely.transaction().execute(async (trx) => {
    for (let start = 0; start < ISSUES; start += BATCH) {
      const rows = [];
      for (let i = start; i < Math.min(start + BATCH, ISSUES); i++) {
        const repo = i % REPOS;
        rows.push({
          repo_id: repoIds[repo]!, index: Math.floor(i / REPOS) + 1, poster_id: owner.id, title: text(i, 4, (Math.floor(i / REPOS) + repo) % 100 === 0), content: text(i + 3, 12, false), is_closed: i % 3 === 0 ? 1 : 0,
          milestone_id: 0, ref: '', deadline_unix: 0, created_unix: now - (ISSUES - i), updated_unix: now - (ISSUES - i), closed_unix: 0,
        });
      }
      await trx.insertInto('issues').values(rows).execute();
    }
    if (db.dialect === 'sqlite3') await sql`insert into issues_fts (rowid, title, content) select id, title, content from issues`.execute(trx);
    else await sql`update issues set search = to_tsvector('simple', title || ' ' || content)`.execute(trx);
    for (const [r, id] of repoIds.entries()) {
      await trx.insertInto('issue_indexes').values({ repo_id: id, max_index: Math.ceil((ISSUES - r) / REPOS) }).execute();
    }
  });
  // A steady PostgreSQL has been vacuumed (autovacuum): index-only scans need the visibility map.
  if (db.dialect === 'postgres') await sql`vacuum analyze`.execute(db.kysely);
  return { repoIds };
}

async function timeRequests(url: string, token: string): Promise<{ p50: number; p95: number; queries: number; total: number }> {
  const headers = { authorization: `token ${token}` };
  let queries = -1;
  let total = -1;
  for (let i = 0; i < 20; i++) await (await fetch(url, { headers })).arrayBuffer();
  const times: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const started = performance.now();
    const response = await fetch(url, { headers });
    await response.arrayBuffer();
    times.push(performance.now() - started);
    if (response.status !== 200) throw new Error(`${url}: ${response.status}`);
    queries = Number(response.headers.get('x-samovar-queries'));
    total = Number(response.headers.get('x-total-count'));
  }
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(times.length * 0.5)]!, p95: times[Math.floor(times.length * 0.95)]!, queries, total };
}

export async function issueBench(): Promise<IssueBenchResult> {
  process.env.SAMOVAR_QUERY_COUNT = '1';
  const ws = await createWorkspace({ log: { LEVEL: 'warn' } });
  try {
    const db = connect(loadConfig(ws.configFile).database);
    const started = performance.now();
    let repoIds: number[];
    try {
      ({ repoIds } = await seed(db));
    } finally {
      await db.close();
    }
    const seeded = ((performance.now() - started) / 1000).toFixed(0);
    const server = await spawnServer(ws);
    try {
      const admin = await bootstrapAdmin(server, 'issue-bench');
      const reader = await createUser(server, admin, { username: 'issue-reader' });
      const grants = connect(loadConfig(ws.configFile).database);
      try {
        const now = Math.floor(Date.now() / 1000);
        await grants.kysely.insertInto('collaborations').values(repoIds.filter((_, i) => i % 10 === 0).map((repo_id) => ({ repo_id, user_id: reader.id, mode: 1, created_unix: now }))).execute();
      } finally {
        await grants.close();
      }
      const rows = [];
      for (const [name, query] of [
        [`GET /repos/issues/search?q=${WORD} (user sees ${REPOS / 10} repos)`, `q=${WORD}&state=all`],
        [`GET /repos/issues/search?q=${WORD}&state=open`, `q=${WORD}&state=open`],
        ['GET /repos/issues/search (no keyword)', 'state=all'],
      ] as const) {
        rows.push({ name, ...(await timeRequests(`${server.api}/repos/issues/search?${query}&limit=30`, reader.token)) });
      }
      return { description: `${ISSUES.toLocaleString('en')} issues in ${REPOS} repositories, ${loadConfig(ws.configFile).database.type}, seeded in ${seeded}s, ${REQUESTS} sequential requests per case`, rows };
    } finally {
      await server.stop();
    }
  } finally {
    await ws.dispose();
  }
}

export function printIssueRows(rows: IssueBenchResult['rows']): void {
  console.log('| case | p50 ms | p95 ms | queries/request | matches |');
  console.log('|---|---|---|---|---|');
  for (const r of rows) console.log(`| ${r.name} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.queries} | ${r.total} |`);
}
