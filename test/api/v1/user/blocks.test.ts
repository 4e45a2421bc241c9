import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { bootstrapAdmin, createUser } from '../../../helpers/fixtures.js';
import { call } from '../../../helpers/http.js';
import { startServer, type TestServer } from '../../../helpers/server.js';

type Account = Awaited<ReturnType<typeof createUser>>;

describe('blocking users', () => {
  let server: TestServer;
  let adminToken: string;
  let owner: Account;
  let pest: Account;

  before(async () => {
    server = await startServer();
    adminToken = await bootstrapAdmin(server);
    owner = await createUser(server, adminToken);
    pest = await createUser(server, adminToken);
    assert.equal((await call(server, 'POST', '/user/repos', { token: owner.token, body: { name: 'home', auto_init: true } })).status, 201);
    assert.equal((await call(server, 'POST', '/user/repos', { token: pest.token, body: { name: 'den', auto_init: true } })).status, 201);
  });
  after(() => server.stop());

  it('blocking severs follows, stars, watches and collaborations both ways, and lists the block', async () => {
    const t = (a: Account) => ({ token: a.token });
    assert.equal((await call(server, 'PUT', `/user/following/${owner.name}`, t(pest))).status, 204);
    assert.equal((await call(server, 'PUT', `/user/following/${pest.name}`, t(owner))).status, 204);
    assert.equal((await call(server, 'PUT', `/user/starred/${owner.name}/home`, t(pest))).status, 204);
    assert.equal((await call(server, 'PUT', `/user/starred/${pest.name}/den`, t(owner))).status, 204);
    assert.equal((await call(server, 'PUT', `/repos/${owner.name}/home/subscription`, t(pest))).status, 200);
    assert.equal((await call(server, 'PUT', `/repos/${owner.name}/home/collaborators/${pest.name}`, { ...t(owner), body: { permission: 'read' } })).status, 204);

    assert.equal((await call(server, 'GET', `/user/blocks/${pest.name}`, t(owner))).status, 404);
    assert.equal((await call(server, 'PUT', `/user/blocks/${pest.name}?note=spam`, t(owner))).status, 204);
    assert.equal((await call(server, 'GET', `/user/blocks/${pest.name}`, t(owner))).status, 204);
    const listed = await call(server, 'GET', '/user/blocks', t(owner));
    assert.deepEqual(listed.body.map((u: { login: string }) => u.login), [pest.name]);
    assert.equal(listed.headers.get('x-total-count'), '1');

    assert.equal((await call(server, 'GET', `/users/${owner.name}/following/${pest.name}`)).status, 404);
    assert.equal((await call(server, 'GET', `/users/${pest.name}/following/${owner.name}`)).status, 404);
    const home = await call(server, 'GET', `/repos/${owner.name}/home`, t(owner));
    assert.equal(home.body.stars_count, 0);
    assert.equal(home.body.watchers_count, 1, 'only the owner, who watches what they created, still watches');
    assert.equal((await call(server, 'GET', `/repos/${pest.name}/den`, t(pest))).body.stars_count, 0);
    assert.equal((await call(server, 'GET', `/repos/${owner.name}/home/collaborators/${pest.name}`, t(owner))).status, 404);
    const me = await call(server, 'GET', '/user', t(pest));
    assert.equal(me.body.following_count, 0);
    assert.equal(me.body.starred_repos_count, 0);
  });

  it('a blocked user cannot follow, star, watch, fork or be made a collaborator (403); admins are exempt', async () => {
    const t = { token: pest.token };
    assert.equal((await call(server, 'PUT', `/user/following/${owner.name}`, t)).status, 403);
    assert.equal((await call(server, 'PUT', `/user/starred/${owner.name}/home`, t)).status, 403);
    assert.equal((await call(server, 'PUT', `/repos/${owner.name}/home/subscription`, t)).status, 403);
    assert.equal((await call(server, 'POST', `/repos/${owner.name}/home/forks`, { ...t, body: {} })).status, 403);
    assert.equal((await call(server, 'PUT', `/user/following/${pest.name}`, { token: owner.token })).status, 403, 'the blocker cannot follow either');
    assert.equal((await call(server, 'PUT', `/repos/${owner.name}/home/collaborators/${pest.name}`, { token: owner.token, body: { permission: 'read' } })).status, 403);
    assert.equal((await call(server, 'PUT', `/user/blocks/${owner.name}`, { token: adminToken })).status, 204);
    assert.equal((await call(server, 'PUT', `/user/starred/${owner.name}/home`, { token: adminToken })).status, 204, 'a blocked admin still acts');
  });

  it('refuses blocking oneself or an organisation, and unblocking someone not blocked (422); unknown users 404', async () => {
    assert.equal((await call(server, 'PUT', `/user/blocks/${owner.name}`, { token: owner.token })).status, 422);
    assert.equal((await call(server, 'DELETE', '/user/blocks/nobody-here', { token: owner.token })).status, 404);
    const stranger = await createUser(server, adminToken);
    assert.equal((await call(server, 'DELETE', `/user/blocks/${stranger.name}`, { token: owner.token })).status, 422);
    assert.equal((await call(server, 'POST', '/orgs', { token: stranger.token, body: { username: 'blockers' } })).status, 201);
    assert.equal((await call(server, 'PUT', '/user/blocks/blockers', { token: owner.token })).status, 422);
  });

  it('unblocking lets the user follow again', async () => {
    assert.equal((await call(server, 'DELETE', `/user/blocks/${pest.name}`, { token: owner.token })).status, 204);
    assert.equal((await call(server, 'GET', `/user/blocks/${pest.name}`, { token: owner.token })).status, 404);
    assert.equal((await call(server, 'PUT', `/user/following/${owner.name}`, { token: pest.token })).status, 204);
  });

  it('organisation owners block non-members; members cannot be blocked; others get 403', async () => {
    const founder = await createUser(server, adminToken);
    const member = await createUser(server, adminToken);
    const outsider = await createUser(server, adminToken);
    assert.equal((await call(server, 'POST', '/orgs', { token: founder.token, body: { username: 'guild' } })).status, 201);
    assert.equal((await call(server, 'PUT', `/orgs/guild/memberships/${member.name}`, { token: founder.token, body: { role: 'member' } })).status, 204);
    assert.equal((await call(server, 'PUT', `/orgs/guild/blocks/${member.name}`, { token: founder.token })).status, 422);
    assert.equal((await call(server, 'PUT', `/orgs/guild/blocks/${outsider.name}`, { token: member.token })).status, 403);
    assert.equal((await call(server, 'PUT', `/orgs/guild/blocks/${outsider.name}`, { token: founder.token })).status, 204);
    assert.equal((await call(server, 'GET', `/orgs/guild/blocks/${outsider.name}`, { token: founder.token })).status, 204);
    assert.deepEqual((await call(server, 'GET', '/orgs/guild/blocks', { token: founder.token })).body.map((u: { login: string }) => u.login), [outsider.name]);
    assert.equal((await call(server, 'PUT', `/orgs/guild/memberships/${outsider.name}`, { token: founder.token, body: { role: 'member' } })).status, 403);
    assert.equal((await call(server, 'DELETE', `/orgs/guild/blocks/${outsider.name}`, { token: founder.token })).status, 204);
  });
});
