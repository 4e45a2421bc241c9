import { sql } from 'kysely';
import type { Dialect } from '../db/connect.js';
import { visibleRepoIds, type RepoViewer } from './repositories.js';
import { nowUnix, type Queryable } from './types.js';

export interface Issue {
  id: number;
  repoId: number;
  index: number;
  posterId: number;
  title: string;
  content: string;
  isPull: boolean;
  isClosed: boolean;
  isLocked: boolean;
  milestoneId: number;
  ref: string;
  numComments: number;
  pinOrder: number;
  deadlineUnix: number;
  createdUnix: number;
  updatedUnix: number;
  closedUnix: number;
}

export type IssueFields = Partial<Pick<Issue, 'title' | 'content' | 'isClosed' | 'isLocked' | 'milestoneId' | 'ref' | 'pinOrder' | 'deadlineUnix' | 'closedUnix'>>;

type Row = {
  id: number; repo_id: number; index: number; poster_id: number; title: string; content: string; is_pull: number; is_closed: number; is_locked: number;
  milestone_id: number; ref: string; num_comments: number; pin_order: number; deadline_unix: number; created_unix: number; updated_unix: number; closed_unix: number;
};

const toIssue = (r: Row): Issue => ({
  id: r.id, repoId: r.repo_id, index: r.index, posterId: r.poster_id, title: r.title, content: r.content, isPull: r.is_pull === 1, isClosed: r.is_closed === 1,
  isLocked: r.is_locked === 1, milestoneId: r.milestone_id, ref: r.ref, numComments: r.num_comments, pinOrder: r.pin_order, deadlineUnix: r.deadline_unix,
  createdUnix: r.created_unix, updatedUnix: r.updated_unix, closedUnix: r.closed_unix,
});

const ISSUE_COLUMNS = ['id', 'repo_id', 'index', 'poster_id', 'title', 'content', 'is_pull', 'is_closed', 'is_locked', 'milestone_id', 'ref', 'num_comments', 'pin_order', 'deadline_unix', 'created_unix', 'updated_unix', 'closed_unix'] as const;

/** The next number in a repository, shared by issues and pull requests; call inside a transaction. */
export async function nextIssueIndex(db: Queryable, repoId: number): Promise<number> {
  const row = await db
    .insertInto('issue_indexes')
    .values({ repo_id: repoId, max_index: 1 })
    .onConflict((oc) => oc.column('repo_id').doUpdateSet({ max_index: sql`issue_indexes.max_index + 1` }))
    .returning('max_index')
    .executeTakeFirstOrThrow();
  return Number(row.max_index);
}

export async function insertIssue(db: Queryable, i: { repoId: number; index: number; posterId: number; title: string; content: string; isClosed: boolean; milestoneId: number; ref: string; deadlineUnix: number }): Promise<Issue> {
  const now = nowUnix();
  const row = await db
    .insertInto('issues')
    .values({
      repo_id: i.repoId, index: i.index, poster_id: i.posterId, title: i.title, content: i.content, is_closed: i.isClosed ? 1 : 0, milestone_id: i.milestoneId,
      ref: i.ref, deadline_unix: i.deadlineUnix, created_unix: now, updated_unix: now, closed_unix: i.isClosed ? now : 0,
    })
    .returning(ISSUE_COLUMNS)
    .executeTakeFirstOrThrow();
  return toIssue(row);
}

export async function updateIssue(db: Queryable, id: number, f: IssueFields): Promise<void> {
  const cols = {
    title: f.title, content: f.content, is_closed: f.isClosed === undefined ? undefined : f.isClosed ? 1 : 0, is_locked: f.isLocked === undefined ? undefined : f.isLocked ? 1 : 0,
    milestone_id: f.milestoneId, ref: f.ref, pin_order: f.pinOrder, deadline_unix: f.deadlineUnix, closed_unix: f.closedUnix,
  };
  await db.updateTable('issues').set({ ...Object.fromEntries(Object.entries(cols).filter(([, v]) => v !== undefined)), updated_unix: nowUnix() }).where('id', '=', id).execute();
}

