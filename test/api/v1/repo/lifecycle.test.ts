import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { GitSandbox } from '../../../helpers/git.js';
import { call } from '../../../helpers/http.js';
import { pushKnownRepo, type KnownRepo } from '../../../helpers/known-repo.js';
import type { TestServer } from '../../../helpers/server.js';
import { startWorld, type TestUser, type World } from '../../../helpers/world.js';

const b64 = (s: string) => Buffer.from(s).toString('base64');

describe('forks, transfers, templates, languages, editorconfig, compare', () => {
  let world: World;
  let server: TestServer;
  let adminToken: string;
  let alice: TestUser;
  let bob: TestUser;
  let sb: GitSandbox;
  let known: KnownRepo;

  before(async () => {
    world = await startWorld(['alice', 'bob']);
    ({ server, adminToken, sb } = world);
    alice = world.users.alice!;
    bob = world.users.bob!;
    known = await pushKnownRepo(server, sb, alice, 'known');
  });
  after(() => world.close());

  describe('forks', () => {
    it('forks into the caller\'s namespace (202) with all branches and tags, and counts it', async () => {
      const r = await call(server, 'POST', '/repos/alice/known/forks', { token: bob.token, body: {} });
      assert.equal(r.status, 202, r.text);
      assert.equal(r.body.full_name, 'bob/known');
      assert.equal(r.body.fork, true);
      assert.equal(r.body.empty, false);
      const refs = await sb.git(['ls-remote', `${server.url}bob/known.git`]);
      assert.match(refs.stdout, new RegExp(`${known.secondCommit}\\s+refs/heads/main`));
      assert.match(refs.stdout, /refs\/tags\/v1\.0/);
      assert.match(refs.stdout, /refs\/heads\/feature\/x/);
      assert.equal((await call(server, 'GET', '/repos/alice/known')).body.forks_count, 1);
      assert.deepEqual((await call(server, 'GET', '/repos/alice/known/forks')).body.map((x: { full_name: string }) => x.full_name), ['bob/known']);
    });

    it('refuses a second fork, a fork of one\'s own repository, and what the caller cannot see', async () => {
      assert.equal((await call(server, 'POST', '/repos/alice/known/forks', { token: bob.token, body: { name: 'again' } })).status, 409);
      assert.equal((await call(server, 'POST', '/repos/alice/known/forks', { token: alice.token, body: {} })).status, 409);
      await call(server, 'POST', '/user/repos', { token: alice.token, body: { name: 'closed', private: true, auto_init: true } });
      assert.equal((await call(server, 'POST', '/repos/alice/closed/forks', { token: bob.token, body: {} })).status, 404);
    });
  });

  describe('transfers', () => {
    it('a user-to-user transfer waits for the recipient; accepting moves repository and files', async () => {
      await call(server, 'POST', '/user/repos', { token: alice.token, body: { name: 'gift', private: true, auto_init: true } });
      const started = await call(server, 'POST', '/repos/alice/gift/transfer', { token: alice.token, body: { new_owner: 'bob' } });
      assert.equal(started.status, 202, started.text);
      assert.equal(started.body.repo_transfer.recipient.login, 'bob');
      assert.equal(started.body.owner.login, 'alice', 'nothing moved yet');
      assert.equal((await call(server, 'POST', '/repos/alice/gift/transfer/accept', { token: bob.token })).status, 202);
      assert.equal((await call(server, 'GET', '/repos/bob/gift', { token: bob.token })).body.owner.login, 'bob');
      assert.equal((await call(server, 'GET', '/repos/alice/gift', { token: alice.token })).status, 404);
      assert.ok(existsSync(join(server.dataDir, 'repositories', 'bob', 'gift.git')));
      assert.ok(!existsSync(join(server.dataDir, 'repositories', 'alice', 'gift.git')));
      assert.equal((await sb.git(['clone', '-q', `${server.url}bob/gift.git`, 'gift-clone'])).code !== 0, true, 'still private');
    });

    it('rejecting cancels; only the recipient accepts; admins transfer at once', async () => {
      await call(server, 'POST', '/user/repos', { token: alice.token, body: { name: 'maybe' } });
      await call(server, 'POST', '/repos/alice/maybe/transfer', { token: alice.token, body: { new_owner: 'bob' } });
      assert.equal((await call(server, 'POST', '/repos/alice/maybe/transfer/accept', { token: alice.token })).status, 403);
      assert.equal((await call(server, 'POST', '/repos/alice/maybe/transfer/reject', { token: bob.token })).status, 200);
      assert.equal((await call(server, 'POST', '/repos/alice/maybe/transfer/accept', { token: bob.token })).status, 404);
      const now = await call(server, 'POST', '/repos/alice/maybe/transfer', { token: adminToken, body: { new_owner: 'bob' } });
      assert.equal(now.status, 202);
      assert.equal(now.body.owner.login, 'bob');
      assert.equal((await call(server, 'POST', '/repos/bob/maybe/transfer', { token: bob.token, body: { new_owner: 'nobody' } })).status, 404);
      assert.equal((await call(server, 'POST', '/repos/alice/known/transfer', { token: bob.token, body: { new_owner: 'bob' } })).status, 403);
    });
  });

  describe('templates', () => {
    it('generates a repository from a template: one fresh commit of its files, and its topics', async () => {
      await call(server, 'PATCH', '/repos/alice/known', { token: alice.token, body: { template: true } });
      await call(server, 'PUT', '/repos/alice/known/topics', { token: alice.token, body: { topics: ['starter'] } });
      const r = await call(server, 'POST', '/repos/alice/known/generate', { token: bob.token, body: { owner: 'bob', name: 'from-template', git_content: true, topics: true, private: true } });
      assert.equal(r.status, 201, r.text);
      assert.equal(r.body.private, true);
      assert.deepEqual(r.body.topics, ['starter']);
      const commits = await call(server, 'GET', '/repos/bob/from-template/commits', { token: bob.token });
      assert.equal(commits.body.length, 1, 'history is not carried over');
      assert.equal(commits.body[0].parents.length, 0);
      const files = await call(server, 'GET', '/repos/bob/from-template/contents', { token: bob.token });
      assert.ok(files.body.some((f: { name: string }) => f.name === 'docs'));
      const pack = await sb.git(['cat-file', '-e', known.firstCommit], { cwd: join(server.dataDir, 'repositories', 'bob', 'from-template.git') });
      assert.notEqual(pack.code, 0, 'the template history was pruned');
      assert.equal((await call(server, 'POST', '/repos/alice/closed/generate', { token: alice.token, body: { owner: 'alice', name: 'x' } })).status, 404, 'not a template');
      assert.equal((await call(server, 'POST', '/repos/alice/known/generate', { token: bob.token, body: { owner: 'alice', name: 'x' } })).status, 403);
    });
  });

  describe('languages, editorconfig, compare', () => {
    it('languages counts bytes per programming or markup language', async () => {
      await call(server, 'POST', '/repos/alice/known/contents', {
        token: alice.token,
        body: { files: [{ operation: 'create', path: 'src/main.go', content: b64('package main\n') }, { operation: 'create', path: 'node_modules/x/index.js', content: b64('vendored') }] },
      });
      const r = await call(server, 'GET', '/repos/alice/known/languages');
      assert.equal(r.status, 200);
      assert.equal(r.body.Go, 13);
      assert.equal(r.body.HTML, 26, 'markup counts');
      assert.equal(r.body.Markdown, undefined, 'prose does not');
      assert.equal(r.body.JavaScript, undefined, 'vendored code does not count');
    });

    it('editorconfig answers the properties of a path', async () => {
      assert.equal((await call(server, 'GET', '/repos/alice/known/editorconfig/README.md')).status, 404);
      await call(server, 'POST', '/repos/alice/known/contents/.editorconfig', { token: alice.token, body: { content: b64('root = true\n[*]\nindent_style = space\nindent_size = 2\n[*.go]\nindent_style = tab\n') } });
      const go = await call(server, 'GET', '/repos/alice/known/editorconfig/src/main.go');
      assert.equal(go.status, 200);
      assert.equal(go.body.indent_style, 'tab');
      assert.equal((await call(server, 'GET', '/repos/alice/known/editorconfig/README.md')).body.indent_size, 2);
    });

    it('compare lists the commits of head not in base', async () => {
      const r = await call(server, 'GET', '/repos/alice/known/compare/v1.0...main');
      assert.equal(r.status, 200);
      assert.ok(r.body.total_commits >= 3);
      assert.equal(r.body.commits.at(-1).sha, known.secondCommit);
      assert.equal((await call(server, 'GET', '/repos/alice/known/compare/main...v1.0')).body.total_commits, 0);
      assert.equal((await call(server, 'GET', '/repos/alice/known/compare/nonsense')).status, 422);
      assert.equal((await call(server, 'GET', '/repos/alice/known/compare/nope...main')).status, 404);
    });
  });
});
