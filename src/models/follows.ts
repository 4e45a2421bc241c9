import { sql } from 'kysely';
import { nowUnix, type Queryable } from './types.js';

export async function isFollowing(db: Queryable, userId: number, followId: number): Promise<boolean> {
  return Boolean(await db.selectFrom('follows').select('user_id').where('user_id', '=', userId).where('follow_id', '=', followId).executeTakeFirst());
}

/** Adds or removes a follow and keeps both users' counters right; call inside a transaction. */
export async function setFollowing(db: Queryable, userId: number, followId: number, on: boolean): Promise<void> {
  const already = await isFollowing(db, userId, followId);
  if (on === already) return;
  if (on) await db.insertInto('follows').values({ user_id: userId, follow_id: followId, created_unix: nowUnix() }).execute();
  else await db.deleteFrom('follows').where('user_id', '=', userId).where('follow_id', '=', followId).execute();
  const by = on ? 1 : -1;
  await db.updateTable('users').set({ num_following: sql`num_following + ${by}` }).where('id', '=', userId).execute();
  await db.updateTable('users').set({ num_followers: sql`num_followers + ${by}` }).where('id', '=', followId).execute();
}

/** Ids of a user's followers (`followers`) or of those the user follows (`following`), newest first. */
export async function followIds(db: Queryable, uid: number, direction: 'followers' | 'following', offset: number, limit: number): Promise<{ ids: number[]; total: number }> {
  const [mine, theirs] = direction === 'followers' ? (['follow_id', 'user_id'] as const) : (['user_id', 'follow_id'] as const);
  const q = db.selectFrom('follows').where(mine, '=', uid);
  const [rows, count] = await Promise.all([
    q.select(theirs).orderBy('created_unix', 'desc').limit(limit).offset(offset).execute(),
    q.select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { ids: rows.map((r) => (r as Record<string, number>)[theirs]!), total: Number(count.n) };
}