export async function touchIssue(db: Queryable, id: number, commentsBy = 0): Promise<void> {
  await db.updateTable('issues').set({ updated_unix: nowUnix(), num_comments: sql`num_comments + ${commentsBy}` }).where('id', '=', id).execute();
}

export async function deleteIssue(db: Queryable, id: number): Promise<void> {
  await db.deleteFrom('issues').where('id', '=', id).execute();
}

export async function getIssueByIndex(db: Queryable, repoId: number, index: number): Promise<Issue | undefined> {
  const row = await db.selectFrom('issues').select(ISSUE_COLUMNS).where('repo_id', '=', repoId).where('index', '=', index).executeTakeFirst();
  return row && toIssue(row);
}

export async function getIssueById(db: Queryable, id: number): Promise<Issue | undefined> {
  const row = await db.selectFrom('issues').select(ISSUE_COLUMNS).where('id', '=', id).executeTakeFirst();
  return row && toIssue(row);
}

/** Keeps the repository's open-issue counter equal to the rows (no drift under concurrency). */
export async function recountOpenIssues(db: Queryable, repoId: number): Promise<void> {
  await db
    .updateTable('repositories')
    .set({ num_open_issues: (e) => e.selectFrom('issues').select((f) => f.fn.countAll<number>().as('n')).where('repo_id', '=', repoId).where('is_closed', '=', 0).where('is_pull', '=', 0) })
    .where('id', '=', repoId)
    .execute();
}

// ---- links: assignees, labels, mentions

export async function setIssueAssignees(db: Queryable, issueId: number, userIds: number[]): Promise<void> {
  await db.deleteFrom('issue_assignees').where('issue_id', '=', issueId).execute();
  if (userIds.length) await db.insertInto('issue_assignees').values(userIds.map((assignee_id) => ({ issue_id: issueId, assignee_id }))).execute();
}

export async function assigneesOf(db: Queryable, issueIds: number[]): Promise<Map<number, number[]>> {
  const result = new Map<number, number[]>();
  if (issueIds.length === 0) return result;
  const rows = await db.selectFrom('issue_assignees').select(['issue_id', 'assignee_id']).where('issue_id', 'in', issueIds).orderBy('assignee_id').execute();
  for (const r of rows) result.set(r.issue_id, [...(result.get(r.issue_id) ?? []), r.assignee_id]);
  return result;
}

export async function labelIdsOf(db: Queryable, issueIds: number[]): Promise<Map<number, number[]>> {
  const result = new Map<number, number[]>();
  if (issueIds.length === 0) return result;
  const rows = await db.selectFrom('issue_labels').select(['issue_id', 'label_id']).where('issue_id', 'in', issueIds).execute();
  for (const r of rows) result.set(r.issue_id, [...(result.get(r.issue_id) ?? []), r.label_id]);
  return result;
}

export async function addIssueLabels(db: Queryable, issueId: number, labelIds: number[]): Promise<void> {
  const have = new Set((await labelIdsOf(db, [issueId])).get(issueId) ?? []);
  const add = [...new Set(labelIds)].filter((id) => !have.has(id));
  if (add.length) await db.insertInto('issue_labels').values(add.map((label_id) => ({ issue_id: issueId, label_id }))).execute();
}

export async function removeIssueLabels(db: Queryable, issueId: number, labelIds?: number[]): Promise<number> {
  let q = db.deleteFrom('issue_labels').where('issue_id', '=', issueId);
  if (labelIds) {
    if (labelIds.length === 0) return 0;
    q = q.where('label_id', 'in', labelIds);
  }
  return Number((await q.executeTakeFirst()).numDeletedRows);
}

export async function addMentions(db: Queryable, issueId: number, userIds: number[]): Promise<void> {
  if (userIds.length === 0) return;
  const have = new Set((await db.selectFrom('issue_mentions').select('user_id').where('issue_id', '=', issueId).execute()).map((r) => r.user_id));
  const add = [...new Set(userIds)].filter((id) => !have.has(id));
  if (add.length) await db.insertInto('issue_mentions').values(add.map((user_id) => ({ issue_id: issueId, user_id }))).execute();
}

