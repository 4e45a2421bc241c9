import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { bootstrapAdmin } from '../../../helpers/fixtures.js';
import { authUrl, type GitSandbox } from '../../../helpers/git.js';
import { call } from '../../../helpers/http.js';
import { pushKnownRepo, type KnownRepo } from '../../../helpers/known-repo.js';
import { startServer, type TestServer } from '../../../helpers/server.js';
import { startWorld, type TestUser, type World } from '../../../helpers/world.js';

describe('migrations and mirrors', () => {
  let world: World;
  let server: TestServer;
  let adminToken: string;
  let alice: TestUser;
  let bob: TestUser;
  let sb: GitSandbox;
  let known: KnownRepo;

  before(async () => {
    // The sources live on this same server, on loopback: allowed here, refused by default.
    world = await startWorld(['alice', 'bob'], {
      migrations: { ALLOW_LOCALNETWORKS: true, BLOCKED_DOMAINS: '*.blocked.example' },
      mirror: { MIN_INTERVAL: '1s' },
      'cron.update_mirrors': { SCHEDULE: '@every 1s' },
    });
    ({ server, adminToken, sb } = world);
    alice = world.users.alice!;
    bob = world.users.bob!;
    known = await pushKnownRepo(server, sb, alice, 'source');
    await call(server, 'POST', '/user/repos', { token: alice.token, body: { name: 'secret-source', private: true, auto_init: true } });
  });
  after(() => world.close());

  const migrate = (token: string, body: Record<string, unknown>) => call(server, 'POST', '/repos/migrate', { token, body });
  const repoDir = (owner: string, name: string) => join(server.dataDir, 'repositories', owner, `${name}.git`);

  it('imports a public repository: branches, tags and content', async () => {
    const r = await migrate(bob.token, { clone_addr: `${server.url}alice/source.git`, repo_name: 'imported', service: 'git' });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.body.full_name, 'bob/imported');
    assert.equal(r.body.mirror, false);
    assert.equal(r.body.empty, false);
    assert.equal(r.body.original_url, `${server.url}alice/source.git`);
    const refs = (await sb.git(['ls-remote', `${server.url}bob/imported.git`])).stdout;
    assert.match(refs, new RegExp(`${known.secondCommit}\\s+refs/heads/main`));
    assert.match(refs, /refs\/tags\/v1\.0/);
    assert.doesNotMatch(readFileSync(join(repoDir('bob', 'imported'), 'config'), 'utf8'), /\[remote/, 'a plain import keeps no remote');
  });

  it('imports a private repository with credentials that are never stored or shown', async () => {
    const r = await migrate(bob.token, {
      clone_addr: `${server.url}alice/secret-source.git`,
      repo_name: 'private-import',
      auth_username: 'alice',
      auth_password: alice.password,
      private: true,
      mirror: true,
      mirror_interval: '0',
    });
    assert.equal(r.status, 201, r.text);
    assert.ok(!r.text.includes(alice.password));
    const config = readFileSync(join(repoDir('bob', 'private-import'), 'config'), 'utf8');
    assert.match(config, /url = http:\/\/127\.0\.0\.1:\d+\/alice\/secret-source\.git/);
    assert.ok(!config.includes(alice.password), 'no credentials in the stored remote');
    const rows = JSON.stringify([...(await server.query('SELECT * FROM repositories')), ...(await server.query('SELECT * FROM mirrors'))]);
    assert.ok(!rows.includes(alice.password), 'credentials are sealed in the database');

    const inUrl = await migrate(bob.token, { clone_addr: authUrl(`${server.url}alice/secret-source.git`, 'alice', alice.password), repo_name: 'url-creds' });
    assert.equal(inUrl.status, 201, inUrl.text);
    assert.equal(inUrl.body.original_url, `${server.url}alice/secret-source.git`);
  });

  it('a failed migration answers 422 with the reason and leaves nothing behind', async () => {
    const r = await migrate(bob.token, { clone_addr: `${server.url}alice/secret-source.git`, repo_name: 'wrong-creds', auth_username: 'alice', auth_password: 'not-it' });
    assert.equal(r.status, 422);
    assert.match(r.body.message, /migration failed/);
    assert.ok(!r.text.includes('not-it'));
    assert.equal((await call(server, 'GET', '/repos/bob/wrong-creds', { token: bob.token })).status, 404);
    assert.ok(!existsSync(repoDir('bob', 'wrong-creds')));
    const missing = await migrate(bob.token, { clone_addr: `${server.url}alice/nothing-here.git`, repo_name: 'missing' });
    assert.equal(missing.status, 422);
  });

  it('refuses other schemes, blocked domains, local paths for non-admins, taken names and foreign owners', async () => {
    assert.equal((await migrate(bob.token, { clone_addr: 'ftp://example.com/x.git', repo_name: 'a' })).status, 422);
    assert.equal((await migrate(bob.token, { clone_addr: 'ext::sh -c touch% /tmp/pwned', repo_name: 'a' })).status, 422);
    assert.equal((await migrate(bob.token, { clone_addr: 'https://git.blocked.example/x.git', repo_name: 'a' })).status, 422);
    assert.equal((await migrate(bob.token, { clone_addr: repoDir('alice', 'source'), repo_name: 'a' })).status, 403);
    assert.equal((await migrate(adminToken, { clone_addr: repoDir('alice', 'source'), repo_name: 'a' })).status, 403, 'IMPORT_LOCAL_PATHS is off');
    assert.equal((await migrate(bob.token, { clone_addr: `${server.url}alice/source.git`, repo_name: 'imported' })).status, 409);
    assert.equal((await migrate(bob.token, { clone_addr: `${server.url}alice/source.git`, repo_name: 'x', repo_owner: 'alice' })).status, 403);
    const gogs = await migrate(adminToken, { clone_addr: `${server.url}alice/source.git`, repo_name: 'for-alice', uid: alice.id });
    assert.equal(gogs.status, 201, gogs.text);
    assert.equal(gogs.body.owner.login, 'alice');
  });

  it('refuses loopback and private addresses unless ALLOW_LOCALNETWORKS', async () => {
    const strict = await startServer();
    try {
      const token = await bootstrapAdmin(strict);
      for (const addr of [`${server.url}alice/source.git`, 'http://10.1.2.3/x.git', 'http://[::1]/x.git', 'http://localhost/x.git']) {
        const r = await call(strict, 'POST', '/repos/migrate', { token, body: { clone_addr: addr, repo_name: 'nope' } });
        assert.equal(r.status, 422, addr);
        assert.match(r.body.message, /disallowed hosts/);
      }
    } finally {
      await strict.stop();
    }
  });

  describe('mirrors', () => {
    it('a mirror follows its source: on request and on its interval; pushes to it are refused', async () => {
      const r = await migrate(bob.token, { clone_addr: `${server.url}alice/source.git`, repo_name: 'mirror', mirror: true, mirror_interval: '1h' });
      assert.equal(r.status, 201, r.text);
      assert.equal(r.body.mirror, true);
      assert.equal(r.body.mirror_interval, '1h0m0s');

      // A new commit on the source...
      const w = join(sb.dir, 'mirror-work');
      await sb.git(['clone', '-q', `${server.url}alice/source.git`, w]);
      writeFileSync(join(w, 'new.txt'), 'new\n');
      await sb.git(['add', '.'], { cwd: w });
      await sb.git(['commit', '-qm', 'new upstream commit'], { cwd: w });
      await sb.git(['push', '-q', authUrl(`${server.url}alice/source.git`, 'alice', alice.password), 'HEAD:main'], { cwd: w });
      const head = (await sb.git(['rev-parse', 'HEAD'], { cwd: w })).stdout.trim();

      // ...reaches the mirror when asked.
      assert.equal((await call(server, 'POST', '/repos/bob/mirror/mirror-sync', { token: bob.token })).status, 200);
      const branch = await call(server, 'GET', '/repos/bob/mirror/branches/main');
      assert.equal(branch.body.commit.id, head);

      // ...and on its own once the interval is short.
      assert.equal((await call(server, 'PATCH', '/repos/bob/mirror', { token: bob.token, body: { mirror_interval: '1s' } })).status, 200);
      writeFileSync(join(w, 'newer.txt'), 'newer\n');
      await sb.git(['add', '.'], { cwd: w });
      await sb.git(['commit', '-qm', 'another upstream commit'], { cwd: w });
      await sb.git(['push', '-q', authUrl(`${server.url}alice/source.git`, 'alice', alice.password), 'HEAD:main'], { cwd: w });
      const newer = (await sb.git(['rev-parse', 'HEAD'], { cwd: w })).stdout.trim();
      let synced = '';
      for (let i = 0; i < 50 && synced !== newer; i++) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        synced = (await call(server, 'GET', '/repos/bob/mirror/branches/main')).body.commit.id;
      }
      assert.equal(synced, newer, 'the scheduler synced the mirror');

      const push = await sb.git(['push', '-q', authUrl(`${server.url}bob/mirror.git`, 'bob', bob.password), 'HEAD:main'], { cwd: w });
      assert.notEqual(push.code, 0);
    });

    it('mirror-sync on a non-mirror is 400; intervals below MIN_INTERVAL are 422', async () => {
      assert.equal((await call(server, 'POST', '/repos/bob/imported/mirror-sync', { token: bob.token })).status, 400);
      assert.equal((await call(server, 'PATCH', '/repos/bob/mirror', { token: bob.token, body: { mirror_interval: '10ms' } })).status, 422);
      assert.equal((await call(server, 'PATCH', '/repos/bob/imported', { token: bob.token, body: { mirror_interval: '1h' } })).status, 422);
    });
  });

  describe('push mirrors', () => {
    it('pushes every ref to the remote on request and after each push, with sealed credentials', async () => {
      await call(server, 'POST', '/user/repos', { token: bob.token, body: { name: 'push-target', private: true } });
      const created = await call(server, 'POST', '/repos/alice/source/push_mirrors', {
        token: alice.token,
        body: { remote_address: `${server.url}bob/push-target.git`, remote_username: 'bob', remote_password: bob.password, interval: '0', sync_on_commit: true },
      });
      assert.equal(created.status, 200, created.text);
      assert.match(created.body.remote_name, /^remote_mirror_/);
      assert.equal(created.body.remote_address, `${server.url}bob/push-target.git`);
      assert.ok(!JSON.stringify(await server.query('SELECT * FROM push_mirrors')).includes(bob.password));

      assert.equal((await call(server, 'POST', '/repos/alice/source/push_mirrors-sync', { token: alice.token })).status, 200);
      const target = async () => (await sb.git(['ls-remote', authUrl(`${server.url}bob/push-target.git`, 'bob', bob.password), 'refs/heads/main'])).stdout.split('\t')[0];
      const source = async () => (await sb.git(['ls-remote', `${server.url}alice/source.git`, 'refs/heads/main'])).stdout.split('\t')[0];
      assert.equal(await target(), await source());

      const w = join(sb.dir, 'push-mirror-work');
      await sb.git(['clone', '-q', `${server.url}alice/source.git`, w]);
      writeFileSync(join(w, 'mirrored.txt'), 'x\n');
      await sb.git(['add', '.'], { cwd: w });
      await sb.git(['commit', '-qm', 'to be mirrored'], { cwd: w });
      await sb.git(['push', '-q', authUrl(`${server.url}alice/source.git`, 'alice', alice.password), 'HEAD:main'], { cwd: w });
      const head = (await sb.git(['rev-parse', 'HEAD'], { cwd: w })).stdout.trim();
      let mirrored = '';
      for (let i = 0; i < 50 && mirrored !== head; i++) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        mirrored = (await target()) ?? '';
      }
      assert.equal(mirrored, head, 'sync_on_commit pushed the new commit');

      const list = await call(server, 'GET', '/repos/alice/source/push_mirrors', { token: alice.token });
      assert.equal(list.body.length, 1);
      assert.equal(list.body[0].last_error, '');
      assert.equal((await call(server, 'GET', `/repos/alice/source/push_mirrors/${created.body.remote_name}`, { token: alice.token })).status, 200);
      assert.equal((await call(server, 'GET', '/repos/alice/source/push_mirrors', { token: bob.token })).status, 403);
      assert.equal((await call(server, 'DELETE', `/repos/alice/source/push_mirrors/${created.body.remote_name}`, { token: alice.token })).status, 204);
      assert.equal((await call(server, 'DELETE', `/repos/alice/source/push_mirrors/${created.body.remote_name}`, { token: alice.token })).status, 404);
    });

    it('records push failures on the mirror instead of failing the request', async () => {
      const created = await call(server, 'POST', '/repos/alice/source/push_mirrors', { token: alice.token, body: { remote_address: `${server.url}bob/nothing.git`, interval: '0' } });
      assert.equal(created.status, 200);
      assert.equal((await call(server, 'POST', '/repos/alice/source/push_mirrors-sync', { token: alice.token })).status, 200);
      const [mirror] = (await call(server, 'GET', '/repos/alice/source/push_mirrors', { token: alice.token })).body;
      assert.notEqual(mirror.last_error, '');
      assert.equal((await call(server, 'POST', '/repos/alice/source/push_mirrors', { token: alice.token, body: { remote_address: 'ftp://x/y.git' } })).status, 422);
    });
  });
});
