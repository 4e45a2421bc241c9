import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as openpgp from 'openpgp';
import { bootstrapAdmin, createUser } from '../../../helpers/fixtures.js';
import { call } from '../../../helpers/http.js';
import { startServer, type TestServer } from '../../../helpers/server.js';

async function keyFor(email: string) {
  return openpgp.generateKey({ type: 'ecc', curve: 'curve25519Legacy', userIDs: [{ name: 'Key Holder', email }], format: 'object' });
}

async function sign(text: string, privateKey: openpgp.PrivateKey): Promise<string> {
  const message = await openpgp.createMessage({ binary: Buffer.from(text) });
  return (await openpgp.sign({ message, signingKeys: privateKey, detached: true })) as string;
}

describe('GPG keys', () => {
  let server: TestServer;
  let adminToken: string;
  let user: Awaited<ReturnType<typeof createUser>>;

  before(async () => {
    server = await startServer();
    adminToken = await bootstrapAdmin(server);
    user = await createUser(server, adminToken);
  });
  after(() => server.stop());

  it('adds a key whose identity is one of the user\'s addresses, lists, gets and deletes it', async () => {
    const { publicKey } = await keyFor(user.email);
    const added = await call(server, 'POST', '/user/gpg_keys', { token: user.token, body: { armored_public_key: publicKey.armor() } });
    assert.equal(added.status, 201, added.text);
    assert.equal(added.body.key_id, publicKey.getKeyID().toHex().toUpperCase());
    assert.equal(added.body.primary_key_id, '');
    assert.deepEqual(added.body.emails, [{ email: user.email, verified: true }]);
    assert.equal(added.body.verified, true);
    assert.equal(added.body.can_sign, true);
    assert.equal(added.body.subkeys.length, 1);
    assert.equal(added.body.subkeys[0].can_encrypt_comms, true);
    assert.equal(added.body.subkeys[0].primary_key_id, added.body.key_id);

    const mine = await call(server, 'GET', '/user/gpg_keys', { token: user.token });
    assert.deepEqual(mine.body.map((k: { id: number }) => k.id), [added.body.id]);
    assert.equal(mine.headers.get('x-total-count'), '1');
    assert.equal((await call(server, 'GET', `/users/${user.name}/gpg_keys`)).body.length, 1, 'anyone may list a user\'s keys');
    assert.equal((await call(server, 'GET', `/user/gpg_keys/${added.body.id}`, { token: user.token })).body.key_id, added.body.key_id);

    const other = await createUser(server, adminToken);
    assert.equal((await call(server, 'GET', `/user/gpg_keys/${added.body.id}`, { token: other.token })).status, 404);
    assert.equal((await call(server, 'DELETE', `/user/gpg_keys/${added.body.id}`, { token: other.token })).status, 404);
    const again = await call(server, 'POST', '/user/gpg_keys', { token: other.token, body: { armored_public_key: publicKey.armor() } });
    assert.equal(again.status, 422, 'a key id belongs to one account');
    assert.equal((await call(server, 'DELETE', `/user/gpg_keys/${added.body.id}`, { token: user.token })).status, 204);
    assert.equal((await call(server, 'GET', '/user/gpg_keys', { token: user.token })).body.length, 0);
  });

  it('a key naming none of the user\'s addresses needs a signed token: 404 without, 201 with', async () => {
    const { publicKey, privateKey } = await keyFor('someone-else@example.org');
    const refused = await call(server, 'POST', '/user/gpg_keys', { token: user.token, body: { armored_public_key: publicKey.armor() } });
    assert.equal(refused.status, 404);
    const token = await call(server, 'GET', '/user/gpg_key_token', { token: user.token });
    assert.equal(token.status, 200);
    assert.match(token.headers.get('content-type')!, /^text\/plain/);
    assert.match(token.text, /^[0-9a-f]{64}$/);
    const wrong = await call(server, 'POST', '/user/gpg_keys', { token: user.token, body: { armored_public_key: publicKey.armor(), armored_signature: await sign('not the token', privateKey) } });
    assert.equal(wrong.status, 422);
    const added = await call(server, 'POST', '/user/gpg_keys', { token: user.token, body: { armored_public_key: publicKey.armor(), armored_signature: await sign(token.text, privateKey) } });
    assert.equal(added.status, 201, added.text);
    assert.equal(added.body.verified, true);
    assert.deepEqual(added.body.emails, []);
  });

  it('verifies a stored key with a signature made by the gpg command line', async (t) => {
    const home = mkdtempSync(join(tmpdir(), 'samovar-gpg-'));
    try {
      const gpg = (...args: string[]) => execFileSync('gpg', ['--homedir', home, '--batch', '--pinentry-mode', 'loopback', '--passphrase', '', ...args], { encoding: 'utf8', stdio: ['pipe', 'pipe', 'ignore'] });
      try {
        gpg('--quick-gen-key', `Holder <${user.email}>`, 'ed25519', 'sign', 'never');
      } catch {
        t.skip('gpg cannot generate keys here');
        return;
      }
      const armored = gpg('--armor', '--export', user.email);
      const added = await call(server, 'POST', '/user/gpg_keys', { token: user.token, body: { armored_public_key: armored } });
      assert.equal(added.status, 201, added.text);
      const token = (await call(server, 'GET', '/user/gpg_key_token', { token: user.token })).text;
      const signature = execFileSync('gpg', ['--homedir', home, '--batch', '--pinentry-mode', 'loopback', '--passphrase', '', '--armor', '--detach-sign', '--local-user', user.email], { input: token, encoding: 'utf8', stdio: ['pipe', 'pipe', 'ignore'] });
      const verified = await call(server, 'POST', '/user/gpg_key_verify', { token: user.token, body: { key_id: added.body.key_id, armored_signature: signature } });
      assert.equal(verified.status, 201, verified.text);
      assert.equal(verified.body.verified, true);
      const bogus = await call(server, 'POST', '/user/gpg_key_verify', { token: user.token, body: { key_id: 'FFFFFFFFFFFFFFFF', armored_signature: signature } });
      assert.equal(bogus.status, 404);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });

  it('refuses malformed keys and private keys (422)', async () => {
    const garbage = await call(server, 'POST', '/user/gpg_keys', { token: user.token, body: { armored_public_key: '-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nnope\n-----END PGP PUBLIC KEY BLOCK-----' } });
    assert.equal(garbage.status, 422);
    const { privateKey } = await keyFor(user.email);
    assert.equal((await call(server, 'POST', '/user/gpg_keys', { token: user.token, body: { armored_public_key: privateKey.armor() } })).status, 422);
    assert.equal((await call(server, 'POST', '/user/gpg_keys', { token: user.token, body: {} })).status, 422);
  });
});