// ---- full-text search

/** Puts the issue's text into the dialect's search index; call in the transaction that wrote it. */
export async function indexIssueText(db: Queryable, dialect: Dialect, id: number, title: string, content: string): Promise<void> {
  if (dialect === 'sqlite3') {
    await sql`delete from issues_fts where rowid = ${id}`.execute(db);
    await sql`insert into issues_fts (rowid, title, content) values (${id}, ${title}, ${content})`.execute(db);
  } else {
    await sql`update issues set search = to_tsvector('simple', ${title} || ' ' || ${content}) where id = ${id}`.execute(db);
  }
}

export async function unindexIssue(db: Queryable, dialect: Dialect, id: number): Promise<void> {
  if (dialect === 'sqlite3') await sql`delete from issues_fts where rowid = ${id}`.execute(db);
}

/** The words of a keyword as a query every word of which must match, in the dialect's syntax. */
function ftsQuery(dialect: Dialect, keyword: string): string | null {
  const words = keyword.toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? [];
  if (words.length === 0) return null;
  return dialect === 'sqlite3' ? words.map((w) => `"${w}"`).join(' ') : words.join(' & ');
}

// ---- lists

export interface IssueFilter {
  /** One repository, or (with `viewer`) every repository the viewer may see. */
  repoId?: number;
  viewer?: RepoViewer | null;
  /** Only these repositories (with the viewer's visibility still applied). */
  repoIds?: number[];
  state: 'open' | 'closed' | 'all';
  isPull?: boolean;
  labelIds?: number[];
  /** Issues carrying a label of each of these names (across repositories). */
  labelNames?: string[];
  /** Only repositories of this owner. */
  repoOwnerId?: number;
  milestoneIds?: number[];
  posterId?: number;
  assigneeId?: number;
  mentionedId?: number;
  keyword?: string;
  sinceUnix?: number;
  beforeUnix?: number;
  offset: number;
  limit: number;
}

