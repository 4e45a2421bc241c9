import { getLabelsByIds, listLabelsFor, type Label } from '../models/labels.js';
import { getMilestone, getMilestonesByIds, recountMilestone, type Milestone } from '../models/milestones.js';
import {
  addIssueLabels,
  addMentions,
  assigneesOf,
  deleteIssue,
  getIssueByIndex,
  getIssuesByIds,
  indexIssueText,
  insertIssue,
  labelIdsOf,
  lockRepoIssues,
  nextIssueIndex,
  addDependency,
  dependsOn,
  findIssue,
  linkedIssueIds,
  removeDependency,
  pinnedIssues,
  setPinOrder,
  assignableUserIds,
  recountOpenIssues,
  removeIssueLabels,
  searchIssues,
  setIssueAssignees,
  unindexIssue,
  updateIssue,
  type Issue,
  type IssueFilter,
} from '../models/issues.js';
import { insertComment, listComments, type CommentType } from '../models/comments.js';
import { issueReferences } from './issue-refs.js';
import { getRepositoriesByIds, type Repository } from '../models/repositories.js';
import type { Queryable } from '../models/types.js';
import { getUsersByIds, getUsersByNames, type User } from '../models/users.js';
import { assertNotBlocked } from './blocks.js';
import type { ServiceContext } from './context.js';
import { forbidden, invalid, notFound, preconditionFailed } from './errors.js';
import { ACCESS, repoPermissions } from './permissions.js';
import type { Events } from './events.js';
import type { NotificationService } from './notifications.js';
import type { ObjectStorage } from './storage.js';
import { attachmentsOfIssues, type Attachment } from '../models/attachments.js';
import type { RepoContext } from './repositories.js';

export type { Issue };

