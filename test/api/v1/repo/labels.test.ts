import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { call } from '../../../helpers/http.js';
import { startWorld, type World } from '../../../helpers/world.js';

describe('labels of organizations and repositories', () => {
  let world: World;
  const as = (name: string) => ({ token: world.users[name]!.token });

  before(async () => {
    world = await startWorld(['owner', 'member', 'stranger']);
    assert.equal((await call(world.server, 'POST', '/orgs', { ...as('owner'), body: { username: 'labelled' } })).status, 201);
    assert.equal((await call(world.server, 'POST', '/orgs', { ...as('owner'), body: { username: 'elsewhere' } })).status, 201);
    assert.equal((await call(world.server, 'PUT', '/orgs/labelled/memberships/member', { ...as('owner'), body: { role: 'member' } })).status, 204);
    assert.equal((await call(world.server, 'POST', '/user/repos', { ...as('owner'), body: { name: 'tracked' } })).status, 201);
  });
  after(() => world.close());

  it('organization owners create, edit, archive and delete labels; everyone who sees the org lists them', async () => {
    const created = await call(world.server, 'POST', '/orgs/labelled/labels', { ...as('owner'), body: { name: 'kind/bug', color: '#FF0000', exclusive: true, description: 'Something is broken' } });
    assert.equal(created.status, 201, created.text);
    assert.equal(created.body.color, 'ff0000');
    assert.equal(created.body.exclusive, true);
    assert.equal(created.body.is_archived, false);
    assert.equal(created.body.url, `${world.server.api}/orgs/labelled/labels/${created.body.id}`);
    assert.equal((await call(world.server, 'POST', '/orgs/labelled/labels', { ...as('member'), body: { name: 'x', color: '00ff00' } })).status, 403);

    const listed = await call(world.server, 'GET', '/orgs/labelled/labels');
    assert.deepEqual(listed.body.map((l: { name: string }) => l.name), ['kind/bug']);
    assert.equal(listed.headers.get('x-total-count'), '1');

    const edited = await call(world.server, 'PATCH', `/orgs/labelled/labels/${created.body.id}`, { ...as('owner'), body: { color: 'abc', is_archived: true } });
    assert.equal(edited.status, 200);
    assert.equal(edited.body.color, 'aabbcc');
    assert.equal(edited.body.is_archived, true);
    assert.equal(edited.body.name, 'kind/bug', 'unchanged fields stay');
    assert.equal((await call(world.server, 'GET', `/orgs/elsewhere/labels/${created.body.id}`)).status, 404, 'a label belongs to its organization only');
    assert.equal((await call(world.server, 'DELETE', `/orgs/labelled/labels/${created.body.id}`, as('owner'))).status, 204);
    assert.equal((await call(world.server, 'GET', `/orgs/labelled/labels/${created.body.id}`)).status, 404);
  });

  it('repository labels: writers change them, readers list them', async () => {
    const created = await call(world.server, 'POST', '/repos/owner/tracked/labels', { ...as('owner'), body: { name: 'good first issue', color: '7057ff' } });
    assert.equal(created.status, 201, created.text);
    assert.equal((await call(world.server, 'POST', '/repos/owner/tracked/labels', { ...as('stranger'), body: { name: 'x', color: '000000' } })).status, 403);
    assert.deepEqual((await call(world.server, 'GET', '/repos/owner/tracked/labels', as('stranger'))).body.map((l: { name: string }) => l.name), ['good first issue']);
    assert.equal((await call(world.server, 'GET', `/repos/owner/tracked/labels/${created.body.id}`)).body.color, '7057ff');
  });

  it('refuses bad colours and missing names (422)', async () => {
    const bad = async (body: unknown) => (await call(world.server, 'POST', '/repos/owner/tracked/labels', { ...as('owner'), body })).status;
    assert.equal(await bad({ name: 'x', color: 'red' }), 422);
    assert.equal(await bad({ name: 'x', color: '#12345' }), 422);
    assert.equal(await bad({ name: '   ', color: '#123456' }), 422);
    assert.equal(await bad({ color: '#123456' }), 422);
  });
});
