import { nowUnix, type Queryable } from './types.js';

/** What a key can do, by its algorithm, as Gitea reports it. */
export interface GpgCapabilities {
  canSign: boolean;
  canEncryptComms: boolean;
  canEncryptStorage: boolean;
  canCertify: boolean;
}

export interface GpgSubkey extends GpgCapabilities {
  keyId: string;
  createdUnix: number;
  expiresUnix: number;
}

/** The parsed form kept beside the armour, so that lists never parse keys again. */
export interface GpgKeyDetails extends GpgCapabilities {
  /** The owner's addresses found among the key's identities, with their activation. */
  emails: { email: string; verified: boolean }[];
  subkeys: GpgSubkey[];
}

export interface GpgKey {
  id: number;
  ownerId: number;
  keyId: string;
  content: string;
  details: GpgKeyDetails;
  verified: boolean;
  createdUnix: number;
  expiresUnix: number;
}

type Row = { id: number; owner_id: number; key_id: string; content: string; parsed: string; verified: number; created_unix: number; expires_unix: number };

function toKey(r: Row): GpgKey {
  return { id: r.id, ownerId: r.owner_id, keyId: r.key_id, content: r.content, details: JSON.parse(r.parsed) as GpgKeyDetails, verified: r.verified === 1, createdUnix: r.created_unix, expiresUnix: r.expires_unix };
}

export async function insertGpgKey(db: Queryable, k: Omit<GpgKey, 'id'>): Promise<GpgKey> {
  const row = await db
    .insertInto('gpg_keys')
    .values({ owner_id: k.ownerId, key_id: k.keyId, content: k.content, parsed: JSON.stringify(k.details), verified: k.verified ? 1 : 0, created_unix: k.createdUnix || nowUnix(), expires_unix: k.expiresUnix })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toKey(row);
}

export async function gpgKeyIdTaken(db: Queryable, keyIds: string[]): Promise<boolean> {
  if (keyIds.length === 0) return false;
  return Boolean(await db.selectFrom('gpg_keys').select('id').where('key_id', 'in', keyIds).executeTakeFirst());
}

export async function getGpgKey(db: Queryable, ownerId: number, id: number): Promise<GpgKey | undefined> {
  const row = await db.selectFrom('gpg_keys').selectAll().where('owner_id', '=', ownerId).where('id', '=', id).executeTakeFirst();
  return row && toKey(row);
}

export async function getGpgKeyByKeyId(db: Queryable, ownerId: number, keyId: string): Promise<GpgKey | undefined> {
  const row = await db.selectFrom('gpg_keys').selectAll().where('owner_id', '=', ownerId).where('key_id', '=', keyId).executeTakeFirst();
  return row && toKey(row);
}

export async function listGpgKeys(db: Queryable, ownerId: number, offset: number, limit: number): Promise<{ keys: GpgKey[]; total: number }> {
  const q = db.selectFrom('gpg_keys').where('owner_id', '=', ownerId);
  const [rows, count] = await Promise.all([
    q.selectAll().orderBy('id').limit(limit).offset(offset).execute(),
    q.select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { keys: rows.map(toKey), total: Number(count.n) };
}

export async function markGpgKeyVerified(db: Queryable, id: number, details: GpgKeyDetails): Promise<void> {
  await db.updateTable('gpg_keys').set({ verified: 1, parsed: JSON.stringify(details) }).where('id', '=', id).execute();
}

export async function deleteGpgKey(db: Queryable, ownerId: number, id: number): Promise<boolean> {
  const result = await db.deleteFrom('gpg_keys').where('owner_id', '=', ownerId).where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
