import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { call } from '../../../helpers/http.js';
import { startWorld, type World } from '../../../helpers/world.js';

describe('issue dependencies', () => {
  let world: World;
  const as = (name: string) => ({ token: world.users[name]!.token });
  const titles = (r: { body: { title: string }[] }) => r.body.map((i) => i.title);

  before(async () => {
    world = await startWorld(['dev', 'other']);
    assert.equal((await call(world.server, 'POST', '/user/repos', { ...as('dev'), body: { name: 'app' } })).status, 201);
    assert.equal((await call(world.server, 'POST', '/user/repos', { ...as('dev'), body: { name: 'lib', private: true } })).status, 201);
    for (const title of ['Ship', 'Build', 'Design']) await call(world.server, 'POST', '/repos/dev/app/issues', { ...as('dev'), body: { title } });
    await call(world.server, 'POST', '/repos/dev/lib/issues', { ...as('dev'), body: { title: 'Library fix' } });
  });
  after(() => world.close());

  it('adds dependencies and blocks, across repositories; lists both ways', async () => {
    const dep = async (index: number, meta: object) => call(world.server, 'POST', `/repos/dev/app/issues/${index}/dependencies`, { ...as('dev'), body: meta });
    const added = await dep(1, { owner: 'dev', repo: 'app', index: 2 });
    assert.equal(added.status, 201, added.text);
    assert.equal(added.body.title, 'Build');
    assert.equal((await dep(1, { owner: 'dev', repo: 'lib', index: 1 })).status, 201);
    assert.equal((await call(world.server, 'POST', '/repos/dev/app/issues/3/blocks', { ...as('dev'), body: { owner: 'dev', repo: 'app', index: 2 } })).status, 201);
    assert.deepEqual(titles(await call(world.server, 'GET', '/repos/dev/app/issues/1/dependencies', as('dev'))), ['Build', 'Library fix']);
    assert.deepEqual(titles(await call(world.server, 'GET', '/repos/dev/app/issues/1/dependencies', as('other'))), ['Build'], 'issues of private repositories stay hidden');
    assert.deepEqual(titles(await call(world.server, 'GET', '/repos/dev/app/issues/2/blocks', as('dev'))), ['Ship']);
    assert.deepEqual(titles(await call(world.server, 'GET', '/repos/dev/app/issues/2/dependencies', as('dev'))), ['Design']);
  });

  it('refuses self, circular and unreadable dependencies, and non-writers', async () => {
    const dep = async (index: number, meta: object, who = 'dev') => (await call(world.server, 'POST', `/repos/dev/app/issues/${index}/dependencies`, { ...as(who), body: meta })).status;
    assert.equal(await dep(1, { owner: 'dev', repo: 'app', index: 1 }), 422);
    assert.equal(await dep(3, { owner: 'dev', repo: 'app', index: 1 }), 422, 'Ship → Build → Design → Ship would be a circle');
    assert.equal(await dep(1, { owner: 'dev', repo: 'app', index: 99 }), 404);
    assert.equal(await dep(3, { owner: 'dev', repo: 'app', index: 2 }, 'other'), 403);
  });

  it('an issue with open dependencies cannot be closed (412) until they are', async () => {
    assert.equal((await call(world.server, 'PATCH', '/repos/dev/app/issues/2', { ...as('dev'), body: { state: 'closed' } })).status, 412);
    assert.equal((await call(world.server, 'PATCH', '/repos/dev/app/issues/3', { ...as('dev'), body: { state: 'closed' } })).status, 201);
    assert.equal((await call(world.server, 'PATCH', '/repos/dev/app/issues/2', { ...as('dev'), body: { state: 'closed' } })).status, 201);
    assert.equal((await call(world.server, 'DELETE', '/repos/dev/app/issues/3/blocks', { ...as('dev'), body: { owner: 'dev', repo: 'app', index: 2 } })).status, 200);
    assert.deepEqual(titles(await call(world.server, 'GET', '/repos/dev/app/issues/3/blocks', as('dev'))), []);
    const removed = await call(world.server, 'DELETE', '/repos/dev/app/issues/1/dependencies', { ...as('dev'), body: { owner: 'dev', repo: 'lib', index: 1 } });
    assert.equal(removed.status, 200);
    assert.equal((await call(world.server, 'PATCH', '/repos/dev/app/issues/1', { ...as('dev'), body: { state: 'closed' } })).status, 201);
  });
});
