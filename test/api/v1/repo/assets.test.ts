import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { call } from '../../../helpers/http.js';
import { startWorld, type World } from '../../../helpers/world.js';

describe('attachments of issues and comments', () => {
  let world: World;
  const token = (name: string) => world.users[name]!.token;
  const stored = (uuid: string) => join(world.server.dataDir, 'attachments', uuid[0]!, uuid[1]!, uuid);

  async function upload(path: string, who: string, name: string, bytes: Buffer | string, query = '') {
    const form = new FormData();
    form.append('attachment', new Blob([typeof bytes === 'string' ? bytes : new Uint8Array(bytes)]), name);
    const response = await fetch(`${world.server.api}${path}${query}`, { method: 'POST', headers: { authorization: `token ${token(who)}` }, body: form });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  }

  before(async () => {
    world = await startWorld(['owner', 'poster', 'stranger'], { attachment: { MAX_SIZE: 1, ALLOWED_TYPES: '.txt,.png' } });
    assert.equal((await call(world.server, 'POST', '/user/repos', { token: token('owner'), body: { name: 'files', private: true } })).status, 201);
    assert.equal((await call(world.server, 'PUT', '/repos/owner/files/collaborators/poster', { token: token('owner'), body: { permission: 'read' } })).status, 204);
    assert.equal((await call(world.server, 'POST', '/repos/owner/files/issues', { token: token('poster'), body: { title: 'Logs attached' } })).status, 201);
  });
  after(() => world.close());

  it('the poster attaches a file; it shows in the issue and downloads for readers only', async () => {
    const added = await upload('/repos/owner/files/issues/1/assets', 'poster', 'log.txt', 'line one\n');
    assert.equal(added.status, 201, JSON.stringify(added.body));
    assert.equal(added.body.name, 'log.txt');
    assert.equal(added.body.size, 9);
    assert.equal(added.body.browser_download_url, `${world.server.url}attachments/${added.body.uuid}`);
    assert.ok(existsSync(stored(added.body.uuid)));
    const issue = await call(world.server, 'GET', '/repos/owner/files/issues/1', { token: token('owner') });
    assert.deepEqual(issue.body.assets.map((a: { name: string }) => a.name), ['log.txt']);
    const download = await fetch(added.body.browser_download_url, { headers: { authorization: `token ${token('owner')}` } });
    assert.equal(download.status, 200);
    assert.equal(await download.text(), 'line one\n');
    assert.match(download.headers.get('content-disposition')!, /log\.txt/);
    assert.equal((await fetch(added.body.browser_download_url)).status, 404, 'anonymous callers cannot read a private repository');
    assert.equal((await call(world.server, 'GET', `/repos/owner/files/issues/1/assets/${added.body.id}`, { token: token('owner') })).body.download_count, 1);
  });

  it('refuses files too large (413), of other types (422), from others (403), and without a file (400)', async () => {
    assert.equal((await upload('/repos/owner/files/issues/1/assets', 'poster', 'big.txt', Buffer.alloc(1024 * 1024 + 1, 97))).status, 413);
    assert.equal((await upload('/repos/owner/files/issues/1/assets', 'poster', 'tool.exe', 'MZ')).status, 422);
    assert.equal((await upload('/repos/owner/files/issues/1/assets', 'stranger', 'x.txt', 'x')).status, 404, 'the repository is private');
    assert.equal((await call(world.server, 'POST', '/repos/owner/files/issues/1/assets', { token: token('poster'), body: {} })).status, 400);
    assert.deepEqual((await call(world.server, 'GET', '/repos/owner/files/issues/1/assets', { token: token('poster') })).body.map((a: { name: string }) => a.name), ['log.txt'], 'nothing half-written');
  });

  it('renames and deletes (the stored file too); comments carry files of their own', async () => {
    const list = (await call(world.server, 'GET', '/repos/owner/files/issues/1/assets', { token: token('poster') })).body;
    const renamed = await call(world.server, 'PATCH', `/repos/owner/files/issues/1/assets/${list[0].id}`, { token: token('poster'), body: { name: 'first.txt' } });
    assert.equal(renamed.status, 201);
    assert.equal(renamed.body.name, 'first.txt');
    assert.equal((await call(world.server, 'DELETE', `/repos/owner/files/issues/1/assets/${list[0].id}`, { token: token('poster') })).status, 204);
    assert.ok(!existsSync(stored(list[0].uuid)));

    const comment = await call(world.server, 'POST', '/repos/owner/files/issues/1/comments', { token: token('owner'), body: { body: 'Screenshot below' } });
    const shot = await upload(`/repos/owner/files/issues/comments/${comment.body.id}/assets`, 'owner', 'shot.png', Buffer.from([0x89, 0x50, 0x4e, 0x47]), '?name=screen.png');
    assert.equal(shot.status, 201, JSON.stringify(shot.body));
    assert.equal(shot.body.name, 'screen.png');
    assert.equal((await upload(`/repos/owner/files/issues/comments/${comment.body.id}/assets`, 'poster', 'mine.txt', 'x')).status, 403, 'not the commenter, not a writer');
    const comments = await call(world.server, 'GET', '/repos/owner/files/issues/1/comments', { token: token('poster') });
    assert.deepEqual(comments.body[0].assets.map((a: { name: string }) => a.name), ['screen.png']);
    const commentAssets = `/repos/owner/files/issues/comments/${comment.body.id}/assets`;
    assert.deepEqual((await call(world.server, 'GET', commentAssets, { token: token('poster') })).body.map((a: { id: number }) => a.id), [shot.body.id]);
    assert.equal((await call(world.server, 'GET', `${commentAssets}/${shot.body.id}`, { token: token('poster') })).body.name, 'screen.png');
    assert.equal((await call(world.server, 'PATCH', `${commentAssets}/${shot.body.id}`, { token: token('owner'), body: { name: 'screen-1.png' } })).body.name, 'screen-1.png');
    assert.equal((await call(world.server, 'GET', `/repos/owner/files/issues/1/assets/${shot.body.id}`, { token: token('poster') })).status, 404, 'a comment\'s file is not the issue\'s');
    const extra = await upload(commentAssets, 'owner', 'extra.txt', 'x');
    assert.equal((await call(world.server, 'DELETE', `${commentAssets}/${extra.body.id}`, { token: token('owner') })).status, 204);
    assert.ok(!existsSync(stored(extra.body.uuid)));
    assert.equal((await call(world.server, 'DELETE', '/repos/owner/files/issues/1', { token: token('owner') })).status, 204);
    assert.ok(!existsSync(stored(shot.body.uuid)), 'deleting the issue deletes its files');
  });
});
