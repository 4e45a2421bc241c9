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
