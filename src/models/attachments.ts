import { sql } from 'kysely';
import { nowUnix, type Queryable } from './types.js';

export interface Attachment {
  id: number;
  uuid: string;
  repoId: number;
  issueId: number;
  commentId: number;
  uploaderId: number;
  name: string;
  size: number;
  downloadCount: number;
  createdUnix: number;
}

type Row = { id: number; uuid: string; repo_id: number; issue_id: number; comment_id: number; uploader_id: number; name: string; size: number; download_count: number; created_unix: number };
const toAttachment = (r: Row): Attachment => ({
  id: r.id, uuid: r.uuid, repoId: r.repo_id, issueId: r.issue_id, commentId: r.comment_id, uploaderId: r.uploader_id, name: r.name, size: Number(r.size), downloadCount: Number(r.download_count), createdUnix: r.created_unix,
});

export async function insertAttachment(db: Queryable, a: Omit<Attachment, 'id' | 'downloadCount' | 'createdUnix'>): Promise<Attachment> {
  const row = await db
    .insertInto('attachments')
    .values({ uuid: a.uuid, repo_id: a.repoId, issue_id: a.issueId, comment_id: a.commentId, uploader_id: a.uploaderId, name: a.name, size: a.size, created_unix: nowUnix() })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toAttachment(row);
}

/** The files of an issue (commentId 0) or of one of its comments. */
export async function listAttachments(db: Queryable, issueId: number, commentId: number): Promise<Attachment[]> {
  return (await db.selectFrom('attachments').selectAll().where('issue_id', '=', issueId).where('comment_id', '=', commentId).orderBy('id').execute()).map(toAttachment);
}

/** Every file of the given issues, their comments' included (to show or to delete with them). */
export async function attachmentsOfIssues(db: Queryable, issueIds: number[]): Promise<Attachment[]> {
  if (issueIds.length === 0) return [];
  return (await db.selectFrom('attachments').selectAll().where('issue_id', 'in', issueIds).orderBy('id').execute()).map(toAttachment);
}

export async function getAttachmentByUuid(db: Queryable, uuid: string): Promise<Attachment | undefined> {
  const row = await db.selectFrom('attachments').selectAll().where('uuid', '=', uuid).executeTakeFirst();
  return row && toAttachment(row);
}

export async function getAttachment(db: Queryable, id: number): Promise<Attachment | undefined> {
  const row = await db.selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toAttachment(row);
}

export async function renameAttachment(db: Queryable, id: number, name: string): Promise<void> {
  await db.updateTable('attachments').set({ name }).where('id', '=', id).execute();
}

export async function deleteAttachment(db: Queryable, id: number): Promise<void> {
  await db.deleteFrom('attachments').where('id', '=', id).execute();
}

export async function countDownload(db: Queryable, id: number): Promise<void> {
  await db.updateTable('attachments').set({ download_count: sql`download_count + 1` }).where('id', '=', id).execute();
}

export async function attachmentsOfComments(db: Queryable, commentIds: number[]): Promise<Attachment[]> {
  if (commentIds.length === 0) return [];
  return (await db.selectFrom('attachments').selectAll().where('comment_id', 'in', commentIds).orderBy('id').execute()).map(toAttachment);
}

export async function attachmentUuidsOfRepo(db: Queryable, repoId: number): Promise<string[]> {
  return (await db.selectFrom('attachments').select('uuid').where('repo_id', '=', repoId).execute()).map((r) => r.uuid);
}
