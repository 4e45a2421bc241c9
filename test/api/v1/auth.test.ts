import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TOTP, Secret } from 'otpauth';
import { ADMIN, bootstrapAdmin, createUser } from '../../helpers/fixtures.js';
import { basicHeader, call } from '../../helpers/http.js';
import { startServer, type TestServer } from '../../helpers/server.js';

describe('authentication', () => {
  let server: TestServer;
  let adminToken: string;
  let alice: Awaited<ReturnType<typeof createUser>>;

  before(async () => {
    server = await startServer();
    adminToken = await bootstrapAdmin(server);
    alice = await createUser(server, adminToken);
  });
  after(() => server.stop());

  const whoami = async (init: RequestInit & { query?: string } = {}) => {
    const response = await fetch(`${server.api}/user${init.query ?? ''}`, init);
    return { status: response.status, body: (await response.json()) as { login?: string; message?: string; url?: string }, headers: response.headers };
  };

  it('anonymous callers get 401 with a Gitea error body and a BasicAuth challenge', async () => {
    const r = await whoami();
    assert.equal(r.status, 401);
    assert.equal(r.body.message, 'token is required');
    assert.equal(r.body.url, `${server.url}api/swagger`);
    assert.match(r.headers.get('www-authenticate') ?? '', /^Basic/);
  });

  it('BasicAuth with the password', async () => {
    assert.equal((await whoami({ headers: { authorization: basicHeader(alice.name, alice.password) } })).body.login, alice.name);
    const wrong = await whoami({ headers: { authorization: basicHeader(alice.name, 'not-the-password') } });
    assert.equal(wrong.status, 401);
    assert.match(wrong.body.message!, /invalid username, password or token/);
    const nobody = await whoami({ headers: { authorization: basicHeader('nobody-here', 'x') } });
    assert.equal(nobody.status, 401);
    assert.equal(nobody.body.message, wrong.body.message, 'unknown users and wrong passwords must look alike');
  });

  it('BasicAuth with the e-mail address as the user name', async () => {
    assert.equal((await whoami({ headers: { authorization: basicHeader(alice.email, alice.password) } })).body.login, alice.name);
  });

  it('BasicAuth with a token as the password, or as the user name', async () => {
    assert.equal((await whoami({ headers: { authorization: basicHeader(alice.name, alice.token) } })).body.login, alice.name);
    assert.equal((await whoami({ headers: { authorization: basicHeader(alice.token, 'x-oauth-basic') } })).body.login, alice.name);
    assert.equal((await whoami({ headers: { authorization: basicHeader(alice.token, '') } })).body.login, alice.name);
  });

  it('Authorization: token X and bearer X', async () => {
    assert.equal((await whoami({ headers: { authorization: `token ${alice.token}` } })).body.login, alice.name);
    assert.equal((await whoami({ headers: { authorization: `Bearer ${alice.token}` } })).body.login, alice.name);
    const bad = await whoami({ headers: { authorization: 'token 0000000000000000000000000000000000000000' } });
    assert.equal(bad.status, 401);
    assert.match(bad.body.message!, /invalid access token/);
    assert.equal((await whoami({ headers: { authorization: 'bearer not-a-token' } })).status, 401);
  });

  it('?token= and ?access_token=', async () => {
    assert.equal((await whoami({ query: `?token=${alice.token}` })).body.login, alice.name);
    assert.equal((await whoami({ query: `?access_token=${alice.token}` })).body.login, alice.name);
    assert.equal((await whoami({ query: '?token=deadbeef' })).status, 401);
    assert.equal((await whoami({ query: '?access_token=deadbeef' })).status, 401);
  });

  it('a deleted token stops working at once', async () => {
    const t = await call(server, 'POST', `/users/${alice.name}/tokens`, { basic: [alice.name, alice.password], body: { name: 'short-lived', scopes: ['read:user'] } });
    assert.equal((await whoami({ headers: { authorization: `token ${t.body.sha1}` } })).status, 200);
    assert.equal((await call(server, 'DELETE', `/users/${alice.name}/tokens/short-lived`, { basic: [alice.name, alice.password] })).status, 204);
    assert.equal((await whoami({ headers: { authorization: `token ${t.body.sha1}` } })).status, 401);
  });

  describe('sudo', () => {
    it('lets an admin act as another user by ?sudo= or the Sudo header', async () => {
      assert.equal((await call(server, 'GET', `/user?sudo=${alice.name}`, { token: adminToken })).body.login, alice.name);
      assert.equal((await call(server, 'GET', '/user', { token: adminToken, sudo: alice.name })).body.login, alice.name);
      assert.equal((await call(server, 'GET', '/user', { basic: [ADMIN.name, ADMIN.password], sudo: alice.name })).body.login, alice.name);
    });

    it('is 403 for non-admins and 404 for unknown users', async () => {
      const denied = await call(server, 'GET', '/user', { token: alice.token, sudo: ADMIN.name });
      assert.equal(denied.status, 403);
      assert.match(denied.body.message, /Only administrators allowed to sudo/);
      assert.equal((await call(server, 'GET', '/user', { token: adminToken, sudo: 'no-such-user' })).status, 404);
    });
  });

  describe('two-factor (TOTP)', () => {
    let bob: Awaited<ReturnType<typeof createUser>>;
    let totp: TOTP;
    const code = (offsetSteps = 0) => totp.generate({ timestamp: Date.now() + offsetSteps * 30_000 });

    before(async () => {
      bob = await createUser(server, adminToken);
      const started = await call(server, 'POST', '/user/twofactor', { basic: [bob.name, bob.password], body: {} });
      assert.equal(started.status, 201);
      assert.equal(started.body.enabled, false);
      assert.match(started.body.url, /^otpauth:\/\/totp\//);
      totp = new TOTP({ secret: Secret.fromBase32(started.body.secret), digits: 6, period: 30 });
    });

    it('is not enforced until confirmed, and refuses a wrong confirmation code', async () => {
      assert.equal((await call(server, 'GET', '/user', { basic: [bob.name, bob.password] })).status, 200);
      const wrong = await call(server, 'POST', '/user/twofactor', { basic: [bob.name, bob.password], body: { passcode: code(10) } });
      assert.equal(wrong.status, 422);
      const confirmed = await call(server, 'POST', '/user/twofactor', { basic: [bob.name, bob.password], body: { passcode: code() } });
      assert.equal(confirmed.status, 200);
      assert.equal(confirmed.body.enabled, true);
    });

    it('then BasicAuth needs X-Gitea-OTP or X-Forgejo-OTP', async () => {
      const missing = await call(server, 'GET', '/user', { basic: [bob.name, bob.password] });
      assert.equal(missing.status, 401);
      assert.match(missing.body.message, /X-Gitea-OTP/);
      const wrong = await call(server, 'GET', '/user', { basic: [bob.name, bob.password], otp: '000000' === code() ? '111111' : '000000' });
      assert.equal(wrong.status, 401);
      assert.match(wrong.body.message, /invalid one-time passcode/);
      assert.equal((await call(server, 'GET', '/user', { basic: [bob.name, bob.password], otp: code() })).body.login, bob.name);
      const forgejo = await call(server, 'GET', '/user', { basic: [bob.name, bob.password], headers: { 'x-forgejo-otp': code() } });
      assert.equal(forgejo.body.login, bob.name);
    });

    it('tokens bypass the OTP check, as in Gitea', async () => {
      assert.equal((await call(server, 'GET', '/user', { token: bob.token })).body.login, bob.name);
      assert.equal((await call(server, 'GET', '/user', { basic: [bob.name, bob.token] })).body.login, bob.name);
    });

    it('re-enrolling while enabled is a conflict; disabling needs the OTP, then BasicAuth works alone again', async () => {
      assert.equal((await call(server, 'POST', '/user/twofactor', { basic: [bob.name, bob.password], otp: code(), body: {} })).status, 409);
      assert.equal((await call(server, 'DELETE', '/user/twofactor', { basic: [bob.name, bob.password] })).status, 401);
      assert.equal((await call(server, 'DELETE', '/user/twofactor', { basic: [bob.name, bob.password], otp: code() })).status, 204);
      assert.equal((await call(server, 'GET', '/user', { basic: [bob.name, bob.password] })).status, 200);
    });

    it('cannot be enrolled with a token (a leaked token must not lock its owner out)', async () => {
      const r = await call(server, 'POST', '/user/twofactor', { token: bob.token, body: {} });
      assert.equal(r.status, 401);
    });
  });

  describe('account state', () => {
    it('a user who must change their password is refused with 403', async () => {
      const carol = await createUser(server, adminToken);
      await call(server, 'PATCH', `/admin/users/${carol.name}`, { token: adminToken, body: { must_change_password: true } });
      const r = await call(server, 'GET', '/user', { token: carol.token });
      assert.equal(r.status, 403);
      assert.match(r.body.message, /You must change your password/);
    });

    it('a prohibited or inactive user is refused with 403', async () => {
      const dave = await createUser(server, adminToken);
      await call(server, 'PATCH', `/admin/users/${dave.name}`, { token: adminToken, body: { prohibit_login: true } });
      const r = await call(server, 'GET', '/user', { basic: [dave.name, dave.password] });
      assert.equal(r.status, 403);
      assert.match(r.body.message, /prohibited from signing in/);
      await call(server, 'PATCH', `/admin/users/${dave.name}`, { token: adminToken, body: { prohibit_login: false, active: false } });
      assert.equal((await call(server, 'GET', '/user', { token: dave.token })).status, 403);
    });
  });

  describe('token scopes', () => {
    const tokenWith = async (scopes: string[]) =>
      (await call(server, 'POST', `/users/${ADMIN.name}/tokens`, { basic: [ADMIN.name, ADMIN.password], body: { name: `scoped-${scopes.join('-')}-${Math.random()}`, scopes } })).body.sha1 as string;

    it('a read-only token reads but gets 403 on writes', async () => {
      const readAdmin = await tokenWith(['read:admin']);
      assert.equal((await call(server, 'GET', '/admin/users', { token: readAdmin })).status, 200);
      const write = await call(server, 'POST', '/admin/users', { token: readAdmin, body: { username: 'never-made', email: 'never@example.com', password: 'password-123' } });
      assert.equal(write.status, 403);
      assert.match(write.body.message, /write:admin/);
      assert.equal((await call(server, 'GET', '/users/never-made', { token: adminToken })).status, 404, 'nothing half-written');
    });

    it('a token of another category gets 403', async () => {
      const readUser = await tokenWith(['read:user']);
      assert.equal((await call(server, 'GET', '/user', { token: readUser })).status, 200);
      assert.equal((await call(server, 'GET', '/admin/users', { token: readUser })).status, 403);
      const repoOnly = await tokenWith(['write:repository']);
      assert.equal((await call(server, 'GET', '/user', { token: repoOnly })).status, 403);
      assert.equal((await call(server, 'POST', '/markdown', { token: repoOnly, body: { Text: 'x' } })).status, 403);
    });

    it('write implies read; all grants everything; scope-free routes accept any token', async () => {
      const writeAdmin = await tokenWith(['write:admin']);
      assert.equal((await call(server, 'GET', '/admin/users', { token: writeAdmin })).status, 200);
      assert.equal((await call(server, 'GET', '/version', { token: writeAdmin })).status, 200);
      assert.equal((await call(server, 'GET', '/admin/users', { token: adminToken })).status, 200);
    });
  });
});
