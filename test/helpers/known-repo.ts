import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { authUrl, type GitSandbox } from './git.js';
import { call } from './http.js';
import type { TestServer } from './server.js';

export interface KnownRepo {
  firstCommit: string;
  secondCommit: string;
}

/**
 * Creates `owner/name` and pushes known content with the real git client:
 *   first commit:  README.md, docs/guide.md
 *   second commit: docs/deep/x.txt, bin.dat (binary), page.html, link -> README.md
 * plus tag v1.0 and branch feature/x at the first commit.
 */
export async function pushKnownRepo(server: TestServer, sb: GitSandbox, owner: { name: string; password: string; token: string }, name: string): Promise<KnownRepo> {
  await call(server, 'POST', '/user/repos', { token: owner.token, body: { name } });
  const w = join(sb.dir, `known-${name}`);
  await sb.git(['init', '-q', '-b', 'main', w]);
  writeFileSync(join(w, 'README.md'), '# Known\n');
  mkdirSync(join(w, 'docs', 'deep'), { recursive: true });
  writeFileSync(join(w, 'docs', 'guide.md'), 'guide v1\n');
  await sb.git(['add', '.'], { cwd: w });
  await sb.git(['commit', '-qm', 'first'], { cwd: w });
  const firstCommit = (await sb.git(['rev-parse', 'HEAD'], { cwd: w })).stdout.trim();
  writeFileSync(join(w, 'docs', 'deep', 'x.txt'), 'deep\n');
  writeFileSync(join(w, 'bin.dat'), Buffer.from([0, 1, 2, 3, 255, 0, 7]));
  writeFileSync(join(w, 'page.html'), '<script>alert(1)</script>\n');
  symlinkSync('README.md', join(w, 'link'));
  await sb.git(['add', '.'], { cwd: w });
  await sb.git(['commit', '-qm', 'second'], { cwd: w });
  const secondCommit = (await sb.git(['rev-parse', 'HEAD'], { cwd: w })).stdout.trim();
  await sb.git(['tag', 'v1.0', firstCommit], { cwd: w });
  await sb.git(['branch', 'feature/x', firstCommit], { cwd: w });
  const push = await sb.git(['push', '-q', authUrl(`${server.url}${owner.name}/${name}.git`, owner.name, owner.password), 'main', 'feature/x', 'v1.0'], { cwd: w });
  assert.equal(push.code, 0, push.stderr);
  return { firstCommit, secondCommit };
}
