import { sql } from 'kysely';
import { visibleRepoIds, type RepoViewer } from './repositories.js';
import { nowUnix, type Queryable } from './types.js';

/** Gitea's action types, by their numbers (stored) and names (shown). */
export const OP_TYPES = {
  create_repo: 1,
  rename_repo: 2,
  star_repo: 3,
  watch_repo: 4,
  commit_repo: 5,
  transfer_repo: 8,
  push_tag: 9,
  delete_tag: 16,
  delete_branch: 17,
  mirror_sync_push: 18,
} as const;
export type OpType = keyof typeof OP_TYPES;
const NAMES = new Map<number, OpType>(Object.entries(OP_TYPES).map(([name, n]) => [n, name as OpType]));

export interface Action {
  id: number;
  actUserId: number;
  opType: OpType;
  repoId: number;
  refName: string;
  content: string;
  createdUnix: number;
}

export async function insertAction(db: Queryable, a: Omit<Action, 'id' | 'createdUnix'> & { repoOwnerId: number }): Promise<void> {
  await db
    .insertInto('actions')
    .values({ act_user_id: a.actUserId, op_type: OP_TYPES[a.opType], repo_id: a.repoId, repo_owner_id: a.repoOwnerId, ref_name: a.refName, content: a.content, created_unix: nowUnix() })
    .execute();
}

export interface FeedQuery {
  /** A user's feed: what they did, plus (unless `onlyPerformedBy`) what happened in repositories they watch. */
  userId?: number;
  onlyPerformedBy?: boolean;
  /** An organisation's feed: what happened in its repositories. */
  ownerId?: number;
  /** A repository's feed. */
  repoId?: number;
  /** Only actions in repositories the viewer may see. */
  viewer: RepoViewer | null;
  /** Only this UTC day: [start, start + 1 day). */
  dayStartUnix?: number;
  offset: number;
  limit: number;
}

/** A page of a feed, newest first, filtered for visibility in SQL, with the total. */
export async function listFeed(db: Queryable, f: FeedQuery): Promise<{ actions: Action[]; total: number }> {
  let q = db.selectFrom('actions');
  if (f.userId !== undefined) {
    const uid = f.userId;
    q = f.onlyPerformedBy
      ? q.where('act_user_id', '=', uid)
      : q.where((e) => e.or([e('act_user_id', '=', uid), e('repo_id', 'in', e.selectFrom('watches').select('repo_id').where('user_id', '=', uid))]));
  }
  if (f.ownerId !== undefined) q = q.where('repo_owner_id', '=', f.ownerId);
  if (f.repoId !== undefined) q = q.where('repo_id', '=', f.repoId);
  const visible = visibleRepoIds(db, f.viewer);
  if (visible) q = q.where('repo_id', 'in', visible);
  if (f.dayStartUnix !== undefined) q = q.where('created_unix', '>=', f.dayStartUnix).where('created_unix', '<', f.dayStartUnix + 86_400);
  const [rows, count] = await Promise.all([
    q.selectAll().orderBy('created_unix', 'desc').orderBy('id', 'desc').limit(f.limit).offset(f.offset).execute(),
    q.select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    actions: rows.map((r) => ({ id: r.id, actUserId: r.act_user_id, opType: NAMES.get(r.op_type) ?? 'create_repo', repoId: r.repo_id, refName: r.ref_name, content: r.content, createdUnix: r.created_unix })),
    total: Number(count.n),
  };
}

/** Contributions per 15-minute bucket since `sinceUnix`, for the heatmap. */
export async function heatmap(db: Queryable, actorId: number, viewer: RepoViewer | null, sinceUnix: number): Promise<{ timestamp: number; contributions: number }[]> {
  const bucket = sql<number>`(created_unix / 900) * 900`;
  let q = db.selectFrom('actions').where('act_user_id', '=', actorId).where('created_unix', '>=', sinceUnix);
  const visible = visibleRepoIds(db, viewer);
  if (visible) q = q.where('repo_id', 'in', visible);
  const rows = await q.select([bucket.as('timestamp'), (e) => e.fn.countAll<number>().as('contributions')]).groupBy(bucket).orderBy(bucket).execute();
  return rows.map((r) => ({ timestamp: Number(r.timestamp), contributions: Number(r.contributions) }));
}
