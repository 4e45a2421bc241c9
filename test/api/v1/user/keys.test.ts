import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { bootstrapAdmin, createUser } from '../../../helpers/fixtures.js';
import { call } from '../../../helpers/http.js';
import { startServer, type TestServer } from '../../../helpers/server.js';

/** A fresh key pair from ssh-keygen; returns the public key line and ssh-keygen's own fingerprint. */
function keygen(dir: string, name: string, args: string[]): { line: string; fingerprint: string } {
  const file = join(dir, name);
  execFileSync('ssh-keygen', ['-q', '-N', '', '-C', `${name}@test`, '-f', file, ...args]);
  const fingerprint = execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', `${file}.pub`], { encoding: 'utf8' }).split(' ')[1]!;
  return { line: readFileSync(`${file}.pub`, 'utf8').trim(), fingerprint };
}

describe('SSH public keys', () => {
  let server: TestServer;
  let adminToken: string;
  let alice: Awaited<ReturnType<typeof createUser>>;
  let bob: Awaited<ReturnType<typeof createUser>>;
  let dir: string;

  before(async () => {
    server = await startServer();
    adminToken = await bootstrapAdmin(server);
    alice = await createUser(server, adminToken, { username: 'alice' });
    bob = await createUser(server, adminToken, { username: 'bob' });
    dir = mkdtempSync(join(tmpdir(), 'samovar-keys-'));
  });
  after(async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('adds a key (201) with ssh-keygen\'s fingerprint; lists, gets, filters, deletes it', async () => {
    const ed = keygen(dir, 'ed', ['-t', 'ed25519']);
    const r = await call(server, 'POST', '/user/keys', { token: alice.token, body: { title: 'laptop', key: ed.line } });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.body.fingerprint, ed.fingerprint);
    assert.equal(r.body.key, ed.line.split(' ').slice(0, 2).join(' '));
    assert.equal(r.body.title, 'laptop');
    assert.equal(r.body.user.login, 'alice');
    assert.equal((await call(server, 'GET', `/user/keys/${r.body.id}`, { token: alice.token })).body.id, r.body.id);
    assert.equal((await call(server, 'GET', `/user/keys/${r.body.id}`, { token: bob.token })).status, 404);
    assert.deepEqual((await call(server, 'GET', '/users/alice/keys')).body.map((k: { title: string }) => k.title), ['laptop']);
    assert.equal((await call(server, 'GET', `/user/keys?fingerprint=${encodeURIComponent(ed.fingerprint)}`, { token: alice.token })).body.length, 1);
    assert.equal((await call(server, 'GET', '/user/keys?fingerprint=SHA256:nope', { token: alice.token })).body.length, 0);
    assert.equal((await call(server, 'DELETE', `/user/keys/${r.body.id}`, { token: bob.token })).status, 404);
    assert.equal((await call(server, 'DELETE', `/user/keys/${r.body.id}`, { token: alice.token })).status, 204);
    assert.equal((await call(server, 'GET', '/user/keys', { token: alice.token })).body.length, 0);
  });

  it('refuses malformed, weak and duplicate keys (422), across users too', async () => {
    const rsa = keygen(dir, 'rsa', ['-t', 'rsa', '-b', '4096']);
    assert.equal((await call(server, 'POST', '/user/keys', { token: alice.token, body: { title: 'rsa', key: rsa.line } })).status, 201);
    const again = await call(server, 'POST', '/user/keys', { token: bob.token, body: { title: 'stolen', key: rsa.line } });
    assert.equal(again.status, 422);
    assert.match(again.body.message, /another user/);
    assert.equal((await call(server, 'POST', '/user/keys', { token: alice.token, body: { title: 'twice', key: rsa.line } })).status, 422);
    assert.equal((await call(server, 'POST', '/user/keys', { token: alice.token, body: { title: 'junk', key: 'ssh-rsa not-base64!!' } })).status, 422);
    const weak = keygen(dir, 'weak', ['-t', 'rsa', '-b', '2048']);
    const refused = await call(server, 'POST', '/user/keys', { token: alice.token, body: { title: 'weak', key: weak.line } });
    assert.equal(refused.status, 422);
    assert.match(refused.body.message, /3071/);
    assert.equal((await call(server, 'POST', '/user/keys', { token: alice.token, body: { title: '', key: rsa.line } })).status, 422);
  });

  it('admins add and remove keys for users', async () => {
    const ec = keygen(dir, 'ec', ['-t', 'ecdsa', '-b', '256']);
    const r = await call(server, 'POST', '/admin/users/bob/keys', { token: adminToken, body: { title: 'given', key: ec.line } });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.body.user.login, 'bob');
    assert.equal((await call(server, 'POST', '/admin/users/bob/keys', { token: alice.token, body: { title: 'x', key: ec.line } })).status, 403);
    assert.equal((await call(server, 'DELETE', `/admin/users/bob/keys/${r.body.id}`, { token: adminToken })).status, 204);
    assert.equal((await call(server, 'GET', '/users/bob/keys')).body.length, 0);
  });
});
