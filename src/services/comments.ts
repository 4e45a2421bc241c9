import { deleteComment, getComment, insertComment, listComments, recountComments, updateCommentContent, type Comment, type CommentFilter } from '../models/comments.js';
import { addMentions, getIssueById, getIssuesByIds, lockIssue, type Issue } from '../models/issues.js';
import { getLabelsByIds } from '../models/labels.js';
import { getMilestonesByIds } from '../models/milestones.js';
import { deleteCommentReactions } from '../models/reactions.js';
import { getUsersByIds, getUsersByNames, type User } from '../models/users.js';
import { assertNotBlocked } from './blocks.js';
import type { ServiceContext } from './context.js';
import { forbidden, invalid, notFound } from './errors.js';
import { mentionedNames, type IssueService } from './issues.js';
import type { Events } from './events.js';
import type { NotificationService } from './notifications.js';
import type { ObjectStorage } from './storage.js';
import { attachmentsOfComments, deleteAttachment } from '../models/attachments.js';
import type { RepoContext } from './repositories.js';

export type { Comment };

const MAX_BODY = 65_535;

/** Comments on issues: readers comment (writers only on locked issues); posters and writers edit and delete. */
export class CommentService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly issues: IssueService,
    private readonly notifications: NotificationService,
    private readonly storage: ObjectStorage,
    private readonly events: Events,
  ) {}

  list(filter: CommentFilter): Promise<{ comments: Comment[]; total: number }> {
    return listComments(this.ctx.q, filter);
  }

  /** A page of an issue's timeline with the users, labels and milestones its entries name. */
  async timeline(issue: Issue, viewer: User | null, filter: { sinceUnix?: number; beforeUnix?: number; offset: number; limit: number }) {
    const page = await listComments(this.ctx.q, { issueId: issue.id, onlyComments: false, ...filter });
    // References from issues the viewer may not read are left out, as in Gitea.
    const refIssues = await getIssuesByIds(this.ctx.q, page.comments.map((c) => c.event.ref_issue_id).filter((v): v is number => typeof v === 'number'));
    const readable = await this.issues.readableRepoIds(refIssues.map((i) => i.repoId), viewer);
    const refIssueById = new Map(refIssues.filter((i) => readable.has(i.repoId)).map((i) => [i.id, i]));
    const comments = page.comments.filter((c) => c.type !== 'issue_ref' || refIssueById.has(c.event.ref_issue_id as number));
    const total = page.total;
    const ids = (key: string) => comments.map((c) => c.event[key]).filter((v): v is number => typeof v === 'number' && v > 0);
    const [users, labels, milestones] = await Promise.all([
      getUsersByIds(this.ctx.q, [...new Set([...comments.map((c) => c.posterId), ...ids('assignee_id')])]),
      getLabelsByIds(this.ctx.q, [...new Set(ids('label_id'))]),
      getMilestonesByIds(this.ctx.q, [...new Set([...ids('milestone_id'), ...ids('old_milestone_id')])]),
    ]);
    return {
      comments,
      total,
      refs: { users: new Map(users.map((u) => [u.id, u])), labels: new Map(labels.map((l) => [l.id, l])), milestones: new Map(milestones.map((m) => [m.id, m])), issues: refIssueById },
    };
  }

  /** Files of the given comments, by comment id, in one read. */
  async attachmentsOf(commentIds: number[]) {
    const files = await attachmentsOfComments(this.ctx.q, commentIds);
    const result = new Map<number, typeof files>();
    for (const f of files) result.set(f.commentId, [...(result.get(f.commentId) ?? []), f]);
    return result;
  }

  /** A comment of an issue of this repository, and its issue (404 when it belongs elsewhere). */
  async get(rc: RepoContext, id: number): Promise<{ comment: Comment; issue: Issue }> {
    this.issues.assertReadable(rc);
    const comment = await getComment(this.ctx.q, id);
    const issue = comment && (await getIssueById(this.ctx.q, comment.issueId));
    if (!comment || !issue || issue.repoId !== rc.repo.id || comment.type !== 'comment') throw notFound(`comment does not exist [id: ${id}]`);
    return { comment, issue };
  }

  async create(rc: RepoContext, issue: Issue, doer: User, body: string): Promise<Comment> {
    const text = this.checkedBody(body);
    await assertNotBlocked(this.ctx.q, rc.owner, doer);
    if (issue.isLocked && !this.issues.canWrite(rc)) throw forbidden('the issue is locked: only issue writers may comment');
    const mentioned = await getUsersByNames(this.ctx.q, mentionedNames(text));
    const created = await this.ctx.db.kysely.transaction().execute(async (trx) => {
      await lockIssue(trx, this.ctx.db.dialect, issue.id);
      const comment = await insertComment(trx, { issueId: issue.id, type: 'comment', posterId: doer.id, content: text });
      await addMentions(trx, issue.id, mentioned.map((u) => u.id));
      // Counted from the rows, so concurrent comments never leave the count wrong.
      await recountComments(trx, issue.id);
      return comment;
    });
    await this.notifications.issueChanged(rc, issue, doer, created.id);
    await this.issues.addReferences(rc, issue, doer, text, created.id);
    this.events.emit('issue.comment', { repo: rc.repo, issue, comment: created, doer, action: 'created' });
    return created;
  }

  /** Edits the comment; returns it with its issue (which the caller renders it with). */
  async edit(rc: RepoContext, id: number, doer: User, body: string): Promise<{ comment: Comment; issue: Issue }> {
    const { comment, issue } = await this.get(rc, id);
    this.assertMayChange(rc, comment, doer);
    await updateCommentContent(this.ctx.q, id, this.checkedBody(body));
    const edited = (await getComment(this.ctx.q, id))!;
    this.events.emit('issue.comment', { repo: rc.repo, issue, comment: edited, doer, action: 'edited' });
    return { comment: edited, issue };
  }

  async remove(rc: RepoContext, id: number, doer: User): Promise<void> {
    const { comment, issue } = await this.get(rc, id);
    this.assertMayChange(rc, comment, doer);
    const files = await attachmentsOfComments(this.ctx.q, [id]);
    await this.ctx.db.kysely.transaction().execute(async (trx) => {
      await lockIssue(trx, this.ctx.db.dialect, issue.id);
      await deleteCommentReactions(trx, id);
      await deleteComment(trx, id);
      for (const file of files) await deleteAttachment(trx, file.id);
      await recountComments(trx, issue.id);
    });
    for (const file of files) await this.storage.delete(file.uuid);
    this.events.emit('issue.comment', { repo: rc.repo, issue, comment, doer, action: 'deleted' });
  }

  private assertMayChange(rc: RepoContext, comment: Comment, doer: User): void {
    if (comment.posterId !== doer.id && !this.issues.canWrite(rc)) throw forbidden('only the poster and issue writers may change a comment');
  }

  private checkedBody(body: string): string {
    if (!body.trim()) throw invalid('[Body]: a comment needs a body');
    if (body.length > MAX_BODY) throw invalid(`[Body]: at most ${MAX_BODY} characters`);
    return body;
  }
}
