import { removeLink } from './stars.js';
import { nowUnix, type Queryable } from './types.js';

export interface Block {
  blockeeId: number;
  note: string;
  createdUnix: number;
}

export async function isBlocked(db: Queryable, blockerId: number, blockeeId: number): Promise<boolean> {
  return Boolean(await db.selectFrom('user_blocks').select('id').where('blocker_id', '=', blockerId).where('blockee_id', '=', blockeeId).executeTakeFirst());
}

/** Whether either of the two has blocked the other. */
export async function isBlockedEitherWay(db: Queryable, a: number, b: number): Promise<boolean> {
  const row = await db
    .selectFrom('user_blocks')
    .select('id')
    .where((e) => e.or([e.and([e('blocker_id', '=', a), e('blockee_id', '=', b)]), e.and([e('blocker_id', '=', b), e('blockee_id', '=', a)])]))
    .executeTakeFirst();
  return Boolean(row);
}

/** Adds the block, or updates its note when it exists. */
export async function putBlock(db: Queryable, blockerId: number, blockeeId: number, note: string): Promise<void> {
  const updated = await db.updateTable('user_blocks').set({ note }).where('blocker_id', '=', blockerId).where('blockee_id', '=', blockeeId).executeTakeFirst();
  if (Number(updated.numUpdatedRows) > 0) return;
  await db.insertInto('user_blocks').values({ blocker_id: blockerId, blockee_id: blockeeId, note, created_unix: nowUnix() }).execute();
}

export async function deleteBlock(db: Queryable, blockerId: number, blockeeId: number): Promise<boolean> {
  const result = await db.deleteFrom('user_blocks').where('blocker_id', '=', blockerId).where('blockee_id', '=', blockeeId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** The blocker's blocks, newest first. */
export async function listBlocks(db: Queryable, blockerId: number, offset: number, limit: number): Promise<{ blocks: Block[]; total: number }> {
  const q = db.selectFrom('user_blocks').where('blocker_id', '=', blockerId);
  const [rows, count] = await Promise.all([
    q.select(['blockee_id', 'note', 'created_unix']).orderBy('created_unix', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute(),
    q.select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { blocks: rows.map((r) => ({ blockeeId: r.blockee_id, note: r.note, createdUnix: r.created_unix })), total: Number(count.n) };
}

/**
 * Undoes what ties two accounts together once one blocks the other: follows both ways (done by the
 * caller), stars and watches of each other's repositories (counters kept right), collaborations
 * on each other's repositories, and pending transfers between them. Call inside a transaction.
 */
export async function severTies(db: Queryable, a: number, b: number): Promise<void> {
  for (const [user, owner] of [[a, b], [b, a]] as const) {
    const ownedBy = db.selectFrom('repositories').select('id').where('owner_id', '=', owner);
    for (const table of ['stars', 'watches'] as const) {
      const rows = await db.selectFrom(table).select('repo_id').where('user_id', '=', user).where('repo_id', 'in', ownedBy).execute();
      for (const r of rows) await removeLink(db, table, user, r.repo_id);
    }
    await db.deleteFrom('collaborations').where('user_id', '=', user).where('repo_id', 'in', ownedBy).execute();
    await db.deleteFrom('repo_transfers').where('recipient_id', '=', user).where('repo_id', 'in', ownedBy).execute();
  }
}
