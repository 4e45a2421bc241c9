import type { Queryable } from './types.js';
import { nowUnix } from './types.js';

export interface OAuth2App {
  id: number;
  ownerId: number;
  name: string;
  clientId: string;
  confidentialClient: boolean;
  redirectUris: string[];
  createdUnix: number;
}

type Row = { id: number; owner_id: number; name: string; client_id: string; confidential_client: number; redirect_uris: string; created_unix: number };
const toApp = (r: Row): OAuth2App => ({ id: r.id, ownerId: r.owner_id, name: r.name, clientId: r.client_id, confidentialClient: r.confidential_client === 1, redirectUris: JSON.parse(r.redirect_uris) as string[], createdUnix: r.created_unix });

export async function insertOAuth2App(db: Queryable, a: Omit<OAuth2App, 'id' | 'createdUnix'> & { secretHash: string }): Promise<OAuth2App> {
  const now = nowUnix();
  const row = await db
    .insertInto('oauth2_applications')
    .values({ owner_id: a.ownerId, name: a.name, client_id: a.clientId, client_secret_hash: a.secretHash, confidential_client: a.confidentialClient ? 1 : 0, redirect_uris: JSON.stringify(a.redirectUris), created_unix: now, updated_unix: now })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toApp(row);
}

export async function updateOAuth2App(db: Queryable, id: number, a: { name: string; confidentialClient: boolean; redirectUris: string[]; secretHash: string }): Promise<void> {
  await db
    .updateTable('oauth2_applications')
    .set({ name: a.name, confidential_client: a.confidentialClient ? 1 : 0, redirect_uris: JSON.stringify(a.redirectUris), client_secret_hash: a.secretHash, updated_unix: nowUnix() })
    .where('id', '=', id)
    .execute();
}

export async function getOAuth2App(db: Queryable, ownerId: number, id: number): Promise<OAuth2App | undefined> {
  const row = await db.selectFrom('oauth2_applications').selectAll().where('owner_id', '=', ownerId).where('id', '=', id).executeTakeFirst();
  return row && toApp(row);
}

export async function listOAuth2Apps(db: Queryable, ownerId: number, offset: number, limit: number): Promise<{ apps: OAuth2App[]; total: number }> {
  const q = db.selectFrom('oauth2_applications').where('owner_id', '=', ownerId);
  const [rows, count] = await Promise.all([
    q.selectAll().orderBy('id').limit(limit).offset(offset).execute(),
    q.select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { apps: rows.map(toApp), total: Number(count.n) };
}

export async function deleteOAuth2App(db: Queryable, ownerId: number, id: number): Promise<boolean> {
  const result = await db.deleteFrom('oauth2_applications').where('owner_id', '=', ownerId).where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
