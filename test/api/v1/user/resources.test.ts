import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { bootstrapAdmin, createUser } from '../../../helpers/fixtures.js';
import { call } from '../../../helpers/http.js';
import { startServer, type TestServer } from '../../../helpers/server.js';

describe("the user's own e-mails, follows and settings", () => {
  let server: TestServer;
  let adminToken: string;
  let alice: Awaited<ReturnType<typeof createUser>>;
  let bob: Awaited<ReturnType<typeof createUser>>;

  before(async () => {
    server = await startServer();
    adminToken = await bootstrapAdmin(server);
    alice = await createUser(server, adminToken, { username: 'alice' });
    bob = await createUser(server, adminToken, { username: 'bob' });
  });
  after(() => server.stop());

  describe('e-mails', () => {
    it('lists the primary address, adds others (201), deletes them (204)', async () => {
      const initial = await call(server, 'GET', '/user/emails', { token: alice.token });
      assert.deepEqual(initial.body, [{ email: alice.email, verified: true, primary: true, user_id: alice.id, username: 'alice' }]);
      const added = await call(server, 'POST', '/user/emails', { token: alice.token, body: { emails: ['alice@work.example', 'Alice@Home.example'] } });
      assert.equal(added.status, 201, added.text);
      assert.deepEqual(added.body.map((e: { email: string }) => e.email), [alice.email, 'alice@work.example', 'Alice@Home.example']);
      assert.equal((await call(server, 'DELETE', '/user/emails', { token: alice.token, body: { emails: ['alice@work.example'] } })).status, 204);
      assert.equal((await call(server, 'GET', '/user/emails', { token: alice.token })).body.length, 2);
    });

    it('refuses taken, invalid and primary addresses; all or nothing', async () => {
      const taken = await call(server, 'POST', '/user/emails', { token: bob.token, body: { emails: ['bob-new@example.com', 'ALICE@HOME.EXAMPLE'] } });
      assert.equal(taken.status, 422);
      assert.match(taken.body.message, /already in use/);
      assert.equal((await call(server, 'GET', '/user/emails', { token: bob.token })).body.length, 1, 'nothing half-written');
      assert.equal((await call(server, 'POST', '/user/emails', { token: bob.token, body: { emails: ['not-an-email'] } })).status, 422);
      assert.equal((await call(server, 'POST', '/user/emails', { token: bob.token, body: { emails: [alice.email] } })).status, 422);
      assert.equal((await call(server, 'DELETE', '/user/emails', { token: bob.token, body: { emails: ['nobody@example.com'] } })).status, 404);
      assert.equal((await call(server, 'DELETE', '/user/emails', { token: bob.token, body: { emails: [bob.email] } })).status, 422);
      const reuse = await call(server, 'POST', '/admin/users', { token: adminToken, body: { username: 'thief', email: 'alice@home.example', password: 'password-123' } });
      assert.equal(reuse.status, 422, 'additional addresses are unique across accounts too');
    });
  });

  describe('follows', () => {
    it('follow, check, list both ways with counts, unfollow', async () => {
      assert.equal((await call(server, 'PUT', '/user/following/bob', { token: alice.token })).status, 204);
      assert.equal((await call(server, 'PUT', '/user/following/bob', { token: alice.token })).status, 204, 'following twice is harmless');
      assert.equal((await call(server, 'GET', '/user/following/bob', { token: alice.token })).status, 204);
      assert.equal((await call(server, 'GET', '/users/alice/following/bob')).status, 204);
      assert.equal((await call(server, 'GET', '/users/bob/following/alice')).status, 404);
      assert.deepEqual((await call(server, 'GET', '/user/following', { token: alice.token })).body.map((u: { login: string }) => u.login), ['bob']);
      assert.deepEqual((await call(server, 'GET', '/users/bob/followers')).body.map((u: { login: string }) => u.login), ['alice']);
      assert.deepEqual((await call(server, 'GET', '/user/followers', { token: bob.token })).body.map((u: { login: string }) => u.login), ['alice']);
      assert.equal((await call(server, 'GET', '/users/bob')).body.followers_count, 1);
      assert.equal((await call(server, 'GET', '/users/alice')).body.following_count, 1);
      assert.equal((await call(server, 'GET', '/user', { token: alice.token })).body.following_count, 1, 'the caller sees their own counters at once');
      assert.equal((await call(server, 'DELETE', '/user/following/bob', { token: alice.token })).status, 204);
      assert.equal((await call(server, 'GET', '/users/bob')).body.followers_count, 0);
      assert.equal((await call(server, 'GET', '/user', { token: alice.token })).body.following_count, 0);
      assert.equal((await call(server, 'PUT', '/user/following/alice', { token: alice.token })).status, 422);
      assert.equal((await call(server, 'PUT', '/user/following/nobody', { token: alice.token })).status, 404);
    });
  });

  describe('settings', () => {
    it('reads and updates settings; hide_email hides the address from others', async () => {
      const before = await call(server, 'GET', '/user/settings', { token: bob.token });
      assert.equal(before.status, 200);
      assert.deepEqual(Object.keys(before.body).sort(), ['description', 'diff_view_style', 'full_name', 'hide_activity', 'hide_email', 'language', 'location', 'theme', 'website']);
      const r = await call(server, 'PATCH', '/user/settings', { token: bob.token, body: { full_name: 'Bob B', theme: 'gitea-dark', hide_email: true, website: 'https://bob.example' } });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.full_name, 'Bob B');
      assert.equal(r.body.theme, 'gitea-dark');
      assert.equal(r.body.hide_email, true);
      assert.equal((await call(server, 'GET', '/users/bob', { token: alice.token })).body.email, 'bob@noreply.127.0.0.1');
      assert.equal((await call(server, 'PATCH', '/user/settings', { token: bob.token, body: { website: 'javascript:1' } })).status, 422);
    });
  });
});
