// `npm run bench`: API routes as ratios to a bare Fastify route, and git clone/push as ratios to
// git on a file:// URL, all measured in this run on this machine.
// BENCH_ONLY=api|git|repos|issues picks one section; BENCH_SECONDS (default 5), BENCH_CONNECTIONS
// (default 10), BENCH_COMMITS, BENCH_FILES and BENCH_ROUNDS tune the load.
import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { loadConfig } from '../src/config/index.js';
import { connect } from '../src/db/connect.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { insertRepository } from '../src/models/repositories.js';
import { getUserByName, insertUser } from '../src/models/users.js';
import { hashPassword } from '../src/services/passwords.js';
import { bootstrapAdmin, createUser } from '../test/helpers/fixtures.js';
import { createWorkspace, spawnServer, type TestServer, type Workspace } from '../test/helpers/server.js';
import { gitBench, printTimings } from './git.js';
import { issueBench, printIssueRows } from './issues.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const only = process.env.BENCH_ONLY;
const SEEDED_USERS = 1000;
const SEEDED_REPOS = 10_000;
// Every search case asks for a page of this many, and the search baseline returns as many users.
const SEARCH_PAGE = 10;

interface Row {
  name: string;
  rps: number;
  p99: number;
  baseline?: Row;
}

async function load(url: string, headers: Record<string, string> = {}): Promise<{ rps: number; p99: number }> {
  // A short unmeasured run first, so the JIT has compiled the hot path before the measured one.
  await autocannon({ url, headers, connections, duration: 1 });
  const result = await autocannon({ url, headers, connections, duration: seconds });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  return { rps: result.requests.average, p99: result.latency.p99 };
}

