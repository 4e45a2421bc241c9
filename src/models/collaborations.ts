import { nowUnix, type Queryable } from './types.js';

/** Gitea's access modes: 0 none, 1 read, 2 write, 3 admin, 4 owner. */
export type AccessMode = 0 | 1 | 2 | 3 | 4;

export async function collaboratorMode(db: Queryable, repoId: number, userId: number): Promise<AccessMode> {
  const row = await db.selectFrom('collaborations').select('mode').where('repo_id', '=', repoId).where('user_id', '=', userId).executeTakeFirst();
  return (row?.mode ?? 0) as AccessMode;
}

/** Adds a collaborator or changes their mode. */
export async function putCollaborator(db: Queryable, repoId: number, userId: number, mode: AccessMode): Promise<void> {
  const updated = await db.updateTable('collaborations').set({ mode }).where('repo_id', '=', repoId).where('user_id', '=', userId).executeTakeFirst();
  if (Number(updated.numUpdatedRows) > 0) return;
  await db.insertInto('collaborations').values({ repo_id: repoId, user_id: userId, mode, created_unix: nowUnix() }).execute();
}

export async function deleteCollaborator(db: Queryable, repoId: number, userId: number): Promise<boolean> {
  const result = await db.deleteFrom('collaborations').where('repo_id', '=', repoId).where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function listCollaborators(db: Queryable, repoId: number, offset: number, limit: number): Promise<{ rows: { userId: number; mode: AccessMode }[]; total: number }> {
  const q = db.selectFrom('collaborations').where('repo_id', '=', repoId);
  const [rows, count] = await Promise.all([
    q.select(['user_id', 'mode']).orderBy('id').limit(limit).offset(offset).execute(),
    q.select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.map((r) => ({ userId: r.user_id, mode: r.mode as AccessMode })), total: Number(count.n) };
}

/** The user's collaborator mode in each of the repositories (absent: none), in one query. */
export async function collaboratorModes(db: Queryable, repoIds: number[], userId: number): Promise<Map<number, AccessMode>> {
  if (repoIds.length === 0) return new Map();
  const rows = await db.selectFrom('collaborations').select(['repo_id', 'mode']).where('user_id', '=', userId).where('repo_id', 'in', repoIds).execute();
  return new Map(rows.map((r) => [r.repo_id, r.mode as AccessMode]));
}
