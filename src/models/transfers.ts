import { nowUnix, type Queryable } from './types.js';

export interface PendingTransfer {
  repoId: number;
  doerId: number;
  recipientId: number;
}

export async function getTransfer(db: Queryable, repoId: number): Promise<PendingTransfer | undefined> {
  const row = await db.selectFrom('repo_transfers').selectAll().where('repo_id', '=', repoId).executeTakeFirst();
  return row && { repoId: row.repo_id, doerId: row.doer_id, recipientId: row.recipient_id };
}

export async function putTransfer(db: Queryable, t: PendingTransfer): Promise<void> {
  await db.deleteFrom('repo_transfers').where('repo_id', '=', t.repoId).execute();
  await db.insertInto('repo_transfers').values({ repo_id: t.repoId, doer_id: t.doerId, recipient_id: t.recipientId, created_unix: nowUnix() }).execute();
}

export async function deleteTransfer(db: Queryable, repoId: number): Promise<void> {
  await db.deleteFrom('repo_transfers').where('repo_id', '=', repoId).execute();
}
