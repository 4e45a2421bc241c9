import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { call } from '../../../helpers/http.js';
import { startWorld, type World } from '../../../helpers/world.js';

describe('reactions', () => {
  let world: World;
  let commentId: number;
  const as = (name: string) => ({ token: world.users[name]!.token });

  before(async () => {
    world = await startWorld(['host', 'guest']);
    assert.equal((await call(world.server, 'POST', '/user/repos', { ...as('host'), body: { name: 'tea' } })).status, 201);
    assert.equal((await call(world.server, 'POST', '/repos/host/tea/issues', { ...as('guest'), body: { title: 'More sugar' } })).status, 201);
    commentId = (await call(world.server, 'POST', '/repos/host/tea/issues/1/comments', { ...as('host'), body: { body: 'No.' } })).body.id;
  });
  after(() => world.close());

  it('react to an issue: 201 the first time, 200 again; list; take back', async () => {
    const path = '/repos/host/tea/issues/1/reactions';
    const first = await call(world.server, 'POST', path, { ...as('guest'), body: { content: 'heart' } });
    assert.equal(first.status, 201, first.text);
    assert.equal(first.body.content, 'heart');
    assert.equal(first.body.user.login, 'guest');
    assert.equal((await call(world.server, 'POST', path, { ...as('guest'), body: { content: 'heart' } })).status, 200);
    await call(world.server, 'POST', path, { ...as('host'), body: { content: '+1' } });
    assert.deepEqual((await call(world.server, 'GET', path)).body.map((r: { content: string; user: { login: string } }) => `${r.user.login}:${r.content}`), ['guest:heart', 'host:+1']);
    assert.equal((await call(world.server, 'DELETE', path, { ...as('guest'), body: { content: 'heart' } })).status, 200);
    assert.deepEqual((await call(world.server, 'GET', path)).body.map((r: { content: string }) => r.content), ['+1']);
  });

  it('react to a comment; unknown reactions are refused (403); locked issues take writers\' reactions only', async () => {
    const path = `/repos/host/tea/issues/comments/${commentId}/reactions`;
    assert.equal((await call(world.server, 'POST', path, { ...as('guest'), body: { content: 'confused' } })).status, 201);
    assert.equal((await call(world.server, 'POST', path, { ...as('guest'), body: { content: 'not-an-emoji' } })).status, 403);
    assert.deepEqual((await call(world.server, 'GET', path)).body.map((r: { content: string }) => r.content), ['confused']);
    assert.equal((await call(world.server, 'DELETE', path, { ...as('guest'), body: { content: 'confused' } })).status, 200);
    assert.deepEqual((await call(world.server, 'GET', path)).body, []);
    assert.equal((await call(world.server, 'GET', '/repos/host/tea/issues/comments/999999/reactions')).status, 404);
    assert.equal((await call(world.server, 'PUT', '/repos/host/tea/issues/1/lock', { ...as('host'), body: {} })).status, 204);
    assert.equal((await call(world.server, 'POST', '/repos/host/tea/issues/1/reactions', { ...as('guest'), body: { content: 'laugh' } })).status, 403);
    assert.equal((await call(world.server, 'POST', '/repos/host/tea/issues/1/reactions', { ...as('host'), body: { content: 'laugh' } })).status, 201);
  });
});
