import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { bootstrapAdmin, createUser } from '../../../helpers/fixtures.js';
import { gitSandbox, type GitSandbox } from '../../../helpers/git.js';
import { call } from '../../../helpers/http.js';
import { startServer, type TestServer } from '../../../helpers/server.js';

// Gitea 1.22's Repository properties, read from the reference document: none may be missing.
const GITEA_REPOSITORY_FIELDS = Object.keys(
  (JSON.parse(readFileSync(new URL('../../../../../../shared/reference/gitea-1.22-swagger.v1.json', import.meta.url), 'utf8')) as {
    definitions: Record<string, { properties: Record<string, unknown> }>;
  }).definitions.Repository!.properties,
);
// Sent only when they apply (Gitea's omitempty): a fork's parent, trackers, a pending transfer.
const OPTIONAL_FIELDS = new Set(['parent', 'internal_tracker', 'external_tracker', 'external_wiki', 'repo_transfer']);

describe('repositories', () => {
  let server: TestServer;
  let adminToken: string;
  let alice: Awaited<ReturnType<typeof createUser>>;
  let bob: Awaited<ReturnType<typeof createUser>>;
  let sandbox: GitSandbox;

  before(async () => {
    server = await startServer();
    adminToken = await bootstrapAdmin(server);
    alice = await createUser(server, adminToken, { username: 'alice', full_name: 'Alice A' });
    bob = await createUser(server, adminToken, { username: 'bob' });
    sandbox = await gitSandbox();
  });
  after(async () => {
    await server.stop();
    await sandbox.dispose();
  });

  const create = (token: string, body: Record<string, unknown>) => call(server, 'POST', '/user/repos', { token, body });
  const repoDir = (owner: string, name: string) => join(server.dataDir, 'repositories', owner, `${name}.git`);

  describe('create', () => {
    it("answers 201 with every field of Gitea's Repository", async () => {
      const r = await create(alice.token, { name: 'Plain', description: 'A plain repo' });
      assert.equal(r.status, 201, r.text);
      for (const field of GITEA_REPOSITORY_FIELDS) {
        if (!OPTIONAL_FIELDS.has(field)) assert.ok(field in r.body, `missing ${field}`);
      }
      assert.equal(r.body.full_name, 'alice/Plain');
      assert.equal(r.body.empty, true);
      assert.equal(r.body.default_branch, 'main');
      assert.equal(r.body.clone_url, `${server.url}alice/Plain.git`);
      assert.equal(r.body.html_url, `${server.url}alice/Plain`);
      assert.equal(r.body.url, `${server.url}api/v1/repos/alice/Plain`);
      assert.match(r.body.ssh_url, /^git@127\.0\.0\.1:alice\/Plain\.git$/);
      assert.deepEqual(r.body.permissions, { admin: true, push: true, pull: true });
      assert.equal(r.body.owner.login, 'alice');
      assert.ok(r.body.internal_tracker, 'issues are on with the internal tracker');
      assert.ok(existsSync(join(repoDir('alice', 'plain'), 'HEAD')), 'a bare repository on disk, lower-cased');
    });

    it('auto_init writes README (placeholders filled), .gitignore and LICENSE from the shipped templates', async () => {
      const r = await create(alice.token, { name: 'inited', description: 'Has files', auto_init: true, gitignores: 'Node', license: 'MIT', readme: 'Default', default_branch: 'trunk' });
      assert.equal(r.status, 201, r.text);
      assert.equal(r.body.empty, false);
      assert.equal(r.body.default_branch, 'trunk');
      assert.ok(r.body.size > 0);
      const clone = await sandbox.git(['clone', '-q', r.body.clone_url, 'inited']);
      assert.equal(clone.code, 0, clone.stderr);
      const read = (f: string) => readFileSync(join(sandbox.dir, 'inited', f), 'utf8');
      assert.equal(read('README.md'), '# inited\n\nHas files\n');
      assert.match(read('.gitignore'), /node_modules/);
      assert.match(read('LICENSE'), /MIT License/);
      assert.match(read('LICENSE'), new RegExp(`Copyright \\(c\\) ${new Date().getUTCFullYear()} Alice A`));
      const branch = await sandbox.git(['rev-parse', '--abbrev-ref', 'HEAD'], { cwd: join(sandbox.dir, 'inited') });
      assert.equal(branch.stdout.trim(), 'trunk');
    });

    it('an unknown template is 422 and leaves nothing behind', async () => {
      const r = await create(alice.token, { name: 'badtemplate', auto_init: true, license: 'NOT-A-LICENSE' });
      assert.equal(r.status, 422);
      assert.match(r.body.message, /unknown license/);
      assert.equal((await call(server, 'GET', '/repos/alice/badtemplate', { token: alice.token })).status, 404);
      assert.ok(!existsSync(repoDir('alice', 'badtemplate')));
    });

    it('refuses invalid and reserved names (422) and duplicates, case-insensitively (409)', async () => {
      for (const name of ['.', '..', 'bad name', 'x.git', 'wiki.wiki', 'a/b', 'é', 'x'.repeat(101)]) {
        const r = await create(alice.token, { name });
        assert.equal(r.status, 422, `${name}: ${r.text}`);
      }
      const dup = await create(alice.token, { name: 'PLAIN' });
      assert.equal(dup.status, 409);
      assert.equal((await create(alice.token, { name: 'okname', default_branch: 'bad..branch' })).status, 422);
      assert.equal((await create(alice.token, {})).status, 422);
    });

    it('admins create repositories for other users; others may not', async () => {
      const r = await call(server, 'POST', '/admin/users/bob/repos', { token: adminToken, body: { name: 'given', private: true } });
      assert.equal(r.status, 201, r.text);
      assert.equal(r.body.owner.login, 'bob');
      assert.equal(r.body.private, true);
      assert.equal((await call(server, 'POST', '/admin/users/bob/repos', { token: alice.token, body: { name: 'nope' } })).status, 403);
      assert.equal((await call(server, 'POST', '/admin/users/nobody/repos', { token: adminToken, body: { name: 'nope' } })).status, 404);
    });

    it('anonymous callers and tokens without write:repository cannot create', async () => {
      assert.equal((await call(server, 'POST', '/user/repos', { body: { name: 'anon' } })).status, 401);
      const readOnly = await call(server, 'POST', `/users/alice/tokens`, { basic: ['alice', alice.password], body: { name: 'ro', scopes: ['read:repository'] } });
      const r = await create(readOnly.body.sha1, { name: 'readonly' });
      assert.equal(r.status, 403);
    });
  });

  describe('read and visibility', () => {
    before(async () => {
      await create(alice.token, { name: 'secret', private: true });
    });

    it('GET by owner/name (case-insensitive) and by id', async () => {
      const byName = await call(server, 'GET', '/repos/ALICE/plain');
      assert.equal(byName.status, 200);
      assert.deepEqual(byName.body.permissions, { admin: false, push: false, pull: true });
      const byId = await call(server, 'GET', `/repositories/${byName.body.id}`);
      assert.equal(byId.body.full_name, 'alice/Plain');
    });

    it('private repositories answer 404 to anyone who may not see them', async () => {
      assert.equal((await call(server, 'GET', '/repos/alice/secret')).status, 404);
      assert.equal((await call(server, 'GET', '/repos/alice/secret', { token: bob.token })).status, 404);
      const own = await call(server, 'GET', '/repos/alice/secret', { token: alice.token });
      assert.equal(own.status, 200);
      assert.equal((await call(server, 'GET', `/repositories/${own.body.id}`, { token: bob.token })).status, 404);
      assert.equal((await call(server, 'GET', '/repos/alice/secret', { token: adminToken })).status, 200);
    });

    it('a public-only token does not see private repositories', async () => {
      const t = await call(server, 'POST', '/users/alice/tokens', { basic: ['alice', alice.password], body: { name: 'pub', scopes: ['read:repository', 'public-only'] } });
      assert.equal((await call(server, 'GET', '/repos/alice/secret', { token: t.body.sha1 })).status, 404);
      assert.equal((await call(server, 'GET', '/repos/alice/plain', { token: t.body.sha1 })).status, 200);
    });
  });

  describe('lists and search', () => {
    before(async () => {
      for (let i = 0; i < 3; i++) await create(bob.token, { name: `bob-list-${i}`, description: i === 1 ? 'needle in description' : '' });
      await create(bob.token, { name: 'bob-hidden', private: true });
      await create(bob.token, { name: 'bob-template', template: true });
    });

    it('GET /user/repos lists own repositories, private ones included', async () => {
      const r = await call(server, 'GET', '/user/repos?limit=50', { token: bob.token });
      const names = r.body.map((x: { name: string }) => x.name);
      assert.ok(names.includes('bob-hidden') && names.includes('given'));
      assert.equal(Number(r.headers.get('x-total-count')), names.length);
    });

    it("GET /users/{username}/repos lists what the caller may see", async () => {
      const anon = (await call(server, 'GET', '/users/bob/repos?limit=50')).body.map((x: { name: string }) => x.name);
      assert.ok(!anon.includes('bob-hidden') && !anon.includes('given'));
      assert.ok(anon.includes('bob-list-0'));
      const own = (await call(server, 'GET', '/users/bob/repos?limit=50', { token: bob.token })).body.map((x: { name: string }) => x.name);
      assert.ok(own.includes('bob-hidden'));
      assert.equal((await call(server, 'GET', '/users/nobody/repos')).status, 404);
    });

    it('GET /repos/search: keyword, description, visibility in SQL, pagination headers', async () => {
      const r = await call(server, 'GET', '/repos/search?q=bob-list&limit=2');
      assert.equal(r.status, 200);
      assert.equal(r.body.ok, true);
      assert.equal(r.body.data.length, 2);
      assert.equal(r.headers.get('x-total-count'), '3');
      assert.match(r.headers.get('link') ?? '', /rel="next"/);
      const desc = await call(server, 'GET', '/repos/search?q=needle&includeDesc=true');
      assert.deepEqual(desc.body.data.map((x: { name: string }) => x.name), ['bob-list-1']);
      assert.equal((await call(server, 'GET', '/repos/search?q=needle')).body.data.length, 0);
      const hiddenAnon = await call(server, 'GET', '/repos/search?q=bob-hidden');
      assert.equal(hiddenAnon.body.data.length, 0);
      const hiddenOwn = await call(server, 'GET', '/repos/search?q=bob-hidden', { token: bob.token });
      assert.equal(hiddenOwn.body.data.length, 1);
      const noPrivate = await call(server, 'GET', '/repos/search?q=bob-hidden&private=false', { token: bob.token });
      assert.equal(noPrivate.body.data.length, 0);
    });

    it('search filters: uid, exclusive, is_private, template, sort and order', async () => {
      const mine = await call(server, 'GET', `/repos/search?uid=${bob.id}&exclusive=true&limit=50`, { token: bob.token });
      assert.ok(mine.body.data.every((x: { owner: { login: string } }) => x.owner.login === 'bob'));
      const priv = await call(server, 'GET', '/repos/search?is_private=true&limit=50', { token: bob.token });
      assert.ok(priv.body.data.length > 0 && priv.body.data.every((x: { private: boolean }) => x.private));
      const noTemplates = await call(server, 'GET', '/repos/search?q=bob&template=false&limit=50');
      assert.ok(!noTemplates.body.data.some((x: { name: string }) => x.name === 'bob-template'));
      const desc = await call(server, 'GET', '/repos/search?q=bob-list&sort=alpha&order=desc');
      assert.deepEqual(desc.body.data.map((x: { name: string }) => x.name), ['bob-list-2', 'bob-list-1', 'bob-list-0']);
      assert.equal((await call(server, 'GET', '/repos/search?sort=nonsense')).status, 422);
    });
  });

  describe('edit', () => {
    it('changes settings and renames (the old name is gone, the files moved)', async () => {
      await create(alice.token, { name: 'to-edit', auto_init: true });
      const r = await call(server, 'PATCH', '/repos/alice/to-edit', {
        token: alice.token,
        body: { name: 'edited', description: 'new', website: 'https://example.org', private: true, has_wiki: false, allow_squash_merge: false },
      });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.name, 'edited');
      assert.equal(r.body.private, true);
      assert.equal(r.body.has_wiki, false);
      assert.equal(r.body.allow_squash_merge, false);
      assert.equal(r.body.website, 'https://example.org');
      assert.equal((await call(server, 'GET', '/repos/alice/to-edit', { token: alice.token })).status, 404);
      assert.ok(existsSync(repoDir('alice', 'edited')) && !existsSync(repoDir('alice', 'to-edit')));
    });

    it('default_branch must exist; external tracker replaces the internal one', async () => {
      assert.equal((await call(server, 'PATCH', '/repos/alice/edited', { token: alice.token, body: { default_branch: 'nope' } })).status, 404);
      const tracker = await call(server, 'PATCH', '/repos/alice/edited', {
        token: alice.token,
        body: { external_tracker: { external_tracker_url: 'https://tracker.example', external_tracker_format: 'https://tracker.example/{index}', external_tracker_style: 'numeric' } },
      });
      assert.equal(tracker.status, 200);
      assert.equal(tracker.body.external_tracker.external_tracker_url, 'https://tracker.example');
      assert.equal(tracker.body.internal_tracker, undefined);
      assert.equal((await call(server, 'PATCH', '/repos/alice/edited', { token: alice.token, body: { website: 'ftp://x' } })).status, 422);
    });

    it("Gogs's PATCH /issue-tracker answers 204", async () => {
      const r = await call(server, 'PATCH', '/repos/alice/edited/issue-tracker', { token: alice.token, body: { enable_issues: false } });
      assert.equal(r.status, 204);
      assert.equal((await call(server, 'GET', '/repos/alice/edited', { token: alice.token })).body.has_issues, false);
    });

    it('only admins of the repository may edit: others get 403, or 404 when they cannot see it', async () => {
      assert.equal((await call(server, 'PATCH', '/repos/alice/Plain', { token: bob.token, body: { description: 'x' } })).status, 403);
      assert.equal((await call(server, 'PATCH', '/repos/alice/edited', { token: bob.token, body: { description: 'x' } })).status, 404);
      assert.equal((await call(server, 'PATCH', '/repos/alice/Plain', { body: { description: 'x' } })).status, 401);
    });

    it('renaming onto a taken name is 409', async () => {
      const r = await call(server, 'PATCH', '/repos/alice/edited', { token: alice.token, body: { name: 'plain' } });
      assert.equal(r.status, 409);
    });

    it('a refused edit changes nothing, not even the parts that were valid', async () => {
      await create(alice.token, { name: 'atomic', auto_init: true, description: 'before' });
      await call(server, 'POST', '/repos/alice/atomic/branches', { token: alice.token, body: { new_branch_name: 'other' } });
      const r = await call(server, 'PATCH', '/repos/alice/atomic', { token: alice.token, body: { default_branch: 'other', description: 'after', name: 'bad name' } });
      assert.equal(r.status, 422);
      const now = await call(server, 'GET', '/repos/alice/atomic', { token: alice.token });
      assert.equal(now.body.default_branch, 'main');
      assert.equal(now.body.description, 'before');
      const head = await sandbox.git(['symbolic-ref', 'HEAD'], { cwd: repoDir('alice', 'atomic') });
      assert.equal(head.stdout.trim(), 'refs/heads/main');
    });
  });

  describe('delete', () => {
    it('removes the row and the files; the owner or an admin only', async () => {
      await create(alice.token, { name: 'doomed', auto_init: true });
      assert.ok(existsSync(repoDir('alice', 'doomed')));
      assert.equal((await call(server, 'DELETE', '/repos/alice/doomed', { token: bob.token })).status, 403);
      assert.equal((await call(server, 'DELETE', '/repos/alice/doomed', { token: alice.token })).status, 204);
      assert.equal((await call(server, 'GET', '/repos/alice/doomed', { token: alice.token })).status, 404);
      assert.ok(!existsSync(repoDir('alice', 'doomed')));
      assert.equal((await call(server, 'DELETE', '/repos/alice/doomed', { token: alice.token })).status, 404);
    });
  });

  describe('owners', () => {
    it('renaming a user moves their repositories: clone URLs follow the new name', async () => {
      const carol = await createUser(server, adminToken, { username: 'carol' });
      await create(carol.token, { name: 'moving', auto_init: true });
      assert.equal((await call(server, 'POST', '/admin/users/carol/rename', { token: adminToken, body: { new_username: 'caroline' } })).status, 204);
      const repo = await call(server, 'GET', '/repos/caroline/moving');
      assert.equal(repo.status, 200);
      assert.equal(repo.body.clone_url, `${server.url}caroline/moving.git`);
      assert.equal((await sandbox.git(['clone', '-q', repo.body.clone_url, 'moved-clone'])).code, 0);
      assert.ok(existsSync(repoDir('caroline', 'moving')) && !existsSync(repoDir('carol', 'moving')));
    });

    it('deleting a user who owns repositories is 422 unless purge=true, which removes them too', async () => {
      const dave = await createUser(server, adminToken, { username: 'dave' });
      await create(dave.token, { name: 'left-behind', auto_init: true });
      const refused = await call(server, 'DELETE', '/admin/users/dave', { token: adminToken });
      assert.equal(refused.status, 422);
      assert.match(refused.body.message, /ownership of repositories/);
      assert.equal((await call(server, 'DELETE', '/admin/users/dave?purge=true', { token: adminToken })).status, 204);
      assert.equal((await call(server, 'GET', '/users/dave', { token: adminToken })).status, 404);
      assert.ok(!existsSync(repoDir('dave', 'left-behind')));
    });
  });
});
