import { nowUnix, type Queryable } from './types.js';

export const NOTIFICATION_STATUS = { unread: 1, read: 2, pinned: 3 } as const;
export type NotificationStatus = keyof typeof NOTIFICATION_STATUS;
const NAMES = new Map<number, NotificationStatus>(Object.entries(NOTIFICATION_STATUS).map(([k, v]) => [v, k as NotificationStatus]));

export interface Notification {
  id: number;
  userId: number;
  repoId: number;
  issueId: number;
  status: NotificationStatus;
  commentId: number;
  updatedUnix: number;
}

type Row = { id: number; user_id: number; repo_id: number; issue_id: number; status: number; comment_id: number; updated_unix: number };
const toNotification = (r: Row): Notification => ({ id: r.id, userId: r.user_id, repoId: r.repo_id, issueId: r.issue_id, status: NAMES.get(r.status) ?? 'unread', commentId: r.comment_id, updatedUnix: r.updated_unix });

// ---- issue watches

/** Explicit choices: true subscribed, false unsubscribed; users without a row are absent. */
export async function issueWatchChoices(db: Queryable, issueId: number): Promise<Map<number, boolean>> {
  const rows = await db.selectFrom('issue_watches').select(['user_id', 'is_watching']).where('issue_id', '=', issueId).execute();
  return new Map(rows.map((r) => [r.user_id, r.is_watching === 1]));
}

export async function getIssueWatch(db: Queryable, issueId: number, userId: number): Promise<{ watching: boolean; createdUnix: number } | undefined> {
  const row = await db.selectFrom('issue_watches').select(['is_watching', 'created_unix']).where('issue_id', '=', issueId).where('user_id', '=', userId).executeTakeFirst();
  return row && { watching: row.is_watching === 1, createdUnix: row.created_unix };
}

export async function setIssueWatch(db: Queryable, issueId: number, userId: number, watching: boolean): Promise<void> {
  await db.deleteFrom('issue_watches').where('issue_id', '=', issueId).where('user_id', '=', userId).execute();
  await db.insertInto('issue_watches').values({ issue_id: issueId, user_id: userId, is_watching: watching ? 1 : 0, created_unix: nowUnix() }).execute();
}

export async function listIssueSubscribers(db: Queryable, issueId: number, offset: number, limit: number): Promise<{ ids: number[]; total: number }> {
  const q = db.selectFrom('issue_watches').where('issue_id', '=', issueId).where('is_watching', '=', 1);
  const [rows, count] = await Promise.all([q.select('user_id').orderBy('created_unix').orderBy('user_id').limit(limit).offset(offset).execute(), q.select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()]);
  return { ids: rows.map((r) => r.user_id), total: Number(count.n) };
}

/** Everyone who took part in an issue: its poster, commenters, assignees and those mentioned. */
export async function issueParticipants(db: Queryable, issueId: number): Promise<number[]> {
  const [posters, commenters, assignees, mentioned] = await Promise.all([
    db.selectFrom('issues').select('poster_id as id').where('id', '=', issueId).execute(),
    db.selectFrom('comments').select('poster_id as id').distinct().where('issue_id', '=', issueId).where('type', '=', 0).execute(),
    db.selectFrom('issue_assignees').select('assignee_id as id').where('issue_id', '=', issueId).execute(),
    db.selectFrom('issue_mentions').select('user_id as id').where('issue_id', '=', issueId).execute(),
  ]);
  return [...new Set([...posters, ...commenters, ...assignees, ...mentioned].map((r) => r.id))];
}

/** Users watching a repository. */
export async function repoWatcherIds(db: Queryable, repoId: number): Promise<number[]> {
  return (await db.selectFrom('watches').select('user_id').where('repo_id', '=', repoId).execute()).map((r) => r.user_id);
}

// ---- notification threads

