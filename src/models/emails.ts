import { sql } from 'kysely';
import type { Queryable } from './types.js';

export interface EmailAddress {
  uid: number;
  email: string;
  activated: boolean;
}

export async function listEmails(db: Queryable, uid: number): Promise<EmailAddress[]> {
  const rows = await db.selectFrom('email_addresses').selectAll().where('uid', '=', uid).orderBy('id').execute();
  return rows.map((r) => ({ uid: r.uid, email: r.email, activated: r.is_activated === 1 }));
}

/** True when any account uses the address, as primary or additional e-mail. */
export async function emailTaken(db: Queryable, email: string): Promise<boolean> {
  const lower = email.toLowerCase();
  const extra = await db.selectFrom('email_addresses').select('id').where('lower_email', '=', lower).executeTakeFirst();
  if (extra) return true;
  return Boolean(await db.selectFrom('users').select('id').where('lower_email', '=', lower).executeTakeFirst());
}

export async function insertEmail(db: Queryable, uid: number, email: string): Promise<void> {
  await db.insertInto('email_addresses').values({ uid, email, lower_email: email.toLowerCase(), is_activated: 1 }).execute();
}

export async function deleteEmail(db: Queryable, uid: number, email: string): Promise<boolean> {
  const result = await db.deleteFrom('email_addresses').where('uid', '=', uid).where('lower_email', '=', email.toLowerCase()).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Every address (primary and additional) with its owner, optionally matching a keyword; one query each. */
export async function searchAllEmails(db: Queryable, keyword: string, offset: number, limit: number): Promise<{ rows: { uid: number; username: string; email: string; primary: boolean; activated: boolean }[]; total: number }> {
  const like = `%${keyword.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const primary = db
    .selectFrom('users')
    .select(['id as uid', 'name as username', 'email', sql<number>`1`.as('is_primary'), 'is_active as activated', 'lower_email'])
    .where('type', '=', 0);
  const extra = db
    .selectFrom('email_addresses as e')
    .innerJoin('users as u', 'u.id', 'e.uid')
    .select(['e.uid', 'u.name as username', 'e.email', sql<number>`0`.as('is_primary'), 'e.is_activated as activated', 'e.lower_email']);
  const all = db.selectFrom(primary.unionAll(extra).as('a')).where(sql<boolean>`a.lower_email like ${like} escape '\\'`);
  const [rows, count] = await Promise.all([
    all.selectAll().orderBy('a.lower_email').limit(limit).offset(offset).execute(),
    all.select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.map((r) => ({ uid: r.uid, username: r.username, email: r.email, primary: Number(r.is_primary) === 1, activated: Number(r.activated) === 1 })), total: Number(count.n) };
}
