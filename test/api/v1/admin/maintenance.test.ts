import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { bootstrapAdmin, createUser } from '../../../helpers/fixtures.js';
import { call } from '../../../helpers/http.js';
import { startServer, type TestServer } from '../../../helpers/server.js';

describe('admin: e-mails and cron', () => {
  let server: TestServer;
  let adminToken: string;
  let alice: Awaited<ReturnType<typeof createUser>>;

  before(async () => {
    server = await startServer();
    adminToken = await bootstrapAdmin(server);
    alice = await createUser(server, adminToken, { username: 'alice' });
    await call(server, 'POST', '/user/emails', { token: alice.token, body: { emails: ['alice@second.example'] } });
    await call(server, 'POST', '/user/repos', { token: alice.token, body: { name: 'checked', auto_init: true } });
  });
  after(() => server.stop());

  it('lists and searches every e-mail address (admins only)', async () => {
    const all = await call(server, 'GET', '/admin/emails', { token: adminToken });
    assert.equal(all.status, 200);
    const emails = all.body.map((e: { email: string }) => e.email);
    assert.ok(emails.includes('alice@example.com') && emails.includes('alice@second.example') && emails.includes('root@example.com'));
    const found = await call(server, 'GET', '/admin/emails/search?q=second', { token: adminToken });
    assert.deepEqual(found.body, [{ email: 'alice@second.example', verified: true, primary: false, user_id: alice.id, username: 'alice' }]);
    assert.equal((await call(server, 'GET', '/admin/emails', { token: alice.token })).status, 403);
  });

  it('lists cron tasks and runs one on demand', async () => {
    const list = await call(server, 'GET', '/admin/cron', { token: adminToken });
    assert.deepEqual(list.body.map((t: { name: string }) => t.name).sort(), ['cleanup_hook_task_table', 'git_fsck', 'update_mirrors']);
    const fsck = list.body.find((t: { name: string }) => t.name === 'git_fsck');
    assert.equal(fsck.exec_times, 0);
    assert.equal(fsck.schedule, '@every 24h0m0s');
    assert.equal((await call(server, 'POST', '/admin/cron/git_fsck', { token: adminToken })).status, 204);
    let runs = 0;
    for (let i = 0; i < 50 && runs === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      runs = (await call(server, 'GET', '/admin/cron', { token: adminToken })).body.find((t: { name: string }) => t.name === 'git_fsck').exec_times;
    }
    assert.equal(runs, 1);
    assert.equal((await call(server, 'POST', '/admin/cron/nothing', { token: adminToken })).status, 404);
    assert.equal((await call(server, 'POST', '/admin/cron/git_fsck', { token: alice.token })).status, 403);
  });

  it('lists, adopts and deletes repositories found on disk without a database row', async () => {
    const root = join(server.dataDir, 'repositories', 'alice');
    for (const name of ['found', 'junk']) {
      execFileSync('git', ['init', '--quiet', '--bare', '-b', 'trunk', join(root, `${name}.git`)]);
    }
    const seed = join(server.dataDir, 'seed');
    execFileSync('git', ['init', '--quiet', '-b', 'trunk', seed]);
    execFileSync('git', ['-C', seed, '-c', 'user.name=T', '-c', 'user.email=t@example.com', 'commit', '--quiet', '--allow-empty', '-m', 'seed']);
    execFileSync('git', ['-C', seed, 'push', '--quiet', join(root, 'found.git'), 'trunk']);

    const list = await call(server, 'GET', '/admin/unadopted', { token: adminToken });
    assert.deepEqual(list.body, ['alice/found', 'alice/junk']);
    assert.deepEqual((await call(server, 'GET', '/admin/unadopted?pattern=jun', { token: adminToken })).body, ['alice/junk']);
    assert.equal((await call(server, 'POST', '/admin/unadopted/alice/found', { token: adminToken })).status, 204);
    const adopted = await call(server, 'GET', '/repos/alice/found', { token: alice.token });
    assert.equal(adopted.status, 200);
    assert.equal(adopted.body.default_branch, 'trunk');
    assert.equal(adopted.body.empty, false);
    assert.equal((await call(server, 'DELETE', '/admin/unadopted/alice/junk', { token: adminToken })).status, 204);
    assert.ok(!existsSync(join(root, 'junk.git')));
    assert.deepEqual((await call(server, 'GET', '/admin/unadopted', { token: adminToken })).body, []);
    assert.equal((await call(server, 'POST', '/admin/unadopted/alice/checked', { token: adminToken })).status, 404, 'a known repository is not unadopted');
    assert.equal((await call(server, 'GET', '/admin/unadopted', { token: alice.token })).status, 403);
  });
});
