import { nowUnix, type Queryable } from './types.js';

export interface Reaction {
  userId: number;
  type: string;
  createdUnix: number;
}

/** Reactions to an issue (commentId 0) or to one of its comments, oldest first. */
export async function listReactions(db: Queryable, issueId: number, commentId: number): Promise<Reaction[]> {
  const rows = await db.selectFrom('reactions').select(['user_id', 'type', 'created_unix']).where('issue_id', '=', issueId).where('comment_id', '=', commentId).orderBy('id').execute();
  return rows.map((r) => ({ userId: r.user_id, type: r.type, createdUnix: r.created_unix }));
}

/** Adds the reaction unless the user already gave it; true when it is new. */
export async function addReaction(db: Queryable, r: { issueId: number; commentId: number; userId: number; type: string }): Promise<{ reaction: Reaction; created: boolean }> {
  const existing = await db
    .selectFrom('reactions')
    .select(['user_id', 'type', 'created_unix'])
    .where('issue_id', '=', r.issueId)
    .where('comment_id', '=', r.commentId)
    .where('user_id', '=', r.userId)
    .where('type', '=', r.type)
    .executeTakeFirst();
  if (existing) return { reaction: { userId: existing.user_id, type: existing.type, createdUnix: existing.created_unix }, created: false };
  const now = nowUnix();
  await db.insertInto('reactions').values({ issue_id: r.issueId, comment_id: r.commentId, user_id: r.userId, type: r.type, created_unix: now }).execute();
  return { reaction: { userId: r.userId, type: r.type, createdUnix: now }, created: true };
}

export async function removeReaction(db: Queryable, r: { issueId: number; commentId: number; userId: number; type: string }): Promise<void> {
  await db.deleteFrom('reactions').where('issue_id', '=', r.issueId).where('comment_id', '=', r.commentId).where('user_id', '=', r.userId).where('type', '=', r.type).execute();
}

export async function deleteCommentReactions(db: Queryable, commentId: number): Promise<void> {
  await db.deleteFrom('reactions').where('comment_id', '=', commentId).execute();
}
