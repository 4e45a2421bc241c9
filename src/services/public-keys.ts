import sshpk from 'sshpk';
import { isUniqueViolation } from '../models/errors.js';
import { deleteKey, getKey, insertKey, keyByFingerprint, listKeys, type PublicKey } from '../models/public-keys.js';
import type { User } from '../models/users.js';
import type { ServiceContext } from './context.js';
import { forbidden, invalid, notFound } from './errors.js';

export type { PublicKey };

// Gitea's [ssh.minimum_key_sizes] defaults: DSA is refused, RSA needs 3071 bits.
const MINIMUM_BITS: Record<string, number> = { ed25519: 256, ecdsa: 256, rsa: 3071 };

/** Parses an OpenSSH public key line: its normalized "<type> <base64>" form and SHA256 fingerprint. */
export function parsePublicKey(text: string): { content: string; fingerprint: string } {
  let key: sshpk.Key;
  try {
    key = sshpk.parseKey(text.trim(), 'ssh');
  } catch (err) {
    throw invalid(`[Key]: not a valid SSH public key: ${(err as Error).message}`);
  }
  const minimum = MINIMUM_BITS[key.type];
  if (minimum === undefined) throw invalid(`[Key]: ${key.type} keys are not allowed`);
  if (key.size < minimum) throw invalid(`[Key]: a ${key.type} key needs at least ${minimum} bits (this one has ${key.size})`);
  const [type, body] = key.toString('ssh').split(' ');
  return { content: `${type} ${body}`, fingerprint: key.fingerprint('sha256').toString() };
}

/** Users' SSH public keys. A key belongs to one account only. */
export class PublicKeyService {
  constructor(private readonly ctx: ServiceContext) {}

  list(owner: User, offset: number, limit: number, fingerprint?: string): Promise<{ keys: PublicKey[]; total: number }> {
    return listKeys(this.ctx.q, owner.id, offset, limit, fingerprint);
  }

  async get(owner: User, id: number): Promise<PublicKey> {
    const key = await getKey(this.ctx.q, id);
    if (!key || key.ownerId !== owner.id) throw notFound(`public key does not exist [id: ${id}]`);
    return key;
  }

  async add(owner: User, title: string, text: string, readOnly = false): Promise<PublicKey> {
    if (!title.trim()) throw invalid('[Title]: a title is required');
    const { content, fingerprint } = parsePublicKey(text);
    const existing = await keyByFingerprint(this.ctx.q, fingerprint);
    if (existing) throw invalid(existing.ownerId === owner.id ? 'Key content has been used as non-deploy key' : 'Key content has been used by another user');
    try {
      return await insertKey(this.ctx.q, { ownerId: owner.id, name: title.trim(), fingerprint, content, readOnly });
    } catch (err) {
      if (isUniqueViolation(err)) throw invalid('Key content has been used as non-deploy key');
      throw err;
    }
  }

  async remove(owner: User, id: number, doer: User): Promise<void> {
    const key = await getKey(this.ctx.q, id);
    if (!key || (key.ownerId !== owner.id && !doer.isAdmin)) throw notFound(`public key does not exist [id: ${id}]`);
    if (key.ownerId !== owner.id) throw forbidden('the key belongs to another user');
    await deleteKey(this.ctx.q, id);
  }
}
