import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { authUrl } from '../../../helpers/git.js';
import { call } from '../../../helpers/http.js';
import { startWorld, type World } from '../../../helpers/world.js';

describe('restricted users', () => {
  let world: World;
  const logins = (list: { login?: string; name?: string; username?: string; full_name?: string }[]) => list.map((x) => x.login ?? x.username ?? x.full_name).sort();

  before(async () => {
    world = await startWorld(['res', 'pub', 'lim']);
    const { server, users, adminToken } = world;
    const admin = { token: adminToken };
    assert.equal((await call(server, 'PATCH', '/admin/users/res', { ...admin, body: { login_name: 'res', source_id: 0, restricted: true } })).status, 200);
    assert.equal((await call(server, 'PATCH', '/admin/users/lim', { ...admin, body: { login_name: 'lim', source_id: 0, visibility: 'limited' } })).status, 200);
    assert.equal((await call(server, 'POST', '/user/repos', { token: users.pub!.token, body: { name: 'open', auto_init: true } })).status, 201);
    for (const [org, visibility] of [['club', 'public'], ['other', 'limited']]) {
      assert.equal((await call(server, 'POST', '/orgs', { token: users.pub!.token, body: { username: org, visibility } })).status, 201);
      assert.equal((await call(server, 'POST', `/orgs/${org}/repos`, { token: users.pub!.token, body: { name: 'house', auto_init: true } })).status, 201);
    }
    assert.equal((await call(server, 'PUT', '/orgs/club/memberships/res', { token: users.pub!.token, body: { role: 'member' } })).status, 204);
  });
  after(() => world.close());

  const as = () => ({ token: world.users.res!.token });

  it('sees only themselves in user search, and no limited users', async () => {
    const found = await call(world.server, 'GET', '/users/search?limit=50', as());
    assert.deepEqual(found.body.data.map((u: { login: string }) => u.login), ['res']);
    assert.equal((await call(world.server, 'GET', '/users/pub', as())).status, 200, 'public profiles stay visible, as in Gitea');
    assert.equal((await call(world.server, 'GET', '/users/lim', as())).status, 404);
  });

  it('lists only the organizations they belong to', async () => {
    assert.deepEqual(logins((await call(world.server, 'GET', '/orgs', as())).body), ['club']);
  });

  it('reads only repositories of their organizations, over the API and git', async () => {
    const search = await call(world.server, 'GET', '/repos/search?limit=50', as());
    assert.deepEqual(search.body.data.map((r: { full_name: string }) => r.full_name), ['club/house']);
    assert.equal((await call(world.server, 'GET', '/repos/pub/open', as())).status, 404);
    assert.equal((await call(world.server, 'GET', '/repos/other/house', as())).status, 404);
    assert.equal((await call(world.server, 'GET', '/repos/club/house', as())).status, 200);
    const { sb, server, users } = world;
    const clone = (path: string) => sb.git(['clone', '-q', authUrl(`${server.url}${path}.git`, 'res', users.res!.password), `c-${Math.random()}`]);
    assert.equal((await clone('club/house')).code, 0);
    // A limited organization's repositories are for signed-in users, but not restricted ones.
    // (Public repositories of public owners stay cloneable: git asks for no credentials there.)
    assert.notEqual((await clone('other/house')).code, 0);
  });
});
