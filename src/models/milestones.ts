import { sql } from 'kysely';
import { nowUnix, type Queryable } from './types.js';

export interface Milestone {
  id: number;
  repoId: number;
  name: string;
  content: string;
  isClosed: boolean;
  numIssues: number;
  numClosedIssues: number;
  deadlineUnix: number;
  closedUnix: number;
  createdUnix: number;
  updatedUnix: number;
}

export type MilestoneFields = Pick<Milestone, 'name' | 'content' | 'isClosed' | 'deadlineUnix'>;

type Row = { id: number; repo_id: number; name: string; content: string; is_closed: number; num_issues: number; num_closed_issues: number; deadline_unix: number; closed_unix: number; created_unix: number; updated_unix: number };
const toMilestone = (r: Row): Milestone => ({
  id: r.id, repoId: r.repo_id, name: r.name, content: r.content, isClosed: r.is_closed === 1, numIssues: r.num_issues, numClosedIssues: r.num_closed_issues,
  deadlineUnix: r.deadline_unix, closedUnix: r.closed_unix, createdUnix: r.created_unix, updatedUnix: r.updated_unix,
});

export async function insertMilestone(db: Queryable, repoId: number, f: MilestoneFields): Promise<Milestone> {
  const now = nowUnix();
  const row = await db
    .insertInto('milestones')
    .values({ repo_id: repoId, name: f.name, content: f.content, is_closed: f.isClosed ? 1 : 0, deadline_unix: f.deadlineUnix, closed_unix: f.isClosed ? now : 0, created_unix: now, updated_unix: now })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toMilestone(row);
}

export async function updateMilestone(db: Queryable, m: Milestone, f: MilestoneFields): Promise<void> {
  const now = nowUnix();
  await db
    .updateTable('milestones')
    .set({ name: f.name, content: f.content, is_closed: f.isClosed ? 1 : 0, deadline_unix: f.deadlineUnix, closed_unix: f.isClosed ? (m.isClosed ? m.closedUnix : now) : 0, updated_unix: now })
    .where('id', '=', m.id)
    .execute();
}

export async function deleteMilestone(db: Queryable, id: number): Promise<void> {
  await db.updateTable('issues').set({ milestone_id: 0 }).where('milestone_id', '=', id).execute();
  await db.deleteFrom('milestones').where('id', '=', id).execute();
}

export async function getMilestone(db: Queryable, repoId: number, id: number): Promise<Milestone | undefined> {
  const row = await db.selectFrom('milestones').selectAll().where('repo_id', '=', repoId).where('id', '=', id).executeTakeFirst();
  return row && toMilestone(row);
}

export async function getMilestoneByName(db: Queryable, repoId: number, name: string): Promise<Milestone | undefined> {
  const row = await db.selectFrom('milestones').selectAll().where('repo_id', '=', repoId).where(sql`lower(name)`, '=', name.toLowerCase()).orderBy('id').executeTakeFirst();
  return row && toMilestone(row);
}

export async function getMilestonesByIds(db: Queryable, ids: number[]): Promise<Milestone[]> {
  if (ids.length === 0) return [];
  return (await db.selectFrom('milestones').selectAll().where('id', 'in', ids).execute()).map(toMilestone);
}

export async function listMilestones(db: Queryable, repoId: number, o: { state: 'open' | 'closed' | 'all'; name?: string; offset: number; limit: number }): Promise<{ milestones: Milestone[]; total: number }> {
  let q = db.selectFrom('milestones').where('repo_id', '=', repoId);
  if (o.state !== 'all') q = q.where('is_closed', '=', o.state === 'closed' ? 1 : 0);
  if (o.name) q = q.where(sql`lower(name)`, 'like', `%${o.name.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  const [rows, count] = await Promise.all([
    q.selectAll().orderBy('deadline_unix').orderBy('id').limit(o.limit).offset(o.offset).execute(),
    q.select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { milestones: rows.map(toMilestone), total: Number(count.n) };
}

/** Recounts a milestone's issues from the rows, so concurrent changes never leave it wrong. */
export async function recountMilestone(db: Queryable, id: number): Promise<void> {
  if (!id) return;
  const counted = (closed?: boolean) => {
    let q = db.selectFrom('issues').select((e) => e.fn.countAll<number>().as('n')).where('milestone_id', '=', id);
    if (closed !== undefined) q = q.where('is_closed', '=', closed ? 1 : 0);
    return q;
  };
  await db.updateTable('milestones').set({ num_issues: () => counted(), num_closed_issues: () => counted(true) }).where('id', '=', id).execute();
}
