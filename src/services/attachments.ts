import { randomUUID } from 'node:crypto';
import { extname } from 'node:path';
import type { Readable } from 'node:stream';
import { countDownload, deleteAttachment, getAttachment, getAttachmentByUuid, insertAttachment, listAttachments, renameAttachment, type Attachment } from '../models/attachments.js';
import type { Comment } from '../models/comments.js';
import { getIssueById, type Issue } from '../models/issues.js';
import { getRepositoryById } from '../models/repositories.js';
import { getUserById, type User } from '../models/users.js';
import type { ServiceContext } from './context.js';
import { ServiceError, forbidden, invalid, notFound } from './errors.js';
import type { IssueService } from './issues.js';
import { ACCESS, repoPermission, type Actor } from './permissions.js';
import type { RepoContext } from './repositories.js';
import { TooLarge, type ObjectStorage } from './storage.js';

export type { Attachment };

/** The owner of an upload: an issue, or one of its comments. */
export interface AttachmentTarget {
  issue: Issue;
  comment: Comment | null;
}

/**
 * Files attached to issues and comments, within [attachment] ENABLED, ALLOWED_TYPES and MAX_SIZE;
 * issue writers and the issue's (or comment's) poster add, rename and delete them.
 */
export class AttachmentService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly issues: IssueService,
    private readonly storage: ObjectStorage,
  ) {}

  list(target: AttachmentTarget): Promise<Attachment[]> {
    return listAttachments(this.ctx.q, target.issue.id, target.comment?.id ?? 0);
  }

  async get(target: AttachmentTarget, id: number): Promise<Attachment> {
    const attachment = await getAttachment(this.ctx.q, id);
    if (!attachment || attachment.issueId !== target.issue.id || attachment.commentId !== (target.comment?.id ?? 0)) throw notFound(`attachment does not exist [id: ${id}]`);
    return attachment;
  }

  async upload(rc: RepoContext, target: AttachmentTarget, doer: User, file: { name: string; data: Readable }): Promise<Attachment> {
    const { enabled, allowedTypes, maxSize } = this.ctx.config.attachment;
    if (!enabled) throw notFound('attachments are disabled');
    this.assertMayChange(rc, target, doer);
    const name = file.name.trim();
    if (!name || name.length > 255) throw invalid('[Name]: a file name of 1 to 255 characters is required');
    const allowed = allowedTypes.split(',').map((t) => t.trim().toLowerCase()).filter(Boolean);
    if (!allowed.includes('*/*') && !allowed.includes(extname(name).toLowerCase())) throw invalid(`files of type "${extname(name) || name}" are not allowed: ${allowed.join(', ')}`);
    const uuid = randomUUID();
    let size: number;
    try {
      size = await this.storage.save(uuid, file.data, maxSize * 1024 * 1024);
    } catch (err) {
      if (err instanceof TooLarge) throw new ServiceError('too_large', `the file is larger than [attachment] MAX_SIZE (${maxSize} MiB)`);
      throw err;
    }
    try {
      return await insertAttachment(this.ctx.q, { uuid, repoId: rc.repo.id, issueId: target.issue.id, commentId: target.comment?.id ?? 0, uploaderId: doer.id, name, size });
    } catch (err) {
      await this.storage.delete(uuid);
      throw err;
    }
  }

  async rename(rc: RepoContext, target: AttachmentTarget, doer: User, id: number, name: string): Promise<Attachment> {
    this.assertMayChange(rc, target, doer);
    const attachment = await this.get(target, id);
    const clean = name.trim();
    if (!clean || clean.length > 255) throw invalid('[Name]: a file name of 1 to 255 characters is required');
    await renameAttachment(this.ctx.q, attachment.id, clean);
    return { ...attachment, name: clean };
  }

  async remove(rc: RepoContext, target: AttachmentTarget, doer: User, id: number): Promise<void> {
    this.assertMayChange(rc, target, doer);
    const attachment = await this.get(target, id);
    await deleteAttachment(this.ctx.q, attachment.id);
    await this.storage.delete(attachment.uuid);
  }

  /** Removes stored files whose rows went with a deleted issue or comment. */
  async forget(attachments: Attachment[]): Promise<void> {
    for (const a of attachments) await this.storage.delete(a.uuid);
  }

  /** The file behind a download link, for a caller who may read the issue (404 otherwise). */
  async download(uuid: string, actor: Actor | null): Promise<{ attachment: Attachment; data: Readable }> {
    const attachment = await getAttachmentByUuid(this.ctx.q, uuid);
    const issue = attachment && (await getIssueById(this.ctx.q, attachment.issueId));
    const repo = issue && (await getRepositoryById(this.ctx.q, issue.repoId));
    const owner = repo && (await getUserById(this.ctx.q, repo.ownerId));
    if (!attachment || !repo || !owner || (await repoPermission(this.ctx.q, repo, owner, actor)).units['repo.issues'] < ACCESS.read) throw notFound('attachment does not exist');
    await countDownload(this.ctx.q, attachment.id);
    return { attachment, data: this.storage.open(attachment.uuid) };
  }

  private assertMayChange(rc: RepoContext, target: AttachmentTarget, doer: User): void {
    const poster = (target.comment ?? target.issue).posterId === doer.id;
    if (!poster && !this.issues.canWrite(rc)) throw forbidden('only the poster and issue writers may change attachments');
    if (target.issue.isLocked && !this.issues.canWrite(rc)) throw forbidden('the issue is locked');
  }
}
