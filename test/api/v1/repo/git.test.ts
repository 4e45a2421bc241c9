import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { GitSandbox } from '../../../helpers/git.js';
import { call } from '../../../helpers/http.js';
import { pushKnownRepo, type KnownRepo } from '../../../helpers/known-repo.js';
import type { TestServer } from '../../../helpers/server.js';
import { startWorld, type TestUser, type World } from '../../../helpers/world.js';

describe('tags, commits, git data and archives', () => {
  let world: World;
  let server: TestServer;
  let alice: TestUser;
  let bob: TestUser;
  let sb: GitSandbox;
  let known: KnownRepo;

  before(async () => {
    world = await startWorld(['alice', 'bob']);
    ({ server, sb } = world);
    alice = world.users.alice!;
    bob = world.users.bob!;
    known = await pushKnownRepo(server, sb, alice, 'known');
  });
  after(() => world.close());

  describe('tags', () => {
    it('lists and gets tags', async () => {
      const list = await call(server, 'GET', '/repos/alice/known/tags');
      assert.equal(list.status, 200);
      assert.deepEqual(list.body.map((t: { name: string }) => t.name), ['v1.0']);
      assert.equal(list.body[0].commit.sha, known.firstCommit);
      assert.equal(list.body[0].zipball_url, `${server.url}alice/known/archive/v1.0.zip`);
      assert.equal((await call(server, 'GET', '/repos/alice/known/tags/v1.0')).body.id, known.firstCommit);
      assert.equal((await call(server, 'GET', '/repos/alice/known/tags/nope')).status, 404);
    });

    it('creates annotated and lightweight tags; refuses duplicates, bad names and readers', async () => {
      const annotated = await call(server, 'POST', '/repos/alice/known/tags', { token: alice.token, body: { tag_name: 'v2.0', message: 'Release 2', target: 'main' } });
      assert.equal(annotated.status, 201, annotated.text);
      assert.equal(annotated.body.commit.sha, known.secondCommit);
      assert.equal(annotated.body.message, 'Release 2\n');
      assert.notEqual(annotated.body.id, known.secondCommit, 'an annotated tag is an object of its own');
      const light = await call(server, 'POST', '/repos/alice/known/tags', { token: alice.token, body: { tag_name: 'light', target: known.firstCommit } });
      assert.equal(light.status, 201);
      assert.equal(light.body.id, known.firstCommit);
      assert.equal((await call(server, 'POST', '/repos/alice/known/tags', { token: alice.token, body: { tag_name: 'light' } })).status, 409);
      assert.equal((await call(server, 'POST', '/repos/alice/known/tags', { token: alice.token, body: { tag_name: 'bad tag' } })).status, 422);
      assert.equal((await call(server, 'POST', '/repos/alice/known/tags', { token: bob.token, body: { tag_name: 'bobs' } })).status, 403);

      const object = await call(server, 'GET', `/repos/alice/known/git/tags/${annotated.body.id}`);
      assert.equal(object.status, 200);
      assert.equal(object.body.tag, 'v2.0');
      assert.equal(object.body.object.sha, known.secondCommit);
      assert.equal(object.body.object.type, 'commit');
      assert.equal(object.body.tagger.email, 'alice@example.com');
      assert.equal((await call(server, 'GET', `/repos/alice/known/git/tags/${known.firstCommit}`)).status, 404, 'a commit is not a tag');

      assert.equal((await call(server, 'DELETE', '/repos/alice/known/tags/light', { token: alice.token })).status, 204);
      assert.equal((await call(server, 'GET', '/repos/alice/known/tags/light')).status, 404);
    });
  });

  describe('commits', () => {
    it('lists history newest first, with files, stats and pagination headers', async () => {
      const r = await call(server, 'GET', '/repos/alice/known/commits?limit=1');
      assert.equal(r.status, 200);
      assert.equal(r.headers.get('x-total-count'), '2');
      assert.equal(r.headers.get('x-hasmore'), 'true');
      const [c] = r.body;
      assert.equal(c.sha, known.secondCommit);
      assert.equal(c.commit.message, 'second\n');
      assert.equal(c.commit.author.email, 'author@example.com');
      assert.equal(c.parents[0].sha, known.firstCommit);
      assert.deepEqual(c.files.map((f: { filename: string; status: string }) => `${f.status} ${f.filename}`).sort(), ['added bin.dat', 'added docs/deep/x.txt', 'added link', 'added page.html']);
      assert.equal(c.stats.additions, 3, 'binary files count no lines');
      assert.equal(c.author, null, 'no account has the author e-mail');
    });

    it('filters by sha (branch, tag), path and not; files=false and stat=false leave them out', async () => {
      const fromTag = await call(server, 'GET', '/repos/alice/known/commits?sha=v1.0');
      assert.deepEqual(fromTag.body.map((c: { sha: string }) => c.sha), [known.firstCommit]);
      const byPath = await call(server, 'GET', '/repos/alice/known/commits?path=docs/deep');
      assert.deepEqual(byPath.body.map((c: { sha: string }) => c.sha), [known.secondCommit]);
      const notTag = await call(server, 'GET', '/repos/alice/known/commits?not=v1.0');
      assert.equal(notTag.body.length, 1);
      const bare = await call(server, 'GET', '/repos/alice/known/commits?files=false&stat=false');
      assert.equal(bare.body[0].files, undefined);
      assert.equal(bare.body[0].stats, undefined);
      assert.equal((await call(server, 'GET', '/repos/alice/known/commits?sha=nope')).status, 404);
    });

    it('links commit authors to accounts by e-mail', async () => {
      const w = join(sb.dir, 'authored');
      await sb.git(['clone', '-q', `${server.url}alice/known.git`, w]);
      writeFileSync(join(w, 'by-alice.txt'), 'hi\n');
      await sb.git(['add', '.'], { cwd: w });
      await sb.git(['commit', '-qm', 'by alice'], { cwd: w, env: { GIT_AUTHOR_EMAIL: 'ALICE@example.com' } });
      const url = new URL(`${server.url}alice/known.git`);
      url.username = 'alice';
      url.password = alice.password;
      assert.equal((await sb.git(['push', '-q', url.toString(), 'HEAD:main'], { cwd: w })).code, 0);
      const [latest] = (await call(server, 'GET', '/repos/alice/known/commits?limit=1')).body;
      assert.equal(latest.author.login, 'alice');
    });

    it('gets one commit, and its diff and patch', async () => {
      const one = await call(server, 'GET', `/repos/alice/known/git/commits/${known.firstCommit}`);
      assert.equal(one.status, 200);
      assert.equal(one.body.sha, known.firstCommit);
      assert.equal(one.body.parents.length, 0);
      assert.deepEqual(one.body.files.map((f: { filename: string }) => f.filename).sort(), ['README.md', 'docs/guide.md']);
      const diff = await fetch(`${server.api}/repos/alice/known/git/commits/${known.firstCommit}.diff`);
      const text = await diff.text();
      assert.match(text, /^diff --git a\/README.md b\/README.md/m);
      assert.match(text, /\+# Known/);
      const patch = await (await fetch(`${server.api}/repos/alice/known/git/commits/${known.secondCommit}.patch`)).text();
      assert.match(patch, /^From [0-9a-f]{40} /);
      assert.match(patch, /Subject: \[PATCH\] second/);
      assert.equal((await call(server, 'GET', '/repos/alice/known/git/commits/0000000000000000000000000000000000000000')).status, 404);
    });
  });

  describe('trees, blobs and refs', () => {
    it('git/trees: one level, recursive, paginated', async () => {
      const top = await call(server, 'GET', '/repos/alice/known/git/trees/main');
      assert.equal(top.status, 200);
      assert.deepEqual(top.body.tree.map((e: { path: string }) => e.path).sort(), ['README.md', 'bin.dat', 'by-alice.txt', 'docs', 'link', 'page.html']);
      const deep = await call(server, 'GET', `/repos/alice/known/git/trees/${known.secondCommit}?recursive=true&per_page=3&page=2`);
      assert.equal(deep.body.total_count, 8);
      assert.equal(deep.body.tree.length, 3);
      assert.equal(deep.body.page, 2);
      assert.equal(deep.body.truncated, true);
      const guide = (await call(server, 'GET', `/repos/alice/known/git/trees/${known.secondCommit}?recursive=true`)).body.tree.find((e: { path: string }) => e.path === 'docs/guide.md');
      assert.equal(guide.size, 9);
      assert.equal(guide.type, 'blob');

      const blob = await call(server, 'GET', `/repos/alice/known/git/blobs/${guide.sha}`);
      assert.equal(blob.status, 200);
      assert.equal(Buffer.from(blob.body.content, 'base64').toString(), 'guide v1\n');
      assert.equal(blob.body.size, 9);
      assert.equal((await call(server, 'GET', `/repos/alice/known/git/blobs/${known.firstCommit}`)).status, 404, 'a commit is not a blob');
      assert.equal((await call(server, 'GET', '/repos/alice/known/git/blobs/not-hex')).status, 422);
      assert.equal((await call(server, 'GET', '/repos/alice/known/git/trees/nope')).status, 404);
    });

    it('git/refs: all, or filtered by prefix', async () => {
      const all = await call(server, 'GET', '/repos/alice/known/git/refs');
      const names = all.body.map((r: { ref: string }) => r.ref);
      assert.ok(names.includes('refs/heads/main') && names.includes('refs/tags/v1.0') && names.includes('refs/heads/feature/x'));
      const heads = await call(server, 'GET', '/repos/alice/known/git/refs/heads');
      assert.ok(heads.body.every((r: { ref: string }) => r.ref.startsWith('refs/heads/')));
      const tag = await call(server, 'GET', '/repos/alice/known/git/refs/tags/v1.0');
      assert.deepEqual(tag.body.map((r: { object: { sha: string; type: string } }) => [r.object.sha, r.object.type]), [[known.firstCommit, 'commit']]);
      assert.equal((await call(server, 'GET', '/repos/alice/known/git/refs/heads/nothing')).status, 404);
    });
  });

  describe('archives', () => {
    it('streams zip, tar.gz and bundle archives of a branch, tag or commit', async () => {
      const zip = await fetch(`${server.api}/repos/alice/known/archive/main.zip`);
      assert.equal(zip.status, 200);
      assert.equal(zip.headers.get('content-type'), 'application/zip');
      assert.match(zip.headers.get('content-disposition') ?? '', /known-main\.zip/);
      const zipBytes = Buffer.from(await zip.arrayBuffer());
      assert.equal(zipBytes.subarray(0, 2).toString(), 'PK');

      const tgz = Buffer.from(await (await fetch(`${server.api}/repos/alice/known/archive/v1.0.tar.gz`)).arrayBuffer());
      assert.deepEqual([...tgz.subarray(0, 2)], [0x1f, 0x8b]);
      const file = join(sb.dir, 'a.tar.gz');
      writeFileSync(file, tgz);
      const listing = spawnSync('tar', ['-tzf', file], { encoding: 'utf8' });
      assert.equal(listing.status, 0, listing.stderr);
      assert.deepEqual(listing.stdout.split('\n').filter(Boolean).sort(), ['known/', 'known/README.md', 'known/docs/', 'known/docs/guide.md']);

      const bundle = Buffer.from(await (await fetch(`${server.api}/repos/alice/known/archive/main.bundle`)).arrayBuffer());
      writeFileSync(join(sb.dir, 'known.bundle'), bundle);
      const verify = await sb.git(['clone', '-q', join(sb.dir, 'known.bundle'), 'from-bundle']);
      assert.equal(verify.code, 0, verify.stderr);

      assert.equal((await fetch(`${server.api}/repos/alice/known/archive/main.rar`)).status, 400);
      assert.equal((await fetch(`${server.api}/repos/alice/known/archive/nope.zip`)).status, 404);
    });
  });
});
