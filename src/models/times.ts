import { nowUnix, type Queryable } from './types.js';

export interface TrackedTime {
  id: number;
  issueId: number;
  userId: number;
  seconds: number;
  createdUnix: number;
}

export interface Stopwatch {
  issueId: number;
  userId: number;
  createdUnix: number;
}

type Row = { id: number; issue_id: number; user_id: number; time: number; created_unix: number };
const toTime = (r: Row): TrackedTime => ({ id: r.id, issueId: r.issue_id, userId: r.user_id, seconds: r.time, createdUnix: r.created_unix });

export async function addTrackedTime(db: Queryable, t: { issueId: number; userId: number; seconds: number; createdUnix?: number }): Promise<TrackedTime> {
  const row = await db.insertInto('tracked_times').values({ issue_id: t.issueId, user_id: t.userId, time: t.seconds, created_unix: t.createdUnix ?? nowUnix() }).returningAll().executeTakeFirstOrThrow();
  return toTime(row);
}

export interface TimeFilter {
  issueId?: number;
  repoId?: number;
  userId?: number;
  sinceUnix?: number;
  beforeUnix?: number;
  offset: number;
  limit: number;
}

export async function listTrackedTimes(db: Queryable, f: TimeFilter): Promise<{ times: TrackedTime[]; total: number }> {
  let q = db.selectFrom('tracked_times');
  if (f.issueId !== undefined) q = q.where('issue_id', '=', f.issueId);
  if (f.repoId !== undefined) q = q.where('issue_id', 'in', db.selectFrom('issues').select('id').where('repo_id', '=', f.repoId!));
  if (f.userId !== undefined) q = q.where('user_id', '=', f.userId);
  if (f.sinceUnix !== undefined) q = q.where('created_unix', '>=', f.sinceUnix);
  if (f.beforeUnix !== undefined) q = q.where('created_unix', '<=', f.beforeUnix);
  const [rows, count] = await Promise.all([q.selectAll().orderBy('created_unix').orderBy('id').limit(f.limit).offset(f.offset).execute(), q.select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()]);
  return { times: rows.map(toTime), total: Number(count.n) };
}

export async function getTrackedTime(db: Queryable, id: number): Promise<TrackedTime | undefined> {
  const row = await db.selectFrom('tracked_times').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toTime(row);
}

export async function deleteTrackedTimes(db: Queryable, where: { id?: number; issueId?: number; userId?: number }): Promise<number> {
  let q = db.deleteFrom('tracked_times');
  if (where.id !== undefined) q = q.where('id', '=', where.id);
  if (where.issueId !== undefined) q = q.where('issue_id', '=', where.issueId);
  if (where.userId !== undefined) q = q.where('user_id', '=', where.userId);
  return Number((await q.executeTakeFirst()).numDeletedRows);
}

export async function getStopwatch(db: Queryable, issueId: number, userId: number): Promise<Stopwatch | undefined> {
  const row = await db.selectFrom('stopwatches').selectAll().where('issue_id', '=', issueId).where('user_id', '=', userId).executeTakeFirst();
  return row && { issueId: row.issue_id, userId: row.user_id, createdUnix: row.created_unix };
}

export async function startStopwatch(db: Queryable, issueId: number, userId: number): Promise<void> {
  await db.insertInto('stopwatches').values({ issue_id: issueId, user_id: userId, created_unix: nowUnix() }).execute();
}

export async function deleteStopwatch(db: Queryable, issueId: number, userId: number): Promise<boolean> {
  return Number((await db.deleteFrom('stopwatches').where('issue_id', '=', issueId).where('user_id', '=', userId).executeTakeFirst()).numDeletedRows) > 0;
}

export async function listStopwatches(db: Queryable, userId: number, offset: number, limit: number): Promise<{ stopwatches: Stopwatch[]; total: number }> {
  const q = db.selectFrom('stopwatches').where('user_id', '=', userId);
  const [rows, count] = await Promise.all([q.selectAll().orderBy('created_unix').limit(limit).offset(offset).execute(), q.select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()]);
  return { stopwatches: rows.map((r) => ({ issueId: r.issue_id, userId: r.user_id, createdUnix: r.created_unix })), total: Number(count.n) };
}
