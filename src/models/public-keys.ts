import type { Selectable } from 'kysely';
import type { PublicKeysTable } from '../db/schema.js';
import { nowUnix, type Queryable } from './types.js';

export interface PublicKey {
  id: number;
  ownerId: number;
  name: string;
  fingerprint: string;
  content: string;
  keyType: string;
  readOnly: boolean;
  createdUnix: number;
}

const toKey = (r: Selectable<PublicKeysTable>): PublicKey => ({
  id: r.id,
  ownerId: r.owner_id,
  name: r.name,
  fingerprint: r.fingerprint,
  content: r.content,
  keyType: r.key_type,
  readOnly: r.read_only === 1,
  createdUnix: r.created_unix,
});

export async function insertKey(db: Queryable, k: Pick<PublicKey, 'ownerId' | 'name' | 'fingerprint' | 'content' | 'readOnly'>): Promise<PublicKey> {
  const row = await db
    .insertInto('public_keys')
    .values({ owner_id: k.ownerId, name: k.name, fingerprint: k.fingerprint, content: k.content, key_type: 'user', read_only: k.readOnly ? 1 : 0, created_unix: nowUnix() })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toKey(row);
}

export async function keyByFingerprint(db: Queryable, fingerprint: string): Promise<PublicKey | undefined> {
  const row = await db.selectFrom('public_keys').selectAll().where('fingerprint', '=', fingerprint).executeTakeFirst();
  return row && toKey(row);
}

export async function getKey(db: Queryable, id: number): Promise<PublicKey | undefined> {
  const row = await db.selectFrom('public_keys').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toKey(row);
}

export async function listKeys(db: Queryable, ownerId: number, offset: number, limit: number, fingerprint?: string): Promise<{ keys: PublicKey[]; total: number }> {
  let q = db.selectFrom('public_keys').where('owner_id', '=', ownerId);
  if (fingerprint) q = q.where('fingerprint', '=', fingerprint);
  const [rows, count] = await Promise.all([
    q.selectAll().orderBy('id').limit(limit).offset(offset).execute(),
    q.select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { keys: rows.map(toKey), total: Number(count.n) };
}

export async function deleteKey(db: Queryable, id: number): Promise<void> {
  await db.deleteFrom('public_keys').where('id', '=', id).execute();
}
