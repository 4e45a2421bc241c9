import { createHash } from 'node:crypto';
import * as openpgp from 'openpgp';
import { listEmails } from '../models/emails.js';
import {
  deleteGpgKey,
  getGpgKey,
  getGpgKeyByKeyId,
  gpgKeyIdTaken,
  insertGpgKey,
  listGpgKeys,
  markGpgKeyVerified,
  type GpgCapabilities,
  type GpgKey,
  type GpgKeyDetails,
} from '../models/gpg-keys.js';
import { isUniqueViolation } from '../models/errors.js';
import type { User } from '../models/users.js';
import type { ServiceContext } from './context.js';
import { invalid, notFound } from './errors.js';

export type { GpgKey };

const SIGNING = new Set(['rsaEncryptSign', 'rsaSign', 'dsa', 'ecdsa', 'eddsaLegacy', 'ed25519', 'ed448']);
const ENCRYPTING = new Set(['rsaEncryptSign', 'rsaEncrypt', 'elgamal', 'ecdh', 'x25519', 'x448']);
const BAD_SIGNATURE = 'the provided GPG key, signature and token do not match or the token is out of date';

/** GPG public keys of users, parsed with OpenPGP.js; ownership shown by e-mail or by a signed token. */
export class GpgKeyService {
  constructor(private readonly ctx: ServiceContext) {}

  list(owner: User, offset: number, limit: number): Promise<{ keys: GpgKey[]; total: number }> {
    return listGpgKeys(this.ctx.q, owner.id, offset, limit);
  }

  async get(owner: User, id: number): Promise<GpgKey> {
    const key = await getGpgKey(this.ctx.q, owner.id, id);
    if (!key) throw notFound(`GPG key does not exist [id: ${id}]`);
    return key;
  }

  async remove(owner: User, id: number): Promise<void> {
    if (!(await deleteGpgKey(this.ctx.q, owner.id, id))) throw notFound(`GPG key does not exist [id: ${id}]`);
  }

  /**
   * The text a user signs to prove they hold a key. It changes every minute; the previous
   * minute's is accepted too, as in Gitea.
   */
  verificationToken(user: User, minutesAgo = 0): string {
    const minute = Math.floor(Date.now() / 60_000) - minutesAgo;
    return createHash('sha256').update(`${minute}:${user.createdUnix}:${user.name}:${user.email}:${user.id}`).digest('hex');
  }

  async add(user: User, armoredKey: string, armoredSignature?: string): Promise<GpgKey> {
    const key = await parseKey(armoredKey);
    const keyId = idOf(key);
    const subkeys = await Promise.all(key.getSubkeys().map(async (s) => ({ keyId: s.getKeyID().toHex().toUpperCase(), createdUnix: unix(s.getCreationTime()), expiresUnix: unix(await s.getExpirationTime()), ...capabilities(s.getAlgorithmInfo().algorithm) })));
    if (await gpgKeyIdTaken(this.ctx.q, [keyId, ...subkeys.map((s) => s.keyId)])) throw invalid('a key with the same id already exists');
    const identities = new Set(key.users.map((u) => u.userID?.email.toLowerCase()).filter((e): e is string => Boolean(e)));
    const owned = [{ email: user.email, verified: user.isActive }, ...(await listEmails(this.ctx.q, user.id)).map((e) => ({ email: e.email, verified: e.activated }))];
    const emails = owned.filter((e) => identities.has(e.email.toLowerCase()));
    let verified = emails.some((e) => e.verified);
    if (armoredSignature) {
      if (!(await this.signedToken(user, key, armoredSignature))) throw invalid(BAD_SIGNATURE);
      verified = true;
    } else if (!verified) {
      throw notFound(`none of the e-mails attached to the GPG key could be found; it may still be added with a valid signature of the token: ${this.verificationToken(user)}`);
    }
    const details: GpgKeyDetails = { emails, subkeys, ...capabilities(key.getAlgorithmInfo().algorithm) };
    try {
      return await insertGpgKey(this.ctx.q, { ownerId: user.id, keyId, content: armoredKey.trim(), details, verified, createdUnix: unix(key.getCreationTime()), expiresUnix: unix(await key.getExpirationTime()) });
    } catch (err) {
      if (isUniqueViolation(err)) throw invalid('a key with the same id already exists');
      throw err;
    }
  }

  /** Marks a key verified once a detached signature of the current token by it checks out. */
  async verify(user: User, keyId: string, armoredSignature: string): Promise<GpgKey> {
    const stored = await getGpgKeyByKeyId(this.ctx.q, user.id, keyId.trim().toUpperCase());
    if (!stored) throw notFound(`GPG key does not exist [key_id: ${keyId}]`);
    if (!(await this.signedToken(user, await parseKey(stored.content), armoredSignature))) throw invalid(BAD_SIGNATURE);
    await markGpgKeyVerified(this.ctx.q, stored.id, stored.details);
    return { ...stored, verified: true };
  }

  private async signedToken(user: User, key: openpgp.PublicKey, armoredSignature: string): Promise<boolean> {
    let signature: openpgp.Signature;
    try {
      signature = await openpgp.readSignature({ armoredSignature });
    } catch {
      throw invalid('the signature is not an armored OpenPGP signature');
    }
    for (const minutesAgo of [0, 1]) {
      const message = await openpgp.createMessage({ binary: Buffer.from(this.verificationToken(user, minutesAgo)) });
      try {
        const { signatures } = await openpgp.verify({ message, signature, verificationKeys: key, expectSigned: true });
        await signatures[0]!.verified;
        return true;
      } catch {
        // not this minute's token, or not this key
      }
    }
    return false;
  }
}

async function parseKey(armoredKey: string): Promise<openpgp.PublicKey> {
  let key: openpgp.Key;
  try {
    key = await openpgp.readKey({ armoredKey });
  } catch (err) {
    throw invalid(`failed to parse the GPG key: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (key.isPrivate()) throw invalid('a private key was given: add the public key only');
  return key as openpgp.PublicKey;
}

const idOf = (key: openpgp.PublicKey) => key.getKeyID().toHex().toUpperCase();

function capabilities(algorithm: string): GpgCapabilities {
  const sign = SIGNING.has(algorithm);
  const encrypt = ENCRYPTING.has(algorithm);
  return { canSign: sign, canEncryptComms: encrypt, canEncryptStorage: encrypt, canCertify: sign };
}

/** Unix seconds of a key time; 0 for none (openpgp says Infinity or null for "never expires"). */
function unix(date: Date | number | null): number {
  if (!(date instanceof Date)) return 0;
  return Math.floor(date.getTime() / 1000);
}
