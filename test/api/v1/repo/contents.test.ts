import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { authUrl, type GitSandbox } from '../../../helpers/git.js';
import { call } from '../../../helpers/http.js';
import { pushKnownRepo } from '../../../helpers/known-repo.js';
import type { TestServer } from '../../../helpers/server.js';
import { startWorld, type TestUser, type World } from '../../../helpers/world.js';

const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');

describe('branches, contents and raw files', () => {
  let world: World;
  let server: TestServer;
  let alice: TestUser;
  let bob: TestUser;
  let sb: GitSandbox;
  let firstCommit: string;
  let secondCommit: string;

  before(async () => {
    world = await startWorld(['alice', 'bob']);
    ({ server, sb } = world);
    alice = world.users.alice!;
    bob = world.users.bob!;
    ({ firstCommit, secondCommit } = await pushKnownRepo(server, sb, alice, 'known'));
  });
  after(() => world.close());

  describe('branches', () => {
    it('lists branches with their head commit, paginated', async () => {
      const r = await call(server, 'GET', '/repos/alice/known/branches?limit=1');
      assert.equal(r.status, 200);
      assert.equal(r.headers.get('x-total-count'), '2');
      assert.equal(r.body.length, 1);
      const all = (await call(server, 'GET', '/repos/alice/known/branches')).body;
      const main = all.find((b: { name: string }) => b.name === 'main');
      assert.equal(main.commit.id, secondCommit);
      assert.equal(main.commit.message, 'second\n');
      assert.equal(main.commit.author.name, 'Test Author');
      assert.equal(main.commit.author.email, 'author@example.com');
      assert.equal(main.commit.url, `${server.url}alice/known/commit/${secondCommit}`);
      assert.equal(main.user_can_push, false, 'anonymous callers cannot push');
    });

    it('gets one branch, names with slashes too; unknown ones are 404', async () => {
      const r = await call(server, 'GET', '/repos/alice/known/branches/feature/x', { token: alice.token });
      assert.equal(r.status, 200);
      assert.equal(r.body.commit.id, firstCommit);
      assert.equal(r.body.user_can_push, true);
      assert.equal((await call(server, 'GET', '/repos/alice/known/branches/nope')).status, 404);
    });

    it('creates from a tag, a commit or the default branch; refuses duplicates and bad names', async () => {
      const fromTag = await call(server, 'POST', '/repos/alice/known/branches', { token: alice.token, body: { new_branch_name: 'from-tag', old_ref_name: 'v1.0' } });
      assert.equal(fromTag.status, 201, fromTag.text);
      assert.equal(fromTag.body.commit.id, firstCommit);
      const fromDefault = await call(server, 'POST', '/repos/alice/known/branches', { token: alice.token, body: { new_branch_name: 'from-default' } });
      assert.equal(fromDefault.body.commit.id, secondCommit);
      const fromSha = await call(server, 'POST', '/repos/alice/known/branches', { token: alice.token, body: { new_branch_name: 'from-sha', old_ref_name: firstCommit.slice(0, 10) } });
      assert.equal(fromSha.status, 201);
      assert.equal((await call(server, 'POST', '/repos/alice/known/branches', { token: alice.token, body: { new_branch_name: 'from-tag' } })).status, 409);
      assert.equal((await call(server, 'POST', '/repos/alice/known/branches', { token: alice.token, body: { new_branch_name: 'bad..name' } })).status, 422);
      assert.equal((await call(server, 'POST', '/repos/alice/known/branches', { token: alice.token, body: { new_branch_name: 'x', old_ref_name: 'missing' } })).status, 404);
      assert.equal((await call(server, 'POST', '/repos/alice/known/branches', { token: bob.token, body: { new_branch_name: 'bobs' } })).status, 403);
      const ls = await sb.git(['ls-remote', `${server.url}alice/known.git`, 'refs/heads/from-tag']);
      assert.match(ls.stdout, new RegExp(firstCommit));
    });

    it('renames (the default branch moves along) and deletes; the default branch cannot be deleted', async () => {
      assert.equal((await call(server, 'PATCH', '/repos/alice/known/branches/from-sha', { token: alice.token, body: { name: 'renamed' } })).status, 204);
      assert.equal((await call(server, 'GET', '/repos/alice/known/branches/from-sha')).status, 404);
      assert.equal((await call(server, 'GET', '/repos/alice/known/branches/renamed')).status, 200);
      assert.equal((await call(server, 'DELETE', '/repos/alice/known/branches/main', { token: alice.token })).status, 403);
      assert.equal((await call(server, 'DELETE', '/repos/alice/known/branches/renamed', { token: alice.token })).status, 204);
      assert.equal((await call(server, 'DELETE', '/repos/alice/known/branches/renamed', { token: alice.token })).status, 404);
      assert.equal((await call(server, 'PATCH', '/repos/alice/known/branches/from-default', { token: alice.token, body: { name: 'from-tag' } })).status, 409);
    });
  });

  describe('contents', () => {
    it('a file: metadata, base64 content and last commit', async () => {
      const r = await call(server, 'GET', '/repos/alice/known/contents/docs/guide.md');
      assert.equal(r.status, 200);
      assert.equal(r.body.type, 'file');
      assert.equal(r.body.name, 'guide.md');
      assert.equal(r.body.path, 'docs/guide.md');
      assert.equal(r.body.encoding, 'base64');
      assert.equal(Buffer.from(r.body.content, 'base64').toString(), 'guide v1\n');
      assert.equal(r.body.size, 9);
      assert.equal(r.body.last_commit_sha, firstCommit);
      assert.equal(r.body.download_url, `${server.url}alice/known/raw/branch/main/docs/guide.md`);
      assert.equal(r.body._links.self, r.body.url);
    });

    it('a directory: its entries with types and per-entry last commits, no content', async () => {
      const root = await call(server, 'GET', '/repos/alice/known/contents');
      assert.equal(root.status, 200);
      const byName = Object.fromEntries(root.body.map((e: { name: string }) => [e.name, e]));
      assert.deepEqual(Object.keys(byName).sort(), ['README.md', 'bin.dat', 'docs', 'link', 'page.html']);
      assert.equal(byName.docs.type, 'dir');
      assert.equal(byName.link.type, 'symlink');
      assert.equal(byName['README.md'].content, null);
      assert.equal(byName['README.md'].last_commit_sha, firstCommit);
      assert.equal(byName.docs.last_commit_sha, secondCommit, 'docs/deep/x.txt came in the second commit');
      const docs = await call(server, 'GET', '/repos/alice/known/contents/docs');
      assert.deepEqual(docs.body.map((e: { path: string }) => e.path).sort(), ['docs/deep', 'docs/guide.md']);
    });

    it('a symlink gives its target; ?ref= picks a branch, tag or commit', async () => {
      const link = await call(server, 'GET', '/repos/alice/known/contents/link');
      assert.equal(link.body.type, 'symlink');
      assert.equal(link.body.target, 'README.md');
      const atTag = await call(server, 'GET', '/repos/alice/known/contents?ref=v1.0');
      assert.deepEqual(atTag.body.map((e: { name: string }) => e.name).sort(), ['README.md', 'docs']);
      assert.match(atTag.body[0].html_url, /\/src\/tag\/v1\.0\//);
      const atSha = await call(server, 'GET', `/repos/alice/known/contents/docs?ref=${firstCommit}`);
      assert.equal(atSha.body.length, 1);
      assert.equal((await call(server, 'GET', '/repos/alice/known/contents?ref=no-such-ref')).status, 404);
    });

    it('a submodule reports its URL from .gitmodules', async () => {
      await call(server, 'POST', '/user/repos', { token: alice.token, body: { name: 'with-sub' } });
      const w = join(sb.dir, 'with-sub');
      await sb.git(['init', '-q', '-b', 'main', w]);
      writeFileSync(join(w, '.gitmodules'), '[submodule "lib"]\n\tpath = vendor/lib\n\turl = https://example.com/lib.git\n');
      await sb.git(['add', '.gitmodules'], { cwd: w });
      await sb.git(['update-index', '--add', '--cacheinfo', `160000,${firstCommit},vendor/lib`], { cwd: w });
      await sb.git(['commit', '-qm', 'add submodule'], { cwd: w });
      const push = await sb.git(['push', '-q', authUrl(`${server.url}alice/with-sub.git`, 'alice', alice.password), 'main'], { cwd: w });
      assert.equal(push.code, 0, push.stderr);
      const listing = await call(server, 'GET', '/repos/alice/with-sub/contents/vendor');
      assert.equal(listing.body[0].type, 'submodule');
      assert.equal(listing.body[0].sha, firstCommit);
      assert.equal(listing.body[0].submodule_git_url, 'https://example.com/lib.git');
      const one = await call(server, 'GET', '/repos/alice/with-sub/contents/vendor/lib');
      assert.equal(one.body.type, 'submodule');
      assert.equal(one.body.submodule_git_url, 'https://example.com/lib.git');
      assert.equal(one.body.content, null);
    });

    it('refuses .. and other malformed paths (422); unknown paths are 404', async () => {
      // fetch removes literal dot segments before sending, so they are sent encoded.
      for (const path of ['docs%2F..%2FREADME.md', 'docs%2F.%2Fguide.md', '.git/config', '%2Fetc%2Fpasswd%2F..%2F..']) {
        const r = await call(server, 'GET', `/repos/alice/known/contents/${path}`);
        assert.equal(r.status, 422, `${path}: ${r.status}`);
        assert.match(r.body.message, /malformed path/);
      }
      assert.equal((await call(server, 'GET', '/repos/alice/known/contents/nothing/here')).status, 404);
    });

    it('creates, updates (with the current sha) and deletes files as commits', async () => {
      const created = await call(server, 'POST', '/repos/alice/known/contents/new/file.txt', {
        token: alice.token,
        body: { content: b64('hello\n'), message: 'add a file', author: { name: 'Ann', email: 'ann@example.com' } },
      });
      assert.equal(created.status, 201, created.text);
      assert.equal(created.body.content.path, 'new/file.txt');
      assert.equal(created.body.commit.message, 'add a file\n');
      assert.equal(created.body.commit.author.name, 'Ann');
      assert.equal(created.body.commit.parents[0].sha, secondCommit);
      assert.equal((await call(server, 'POST', '/repos/alice/known/contents/new/file.txt', { token: alice.token, body: { content: b64('x') } })).status, 422);

      const sha = created.body.content.sha;
      const wrongSha = await call(server, 'PUT', '/repos/alice/known/contents/new/file.txt', { token: alice.token, body: { content: b64('v2\n'), sha: '0'.repeat(40) } });
      assert.equal(wrongSha.status, 422);
      const updated = await call(server, 'PUT', '/repos/alice/known/contents/new/file.txt', { token: alice.token, body: { content: b64('v2\n'), sha } });
      assert.equal(updated.status, 200, updated.text);
      assert.equal(Buffer.from(updated.body.content.content, 'base64').toString(), 'v2\n');

      const onBranch = await call(server, 'PUT', '/repos/alice/known/contents/new/file.txt', {
        token: alice.token,
        body: { content: b64('v3\n'), sha: updated.body.content.sha, new_branch: 'edit-branch' },
      });
      assert.equal(onBranch.status, 200, onBranch.text);
      assert.equal((await call(server, 'GET', '/repos/alice/known/branches/edit-branch')).status, 200);

      const deleted = await call(server, 'DELETE', '/repos/alice/known/contents/new/file.txt', { token: alice.token, body: { sha: updated.body.content.sha } });
      assert.equal(deleted.status, 200, deleted.text);
      assert.equal(deleted.body.content, null);
      assert.equal((await call(server, 'GET', '/repos/alice/known/contents/new/file.txt')).status, 404);

      const clone = await sb.git(['clone', '-q', `${server.url}alice/known.git`, 'after-edits']);
      assert.equal(clone.code, 0);
      const log = await sb.git(['log', '--format=%s', '-3'], { cwd: join(sb.dir, 'after-edits') });
      assert.deepEqual(log.stdout.trim().split('\n'), ['Delete new/file.txt', 'Update new/file.txt', 'add a file']);
    });

    it('POST /contents changes several files in one commit', async () => {
      const guide = (await call(server, 'GET', '/repos/alice/known/contents/docs/guide.md')).body;
      const r = await call(server, 'POST', '/repos/alice/known/contents', {
        token: alice.token,
        body: {
          message: 'batch',
          files: [
            { operation: 'create', path: 'batch/a.txt', content: b64('a') },
            { operation: 'update', path: 'docs/guide.md', content: b64('guide v2\n'), sha: guide.sha },
            { operation: 'delete', path: 'page.html', sha: (await call(server, 'GET', '/repos/alice/known/contents/page.html')).body.sha },
          ],
        },
      });
      assert.equal(r.status, 201, r.text);
      assert.deepEqual(r.body.files.map((f: { path: string }) => f.path), ['batch/a.txt', 'docs/guide.md']);
      const bad = await call(server, 'POST', '/repos/alice/known/contents', {
        token: alice.token,
        body: { files: [{ operation: 'create', path: 'ok.txt', content: b64('ok') }, { operation: 'delete', path: 'missing.txt', sha: 'x' }] },
      });
      assert.equal(bad.status, 404);
      assert.equal((await call(server, 'GET', '/repos/alice/known/contents/ok.txt')).status, 404, 'all or nothing');
    });

    it('writes need write access and a clean path', async () => {
      assert.equal((await call(server, 'POST', '/repos/alice/known/contents/x.txt', { token: bob.token, body: { content: b64('x') } })).status, 403);
      assert.equal((await call(server, 'POST', '/repos/alice/known/contents/x.txt', { body: { content: b64('x') } })).status, 401);
      assert.equal((await call(server, 'POST', '/repos/alice/known/contents/..%2Fx.txt', { token: alice.token, body: { content: b64('x') } })).status, 422);
      assert.equal((await call(server, 'POST', '/repos/alice/known/contents/.git/hooks/x', { token: alice.token, body: { content: b64('x') } })).status, 422);
      assert.equal((await call(server, 'POST', '/repos/alice/known/contents/x.txt', { token: alice.token, body: { content: 'not base64!' } })).status, 422);
    });

    it('the first file of an empty repository makes its first commit', async () => {
      await call(server, 'POST', '/user/repos', { token: alice.token, body: { name: 'blank' } });
      const r = await call(server, 'POST', '/repos/alice/blank/contents/first.txt', { token: alice.token, body: { content: b64('first\n') } });
      assert.equal(r.status, 201, r.text);
      assert.equal(r.body.commit.parents.length, 0);
      const repo = await call(server, 'GET', '/repos/alice/blank');
      assert.equal(repo.body.empty, false);
    });
  });

  describe('raw', () => {
    it('streams files with ?ref= or with the ref in the path (Gogs)', async () => {
      const r = await fetch(`${server.api}/repos/alice/known/raw/README.md`);
      assert.equal(r.status, 200);
      assert.equal(await r.text(), '# Known\n');
      assert.equal(r.headers.get('content-type'), 'text/plain; charset=utf-8');
      const atTag = await fetch(`${server.api}/repos/alice/known/raw/docs/guide.md?ref=v1.0`);
      assert.equal(await atTag.text(), 'guide v1\n');
      const gogs = await fetch(`${server.api}/repos/alice/known/raw/feature/x/docs/guide.md`);
      assert.equal(await gogs.text(), 'guide v1\n');
      const bySha = await fetch(`${server.api}/repos/alice/known/raw/${firstCommit}/README.md`);
      assert.equal(bySha.status, 200);
      const media = await fetch(`${server.api}/repos/alice/known/media/README.md`);
      assert.equal(await media.text(), '# Known\n');
    });

    it('binary files keep their bytes; HTML is served as text', async () => {
      const bin = await fetch(`${server.api}/repos/alice/known/raw/bin.dat`);
      assert.equal(bin.headers.get('content-type'), 'application/octet-stream');
      assert.deepEqual([...new Uint8Array(await bin.arrayBuffer())], [0, 1, 2, 3, 255, 0, 7]);
      const html = await fetch(`${server.api}/repos/alice/known/raw/page.html?ref=${secondCommit}`);
      assert.equal(html.headers.get('content-type'), 'text/plain; charset=utf-8');
      assert.equal(html.headers.get('x-content-type-options'), 'nosniff');
    });

    it('404 for directories, unknown files and private repositories', async () => {
      assert.equal((await fetch(`${server.api}/repos/alice/known/raw/docs`)).status, 404);
      assert.equal((await fetch(`${server.api}/repos/alice/known/raw/nothing.txt`)).status, 404);
      await call(server, 'POST', '/user/repos', { token: alice.token, body: { name: 'hidden', private: true, auto_init: true } });
      assert.equal((await fetch(`${server.api}/repos/alice/hidden/raw/README.md`)).status, 404);
      assert.equal((await call(server, 'GET', '/repos/alice/hidden/raw/README.md', { token: alice.token })).status, 200);
    });
  });
});
