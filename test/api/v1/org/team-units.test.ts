import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { authUrl } from '../../../helpers/git.js';
import { call } from '../../../helpers/http.js';
import { pushAs, startWorld, type TestUser, type World } from '../../../helpers/world.js';

describe('team permissions per unit', () => {
  let world: World;
  const members: Record<string, TestUser> = {};

  before(async () => {
    world = await startWorld(['boss', 'coder', 'reader', 'tracker']);
    const { server, users } = world;
    const boss = { token: users.boss!.token };
    assert.equal((await call(server, 'POST', '/orgs', { ...boss, body: { username: 'unitco', visibility: 'private' } })).status, 201);
    assert.equal((await call(server, 'POST', '/orgs/unitco/repos', { ...boss, body: { name: 'app', auto_init: true, private: true } })).status, 201);
    const teams: [string, Record<string, string>][] = [
      ['coder', { 'repo.code': 'write', 'repo.issues': 'read' }],
      ['reader', { 'repo.code': 'read', 'repo.issues': 'none' }],
      ['tracker', { 'repo.code': 'none', 'repo.issues': 'write' }],
    ];
    for (const [name, units] of teams) {
      const team = await call(server, 'POST', '/orgs/unitco/teams', { ...boss, body: { name, permission: 'read', units_map: units, includes_all_repositories: true } });
      assert.equal(team.status, 201, team.text);
      assert.equal((await call(server, 'PUT', `/teams/${team.body.id}/members/${name}`, boss)).status, 204);
      members[name] = users[name]!;
    }
  });
  after(() => world.close());

  const clone = (user: TestUser) => world.sb.git(['clone', '-q', authUrl(`${world.server.url}unitco/app.git`, user.name, user.password), `clone-${user.name}-${Math.random()}`]);

  it('code write: clone, read contents and push', async () => {
    assert.equal((await clone(members.coder!)).code, 0);
    assert.equal((await call(world.server, 'GET', '/repos/unitco/app/contents/README.md', { token: members.coder!.token })).status, 200);
    const repo = await call(world.server, 'GET', '/repos/unitco/app', { token: members.coder!.token });
    assert.deepEqual(repo.body.permissions, { admin: false, push: true, pull: true });
    assert.equal((await pushAs(world, members.coder!, 'unitco/app')).code, 0);
  });

  it('code read: clone and read, but no push', async () => {
    assert.equal((await clone(members.reader!)).code, 0);
    assert.deepEqual((await call(world.server, 'GET', '/repos/unitco/app', { token: members.reader!.token })).body.permissions, { admin: false, push: false, pull: true });
    const push = await pushAs(world, members.reader!, 'unitco/app');
    assert.notEqual(push.code, 0);
    assert.match(push.stderr, /403|denied/i);
  });

  it('no code unit: the repository is visible, its code is not (403), and git refuses', async () => {
    const token = { token: members.tracker!.token };
    const repo = await call(world.server, 'GET', '/repos/unitco/app', token);
    assert.equal(repo.status, 200);
    assert.deepEqual(repo.body.permissions, { admin: false, push: false, pull: false });
    assert.equal((await call(world.server, 'GET', '/repos/unitco/app/contents/README.md', token)).status, 403);
    assert.equal((await call(world.server, 'GET', '/repos/unitco/app/branches', token)).status, 403);
    assert.equal((await call(world.server, 'POST', '/repos/unitco/app/forks', { ...token, body: {} })).status, 403);
    const cloned = await clone(members.tracker!);
    assert.notEqual(cloned.code, 0);
    assert.match(cloned.stderr, /403/);
  });

  it('leaving the team takes the access away (404 on a private organisation)', async () => {
    const teams = await call(world.server, 'GET', '/orgs/unitco/teams', { token: world.users.boss!.token });
    const reader = teams.body.find((t: { name: string }) => t.name === 'reader');
    assert.equal((await call(world.server, 'DELETE', `/teams/${reader.id}/members/reader`, { token: world.users.boss!.token })).status, 204);
    assert.equal((await call(world.server, 'GET', '/repos/unitco/app', { token: members.reader!.token })).status, 404);
  });
});
