import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { PNG } from 'pngjs';
import { bootstrapAdmin, createUser } from '../../../helpers/fixtures.js';
import { call } from '../../../helpers/http.js';
import { startServer, type TestServer } from '../../../helpers/server.js';

function png(width: number, height: number): Buffer {
  const image = new PNG({ width, height });
  image.data.fill(0x80);
  return PNG.sync.write(image);
}

describe('avatars', () => {
  let server: TestServer;
  let adminToken: string;
  let user: Awaited<ReturnType<typeof createUser>>;

  before(async () => {
    server = await startServer({ picture: { AVATAR_MAX_FILE_SIZE: 20_000 } });
    adminToken = await bootstrapAdmin(server);
    user = await createUser(server, adminToken);
  });
  after(() => server.stop());

  const avatarUrl = async (path = '/user', token = user.token) => (await call(server, 'GET', path, { token })).body.avatar_url as string;

  it('every account starts with a generated PNG avatar at its avatar_url, the same on every fetch', async () => {
    const url = await avatarUrl();
    assert.match(url, new RegExp(`^${server.url}avatars/[0-9a-f]{32}$`));
    const first = await fetch(url);
    assert.equal(first.status, 200);
    assert.equal(first.headers.get('content-type'), 'image/png');
    const bytes = Buffer.from(await first.arrayBuffer());
    const decoded = PNG.sync.read(bytes);
    assert.equal(decoded.width, decoded.height);
    assert.ok(Buffer.from(await (await fetch(url)).arrayBuffer()).equals(bytes));
    const other = await createUser(server, adminToken);
    assert.notEqual(await avatarUrl('/user', other.token), url, 'accounts get different avatars');
  });

  it('POST /user/avatar stores the image, served by content hash; DELETE returns to the generated one', async () => {
    const image = png(16, 16);
    assert.equal((await call(server, 'POST', '/user/avatar', { token: user.token, body: { image: image.toString('base64') } })).status, 204);
    const url = await avatarUrl();
    assert.match(url, /\/avatars\/[0-9a-f]{64}$/);
    const served = await fetch(url);
    assert.equal(served.headers.get('content-type'), 'image/png');
    assert.match(served.headers.get('cache-control')!, /immutable/);
    assert.ok(Buffer.from(await served.arrayBuffer()).equals(image));
    const file = join(server.dataDir, 'avatars', url.split('/').pop()!);
    assert.ok(existsSync(file));

    assert.equal((await call(server, 'DELETE', '/user/avatar', { token: user.token })).status, 204);
    assert.match(await avatarUrl(), /\/avatars\/[0-9a-f]{32}$/);
    assert.ok(!existsSync(file), 'an avatar no account uses is deleted');
  });

  it('refuses what is not a base64 image within the limits (422) and keeps the avatar', async () => {
    const before = await avatarUrl();
    const bad = async (image: string) => (await call(server, 'POST', '/user/avatar', { token: user.token, body: { image } })).status;
    assert.equal(await bad('not base64 at all!'), 422);
    assert.equal(await bad(''), 422);
    assert.equal(await bad(Buffer.from('plain text, not an image').toString('base64')), 422);
    assert.equal(await bad(png(5000, 1).toString('base64')), 422, 'wider than AVATAR_MAX_WIDTH');
    assert.equal(await bad(Buffer.alloc(30_000, 1).toString('base64')), 422, 'larger than AVATAR_MAX_FILE_SIZE');
    assert.equal(await avatarUrl(), before);
  });

  it('organisation avatars are set by owners only', async () => {
    const member = await createUser(server, adminToken);
    assert.equal((await call(server, 'POST', '/orgs', { token: user.token, body: { username: 'painters' } })).status, 201);
    assert.equal((await call(server, 'PUT', `/orgs/painters/memberships/${member.name}`, { token: user.token, body: { role: 'member' } })).status, 204);
    const image = png(8, 8).toString('base64');
    assert.equal((await call(server, 'POST', '/orgs/painters/avatar', { token: member.token, body: { image } })).status, 403);
    assert.equal((await call(server, 'POST', '/orgs/painters/avatar', { token: user.token, body: { image } })).status, 204);
    assert.match((await call(server, 'GET', '/orgs/painters')).body.avatar_url, /\/avatars\/[0-9a-f]{64}$/);
    assert.equal((await call(server, 'DELETE', '/orgs/painters/avatar', { token: user.token })).status, 204);
    assert.match((await call(server, 'GET', '/orgs/painters')).body.avatar_url, /\/avatars\/[0-9a-f]{32}$/);
    assert.equal((await call(server, 'POST', '/orgs/nowhere/avatar', { token: user.token, body: { image } })).status, 404);
  });
});
