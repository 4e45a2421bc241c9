import assert from 'node:assert/strict';
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
    assert.deepEqual(list.body.map((t: { name: string }) => t.name).sort(), ['git_fsck', 'update_mirrors']);
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
});
