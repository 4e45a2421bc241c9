import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ADMIN, bootstrapAdmin, createUser } from '../../../helpers/fixtures.js';
import { call } from '../../../helpers/http.js';
import { startServer, type TestServer } from '../../../helpers/server.js';

describe('access tokens', () => {
  let server: TestServer;
  let adminToken: string;
  let alice: Awaited<ReturnType<typeof createUser>>;
  let bob: Awaited<ReturnType<typeof createUser>>;

  before(async () => {
    server = await startServer();
    adminToken = await bootstrapAdmin(server);
    alice = await createUser(server, adminToken);
    bob = await createUser(server, adminToken);
  });
  after(() => server.stop());

  const aliceBasic = (): [string, string] => [alice.name, alice.password];

  it('creates a token: 201, the secret shown once with its last eight characters and normalized scopes', async () => {
    const r = await call(server, 'POST', `/users/${alice.name}/tokens`, { basic: aliceBasic(), body: { name: 'ci', scopes: ['read:repository', 'write:issue', 'read:issue'] } });
    assert.equal(r.status, 201);
    assert.match(r.body.sha1, /^[0-9a-f]{40}$/);
    assert.equal(r.body.token_last_eight, r.body.sha1.slice(-8));
    assert.equal(r.body.name, 'ci');
    assert.deepEqual(r.body.scopes, ['write:issue', 'read:repository']);
    assert.equal(typeof r.body.id, 'number');
  });

  it('lists tokens without their secrets, paginated', async () => {
    const r = await call(server, 'GET', `/users/${alice.name}/tokens?limit=1`, { basic: aliceBasic() });
    assert.equal(r.status, 200);
    assert.equal(r.body.length, 1);
    assert.equal(r.body[0].sha1, '');
    assert.equal(r.headers.get('x-total-count'), '2'); // 'all' from the fixture and 'ci'
    assert.match(r.headers.get('link') ?? '', /rel="next"/);
  });

  it('stores only salted hashes: neither token nor password reaches the database', async () => {
    const r = await call(server, 'POST', `/users/${alice.name}/tokens`, { basic: aliceBasic(), body: { name: 'hashed', scopes: ['all'] } });
    const rows = JSON.stringify([...(await server.query('SELECT * FROM access_tokens')), ...(await server.query('SELECT * FROM users'))]);
    assert.match(rows, new RegExp(r.body.token_last_eight), 'the query sees the tokens');
    assert.ok(!rows.includes(r.body.sha1), 'the token secret must not be stored');
    assert.ok(!rows.includes(alice.password), 'the password must not be stored');
    assert.match(rows, /scrypt\$/, 'passwords are scrypt hashes');
  });

  it('refuses a duplicate name with 409 and a missing one with 422', async () => {
    const dup = await call(server, 'POST', `/users/${alice.name}/tokens`, { basic: aliceBasic(), body: { name: 'ci', scopes: ['all'] } });
    assert.equal(dup.status, 409);
    assert.match(dup.body.message, /has been used already/);
    assert.equal((await call(server, 'POST', `/users/${alice.name}/tokens`, { basic: aliceBasic(), body: { scopes: ['all'] } })).status, 422);
  });

  it('refuses tokens without a scope or with an unknown scope (400)', async () => {
    const none = await call(server, 'POST', `/users/${alice.name}/tokens`, { basic: aliceBasic(), body: { name: 'none' } });
    assert.equal(none.status, 400);
    assert.match(none.body.message, /must have a scope/);
    const bad = await call(server, 'POST', `/users/${alice.name}/tokens`, { basic: aliceBasic(), body: { name: 'bad', scopes: ['write:everything'] } });
    assert.equal(bad.status, 400);
    assert.match(bad.body.message, /invalid access token scope/);
    const onlyFlag = await call(server, 'POST', `/users/${alice.name}/tokens`, { basic: aliceBasic(), body: { name: 'flag', scopes: ['public-only'] } });
    assert.equal(onlyFlag.status, 400);
  });

  it('takes BasicAuth only: a token gets 401', async () => {
    const r = await call(server, 'GET', `/users/${alice.name}/tokens`, { token: alice.token });
    assert.equal(r.status, 401);
    assert.equal((await call(server, 'POST', `/users/${alice.name}/tokens`, { basic: [alice.name, alice.token], body: { name: 'x', scopes: ['all'] } })).status, 401);
  });

  it("is 403 on another user's tokens, but site admins may manage them", async () => {
    assert.equal((await call(server, 'GET', `/users/${bob.name}/tokens`, { basic: aliceBasic() })).status, 403);
    const made = await call(server, 'POST', `/users/${bob.name}/tokens`, { basic: [ADMIN.name, ADMIN.password], body: { name: 'by-admin', scopes: ['read:user'] } });
    assert.equal(made.status, 201);
    const me = await call(server, 'GET', '/user', { token: made.body.sha1 });
    assert.equal(me.body.login, bob.name);
    assert.equal((await call(server, 'GET', '/users/no-such-user/tokens', { basic: [ADMIN.name, ADMIN.password] })).status, 404);
  });

  it('deletes by id or by name; unknown ones are 404', async () => {
    const a = await call(server, 'POST', `/users/${alice.name}/tokens`, { basic: aliceBasic(), body: { name: 'to-delete-by-id', scopes: ['all'] } });
    assert.equal((await call(server, 'DELETE', `/users/${alice.name}/tokens/${a.body.id}`, { basic: aliceBasic() })).status, 204);
    await call(server, 'POST', `/users/${alice.name}/tokens`, { basic: aliceBasic(), body: { name: 'to-delete-by-name', scopes: ['all'] } });
    assert.equal((await call(server, 'DELETE', `/users/${alice.name}/tokens/to-delete-by-name`, { basic: aliceBasic() })).status, 204);
    assert.equal((await call(server, 'DELETE', `/users/${alice.name}/tokens/to-delete-by-name`, { basic: aliceBasic() })).status, 404);
    assert.equal((await call(server, 'DELETE', `/users/${alice.name}/tokens/999999`, { basic: aliceBasic() })).status, 404);
    const names = (await call(server, 'GET', `/users/${alice.name}/tokens`, { basic: aliceBasic() })).body.map((t: { name: string }) => t.name);
    assert.ok(!names.includes('to-delete-by-id') && !names.includes('to-delete-by-name'));
  });

  it("cannot delete another user's token through their own name", async () => {
    const bobs = await call(server, 'GET', `/users/${bob.name}/tokens`, { basic: [bob.name, bob.password] });
    const id = bobs.body[0].id;
    assert.equal((await call(server, 'DELETE', `/users/${alice.name}/tokens/${id}`, { basic: aliceBasic() })).status, 404);
  });
});
