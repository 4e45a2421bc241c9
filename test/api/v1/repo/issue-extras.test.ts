import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { call } from '../../../helpers/http.js';
import { startWorld, type World } from '../../../helpers/world.js';

describe('assignees, due dates and pinned issues', () => {
  let world: World;
  const as = (name: string) => ({ token: world.users[name]!.token });

  before(async () => {
    world = await startWorld(['lead', 'dev', 'fan']);
    assert.equal((await call(world.server, 'POST', '/orgs', { ...as('lead'), body: { username: 'crew' } })).status, 201);
    assert.equal((await call(world.server, 'POST', '/orgs/crew/repos', { ...as('lead'), body: { name: 'board' } })).status, 201);
    const team = await call(world.server, 'POST', '/orgs/crew/teams', { ...as('lead'), body: { name: 'devs', permission: 'write', units: ['repo.code', 'repo.issues'], includes_all_repositories: true } });
    assert.equal((await call(world.server, 'PUT', `/teams/${team.body.id}/members/dev`, as('lead'))).status, 204);
    for (const title of ['one', 'two', 'three', 'four']) await call(world.server, 'POST', '/repos/crew/board/issues', { ...as('fan'), body: { title } });
  });
  after(() => world.close());

  it('lists who may be assigned: the owners and writers, not readers', async () => {
    const names = (await call(world.server, 'GET', '/repos/crew/board/assignees', as('fan'))).body.map((u: { login: string }) => u.login);
    assert.deepEqual(names, ['dev', 'lead']);
  });

  it('sets a due date (writers only)', async () => {
    assert.equal((await call(world.server, 'POST', '/repos/crew/board/issues/1/deadline', { ...as('fan'), body: { due_date: '2031-05-01T00:00:00Z' } })).status, 403);
    const set = await call(world.server, 'POST', '/repos/crew/board/issues/1/deadline', { ...as('dev'), body: { due_date: '2031-05-01T00:00:00Z' } });
    assert.equal(set.status, 201);
    assert.equal(set.body.due_date, '2031-05-01T00:00:00Z');
    assert.equal((await call(world.server, 'GET', '/repos/crew/board/issues/1', as('fan'))).body.due_date, '2031-05-01T00:00:00Z');
  });

  it('pins up to three issues, in order; moves and unpins them', async () => {
    const pinned = async () => (await call(world.server, 'GET', '/repos/crew/board/issues/pinned', as('fan'))).body.map((i: { title: string; pin_order: number }) => `${i.title}@${i.pin_order}`);
    assert.equal((await call(world.server, 'POST', '/repos/crew/board/issues/1/pin', as('fan'))).status, 403);
    for (const n of [1, 2, 3]) assert.equal((await call(world.server, 'POST', `/repos/crew/board/issues/${n}/pin`, as('dev'))).status, 204);
    assert.deepEqual(await pinned(), ['one@1', 'two@2', 'three@3']);
    assert.equal((await call(world.server, 'POST', '/repos/crew/board/issues/4/pin', as('dev'))).status, 422);
    assert.equal((await call(world.server, 'PATCH', '/repos/crew/board/issues/3/pin/1', as('dev'))).status, 204);
    assert.deepEqual(await pinned(), ['three@1', 'one@2', 'two@3']);
    assert.equal((await call(world.server, 'DELETE', '/repos/crew/board/issues/1/pin', as('dev'))).status, 204);
    assert.deepEqual(await pinned(), ['three@1', 'two@2']);
    assert.equal((await call(world.server, 'PATCH', '/repos/crew/board/issues/4/pin/1', as('dev'))).status, 422, 'only pinned issues move');
  });
});
