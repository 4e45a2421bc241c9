import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { authUrl, type GitSandbox } from '../../helpers/git.js';
import { basicHeader, call } from '../../helpers/http.js';
import type { TestServer } from '../../helpers/server.js';
import { startWorld, type TestUser, type World } from '../../helpers/world.js';

describe('git over smart HTTP', () => {
  let world: World;
  let server: TestServer;
  let alice: TestUser;
  let bob: TestUser;
  let sb: GitSandbox;
  let n = 0;

  before(async () => {
    world = await startWorld(['alice', 'bob']);
    ({ server, sb } = world);
    alice = world.users.alice!;
    bob = world.users.bob!;
    await call(server, 'POST', '/user/repos', { token: alice.token, body: { name: 'public', auto_init: true } });
    await call(server, 'POST', '/user/repos', { token: alice.token, body: { name: 'private', auto_init: true, private: true } });
  });
  after(() => world.close());

  const url = (path: string) => `${server.url}${path}`;
  const fresh = () => `w${++n}`;

  /** Clones, commits one file and pushes; returns the push result. */
  async function commitAndPush(cloneUrl: string, pushUrl: string, branch = 'main', file = `f${n}.txt`) {
    const dir = fresh();
    const clone = await sb.git(['clone', '-q', cloneUrl, dir]);
    assert.equal(clone.code, 0, clone.stderr);
    writeFileSync(join(sb.dir, dir, file), `content ${Math.random()}\n`);
    await sb.git(['add', '.'], { cwd: join(sb.dir, dir) });
    await sb.git(['commit', '-qm', `add ${file}`], { cwd: join(sb.dir, dir) });
    return sb.git(['push', pushUrl, `HEAD:${branch}`], { cwd: join(sb.dir, dir) });
  }

  it('clones a public repository anonymously, with .git or without', async () => {
    assert.equal((await sb.git(['clone', '-q', url('alice/public.git'), fresh()])).code, 0);
    assert.equal((await sb.git(['clone', '-q', url('alice/PUBLIC'), fresh()])).code, 0);
  });

  it('private repositories: 401 with a Basic challenge for anonymous callers, 404 for others, clone for the owner', async () => {
    const anon = await fetch(url('alice/private.git/info/refs?service=git-upload-pack'));
    assert.equal(anon.status, 401);
    assert.match(anon.headers.get('www-authenticate') ?? '', /^Basic/);
    const other = await fetch(url('alice/private.git/info/refs?service=git-upload-pack'), { headers: { authorization: basicHeader('bob', bob.password) } });
    assert.equal(other.status, 404);
    const denied = await sb.git(['clone', '-q', url('alice/private.git'), fresh()]);
    assert.notEqual(denied.code, 0);
    assert.equal((await sb.git(['clone', '-q', authUrl(url('alice/private.git'), 'alice', alice.password), fresh()])).code, 0);
    assert.equal((await sb.git(['clone', '-q', authUrl(url('alice/private.git'), 'alice', alice.token), fresh()])).code, 0);
  });

  it('unknown repositories are 404 for signed-in callers, 401 for anonymous ones', async () => {
    assert.equal((await fetch(url('alice/nothing.git/info/refs?service=git-upload-pack'), { headers: { authorization: basicHeader('alice', alice.password) } })).status, 404);
    assert.equal((await fetch(url('alice/nothing.git/info/refs?service=git-upload-pack'))).status, 401);
    assert.equal((await fetch(url('alice/public.git/info/refs'))).status, 400, 'the dumb protocol is not served');
  });

  it('pushes with a password or a token; the database learns the new branch head', async () => {
    const byPassword = await commitAndPush(url('alice/public.git'), authUrl(url('alice/public.git'), 'alice', alice.password));
    assert.equal(byPassword.code, 0, byPassword.stderr);
    const byToken = await commitAndPush(url('alice/public.git'), authUrl(url('alice/public.git'), 'alice', alice.token));
    assert.equal(byToken.code, 0, byToken.stderr);
    const head = (await sb.git(['ls-remote', url('alice/public.git'), 'refs/heads/main'])).stdout.split('\t')[0];
    const rows = await server.query("SELECT b.commit_id FROM branches b JOIN repositories r ON r.id = b.repo_id WHERE r.lower_name = 'public' AND b.name = 'main'");
    assert.equal(rows[0]?.commit_id, head);
  });

  it('refuses pushes from anonymous callers (401), readers (403) and read-only tokens (403)', async () => {
    const anon = await commitAndPush(url('alice/public.git'), url('alice/public.git'));
    assert.notEqual(anon.code, 0);
    const reader = await commitAndPush(url('alice/public.git'), authUrl(url('alice/public.git'), 'bob', bob.password));
    assert.notEqual(reader.code, 0);
    assert.match(reader.stderr, /403/);
    const ro = await call(server, 'POST', '/users/alice/tokens', { basic: ['alice', alice.password], body: { name: 'ro', scopes: ['read:repository'] } });
    const readOnly = await commitAndPush(url('alice/public.git'), authUrl(url('alice/public.git'), 'alice', ro.body.sha1));
    assert.notEqual(readOnly.code, 0);
    assert.match(readOnly.stderr, /403/);
    const info = await fetch(url('alice/public.git/info/refs?service=git-receive-pack'), { headers: { authorization: basicHeader('alice', ro.body.sha1) } });
    assert.equal(info.status, 403);
  });

  it('a first push to an empty repository sets empty=false, size and the default branch', async () => {
    await call(server, 'POST', '/user/repos', { token: alice.token, body: { name: 'empty' } });
    const dir = fresh();
    await sb.git(['init', '-q', '-b', 'trunk', dir]);
    writeFileSync(join(sb.dir, dir, 'a.txt'), 'a\n');
    await sb.git(['add', '.'], { cwd: join(sb.dir, dir) });
    await sb.git(['commit', '-qm', 'first'], { cwd: join(sb.dir, dir) });
    const push = await sb.git(['push', authUrl(url('alice/empty.git'), 'alice', alice.password), 'trunk'], { cwd: join(sb.dir, dir) });
    assert.equal(push.code, 0, push.stderr);
    const repo = (await call(server, 'GET', '/repos/alice/empty')).body;
    assert.equal(repo.empty, false);
    assert.equal(repo.default_branch, 'trunk');
    assert.ok(repo.size >= 0);
    assert.equal((await sb.git(['clone', '-q', url('alice/empty.git'), fresh()])).code, 0, 'HEAD follows the default branch');
  });

  it('pushing a deletion removes the branch from the database', async () => {
    const created = await commitAndPush(url('alice/public.git'), authUrl(url('alice/public.git'), 'alice', alice.password), 'feature');
    assert.equal(created.code, 0, created.stderr);
    const count = async () => (await server.query("SELECT b.name FROM branches b JOIN repositories r ON r.id = b.repo_id WHERE r.lower_name = 'public' AND b.name = 'feature'")).length;
    assert.equal(await count(), 1);
    const deleted = await sb.git(['push', authUrl(url('alice/public.git'), 'alice', alice.password), ':feature'], { cwd: join(sb.dir, `w${n}`) });
    assert.equal(deleted.code, 0, deleted.stderr);
    assert.equal(await count(), 0);
  });

  it('concurrent pushes to one branch: one wins, the other is rejected, nothing is corrupt', async () => {
    const dirs = [fresh(), fresh()];
    for (const dir of dirs) {
      await sb.git(['clone', '-q', url('alice/public.git'), dir]);
      writeFileSync(join(sb.dir, dir, `${dir}.txt`), `${dir}\n`);
      await sb.git(['add', '.'], { cwd: join(sb.dir, dir) });
      await sb.git(['commit', '-qm', dir], { cwd: join(sb.dir, dir) });
    }
    const target = authUrl(url('alice/public.git'), 'alice', alice.password);
    const results = await Promise.all(dirs.map((dir) => sb.git(['push', target, 'HEAD:main'], { cwd: join(sb.dir, dir) })));
    assert.deepEqual(results.map((r) => r.code === 0).sort(), [false, true], results.map((r) => r.stderr).join('\n'));
    const loser = results.find((r) => r.code !== 0)!;
    assert.match(loser.stderr, /rejected|failed to lock|non-fast-forward|fetch first/);
    const fsck = await sb.git(['fsck', '--strict'], { cwd: join(server.dataDir, 'repositories', 'alice', 'public.git') });
    assert.equal(fsck.code, 0, fsck.stderr);
    const head = (await sb.git(['ls-remote', url('alice/public.git'), 'refs/heads/main'])).stdout.split('\t')[0];
    const rows = await server.query("SELECT b.commit_id FROM branches b JOIN repositories r ON r.id = b.repo_id WHERE r.lower_name = 'public' AND b.name = 'main'");
    assert.equal(rows[0]?.commit_id, head, 'the database agrees with git');
  });

  it('serves protocol v2 (Git-Protocol header), also with a gzipped request body', async () => {
    const v2 = await sb.git(['-c', 'protocol.version=2', 'ls-remote', url('alice/public.git')]);
    assert.equal(v2.code, 0, v2.stderr);
    assert.match(v2.stdout, /refs\/heads\/main/);
    const v0 = await sb.git(['-c', 'protocol.version=0', 'clone', '-q', url('alice/public.git'), fresh()]);
    assert.equal(v0.code, 0, v0.stderr);

    const advert = await fetch(url('alice/public.git/info/refs?service=git-upload-pack'), { headers: { 'git-protocol': 'version=2' } });
    assert.match(await advert.text(), /version 2/);
    const pkt = (s: string) => `${(s.length + 4).toString(16).padStart(4, '0')}${s}`;
    const body = gzipSync(Buffer.from(`${pkt('command=ls-refs\n')}0001${pkt('peel\n')}${pkt('ref-prefix refs/heads/\n')}0000`));
    const lsRefs = await fetch(url('alice/public.git/git-upload-pack'), {
      method: 'POST',
      headers: { 'content-type': 'application/x-git-upload-pack-request', 'content-encoding': 'gzip', 'git-protocol': 'version=2' },
      body,
    });
    assert.equal(lsRefs.status, 200);
    assert.equal(lsRefs.headers.get('content-type'), 'application/x-git-upload-pack-result');
    assert.match(await lsRefs.text(), /refs\/heads\/main/);
  });

  it('a client that disconnects mid-pack leaves refs and database unchanged', async () => {
    const before = (await sb.git(['ls-remote', url('alice/public.git')])).stdout;
    const head = before.split('\n').find((l) => l.endsWith('refs/heads/main'))!.split('\t')[0]!;
    const pkt = (s: string) => `${(s.length + 4).toString(16).padStart(4, '0')}${s}`;
    const command = pkt(`${head} ${'1'.repeat(40)} refs/heads/main\0 report-status\n`);
    await new Promise<void>((resolve) => {
      const req = request(url('alice/public.git/git-receive-pack'), {
        method: 'POST',
        headers: { 'content-type': 'application/x-git-receive-pack-request', authorization: basicHeader('alice', alice.password), 'transfer-encoding': 'chunked' },
      });
      req.on('error', () => resolve());
      req.write(`${command}0000PACK\0\0\0\x02\0\0\0\x05`);
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 300);
    });
    await new Promise((r) => setTimeout(r, 300));
    assert.equal((await sb.git(['ls-remote', url('alice/public.git')])).stdout, before);
    const fsck = await sb.git(['fsck'], { cwd: join(server.dataDir, 'repositories', 'alice', 'public.git') });
    assert.equal(fsck.code, 0, fsck.stderr);
    const rows = await server.query("SELECT b.commit_id FROM branches b JOIN repositories r ON r.id = b.repo_id WHERE r.lower_name = 'public' AND b.name = 'main'");
    assert.equal(rows[0]?.commit_id, head);
  });

  it('archived repositories refuse pushes', async () => {
    await call(server, 'POST', '/user/repos', { token: alice.token, body: { name: 'archived', auto_init: true } });
    await call(server, 'PATCH', '/repos/alice/archived', { token: alice.token, body: { archived: true } });
    const push = await commitAndPush(url('alice/archived.git'), authUrl(url('alice/archived.git'), 'alice', alice.password));
    assert.notEqual(push.code, 0);
    assert.match(push.stderr, /403/);
  });
});
