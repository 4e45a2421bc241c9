import { nowUnix, type Queryable } from './types.js';

export interface TwoFactor {
  userId: number;
  secretEnc: string;
  enabled: boolean;
}

export async function getTwoFactor(db: Queryable, userId: number): Promise<TwoFactor | undefined> {
  const row = await db.selectFrom('two_factors').selectAll().where('user_id', '=', userId).executeTakeFirst();
  return row && { userId: row.user_id, secretEnc: row.secret_enc, enabled: row.enabled === 1 };
}

/** Replaces any enrolment of the user with a new one. */
export async function putTwoFactor(db: Queryable, userId: number, secretEnc: string, enabled: boolean): Promise<void> {
  const now = nowUnix();
  await db.deleteFrom('two_factors').where('user_id', '=', userId).execute();
  await db
    .insertInto('two_factors')
    .values({ user_id: userId, secret_enc: secretEnc, enabled: enabled ? 1 : 0, created_unix: now, updated_unix: now })
    .execute();
}

export async function enableTwoFactor(db: Queryable, userId: number): Promise<void> {
  await db.updateTable('two_factors').set({ enabled: 1, updated_unix: nowUnix() }).where('user_id', '=', userId).execute();
}

export async function deleteTwoFactor(db: Queryable, userId: number): Promise<void> {
  await db.deleteFrom('two_factors').where('user_id', '=', userId).execute();
}
