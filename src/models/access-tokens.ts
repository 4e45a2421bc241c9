import type { Selectable } from 'kysely';
import type { AccessTokensTable } from '../db/schema.js';
import { nowUnix, type Queryable } from './types.js';

export interface AccessToken {
  id: number;
  userId: number;
  name: string;
  tokenHash: string;
  tokenSalt: string;
  tokenLastEight: string;
  /** Comma-separated scopes, as stored by Gitea. */
  scope: string;
  createdUnix: number;
  updatedUnix: number;
}

function toToken(row: Selectable<AccessTokensTable>): AccessToken {
  return {
    id: row.id,
    userId: row.user_id,
    name: row.name,
    tokenHash: row.token_hash,
    tokenSalt: row.token_salt,
    tokenLastEight: row.token_last_eight,
    scope: row.scope,
    createdUnix: row.created_unix,
    updatedUnix: row.updated_unix,
  };
}

export async function insertToken(
  db: Queryable,
  t: Pick<AccessToken, 'userId' | 'name' | 'tokenHash' | 'tokenSalt' | 'tokenLastEight' | 'scope'>,
): Promise<AccessToken> {
  const now = nowUnix();
  const row = await db
    .insertInto('access_tokens')
    .values({
      user_id: t.userId,
      name: t.name,
      token_hash: t.tokenHash,
      token_salt: t.tokenSalt,
      token_last_eight: t.tokenLastEight,
      scope: t.scope,
      created_unix: now,
      updated_unix: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toToken(row);
}

/** Tokens whose last eight characters match: the candidates to compare a presented token against. */
export async function tokensByLastEight(db: Queryable, lastEight: string): Promise<AccessToken[]> {
  const rows = await db.selectFrom('access_tokens').selectAll().where('token_last_eight', '=', lastEight).execute();
  return rows.map(toToken);
}

export async function tokenExists(db: Queryable, userId: number, name: string): Promise<boolean> {
  const row = await db.selectFrom('access_tokens').select('id').where('user_id', '=', userId).where('name', '=', name).executeTakeFirst();
  return row !== undefined;
}

export async function listTokens(db: Queryable, userId: number, offset: number, limit: number): Promise<{ tokens: AccessToken[]; total: number }> {
  const q = db.selectFrom('access_tokens').where('user_id', '=', userId);
  const [rows, count] = await Promise.all([
    q.selectAll().orderBy('id').limit(limit).offset(offset).execute(),
    q.select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { tokens: rows.map(toToken), total: Number(count.n) };
}

export async function tokensByIdOrName(db: Queryable, userId: number, key: { id?: number; name: string }): Promise<AccessToken[]> {
  let q = db.selectFrom('access_tokens').selectAll().where('user_id', '=', userId);
  q = key.id !== undefined ? q.where((e) => e.or([e('id', '=', key.id!), e('name', '=', key.name)])) : q.where('name', '=', key.name);
  return (await q.execute()).map(toToken);
}

export async function deleteToken(db: Queryable, id: number): Promise<void> {
  await db.deleteFrom('access_tokens').where('id', '=', id).execute();
}

export async function touchToken(db: Queryable, id: number): Promise<void> {
  await db.updateTable('access_tokens').set({ updated_unix: nowUnix() }).where('id', '=', id).execute();
}
