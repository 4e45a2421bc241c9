// Generates a bare repository with `files` files and `commits` commits through git fast-import:
// the first commit adds every file, each later one rewrites one file. Deterministic and quick.
import { spawn } from 'node:child_process';

export async function generateRepo(path: string, files: number, commits: number): Promise<void> {
  await run('git', ['init', '--bare', '--quiet', '-b', 'main', path]);
  const child = spawn('git', ['fast-import', '--quiet'], { cwd: path, stdio: ['pipe', 'ignore', 'inherit'] });
  const done = new Promise<void>((resolve, reject) => child.once('close', (code) => (code === 0 ? resolve() : reject(new Error(`fast-import exited ${code}`)))));
  const write = (s: string) => (child.stdin.write(s) ? Promise.resolve() : new Promise<void>((r) => child.stdin.once('drain', () => r())));
  const blob = (text: string) => `data ${Buffer.byteLength(text)}\n${text}\n`;
  const when = 1_700_000_000;
  for (let c = 0; c < commits; c++) {
    const message = `commit ${c}`;
    let body = `commit refs/heads/main\ncommitter Bench <bench@example.com> ${when + c} +0000\ndata ${message.length}\n${message}\n`;
    if (c === 0) {
      for (let f = 0; f < files; f++) body += `M 100644 inline dir${f % 50}/file${f}.txt\n${blob(`file ${f}\n${'x'.repeat(80)}\n`)}`;
    } else {
      const f = (c * 7919) % files;
      body += `M 100644 inline dir${f % 50}/file${f}.txt\n${blob(`file ${f} revision ${c}\n${'y'.repeat(80)}\n`)}`;
    }
    await write(body);
  }
  child.stdin.end();
  await done;
}

export function run(cmd: string, args: string[], cwd?: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, GIT_TERMINAL_PROMPT: '0' } });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('close', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')} exited ${code}: ${stderr}`))));
  });
}
