import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { bootstrapAdmin, createUser } from '../../../helpers/fixtures.js';
import { call } from '../../../helpers/http.js';
import { startServer, type TestServer } from '../../../helpers/server.js';

describe('OAuth2 applications and badges', () => {
  let server: TestServer;
  let adminToken: string;
  let user: Awaited<ReturnType<typeof createUser>>;

  before(async () => {
    server = await startServer();
    adminToken = await bootstrapAdmin(server);
    user = await createUser(server, adminToken);
  });
  after(() => server.stop());

  it('registers an application, showing its secret once and storing only a hash of it', async () => {
    const created = await call(server, 'POST', '/user/applications/oauth2', { token: user.token, body: { name: 'ci', redirect_uris: ['https://ci.example.com/callback'], confidential_client: true } });
    assert.equal(created.status, 201, created.text);
    assert.match(created.body.client_id, /^[0-9a-f-]{36}$/);
    assert.match(created.body.client_secret, /^gto_/);
    assert.deepEqual(created.body.redirect_uris, ['https://ci.example.com/callback']);
    assert.equal(created.body.confidential_client, true);
    const stored = await server.query(`select client_secret_hash from oauth2_applications where id = ${created.body.id}`);
    assert.ok(!String(stored[0]!.client_secret_hash).includes(created.body.client_secret.slice(4)), 'the secret itself is not stored');

    const listed = await call(server, 'GET', '/user/applications/oauth2', { token: user.token });
    assert.deepEqual(listed.body.map((a: { name: string; client_secret: string }) => [a.name, a.client_secret]), [['ci', '']]);
    assert.equal((await call(server, 'GET', `/user/applications/oauth2/${created.body.id}`, { token: user.token })).body.client_id, created.body.client_id);

    const edited = await call(server, 'PATCH', `/user/applications/oauth2/${created.body.id}`, { token: user.token, body: { name: 'ci-2', redirect_uris: [] } });
    assert.equal(edited.status, 200);
    assert.equal(edited.body.name, 'ci-2');
    assert.equal(edited.body.client_id, created.body.client_id);
    assert.notEqual(edited.body.client_secret, created.body.client_secret, 'an edit makes a new secret');
  });

  it('refuses nameless applications and bad redirect URIs (400); others\' applications are 404', async () => {
    assert.equal((await call(server, 'POST', '/user/applications/oauth2', { token: user.token, body: { redirect_uris: [] } })).status, 400);
    assert.equal((await call(server, 'POST', '/user/applications/oauth2', { token: user.token, body: { name: 'x', redirect_uris: ['not a url'] } })).status, 400);
    const mine = (await call(server, 'GET', '/user/applications/oauth2', { token: user.token })).body[0].id;
    const other = await createUser(server, adminToken);
    assert.equal((await call(server, 'GET', `/user/applications/oauth2/${mine}`, { token: other.token })).status, 404);
    assert.equal((await call(server, 'DELETE', `/user/applications/oauth2/${mine}`, { token: other.token })).status, 404);
    assert.equal((await call(server, 'DELETE', `/user/applications/oauth2/${mine}`, { token: user.token })).status, 204);
    assert.equal((await call(server, 'GET', '/user/applications/oauth2', { token: user.token })).body.length, 0);
  });

  it('site admins give and take away badges; others may not', async () => {
    const path = `/admin/users/${user.name}/badges`;
    assert.equal((await call(server, 'POST', path, { token: user.token, body: { badge_slugs: ['hero'] } })).status, 403);
    assert.equal((await call(server, 'POST', path, { token: adminToken, body: { badge_slugs: ['hero', 'early-bird', 'hero'] } })).status, 204);
    assert.deepEqual((await call(server, 'GET', path, { token: adminToken })).body.map((b: { slug: string }) => b.slug), ['early-bird', 'hero']);
    assert.equal((await call(server, 'DELETE', path, { token: adminToken, body: { badge_slugs: ['hero'] } })).status, 204);
    assert.deepEqual((await call(server, 'GET', path, { token: adminToken })).body.map((b: { slug: string }) => b.slug), ['early-bird']);
    assert.equal((await call(server, 'POST', path, { token: adminToken, body: { badge_slugs: ['no spaces'] } })).status, 422);
    assert.equal((await call(server, 'GET', '/admin/users/nobody-here/badges', { token: adminToken })).status, 404);
  });
});