async function startBare(): Promise<{ url: string; stop(): Promise<void> }> {
  const child = spawn(process.execPath, [fileURLToPath(new URL('./bare.js', import.meta.url))], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const line = await new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once('line', resolve));
  const { port } = JSON.parse(line) as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Seeds users and repositories straight into the database (the API would spend minutes hashing passwords). */
async function seed(configFile: string): Promise<void> {
  const db = connect(loadConfig(configFile).database);
  const passwdHash = await hashPassword('bench-password');
  try {
    await migrateToLatest(db);
    await db.kysely.transaction().execute(async (trx) => {
      for (let i = 0; i < SEEDED_USERS; i++) {
        await insertUser(trx, { name: `bench-user-${i}`, email: `bench-user-${i}@example.com`, fullName: `Bench User ${i}`, passwdHash });
      }
      const owner = (await getUserByName(trx, 'bench-user-0'))!;
      for (let i = 0; i < SEEDED_REPOS; i++) {
        await insertRepository(trx, { ownerId: owner.id, name: `repo-${i}`, description: `bench repository ${i}`, isPrivate: i % 10 === 0 });
      }
    });
  } finally {
    await db.close();
  }
}

function printTable(rows: Row[]): void {
  const header = ['case', 'req/s', 'p99 ms', 'req/s ratio', 'p99 ratio'];
  // autocannon reports whole milliseconds: a p99 ratio against a sub-millisecond baseline means nothing.
  const p99Ratio = (r: Row) => (!r.baseline ? '1.00' : r.baseline.p99 >= 1 ? (r.p99 / r.baseline.p99).toFixed(2) : 'n/a (<1ms)');
  const lines = rows.map((r) => [r.name, r.rps.toFixed(0), r.p99.toFixed(0), r.baseline ? (r.rps / r.baseline.rps).toFixed(2) : '1.00', p99Ratio(r)]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const fmt = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(fmt(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const l of lines) console.log(fmt(l));
}

async function withServer<T>(ws: Workspace, level: string, work: (server: TestServer) => Promise<T>): Promise<T> {
  await writeFile(ws.configFile, (await readFile(ws.configFile, 'utf8')).replace(/^LEVEL=.*$/m, `LEVEL=${level}`));
  const server = await spawnServer(ws);
  try {
    return await work(server);
  } finally {
    await server.stop();
  }
}

/** Issue 2: the user API with token auth, at both log levels. */
async function apiRows(ws: Workspace, baselines: { user: Row; search: Row }): Promise<Row[]> {
  const rows: Row[] = [];
  for (const level of ['info', 'warn']) {
    await withServer(ws, level, async (server) => {
      const token = await bootstrapAdmin(server, `bench-${level}`);
      const auth = { authorization: `token ${token}` };
      const tag = `[log ${level}]`;
      rows.push(
        { name: `${tag} GET /api/v1/user (token)`, ...(await load(`${server.api}/user`, auth)), baseline: baselines.user },
        { name: `${tag} GET /api/v1/users/search?limit=10 (token)`, ...(await load(`${server.api}/users/search?limit=10`, auth)), baseline: baselines.search },
        { name: `${tag} GET /api/v1/users/search?q=user-42&limit=10`, ...(await load(`${server.api}/users/search?q=user-42&limit=10`)), baseline: baselines.search },
      );
    });
  }
  return rows;
}

/** Issue 3: repository reads with 10k repositories in the database. */
async function repoRows(ws: Workspace, baselines: { user: Row; search: Row }): Promise<Row[]> {
  return withServer(ws, 'warn', async (server) => {
    const token = await bootstrapAdmin(server, 'bench-repos');
    const auth = { authorization: `token ${token}` };
    return [
      { name: 'GET /api/v1/repos/{owner}/{repo}', ...(await load(`${server.api}/repos/bench-user-0/repo-4242`)), baseline: baselines.user },
      { name: 'GET /api/v1/repos/search?q=repo-42&limit=10', ...(await load(`${server.api}/repos/search?q=repo-42&limit=10`)), baseline: baselines.search },
      { name: 'GET /api/v1/repos/search?limit=10 (token)', ...(await load(`${server.api}/repos/search?limit=10`, auth)), baseline: baselines.search },
    ];
  });
}

const ws = await createWorkspace({ log: { LEVEL: 'info' } });
const bare = await startBare();
try {
  const needBaselines = !only || only === 'api' || only === 'repos';
  if (needBaselines) await seed(ws.configFile);
  const db = loadConfig(ws.configFile).database.type;
  const user: Row = needBaselines ? { name: 'bare Fastify GET /api/v1/user', ...(await load(`${bare.url}/api/v1/user`)) } : { name: '', rps: 0, p99: 0 };
  const search: Row = needBaselines ? { name: 'bare Fastify GET /api/v1/users/search (10 users)', ...(await load(`${bare.url}/api/v1/users/search?n=${SEARCH_PAGE}`)) } : { name: '', rps: 0, p99: 0 };
  const rows: Row[] = needBaselines ? [user, search] : [];
  if (!only || only === 'api') rows.push(...(await apiRows(ws, { user, search })));
  if (!only || only === 'repos') rows.push(...(await repoRows(ws, { user, search })));
  if (rows.length) {
    console.log(`\nSamovar API bench: ${seconds}s per case after 1s warm-up, ${connections} connections, ${db}, ${SEEDED_USERS} users, ${SEEDED_REPOS} repositories\n`);
    printTable(rows);
    console.log('\nTarget (issue 2): req/s ratio >= 0.5 of the bare route. [log info] writes a line per request; [log warn] does not.');
  }
  if (!only || only === 'git') {
    const timings = await withServer(ws, 'warn', async (server) => {
      const owner = await createUser(server, await bootstrapAdmin(server, 'bench-git'), { username: 'gitbench' });
      return gitBench(server, owner);
    });
    console.log(`\nSamovar git bench: ${timings.description}\n`);
    printTimings(timings.rows);
    console.log('\nTarget (issue 3): clone <= 1.1x raw git time.');
  }
  if (!only || only === 'issues') {
    const result = await issueBench();
    console.log(`\nSamovar issue search bench: ${result.description}\n`);
    printIssueRows(result.rows);
    console.log('\nTarget (issue 5): p95 < 50 ms on SQLite and on PostgreSQL (SAMOVAR_TEST_DB=postgres SAMOVAR_TEST_PG=URL npm run bench).');
  }
} finally {
  await bare.stop();
  await ws.dispose();
}
