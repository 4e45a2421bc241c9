import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { call } from '../../../helpers/http.js';
import { startWorld, type World } from '../../../helpers/world.js';

// Gitea's AUTO_WATCH_NEW_REPOS in organizations: whoever a team gives a repository to watches it.
describe('team members watch the repositories their teams give them', () => {
  let world: World;
  const as = (name: string) => ({ token: world.users[name]!.token });
  const watchers = async (repo: string) => ((await call(world.server, 'GET', `/repos/guild/${repo}/subscribers`, as('alice'))).body as { login: string }[]).map((u) => u.login).sort();
  const teamOf = async (body: Record<string, unknown>) => (await call(world.server, 'POST', '/orgs/guild/teams', { ...as('alice'), body })).body.id as number;

  before(async () => {
    world = await startWorld(['alice', 'bob', 'carol', 'dave']);
    assert.equal((await call(world.server, 'POST', '/orgs', { ...as('alice'), body: { username: 'guild' } })).status, 201);
    assert.equal((await call(world.server, 'POST', '/orgs/guild/repos', { ...as('alice'), body: { name: 'old', private: true } })).status, 201);
  });
  after(() => world.close());

  it('a repository added to a team, and a new member of a team that includes all', async () => {
    assert.deepEqual(await watchers('old'), ['alice']);
    const devs = await teamOf({ name: 'devs', permission: 'write' });
    assert.equal((await call(world.server, 'PUT', `/teams/${devs}/members/bob`, as('alice'))).status, 204);
    assert.deepEqual(await watchers('old'), ['alice'], 'the team does not reach the repository yet');
    assert.equal((await call(world.server, 'PUT', `/teams/${devs}/repos/guild/old`, as('alice'))).status, 204);
    assert.deepEqual(await watchers('old'), ['alice', 'bob']);
    const everyone = await teamOf({ name: 'everyone', permission: 'read', includes_all_repositories: true });
    assert.equal((await call(world.server, 'PUT', `/teams/${everyone}/members/carol`, as('alice'))).status, 204);
    assert.deepEqual(await watchers('old'), ['alice', 'bob', 'carol']);
    assert.equal((await call(world.server, 'GET', '/repos/guild/old', as('carol'))).body.watchers_count, 3);
  });

  it('a new repository: its creator and the members of teams that include all, not other teams', async () => {
    assert.equal((await call(world.server, 'POST', '/orgs/guild/repos', { ...as('alice'), body: { name: 'new' } })).status, 201);
    assert.deepEqual(await watchers('new'), ['alice', 'carol']);
  });

  it('a team made to include all repositories: its members watch them all', async () => {
    const later = await teamOf({ name: 'later', permission: 'read' });
    assert.equal((await call(world.server, 'PUT', `/teams/${later}/members/dave`, as('alice'))).status, 204);
    assert.deepEqual(await watchers('new'), ['alice', 'carol']);
    assert.equal((await call(world.server, 'PATCH', `/teams/${later}`, { ...as('alice'), body: { name: 'later', includes_all_repositories: true } })).status, 200);
    assert.deepEqual(await watchers('old'), ['alice', 'bob', 'carol', 'dave']);
    assert.deepEqual(await watchers('new'), ['alice', 'carol', 'dave']);
    assert.equal((await call(world.server, 'GET', '/repos/guild/new', as('dave'))).body.watchers_count, 3);
  });

  it('a repository transferred into the organization: the members of teams that include all', async () => {
    assert.equal((await call(world.server, 'POST', '/user/repos', { ...as('alice'), body: { name: 'gift' } })).status, 201);
    const moved = await call(world.server, 'POST', '/repos/alice/gift/transfer', { ...as('alice'), body: { new_owner: 'guild' } });
    assert.equal(moved.status, 202, moved.text);
    assert.deepEqual(await watchers('gift'), ['alice', 'carol', 'dave']);
    assert.equal((await call(world.server, 'GET', '/repos/guild/gift', as('alice'))).body.watchers_count, 3);
  });
});
