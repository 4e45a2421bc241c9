import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { bootstrapAdmin, createUser } from '../../../helpers/fixtures.js';
import { call } from '../../../helpers/http.js';
import { startServer, type TestServer } from '../../../helpers/server.js';

describe('templates: .gitignore, licences, label sets', () => {
  let server: TestServer;
  let token: string;

  before(async () => {
    server = await startServer();
    token = (await createUser(server, await bootstrapAdmin(server))).token;
  });
  after(() => server.stop());

  it('lists and serves .gitignore templates and licences', async () => {
    const names = (await call(server, 'GET', '/gitignore/templates')).body as string[];
    assert.ok(names.includes('Node'));
    const node = await call(server, 'GET', '/gitignore/templates/Node');
    assert.equal(node.body.name, 'Node');
    assert.match(node.body.source, /node_modules/);
    assert.equal((await call(server, 'GET', '/gitignore/templates/NoSuchThing')).status, 404);
    const licenses = (await call(server, 'GET', '/licenses')).body as { key: string; url: string }[];
    const mit = licenses.find((l) => l.key === 'MIT')!;
    assert.equal(mit.url, `${server.api}/licenses/MIT`);
    const text = await call(server, 'GET', '/licenses/MIT');
    assert.equal(text.body.name, 'MIT License');
    assert.match(text.body.body, /Permission is hereby granted/);
  });

  it('label sets: list, read, and start a repository with one (422 for an unknown set)', async () => {
    assert.deepEqual((await call(server, 'GET', '/label/templates')).body, ['Advanced', 'Default']);
    const advanced = (await call(server, 'GET', '/label/templates/Advanced')).body as { name: string; exclusive: boolean; color: string }[];
    assert.ok(advanced.some((l) => l.name === 'priority/high' && l.exclusive && /^[0-9a-f]{6}$/.test(l.color)));
    assert.equal((await call(server, 'GET', '/label/templates/Nope')).status, 404);
    const created = await call(server, 'POST', '/user/repos', { token, body: { name: 'labelled', issue_labels: 'Default' } });
    assert.equal(created.status, 201, created.text);
    const labels = (await call(server, 'GET', `/repos/${created.body.owner.login}/labelled/labels?limit=50`, { token })).body as { name: string }[];
    assert.ok(labels.some((l) => l.name === 'bug'));
    assert.equal((await call(server, 'POST', '/user/repos', { token, body: { name: 'nolabels', issue_labels: 'Nope' } })).status, 422);
    assert.equal((await call(server, 'GET', `/repos/${created.body.owner.login}/nolabels`, { token })).status, 404, 'nothing was created');
  });
});
