import { nowUnix, type Queryable } from './types.js';

/** Whose labels: a repository's or an organization's. */
export type LabelOwner = { repoId: number } | { orgId: number };

export interface Label {
  id: number;
  repoId: number;
  orgId: number;
  name: string;
  exclusive: boolean;
  description: string;
  color: string;
  archived: boolean;
  numIssues: number;
  numClosedIssues: number;
}

export interface LabelFields {
  name: string;
  exclusive: boolean;
  description: string;
  color: string;
  archived: boolean;
}

type Row = { id: number; repo_id: number; org_id: number; name: string; exclusive: number; description: string; color: string; archived_unix: number; num_issues: number; num_closed_issues: number };
const toLabel = (r: Row): Label => ({
  id: r.id, repoId: r.repo_id, orgId: r.org_id, name: r.name, exclusive: r.exclusive === 1, description: r.description, color: r.color,
  archived: r.archived_unix > 0, numIssues: r.num_issues, numClosedIssues: r.num_closed_issues,
});

function ofOwner(db: Queryable, owner: LabelOwner) {
  const q = db.selectFrom('labels');
  return 'repoId' in owner ? q.where('repo_id', '=', owner.repoId) : q.where('org_id', '=', owner.orgId).where('repo_id', '=', 0);
}

export async function listLabels(db: Queryable, owner: LabelOwner, offset: number, limit: number): Promise<{ labels: Label[]; total: number }> {
  const q = ofOwner(db, owner);
  const [rows, count] = await Promise.all([q.selectAll().orderBy('name').orderBy('id').limit(limit).offset(offset).execute(), q.select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()]);
  return { labels: rows.map(toLabel), total: Number(count.n) };
}

export async function getLabel(db: Queryable, owner: LabelOwner, id: number): Promise<Label | undefined> {
  const row = await ofOwner(db, owner).selectAll().where('id', '=', id).executeTakeFirst();
  return row && toLabel(row);
}

export async function insertLabel(db: Queryable, owner: LabelOwner, f: LabelFields): Promise<Label> {
  const now = nowUnix();
  const row = await db
    .insertInto('labels')
    .values({
      repo_id: 'repoId' in owner ? owner.repoId : 0,
      org_id: 'orgId' in owner ? owner.orgId : 0,
      name: f.name, exclusive: f.exclusive ? 1 : 0, description: f.description, color: f.color, archived_unix: f.archived ? now : 0, created_unix: now, updated_unix: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toLabel(row);
}

export async function updateLabel(db: Queryable, label: Label, f: LabelFields): Promise<void> {
  const now = nowUnix();
  await db
    .updateTable('labels')
    .set({ name: f.name, exclusive: f.exclusive ? 1 : 0, description: f.description, color: f.color, archived_unix: f.archived ? (label.archived ? undefined : now) : 0, updated_unix: now })
    .where('id', '=', label.id)
    .execute();
}

export async function deleteLabel(db: Queryable, id: number): Promise<void> {
  await db.deleteFrom('labels').where('id', '=', id).execute();
}

export async function getLabelsByIds(db: Queryable, ids: number[]): Promise<Label[]> {
  if (ids.length === 0) return [];
  return (await db.selectFrom('labels').selectAll().where('id', 'in', ids).execute()).map(toLabel);
}

/** The labels an issue of the repository may carry: the repository's and its organization's. */
export async function listLabelsFor(db: Queryable, repoId: number, orgId: number): Promise<{ labels: Label[] }> {
  const rows = await db
    .selectFrom('labels')
    .selectAll()
    .where((e) => e.or([e('repo_id', '=', repoId), ...(orgId ? [e.and([e('org_id', '=', orgId), e('repo_id', '=', 0)])] : [])]))
    .orderBy('name')
    .execute();
  return { labels: rows.map(toLabel) };
}