/** A page of issues, newest first, with the total: every filter in SQL, one query for each. */
export async function searchIssues(db: Queryable, dialect: Dialect, f: IssueFilter): Promise<{ issues: Issue[]; total: number }> {
  let q = db.selectFrom('issues');
  if (f.repoId !== undefined) q = q.where('repo_id', '=', f.repoId);
  if (f.repoIds) q = q.where('repo_id', 'in', f.repoIds.length ? f.repoIds : [-1]);
  if (f.viewer !== undefined) {
    const visible = visibleRepoIds(db, f.viewer);
    if (visible) q = q.where('repo_id', 'in', visible);
  }
  if (f.state !== 'all') q = q.where('is_closed', '=', f.state === 'closed' ? 1 : 0);
  if (f.isPull !== undefined) q = q.where('is_pull', '=', f.isPull ? 1 : 0);
  for (const labelId of f.labelIds ?? []) {
    q = q.where('id', 'in', db.selectFrom('issue_labels').select('issue_id').where('label_id', '=', labelId));
  }
  for (const name of f.labelNames ?? []) {
    q = q.where('id', 'in', db.selectFrom('issue_labels as il').innerJoin('labels as l', 'l.id', 'il.label_id').select('il.issue_id').where('l.name', '=', name));
  }
  if (f.repoOwnerId !== undefined) q = q.where('repo_id', 'in', db.selectFrom('repositories').select('id').where('owner_id', '=', f.repoOwnerId!));
  if (f.milestoneIds) q = q.where('milestone_id', 'in', f.milestoneIds.length ? f.milestoneIds : [-1]);
  if (f.posterId !== undefined) q = q.where('poster_id', '=', f.posterId);
  if (f.assigneeId !== undefined) q = q.where('id', 'in', db.selectFrom('issue_assignees').select('issue_id').where('assignee_id', '=', f.assigneeId!));
  if (f.mentionedId !== undefined) q = q.where('id', 'in', db.selectFrom('issue_mentions').select('issue_id').where('user_id', '=', f.mentionedId!));
  if (f.sinceUnix !== undefined) q = q.where('updated_unix', '>=', f.sinceUnix);
  if (f.beforeUnix !== undefined) q = q.where('updated_unix', '<=', f.beforeUnix);
  if (f.keyword) {
    const match = ftsQuery(dialect, f.keyword);
    if (!match) return { issues: [], total: 0 };
    q = dialect === 'sqlite3'
      ? q.where('id', 'in', sql<number>`(select rowid from issues_fts where issues_fts match ${match})`)
      : q.where(sql<boolean>`search @@ to_tsquery('simple', ${match})`);
  }
  if (!f.keyword) {
    // Without a keyword the matches can be many: the page is chosen from the index alone (ids
    // only, so the sort carries no row bodies), its rows are read after, and the count too reads
    // only the index.
    const [ids, count] = await Promise.all([
      q.select('id').orderBy('created_unix', 'desc').orderBy('id', 'desc').limit(f.limit).offset(f.offset).execute(),
      q.select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    const byId = new Map((await getIssuesByIds(db, ids.map((r) => r.id))).map((i) => [i.id, i]));
    return { issues: ids.map((r) => byId.get(r.id)).filter((i): i is Issue => Boolean(i)), total: Number(count.n) };
  }
  // With a keyword the search finds few rows and their lookup is the cost: the total rides along
  // with the page (a window count), so the lookups happen once, not twice.
  const rows = await q
    .select([...ISSUE_COLUMNS, sql<number>`count(*) over ()`.as('total_count')])
    .orderBy('created_unix', 'desc')
    .orderBy('id', 'desc')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  const total = rows.length ? Number(rows[0]!.total_count) : f.offset === 0 ? 0 : Number((await q.select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return { issues: rows.map(toIssue), total };
}

export async function getIssuesByIds(db: Queryable, ids: number[]): Promise<Issue[]> {
  if (ids.length === 0) return [];
  return (await db.selectFrom('issues').select(ISSUE_COLUMNS).where('id', 'in', ids).execute()).map(toIssue);
}

// Counters are recounted from the rows inside the writing transaction. On PostgreSQL a recount
// sees only what was committed when its statement began, so two writers could each count
// without the other; taking the parent row's lock first makes them take turns, and the second
// one's recount then sees the first one's rows. SQLite runs one writing transaction at a time.

/** Serializes writes to a repository's issues (counters of the repository and its milestones). */
export async function lockRepoIssues(db: Queryable, dialect: Dialect, repoId: number): Promise<void> {
  if (dialect === 'postgres') await db.selectFrom('repositories').select('id').where('id', '=', repoId).forUpdate().execute();
}

/** Serializes writes to one issue's comments (its comment counter). */
export async function lockIssue(db: Queryable, dialect: Dialect, issueId: number): Promise<void> {
  if (dialect === 'postgres') await db.selectFrom('issues').select('id').where('id', '=', issueId).forUpdate().execute();
}

export async function pinnedIssues(db: Queryable, repoId: number): Promise<Issue[]> {
  const rows = await db.selectFrom('issues').select(ISSUE_COLUMNS).where('repo_id', '=', repoId).where('pin_order', '>', 0).orderBy('pin_order').execute();
  return rows.map(toIssue);
}

/** Pins exactly these issues of the repository, in this order; unpins the rest. */
export async function setPinOrder(db: Queryable, repoId: number, issueIds: number[]): Promise<void> {
  await db.updateTable('issues').set({ pin_order: 0 }).where('repo_id', '=', repoId).where('pin_order', '>', 0).execute();
  for (const [i, id] of issueIds.entries()) await db.updateTable('issues').set({ pin_order: i + 1 }).where('id', '=', id).execute();
}

/**
 * Who may be assigned issues of a repository: its owner (a user), collaborators with write access,
 * and members of the owner's teams that reach it with write access to issues. Mirrors what the
 * permission function grants, in a fixed number of queries.
 */
export async function assignableUserIds(db: Queryable, repoId: number, ownerId: number): Promise<number[]> {
  const [collaborators, teams] = await Promise.all([
    db.selectFrom('collaborations').select('user_id').where('repo_id', '=', repoId).where('mode', '>=', 2).execute(),
    db
      .selectFrom('teams as t')
      .select(['t.id', 't.authorize', 't.units'])
      .where('t.org_id', '=', ownerId)
      .where((e) => e.or([e('t.includes_all_repositories', '=', 1), e('t.id', 'in', e.selectFrom('team_repos').select('team_id').where('repo_id', '=', repoId))]))
      .execute(),
  ]);
  const writing = teams.filter((t) => {
    const units = JSON.parse(t.units || '{}') as Record<string, number>;
    return t.authorize >= 3 || (Object.keys(units).length ? (units['repo.issues'] ?? 0) >= 2 : t.authorize >= 2);
  });
  const members = writing.length ? await db.selectFrom('team_users').select('uid').where('team_id', 'in', writing.map((t) => t.id)).execute() : [];
  return [...new Set([ownerId, ...collaborators.map((r) => r.user_id), ...members.map((r) => r.uid)])];
}

// ---- dependencies: `issueId` depends on `dependencyId` (which blocks it)

export async function addDependency(db: Queryable, issueId: number, dependencyId: number): Promise<void> {
  const exists = await db.selectFrom('issue_dependencies').select('issue_id').where('issue_id', '=', issueId).where('dependency_id', '=', dependencyId).executeTakeFirst();
  if (!exists) await db.insertInto('issue_dependencies').values({ issue_id: issueId, dependency_id: dependencyId, created_unix: nowUnix() }).execute();
}

export async function removeDependency(db: Queryable, issueId: number, dependencyId: number): Promise<void> {
  await db.deleteFrom('issue_dependencies').where('issue_id', '=', issueId).where('dependency_id', '=', dependencyId).execute();
}

/** Issues `issueId` depends on (`dependencies`) or that depend on it (`blocks`), oldest link first. */
export async function linkedIssueIds(db: Queryable, issueId: number, direction: 'dependencies' | 'blocks', offset: number, limit: number): Promise<{ ids: number[]; total: number }> {
  const [mine, theirs] = direction === 'dependencies' ? (['issue_id', 'dependency_id'] as const) : (['dependency_id', 'issue_id'] as const);
  const q = db.selectFrom('issue_dependencies').where(mine, '=', issueId);
  const [rows, count] = await Promise.all([q.select(theirs).orderBy('created_unix').limit(limit).offset(offset).execute(), q.select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()]);
  return { ids: rows.map((r) => (r as Record<string, number>)[theirs]!), total: Number(count.n) };
}

/** Whether `from` depends on `to`, directly or through other dependencies. */
export async function dependsOn(db: Queryable, from: number, to: number): Promise<boolean> {
  const seen = new Set<number>([from]);
  let frontier = [from];
  while (frontier.length) {
    const rows = await db.selectFrom('issue_dependencies').select('dependency_id').where('issue_id', 'in', frontier).execute();
    frontier = [];
    for (const { dependency_id: id } of rows) {
      if (id === to) return true;
      if (!seen.has(id)) {
        seen.add(id);
        frontier.push(id);
      }
    }
  }
  return false;
}

/** An issue by its repository's owner and name and its number. */
export async function findIssue(db: Queryable, owner: string, repo: string, index: number): Promise<Issue | undefined> {
  const row = await db
    .selectFrom('issues as i')
    .innerJoin('repositories as r', 'r.id', 'i.repo_id')
    .innerJoin('users as o', 'o.id', 'r.owner_id')
    .select(ISSUE_COLUMNS.map((c) => `i.${c}` as const))
    .where('o.lower_name', '=', owner.toLowerCase())
    .where('r.lower_name', '=', repo.toLowerCase())
    .where('i.index', '=', index)
    .executeTakeFirst();
  return row && toIssue(row);
}
