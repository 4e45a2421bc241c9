// Clone and push through Samovar against git talking to a file:// repository directly.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { call } from '../test/helpers/http.js';
import type { TestServer } from '../test/helpers/server.js';
import { generateRepo, run } from './generate-repo.js';

export interface TimingRow {
  name: string;
  samovarMs: number;
  rawMs: number;
}

const COMMITS = Number(process.env.BENCH_COMMITS ?? 20_000);
const FILES = Number(process.env.BENCH_FILES ?? 5_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

async function median(times: number, work: (i: number) => Promise<void>): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const start = process.hrtime.bigint();
    await work(i);
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return samples.sort((a, b) => a - b)[Math.floor(samples.length / 2)]!;
}

export async function gitBench(server: TestServer, owner: { name: string; password: string; token: string }): Promise<{ rows: TimingRow[]; description: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'samovar-bench-git-'));
  try {
    const source = join(dir, 'source.git');
    await generateRepo(source, FILES, COMMITS);
    const auth = (path: string) => {
      const url = new URL(`${server.url}${path}`);
      url.username = owner.name;
      url.password = owner.password;
      return url.toString();
    };

    // Push: the whole history into an empty repository, through Samovar and to a bare directory.
    const pushSamovar = await median(ROUNDS, async (i) => {
      const name = `push-${i}`;
      await call(server, 'POST', '/user/repos', { token: owner.token, body: { name } });
      await run('git', ['push', '--quiet', auth(`${owner.name}/${name}.git`), 'main'], source);
    });
    const pushRaw = await median(ROUNDS, async (i) => {
      const target = join(dir, `push-raw-${i}.git`);
      await run('git', ['init', '--bare', '--quiet', target]);
      await run('git', ['push', '--quiet', `file://${target}`, 'main'], source);
    });

    // Clone: the pushed repository over HTTP, and the source over file://.
    const cloneSamovar = await median(ROUNDS, (i) => run('git', ['clone', '--bare', '--quiet', `${server.url}${owner.name}/push-0.git`, join(dir, `clone-${i}.git`)]));
    const cloneRaw = await median(ROUNDS, (i) => run('git', ['clone', '--bare', '--quiet', `file://${source}`, join(dir, `clone-raw-${i}.git`)]));
    return {
      rows: [
        { name: 'git clone (full history)', samovarMs: cloneSamovar, rawMs: cloneRaw },
        { name: 'git push (full history, new repository)', samovarMs: pushSamovar, rawMs: pushRaw },
      ],
      description: `${COMMITS} commits, ${FILES} files, median of ${ROUNDS}; raw = git with a file:// URL`,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export function printTimings(rows: TimingRow[]): void {
  const header = ['case', 'Samovar ms', 'raw git ms', 'ratio'];
  const lines = rows.map((r) => [r.name, r.samovarMs.toFixed(0), r.rawMs.toFixed(0), (r.samovarMs / r.rawMs).toFixed(2)]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const fmt = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(fmt(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const l of lines) console.log(fmt(l));
}