/** Opens or refreshes each user's thread for the issue, marking it unread (pinned stays pinned). */
export async function notify(db: Queryable, userIds: number[], thread: { repoId: number; issueId: number; commentId: number; updatedBy: number }): Promise<void> {
  if (userIds.length === 0) return;
  const now = nowUnix();
  const existing = await db.selectFrom('notifications').select(['user_id', 'status']).where('issue_id', '=', thread.issueId).where('user_id', 'in', userIds).execute();
  const have = new Map(existing.map((r) => [r.user_id, r.status]));
  const fresh = userIds.filter((id) => !have.has(id));
  if (fresh.length) {
    await db
      .insertInto('notifications')
      .values(fresh.map((user_id) => ({ user_id, repo_id: thread.repoId, issue_id: thread.issueId, status: NOTIFICATION_STATUS.unread, comment_id: thread.commentId, updated_by: thread.updatedBy, created_unix: now, updated_unix: now })))
      .execute();
  }
  const known = userIds.filter((id) => have.has(id));
  if (known.length) {
    await db
      .updateTable('notifications')
      .set((e) => ({ status: e.case().when('status', '=', NOTIFICATION_STATUS.pinned).then(NOTIFICATION_STATUS.pinned).else(NOTIFICATION_STATUS.unread).end(), comment_id: thread.commentId, updated_by: thread.updatedBy, updated_unix: now }))
      .where('issue_id', '=', thread.issueId)
      .where('user_id', 'in', known)
      .execute();
  }
}

export interface NotificationFilter {
  userId: number;
  repoId?: number;
  statuses: NotificationStatus[];
  sinceUnix?: number;
  beforeUnix?: number;
  offset: number;
  limit: number;
}

function filtered(db: Queryable, f: Omit<NotificationFilter, 'offset' | 'limit'>) {
  let q = db.selectFrom('notifications').where('user_id', '=', f.userId).where('status', 'in', f.statuses.map((s) => NOTIFICATION_STATUS[s]));
  if (f.repoId !== undefined) q = q.where('repo_id', '=', f.repoId);
  if (f.sinceUnix !== undefined) q = q.where('updated_unix', '>=', f.sinceUnix);
  if (f.beforeUnix !== undefined) q = q.where('updated_unix', '<=', f.beforeUnix);
  return q;
}

export async function listNotifications(db: Queryable, f: NotificationFilter): Promise<{ notifications: Notification[]; total: number }> {
  const q = filtered(db, f);
  const [rows, count] = await Promise.all([
    q.select(['id', 'user_id', 'repo_id', 'issue_id', 'status', 'comment_id', 'updated_unix']).orderBy('updated_unix', 'desc').orderBy('id', 'desc').limit(f.limit).offset(f.offset).execute(),
    q.select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { notifications: rows.map(toNotification), total: Number(count.n) };
}

export async function getNotification(db: Queryable, id: number): Promise<Notification | undefined> {
  return (await getNotificationsByIds(db, [id]))[0];
}

/** Threads by id, most recently updated first. */
export async function getNotificationsByIds(db: Queryable, ids: number[]): Promise<Notification[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('notifications').select(['id', 'user_id', 'repo_id', 'issue_id', 'status', 'comment_id', 'updated_unix']).where('id', 'in', ids).orderBy('updated_unix', 'desc').orderBy('id', 'desc').execute();
  return rows.map(toNotification);
}

/** Moves matching threads to `to`; returns the ids moved. */
export async function setNotificationStatus(db: Queryable, f: Omit<NotificationFilter, 'offset' | 'limit'>, to: NotificationStatus): Promise<number[]> {
  const ids = (await filtered(db, f).select('id').execute()).map((r) => r.id);
  if (ids.length) await db.updateTable('notifications').set({ status: NOTIFICATION_STATUS[to], updated_unix: nowUnix() }).where('id', 'in', ids).execute();
  return ids;
}

export async function setThreadStatus(db: Queryable, id: number, to: NotificationStatus): Promise<void> {
  await db.updateTable('notifications').set({ status: NOTIFICATION_STATUS[to], updated_unix: nowUnix() }).where('id', '=', id).execute();
}
