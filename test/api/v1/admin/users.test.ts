import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ADMIN, bootstrapAdmin, createUser } from '../../../helpers/fixtures.js';
import { call } from '../../../helpers/http.js';
import { startServer, type TestServer } from '../../../helpers/server.js';

describe('admin: users', () => {
  let server: TestServer;
  let adminToken: string;
  let plain: Awaited<ReturnType<typeof createUser>>;

  before(async () => {
    server = await startServer();
    adminToken = await bootstrapAdmin(server);
    plain = await createUser(server, adminToken);
  });
  after(() => server.stop());

  const create = (body: Record<string, unknown>, token = adminToken) => call(server, 'POST', '/admin/users', { token, body });

  it('creates a user (201); the admin sees account details', async () => {
    const r = await create({ username: 'newbie', email: 'Newbie@Example.com', password: 'password-123', full_name: 'New Bie', visibility: 'limited' });
    assert.equal(r.status, 201);
    assert.equal(r.body.login, 'newbie');
    assert.equal(r.body.email, 'Newbie@Example.com');
    assert.equal(r.body.visibility, 'limited');
    assert.equal(r.body.active, true);
    assert.equal(r.body.is_admin, false);
  });

  it("defaults must_change_password to true, as Gitea does", async () => {
    await create({ username: 'temp-pass', email: 'temp@example.com', password: 'password-123' });
    const r = await call(server, 'GET', '/user', { basic: ['temp-pass', 'password-123'] });
    assert.equal(r.status, 403);
  });

  it('refuses invalid names with 422 and the reason', async () => {
    for (const [username, pattern] of [
      ['admin', /reserved/],
      ['api', /reserved/],
      ['robots.txt', /reserved/],
      ['bob.keys', /pattern is not allowed/],
      ['-bob', /name is invalid/],
      ['bob..smith', /name is invalid/],
      ['bob_', /name is invalid/],
      ['bob smith', /name is invalid/],
      ['bøb', /name is invalid/],
      ['a'.repeat(41), /40/],
    ] as const) {
      const r = await create({ username, email: `${Math.random()}@example.com`, password: 'password-123' });
      assert.equal(r.status, 422, `${username}: ${r.text}`);
      assert.match(r.body.message, pattern, username);
    }
  });

  it('refuses a taken name or e-mail (case-insensitive) with 422', async () => {
    const name = await create({ username: plain.name.toUpperCase(), email: 'other@example.com', password: 'password-123' });
    assert.equal(name.status, 422);
    assert.match(name.body.message, /user already exists/);
    const email = await create({ username: 'fresh-name', email: plain.email.toUpperCase(), password: 'password-123' });
    assert.equal(email.status, 422);
    assert.match(email.body.message, /e-mail already in use/);
    assert.equal((await call(server, 'GET', '/users/fresh-name', { token: adminToken })).status, 404, 'nothing half-written');
  });

  it('refuses short or missing passwords with 400, a bad e-mail or missing field with 422', async () => {
    const short = await create({ username: 'shorty', email: 'shorty@example.com', password: 'short' });
    assert.equal(short.status, 400);
    assert.match(short.body.message, /too short/);
    assert.equal((await create({ username: 'nopass', email: 'nopass@example.com' })).status, 400);
    const badEmail = await create({ username: 'bademail', email: 'not-an-email', password: 'password-123' });
    assert.equal(badEmail.status, 422);
    const missing = await create({ email: 'x@example.com', password: 'password-123' });
    assert.equal(missing.status, 422);
    assert.match(missing.body.message, /username/);
    const badVisibility = await create({ username: 'vis', email: 'vis@example.com', password: 'password-123', visibility: 'secret' });
    assert.equal(badVisibility.status, 422);
  });

  it('is 403 for non-admins and 401 for anonymous callers', async () => {
    assert.equal((await create({ username: 'x1', email: 'x1@example.com', password: 'password-123' }, plain.token)).status, 403);
    assert.equal((await call(server, 'GET', '/admin/users', { token: plain.token })).status, 403);
    assert.equal((await call(server, 'GET', '/admin/users')).status, 401);
  });

  it('lists users, filtered by login_name, paginated', async () => {
    const all = await call(server, 'GET', '/admin/users?limit=2', { token: adminToken });
    assert.equal(all.status, 200);
    assert.equal(all.body.length, 2);
    assert.ok(Number(all.headers.get('x-total-count')) >= 4);
    await create({ username: 'ldap-user', email: 'ldap@example.com', login_name: 'cn=ldap-user', source_id: 3 });
    const filtered = await call(server, 'GET', '/admin/users?login_name=cn%3Dldap-user&source_id=3', { token: adminToken });
    assert.deepEqual(filtered.body.map((u: { login: string }) => u.login), ['ldap-user']);
    assert.equal(filtered.body[0].source_id, 3);
  });

  it('edits a user: profile, flags, password, e-mail', async () => {
    const u = await createUser(server, adminToken);
    const r = await call(server, 'PATCH', `/admin/users/${u.name}`, {
      token: adminToken,
      body: { full_name: 'Edited', website: 'https://example.org', location: 'Here', description: 'Bio', admin: true, visibility: 'private', email: `edited-${u.email}`, password: 'new-password-456' },
    });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.full_name, 'Edited');
    assert.equal(r.body.website, 'https://example.org');
    assert.equal(r.body.is_admin, true);
    assert.equal(r.body.visibility, 'private');
    assert.equal(r.body.email, `edited-${u.email}`);
    assert.equal((await call(server, 'GET', '/user', { basic: [u.name, 'new-password-456'] })).status, 200);
    assert.equal((await call(server, 'GET', '/user', { basic: [u.name, u.password] })).status, 401);
  });

  it('refuses an edit to a taken e-mail or a bad website (422) and leaves the user unchanged', async () => {
    const u = await createUser(server, adminToken);
    const taken = await call(server, 'PATCH', `/admin/users/${u.name}`, { token: adminToken, body: { email: plain.email, full_name: 'Should Not Stick' } });
    assert.equal(taken.status, 422);
    const site = await call(server, 'PATCH', `/admin/users/${u.name}`, { token: adminToken, body: { website: 'javascript:alert(1)' } });
    assert.equal(site.status, 422);
    const after = await call(server, 'GET', `/users/${u.name}`, { token: adminToken });
    assert.equal(after.body.full_name, '');
    assert.equal(after.body.email, u.email);
    assert.equal((await call(server, 'PATCH', '/admin/users/no-such-user', { token: adminToken, body: {} })).status, 404);
  });

  it('renames a user (204); a taken or invalid name is 422', async () => {
    const u = await createUser(server, adminToken);
    const r = await call(server, 'POST', `/admin/users/${u.name}/rename`, { token: adminToken, body: { new_username: `${u.name}-renamed` } });
    assert.equal(r.status, 204);
    assert.equal((await call(server, 'GET', `/users/${u.name}-renamed`)).status, 200);
    assert.equal((await call(server, 'GET', `/users/${u.name}`)).status, 404);
    const taken = await call(server, 'POST', `/admin/users/${u.name}-renamed/rename`, { token: adminToken, body: { new_username: plain.name } });
    assert.equal(taken.status, 422);
    const invalid = await call(server, 'POST', `/admin/users/${u.name}-renamed/rename`, { token: adminToken, body: { new_username: 'bad name' } });
    assert.equal(invalid.status, 422);
    assert.equal((await call(server, 'POST', `/admin/users/${u.name}-renamed/rename`, { token: adminToken, body: {} })).status, 422);
  });

  it('deletes a user (204) and their tokens; deleting yourself is 422; unknown users 404', async () => {
    const u = await createUser(server, adminToken);
    assert.equal((await call(server, 'DELETE', `/admin/users/${u.name}`, { token: adminToken })).status, 204);
    assert.equal((await call(server, 'GET', `/users/${u.name}`, { token: adminToken })).status, 404);
    assert.equal((await call(server, 'GET', '/user', { token: u.token })).status, 401);
    const self = await call(server, 'DELETE', `/admin/users/${ADMIN.name}`, { token: adminToken });
    assert.equal(self.status, 422);
    assert.equal((await call(server, 'DELETE', '/admin/users/no-such-user', { token: adminToken })).status, 404);
  });
});