const MAX_TITLE = 255;
/** Gitea's [repository.issue] MAX_PINNED default. */
const MAX_PINNED = 3;
const MAX_BODY = 65_535;
const MENTION = /(?:^|[^\w`@])@([A-Za-z0-9][\w.-]*)/g;

export interface IssueInput {
  title?: string;
  body?: string;
  ref?: string;
  closed?: boolean;
  assignees?: string[];
  milestoneId?: number;
  labelIds?: number[];
  /** Unix seconds; 0 clears it. */
  deadlineUnix?: number;
}

/** An issue with what its JSON shows, loaded for a whole page at once. */
export interface IssueView {
  issue: Issue;
  /** Files of the issue itself (not of its comments). */
  attachments: Attachment[];
  repo: Repository;
  owner: User;
  poster: User | undefined;
  assignees: User[];
  labels: Label[];
  milestone: Milestone | undefined;
}

/** Users @-mentioned in a text. */
export function mentionedNames(text: string): string[] {
  return [...new Set([...text.matchAll(MENTION)].map((m) => m[1]!.replace(/[.-]+$/, '')))];
}

/**
 * Issues: numbering shared with pull requests, who may do what (readers open and comment,
 * posters edit their own, issue writers manage state, labels, milestones and assignees), and the
 * counters and search index kept right in the transaction that changes an issue.
 */
export class IssueService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly notifications: NotificationService,
    private readonly storage: ObjectStorage,
    private readonly events: Events,
  ) {}

  /** 404 unless the repository's own tracker is on and the caller may read its issues. */
  assertReadable(rc: RepoContext): void {
    if (!rc.repo.hasIssues || rc.repo.options.externalTrackerUrl) throw notFound('the repository has no issue tracker');
    if (rc.perm.units['repo.issues'] < ACCESS.read) throw notFound('the repository has no issue tracker');
  }

  canWrite(rc: RepoContext): boolean {
    return rc.perm.units['repo.issues'] >= ACCESS.write;
  }

  async get(rc: RepoContext, index: number): Promise<Issue> {
    this.assertReadable(rc);
    const issue = await getIssueByIndex(this.ctx.q, rc.repo.id, index);
    if (!issue || issue.isPull) throw notFound(`issue does not exist [index: ${index}]`);
    return issue;
  }

  list(filter: IssueFilter): Promise<{ issues: Issue[]; total: number }> {
    return searchIssues(this.ctx.q, this.ctx.db.dialect, filter);
  }

  async create(rc: RepoContext, doer: User, input: IssueInput): Promise<Issue> {
    this.assertReadable(rc);
    await assertNotBlocked(this.ctx.q, rc.owner, doer);
    const title = this.checkedTitle(input.title);
    const body = this.checkedBody(input.body ?? '');
    // Only issue writers set labels, milestones, assignees, due dates and the state (as in Gitea).
    const writer = this.canWrite(rc);
    const milestone = writer && input.milestoneId ? await this.milestoneOf(rc, input.milestoneId) : undefined;
    const labels = writer && input.labelIds?.length ? await this.labelsOf(rc, input.labelIds) : [];
    const assignees = writer && input.assignees?.length ? await this.assignable(rc, input.assignees) : [];
    const mentioned = await getUsersByNames(this.ctx.q, mentionedNames(body));
    const created = await this.ctx.db.kysely.transaction().execute(async (trx) => {
      await lockRepoIssues(trx, this.ctx.db.dialect, rc.repo.id);
      const index = await nextIssueIndex(trx, rc.repo.id);
      const issue = await insertIssue(trx, {
        repoId: rc.repo.id, index, posterId: doer.id, title, content: body, isClosed: writer && Boolean(input.closed), milestoneId: milestone?.id ?? 0, ref: input.ref ?? '',
        deadlineUnix: writer ? (input.deadlineUnix ?? 0) : 0,
      });
      await addIssueLabels(trx, issue.id, labels.map((l) => l.id));
      await setIssueAssignees(trx, issue.id, assignees.map((u) => u.id));
      await addMentions(trx, issue.id, mentioned.map((u) => u.id));
      await indexIssueText(trx, this.ctx.db.dialect, issue.id, title, body);
      await recountOpenIssues(trx, rc.repo.id);
      await recountMilestone(trx, issue.milestoneId);
      return issue;
    });
    await this.notifications.issueChanged(rc, created, doer);
    await this.addReferences(rc, created, doer, body, 0);
    this.events.emit('issue', { repo: rc.repo, issue: created, doer, action: 'opened' });
    return created;
  }

  /**
   * Puts a reference on the timeline of every issue that `text` (an issue's body or a comment)
   * names as `#N` or `owner/repo#N`, when the writer may read that issue; once per source.
   */
  async addReferences(rc: RepoContext, source: Issue, doer: User, text: string, commentId: number): Promise<void> {
    for (const ref of issueReferences(text)) {
      const target = ref.owner && ref.repo ? await findIssue(this.ctx.q, ref.owner, ref.repo, ref.index) : await getIssueByIndex(this.ctx.q, rc.repo.id, ref.index);
      if (!target || target.id === source.id || target.isPull) continue;
      if (!(await this.readableRepoIds([target.repoId], doer)).has(target.repoId)) continue;
      const { comments } = await listComments(this.ctx.q, { issueId: target.id, onlyComments: false, offset: 0, limit: 10_000 });
      if (comments.some((c) => c.type === 'issue_ref' && c.event.ref_issue_id === source.id && c.event.ref_comment_id === commentId)) continue;
      await insertComment(this.ctx.q, { issueId: target.id, type: 'issue_ref', posterId: doer.id, event: { ref_issue_id: source.id, ref_comment_id: commentId, ref_repo_id: source.repoId } });
    }
  }

  /** Applies an edit; every check runs before the first write, and timeline entries record what changed. */
  async edit(rc: RepoContext, issue: Issue, doer: User, input: IssueInput & { state?: 'open' | 'closed' }): Promise<Issue> {
    const writer = this.canWrite(rc);
    const poster = issue.posterId === doer.id;
    if (!writer && !poster) throw forbidden('only the poster and issue writers may edit an issue');
    const wantsWriter = input.assignees !== undefined || input.milestoneId !== undefined || input.deadlineUnix !== undefined;
    if (wantsWriter && !writer) throw forbidden('only issue writers may change assignees, milestones and due dates');
    const title = input.title !== undefined ? this.checkedTitle(input.title) : undefined;
    const body = input.body !== undefined ? this.checkedBody(input.body) : undefined;
    const milestone = input.milestoneId ? await this.milestoneOf(rc, input.milestoneId) : undefined;
    const assignees = input.assignees !== undefined ? await this.assignable(rc, input.assignees) : undefined;
    const mentioned = body !== undefined ? await getUsersByNames(this.ctx.q, mentionedNames(body)) : [];
    const closing = input.state !== undefined ? input.state === 'closed' : undefined;
    if (closing && !issue.isClosed) {
      const { ids } = await linkedIssueIds(this.ctx.q, issue.id, 'dependencies', 0, 10_000);
      if ((await getIssuesByIds(this.ctx.q, ids)).some((d) => !d.isClosed)) throw preconditionFailed('the issue has open dependencies: close them first');
    }

    await this.ctx.db.kysely.transaction().execute(async (trx) => {
      await lockRepoIssues(trx, this.ctx.db.dialect, rc.repo.id);
      const event = (type: CommentType, details?: Record<string, unknown>) => insertComment(trx, { issueId: issue.id, type, posterId: doer.id, event: details });
      const fields: Parameters<typeof updateIssue>[2] = {};
      if (title !== undefined && title !== issue.title) {
        fields.title = title;
        await event('change_title', { old_title: issue.title, new_title: title });
      }
      if (body !== undefined) fields.content = body;
      if (input.ref !== undefined) fields.ref = input.ref;
      if (closing !== undefined && closing !== issue.isClosed) {
        fields.isClosed = closing;
        fields.closedUnix = closing ? Math.floor(Date.now() / 1000) : 0;
        await event(closing ? 'close' : 'reopen');
      }
      if (input.milestoneId !== undefined && (milestone?.id ?? 0) !== issue.milestoneId) {
        fields.milestoneId = milestone?.id ?? 0;
        await event('milestone', { old_milestone_id: issue.milestoneId, milestone_id: fields.milestoneId });
      }
      if (input.deadlineUnix !== undefined && input.deadlineUnix !== issue.deadlineUnix) {
        fields.deadlineUnix = input.deadlineUnix;
        await event('change_due_date', { old_deadline: issue.deadlineUnix, deadline: input.deadlineUnix });
      }
      await updateIssue(trx, issue.id, fields);
      if (assignees) await this.replaceAssignees(trx, issue, doer, assignees.map((u) => u.id));
      if (mentioned.length) await addMentions(trx, issue.id, mentioned.map((u) => u.id));
      if (title !== undefined || body !== undefined) await indexIssueText(trx, this.ctx.db.dialect, issue.id, title ?? issue.title, body ?? issue.content);
      await recountOpenIssues(trx, rc.repo.id);
      await recountMilestone(trx, issue.milestoneId);
      if (fields.milestoneId !== undefined) await recountMilestone(trx, fields.milestoneId);
    });
    const edited = (await getIssueByIndex(this.ctx.q, rc.repo.id, issue.index))!;
    const stateChanged = closing !== undefined && closing !== issue.isClosed;
    if (stateChanged) await this.notifications.issueChanged(rc, edited, doer);
    this.events.emit('issue', { repo: rc.repo, issue: edited, doer, action: stateChanged ? (closing ? 'closed' : 'reopened') : 'edited' });
    return edited;
  }

  async remove(rc: RepoContext, issue: Issue): Promise<void> {
    if (!rc.perm.isAdmin) throw forbidden('only repository admins may delete issues');
    const files = await attachmentsOfIssues(this.ctx.q, [issue.id]);
    await this.ctx.db.kysely.transaction().execute(async (trx) => {
      await lockRepoIssues(trx, this.ctx.db.dialect, rc.repo.id);
      await unindexIssue(trx, this.ctx.db.dialect, issue.id);
      await deleteIssue(trx, issue.id);
      await recountOpenIssues(trx, rc.repo.id);
      await recountMilestone(trx, issue.milestoneId);
    });
    // The rows went with the issue; the stored files go once it is gone.
    for (const file of files) await this.storage.delete(file.uuid);
  }

  async setLocked(rc: RepoContext, issue: Issue, doer: User, locked: boolean): Promise<void> {
    if (!this.canWrite(rc)) throw forbidden('only issue writers may lock or unlock issues');
    if (issue.isLocked === locked) return;
    await this.ctx.db.kysely.transaction().execute(async (trx) => {
      await updateIssue(trx, issue.id, { isLocked: locked });
      await insertComment(trx, { issueId: issue.id, type: locked ? 'lock' : 'unlock', posterId: doer.id });
    });
  }

  /** Issue numbers by issue id, for rendering comments of several issues. */
  async indexesOf(issueIds: number[]): Promise<Map<number, number>> {
    return new Map((await getIssuesByIds(this.ctx.q, issueIds)).map((i) => [i.id, i.index]));
  }

  // ---- pins

  async pinned(rc: RepoContext): Promise<Issue[]> {
    this.assertReadable(rc);
    return pinnedIssues(this.ctx.q, rc.repo.id);
  }

  /** Pins at the end (at most MAX_PINNED), unpins (closing the gap), or moves a pinned issue to `position` (1-based). */
  async pin(rc: RepoContext, issue: Issue, action: { pin: boolean } | { position: number }): Promise<void> {
    if (!this.canWrite(rc)) throw forbidden('only issue writers may pin issues');
    await this.ctx.db.kysely.transaction().execute(async (trx) => {
      await lockRepoIssues(trx, this.ctx.db.dialect, rc.repo.id);
      const order = (await pinnedIssues(trx, rc.repo.id)).map((i) => i.id).filter((id) => id !== issue.id);
      if ('pin' in action) {
        if (action.pin) {
          if (issue.pinOrder === 0 && order.length >= MAX_PINNED) throw invalid(`at most ${MAX_PINNED} issues can be pinned`);
          order.push(issue.id);
        }
      } else {
        if (issue.pinOrder === 0) throw invalid('the issue is not pinned');
        order.splice(Math.max(0, Math.min(order.length, action.position - 1)), 0, issue.id);
      }
      await setPinOrder(trx, rc.repo.id, order);
    });
  }

  async setDeadline(rc: RepoContext, issue: Issue, doer: User, deadlineUnix: number): Promise<Issue> {
    return this.edit(rc, issue, doer, { deadlineUnix });
  }

  /** Users who may be assigned issues: those with write access to them. */
  async assignees(rc: RepoContext): Promise<User[]> {
    this.assertReadable(rc);
    const users = await getUsersByIds(this.ctx.q, await assignableUserIds(this.ctx.q, rc.repo.id, rc.owner.id));
    return users.filter((u) => !u.isOrganization).sort((a, b) => a.name.localeCompare(b.name));
  }

  // ---- dependencies

  /** Issues this one depends on, or that it blocks, among those the caller may see. */
  async linked(issue: Issue, actor: User | null, direction: 'dependencies' | 'blocks', offset: number, limit: number): Promise<{ issues: Issue[]; total: number }> {
    const { ids, total } = await linkedIssueIds(this.ctx.q, issue.id, direction, offset, limit);
    const issues = await getIssuesByIds(this.ctx.q, ids);
    const visible = await this.readableRepoIds(issues.map((i) => i.repoId), actor);
    return { issues: ids.map((id) => issues.find((i) => i.id === id)).filter((i): i is Issue => Boolean(i) && visible.has(i!.repoId)), total };
  }

  /** Adds or removes a dependency (`dependencies`: this issue depends on `other`; `blocks`: `other` depends on it). */
  async link(rc: RepoContext, issue: Issue, doer: User, other: Issue, direction: 'dependencies' | 'blocks', on: boolean): Promise<void> {
    if (!this.canWrite(rc)) throw forbidden('only issue writers may change dependencies');
    if (rc.repo.isArchived) throw forbidden('the repository is archived');
    if (!(await this.readableRepoIds([other.repoId], doer)).has(other.repoId)) throw notFound('issue does not exist');
    const [dependent, dependency] = direction === 'dependencies' ? [issue, other] : [other, issue];
    if (!on) return removeDependency(this.ctx.q, dependent.id, dependency.id);
    if (dependent.id === dependency.id) throw invalid('an issue cannot depend on itself');
    if (await dependsOn(this.ctx.q, dependency.id, dependent.id)) throw invalid('the dependency would be circular');
    await addDependency(this.ctx.q, dependent.id, dependency.id);
  }

  /** An issue named by owner, repository and number, when the caller may read it (404 otherwise). */
  async find(owner: string, repo: string, index: number, actor: User | null): Promise<Issue> {
    const found = await findIssue(this.ctx.q, owner, repo, index);
    if (!found || found.isPull || !(await this.readableRepoIds([found.repoId], actor)).has(found.repoId)) throw notFound(`issue does not exist [${owner}/${repo}#${index}]`);
    return found;
  }

  /** Of these repositories, those whose issues the actor may read. */
  async readableRepoIds(repoIds: number[], actor: User | null): Promise<Set<number>> {
    const repos = await getRepositoriesByIds(this.ctx.q, [...new Set(repoIds)]);
    const owners = new Map((await getUsersByIds(this.ctx.q, [...new Set(repos.map((r) => r.ownerId))])).map((u) => [u.id, u]));
    const perms = await repoPermissions(this.ctx.q, repos, owners, actor ? { user: actor } : null);
    return new Set(repos.filter((r) => (perms.get(r.id)?.units['repo.issues'] ?? 0) >= ACCESS.read && r.hasIssues).map((r) => r.id));
  }

  // ---- labels of an issue

  async labelsOfIssue(issue: Issue): Promise<Label[]> {
    const labels = await getLabelsByIds(this.ctx.q, (await labelIdsOf(this.ctx.q, [issue.id])).get(issue.id) ?? []);
    return labels.sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Adds (`replace` false) or sets the issue's labels, recording each change on the timeline. */
  async changeLabels(rc: RepoContext, issue: Issue, doer: User, refs: (number | string)[], mode: 'add' | 'replace' | 'remove' | 'clear'): Promise<Label[]> {
    if (!this.canWrite(rc)) throw forbidden('only issue writers may change labels');
    const wanted = mode === 'clear' ? [] : await this.labelsOf(rc, refs);
    await this.ctx.db.kysely.transaction().execute(async (trx) => {
      const current = new Set((await labelIdsOf(trx, [issue.id])).get(issue.id) ?? []);
      const target = new Set(mode === 'add' ? [...current, ...wanted.map((l) => l.id)] : mode === 'remove' ? [...current].filter((id) => !wanted.some((l) => l.id === id)) : wanted.map((l) => l.id));
      // An exclusive label ("scope/name") pushes out the others of its scope.
      for (const label of wanted.filter((l) => l.exclusive && target.has(l.id))) {
        const scope = label.name.slice(0, label.name.lastIndexOf('/'));
        for (const other of await getLabelsByIds(trx, [...target])) {
          if (other.id !== label.id && other.exclusive && other.name.slice(0, other.name.lastIndexOf('/')) === scope) target.delete(other.id);
        }
      }
      const removed = [...current].filter((id) => !target.has(id));
      const added = [...target].filter((id) => !current.has(id));
      await removeIssueLabels(trx, issue.id, removed);
      await addIssueLabels(trx, issue.id, added);
      for (const id of removed) await insertComment(trx, { issueId: issue.id, type: 'label', posterId: doer.id, event: { label_id: id, added: false } });
      for (const id of added) await insertComment(trx, { issueId: issue.id, type: 'label', posterId: doer.id, event: { label_id: id, added: true } });
      if (removed.length || added.length) await updateIssue(trx, issue.id, {});
    });
    return this.labelsOfIssue(issue);
  }

  /** Everything a page of issues shows, in a fixed number of queries whatever its length. */
  async views(issues: Issue[]): Promise<IssueView[]> {
    const ids = issues.map((i) => i.id);
    const [assigned, labelled, files] = await Promise.all([assigneesOf(this.ctx.q, ids), labelIdsOf(this.ctx.q, ids), attachmentsOfIssues(this.ctx.q, ids)]);
    const userIds = new Set<number>(issues.map((i) => i.posterId));
    for (const list of assigned.values()) for (const id of list) userIds.add(id);
    const labelIds = new Set<number>();
    for (const list of labelled.values()) for (const id of list) labelIds.add(id);
    const repos = await getRepositoriesByIds(this.ctx.q, [...new Set(issues.map((i) => i.repoId))]);
    for (const r of repos) userIds.add(r.ownerId);
    const repoById = new Map(repos.map((r) => [r.id, r]));
    const [users, labels, milestones] = await Promise.all([
      getUsersByIds(this.ctx.q, [...userIds]),
      getLabelsByIds(this.ctx.q, [...labelIds]),
      getMilestonesByIds(this.ctx.q, [...new Set(issues.map((i) => i.milestoneId).filter(Boolean))]),
    ]);
    const userById = new Map(users.map((u) => [u.id, u]));
    const labelById = new Map(labels.map((l) => [l.id, l]));
    const milestoneById = new Map(milestones.map((m) => [m.id, m]));
    return issues.map((issue) => ({
      issue,
      attachments: files.filter((f) => f.issueId === issue.id && f.commentId === 0),
      repo: repoById.get(issue.repoId)!,
      owner: userById.get(repoById.get(issue.repoId)!.ownerId)!,
      poster: userById.get(issue.posterId),
      assignees: (assigned.get(issue.id) ?? []).map((id) => userById.get(id)).filter((u): u is User => Boolean(u)),
      labels: (labelled.get(issue.id) ?? []).map((id) => labelById.get(id)).filter((l): l is Label => Boolean(l)).sort((a, b) => a.name.localeCompare(b.name)),
      milestone: milestoneById.get(issue.milestoneId),
    }));
  }

  // ---- checks

  private checkedTitle(title: string | undefined): string {
    const t = (title ?? '').trim();
    if (!t) throw invalid('[Title]: an issue needs a title');
    if (t.length > MAX_TITLE) throw invalid(`[Title]: at most ${MAX_TITLE} characters`);
    return t;
  }

  private checkedBody(body: string): string {
    if (body.length > MAX_BODY) throw invalid(`[Body]: at most ${MAX_BODY} characters`);
    return body;
  }

  async milestoneOf(rc: RepoContext, id: number): Promise<Milestone> {
    const milestone = await getMilestone(this.ctx.q, rc.repo.id, id);
    if (!milestone) throw invalid(`milestone does not exist in this repository [id: ${id}]`);
    return milestone;
  }

  /** Labels by id or name, of the repository or of its organization; any unknown one is refused (422). */
  async labelsOf(rc: RepoContext, refs: (number | string)[]): Promise<Label[]> {
    const { labels } = await listLabelsFor(this.ctx.q, rc.repo.id, rc.owner.isOrganization ? rc.owner.id : 0);
    const found: Label[] = [];
    const unknown: (number | string)[] = [];
    for (const ref of refs) {
      const label = typeof ref === 'number' ? labels.find((l) => l.id === ref) : labels.find((l) => l.name === ref) ?? labels.find((l) => String(l.id) === ref);
      if (label) found.push(label);
      else unknown.push(ref);
    }
    if (unknown.length) throw invalid(`labels do not exist in this repository or its organization: ${unknown.join(', ')}`);
    return [...new Map(found.map((l) => [l.id, l])).values()];
  }

  /** Users who may be assigned: those with write access to the issues. */
  private async assignable(rc: RepoContext, names: string[]): Promise<User[]> {
    const users = await getUsersByNames(this.ctx.q, names);
    const missing = names.filter((n) => !users.some((u) => u.name.toLowerCase() === n.toLowerCase()));
    if (missing.length) throw invalid(`users do not exist: ${missing.join(', ')}`);
    const owners = new Map([[rc.owner.id, rc.owner]]);
    for (const user of users) {
      const perm = (await repoPermissions(this.ctx.q, [rc.repo], owners, { user })).get(rc.repo.id)!;
      if (perm.units['repo.issues'] < ACCESS.write) throw invalid(`user may not be assigned to issues of this repository [name: ${user.name}]`);
    }
    return users;
  }

  private async replaceAssignees(trx: Queryable, issue: Issue, doer: User, ids: number[]): Promise<void> {
    const current = new Set((await assigneesOf(trx, [issue.id])).get(issue.id) ?? []);
    const target = new Set(ids);
    await setIssueAssignees(trx, issue.id, [...target]);
    for (const id of current) if (!target.has(id)) await insertComment(trx, { issueId: issue.id, type: 'assignees', posterId: doer.id, event: { assignee_id: id, removed: true } });
    for (const id of target) if (!current.has(id)) await insertComment(trx, { issueId: issue.id, type: 'assignees', posterId: doer.id, event: { assignee_id: id, removed: false } });
  }
}
