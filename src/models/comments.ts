import { nowUnix, type Queryable } from './types.js';

/** What a timeline entry records, by Gitea's comment type numbers. */
export const COMMENT_TYPES = {
  comment: 0,
  reopen: 1,
  close: 2,
  issue_ref: 3,
  commit_ref: 4,
  label: 7,
  milestone: 8,
  assignees: 9,
  change_title: 10,
  change_due_date: 16,
  lock: 23,
  unlock: 24,
} as const;
export type CommentType = keyof typeof COMMENT_TYPES;
const NAMES = new Map<number, CommentType>(Object.entries(COMMENT_TYPES).map(([name, n]) => [n, name as CommentType]));

export interface Comment {
  id: number;
  issueId: number;
  type: CommentType;
  posterId: number;
  content: string;
  /** The event's details, for timeline entries. */
  event: Record<string, unknown>;
  createdUnix: number;
  updatedUnix: number;
}

type Row = { id: number; issue_id: number; type: number; poster_id: number; content: string; event: string; created_unix: number; updated_unix: number };
const toComment = (r: Row): Comment => ({
  id: r.id, issueId: r.issue_id, type: NAMES.get(r.type) ?? 'comment', posterId: r.poster_id, content: r.content,
  event: r.event ? (JSON.parse(r.event) as Record<string, unknown>) : {}, createdUnix: r.created_unix, updatedUnix: r.updated_unix,
});

export async function insertComment(db: Queryable, c: { issueId: number; type: CommentType; posterId: number; content?: string; event?: Record<string, unknown> }): Promise<Comment> {
  const now = nowUnix();
  const row = await db
    .insertInto('comments')
    .values({ issue_id: c.issueId, type: COMMENT_TYPES[c.type], poster_id: c.posterId, content: c.content ?? '', event: c.event ? JSON.stringify(c.event) : '', created_unix: now, updated_unix: now })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toComment(row);
}

export async function updateCommentContent(db: Queryable, id: number, content: string): Promise<void> {
  await db.updateTable('comments').set({ content, updated_unix: nowUnix() }).where('id', '=', id).execute();
}

export async function deleteComment(db: Queryable, id: number): Promise<void> {
  await db.deleteFrom('comments').where('id', '=', id).execute();
}

export async function getComment(db: Queryable, id: number): Promise<Comment | undefined> {
  const row = await db.selectFrom('comments').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toComment(row);
}

export interface CommentFilter {
  issueId?: number;
  repoId?: number;
  /** Only plain comments (the comments API), or every entry (the timeline). */
  onlyComments: boolean;
  sinceUnix?: number;
  beforeUnix?: number;
  offset: number;
  limit: number;
}

/** Comments oldest first, with the total. */
export async function listComments(db: Queryable, f: CommentFilter): Promise<{ comments: Comment[]; total: number }> {
  let q = db.selectFrom('comments');
  if (f.issueId !== undefined) q = q.where('issue_id', '=', f.issueId);
  if (f.repoId !== undefined) q = q.where('issue_id', 'in', db.selectFrom('issues').select('id').where('repo_id', '=', f.repoId!));
  if (f.onlyComments) q = q.where('type', '=', 0);
  if (f.sinceUnix !== undefined) q = q.where('updated_unix', '>=', f.sinceUnix);
  if (f.beforeUnix !== undefined) q = q.where('updated_unix', '<=', f.beforeUnix);
  const [rows, count] = await Promise.all([
    q.selectAll().orderBy('created_unix').orderBy('id').limit(f.limit).offset(f.offset).execute(),
    q.select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { comments: rows.map(toComment), total: Number(count.n) };
}

/** Sets the issue's comment count from the rows (exact under concurrent comments). */
export async function recountComments(db: Queryable, issueId: number): Promise<void> {
  await db
    .updateTable('issues')
    .set({ num_comments: (e) => e.selectFrom('comments').select((f) => f.fn.countAll<number>().as('n')).where('issue_id', '=', issueId).where('type', '=', 0), updated_unix: nowUnix() })
    .where('id', '=', issueId)
    .execute();
}
