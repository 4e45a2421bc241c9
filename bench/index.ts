// `npm run bench`: requests/s and p99 of API routes as ratios to a bare Fastify route, run here.
// BENCH_SECONDS (default 5) and BENCH_CONNECTIONS (default 10) tune the load.
import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { connect } from '../src/db/connect.js';
import { loadConfig } from '../src/config/index.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { insertUser } from '../src/models/users.js';
import { hashPassword } from '../src/services/passwords.js';
import { bootstrapAdmin } from '../test/helpers/fixtures.js';
import { createWorkspace, spawnServer, type Workspace } from '../test/helpers/server.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const SEEDED_USERS = 1000;

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

async function seedUsers(configFile: string): Promise<void> {
  const db = connect(loadConfig(configFile).database);
  const passwdHash = await hashPassword('bench-password');
  try {
    await migrateToLatest(db);
    await db.kysely.transaction().execute(async (trx) => {
      for (let i = 0; i < SEEDED_USERS; i++) {
        await insertUser(trx, { name: `bench-user-${i}`, email: `bench-user-${i}@example.com`, fullName: `Bench User ${i}`, passwdHash });
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

/** Runs the API cases against a Samovar server logging at `level` (info logs every request). */
async function samovarRows(ws: Workspace, level: string, baselines: { user: Row; search: Row }): Promise<Row[]> {
  await writeFile(ws.configFile, (await readFile(ws.configFile, 'utf8')).replace(/^LEVEL=.*$/m, `LEVEL=${level}`));
  const server = await spawnServer(ws);
  try {
    const token = await bootstrapAdmin(server, `bench-${level}`);
    const auth = { authorization: `token ${token}` };
    const tag = `[log ${level}]`;
    return [
      { name: `${tag} GET /api/v1/user (token)`, ...(await load(`${server.api}/user`, auth)), baseline: baselines.user },
      { name: `${tag} GET /api/v1/users/search?limit=10 (token)`, ...(await load(`${server.api}/users/search?limit=10`, auth)), baseline: baselines.search },
      { name: `${tag} GET /api/v1/users/search?q=user-42`, ...(await load(`${server.api}/users/search?q=user-42`)), baseline: baselines.search },
    ];
  } finally {
    await server.stop();
  }
}

const ws = await createWorkspace({ log: { LEVEL: 'info' } });
const bare = await startBare();
try {
  await seedUsers(ws.configFile);
  const user: Row = { name: 'bare Fastify GET /api/v1/user', ...(await load(`${bare.url}/api/v1/user`)) };
  const search: Row = { name: 'bare Fastify GET /api/v1/users/search', ...(await load(`${bare.url}/api/v1/users/search`)) };
  const rows = [user, search, ...(await samovarRows(ws, 'info', { user, search })), ...(await samovarRows(ws, 'warn', { user, search }))];
  const db = loadConfig(ws.configFile).database.type;
  console.log(`\nSamovar bench: ${seconds}s per case after 1s warm-up, ${connections} connections, ${db}, ${SEEDED_USERS} users\n`);
  printTable(rows);
  console.log('\nTarget (issue 2): req/s ratio >= 0.5 of the bare route. [log info] writes a line per request; [log warn] does not.');
} finally {
  await bare.stop();
  await ws.dispose();
}
