import type { Attachment } from '../../../models/attachments.js';
import type { Comment } from '../../../models/comments.js';
import type { Label } from '../../../models/labels.js';
import type { Milestone } from '../../../models/milestones.js';
import type { User } from '../../../models/users.js';
import type { IssueView } from '../../../services/issues.js';
import { rfc3339 } from './time.js';
import { toApiUser, type UserView } from './user.js';

const orNull = (unix: number) => (unix ? rfc3339(unix) : null);

/** Gitea's Attachment JSON; the download link is checked against the issue's permissions when used. */
export function toApiAttachment(a: Attachment, rootUrl: string) {
  return { id: a.id, name: a.name, size: a.size, download_count: a.downloadCount, created_at: rfc3339(a.createdUnix), uuid: a.uuid, browser_download_url: `${rootUrl}attachments/${a.uuid}` };
}

/** Gitea's Label JSON; `base` is the API address of the list the label belongs to. */
export function toApiLabel(label: Label, base: string) {
  return { id: label.id, name: label.name, exclusive: label.exclusive, is_archived: label.archived, color: label.color.slice(1), description: label.description, url: `${base}/${label.id}` };
}

/** The API address of a label: under its organization or its repository. */
export function labelBase(rootUrl: string, label: Label, repoPath: string, orgName: string): string {
  return label.repoId ? `${rootUrl}api/v1/repos/${repoPath}/labels` : `${rootUrl}api/v1/orgs/${orgName}/labels`;
}

export function toApiMilestone(m: Milestone) {
  return {
    id: m.id,
    title: m.name,
    description: m.content,
    state: m.isClosed ? ('closed' as const) : ('open' as const),
    open_issues: m.numIssues - m.numClosedIssues,
    closed_issues: m.numClosedIssues,
    created_at: rfc3339(m.createdUnix),
    updated_at: rfc3339(m.updatedUnix),
    closed_at: orNull(m.closedUnix),
    due_on: orNull(m.deadlineUnix),
  };
}

/** Gitea's Issue JSON; `assignees` is null (not []) when nobody is assigned, as in Gitea. */
export function toApiIssue(v: IssueView, view: UserView) {
  const { issue, repo, owner } = v;
  const path = `${owner.name}/${repo.name}`;
  const assignees = v.assignees.map((u) => toApiUser(u, view));
  return {
    id: issue.id,
    url: `${view.rootUrl}api/v1/repos/${path}/issues/${issue.index}`,
    html_url: `${view.rootUrl}${path}/issues/${issue.index}`,
    number: issue.index,
    user: toApiUser(v.poster ?? ghost(issue.posterId), view),
    original_author: '',
    original_author_id: 0,
    title: issue.title,
    body: issue.content,
    ref: issue.ref,
    assets: v.attachments.map((a) => toApiAttachment(a, view.rootUrl)),
    labels: v.labels.map((l) => toApiLabel(l, labelBase(view.rootUrl, l, path, owner.name))),
    milestone: v.milestone ? toApiMilestone(v.milestone) : null,
    assignee: assignees[0] ?? null,
    assignees: assignees.length ? assignees : null,
    state: issue.isClosed ? ('closed' as const) : ('open' as const),
    is_locked: issue.isLocked,
    comments: issue.numComments,
    created_at: rfc3339(issue.createdUnix),
    updated_at: rfc3339(issue.updatedUnix),
    closed_at: issue.isClosed ? orNull(issue.closedUnix) : null,
    due_date: orNull(issue.deadlineUnix),
    pull_request: null,
    repository: { id: repo.id, name: repo.name, owner: owner.name, full_name: path },
    pin_order: issue.pinOrder,
  };
}

export function toApiComment(c: Comment, poster: User | undefined, issueIndex: number, repoPath: string, view: UserView, attachments: Attachment[] = []) {
  const issueUrl = `${view.rootUrl}${repoPath}/issues/${issueIndex}`;
  return {
    id: c.id,
    html_url: `${issueUrl}#issuecomment-${c.id}`,
    pull_request_url: '',
    issue_url: issueUrl,
    user: toApiUser(poster ?? ghost(c.posterId), view),
    original_author: '',
    original_author_id: 0,
    body: c.content,
    assets: attachments.map((a) => toApiAttachment(a, view.rootUrl)),
    created_at: rfc3339(c.createdUnix),
    updated_at: rfc3339(c.updatedUnix),
  };
}

/** Gitea's stand-in for a deleted account. */
function ghost(id: number): User {
  return {
    id: -1, name: 'Ghost', fullName: '', email: '', keepEmailPrivate: true, passwdHash: '', mustChangePassword: false, loginName: '', loginSource: 0, isOrganization: false,
    location: '', website: '', description: '', language: '', visibility: 'public', isAdmin: false, isActive: false, isRestricted: false, prohibitLogin: true, allowGitHook: false,
    allowImportLocal: false, allowCreateOrganization: false, maxRepoCreation: 0, numFollowers: 0, numFollowing: 0, numStars: 0, createdUnix: 0, updatedUnix: 0, lastLoginUnix: 0,
    theme: '', diffViewStyle: '', hideActivity: false, avatar: `ghost-${id}`,
  };
}

/** What a timeline entry names, loaded once for the whole page. */
export interface TimelineRefs {
  users: Map<number, User>;
  labels: Map<number, Label>;
  milestones: Map<number, Milestone>;
  /** Issues that reference this one, as API JSON. */
  refIssues: Map<number, ReturnType<typeof toApiIssue>>;
}

/** Gitea's TimelineComment JSON for one comment or event. */
export function toApiTimelineComment(c: Comment, refs: TimelineRefs, issueIndex: number, repoPath: string, orgName: string, view: UserView) {
  const base = toApiComment(c, refs.users.get(c.posterId), issueIndex, repoPath, view);
  const e = c.event;
  const num = (key: string) => (typeof e[key] === 'number' ? (e[key] as number) : 0);
  const milestone = (id: number) => (refs.milestones.has(id) ? toApiMilestone(refs.milestones.get(id)!) : null);
  const label = refs.labels.get(num('label_id'));
  const assignee = refs.users.get(num('assignee_id'));
  return {
    id: base.id,
    type: c.type,
    html_url: base.html_url,
    pull_request_url: '',
    issue_url: base.issue_url,
    user: base.user,
    body: c.type === 'label' ? (e.added ? '1' : '') : c.content,
    created_at: base.created_at,
    updated_at: base.updated_at,
    old_title: typeof e.old_title === 'string' ? e.old_title : '',
    new_title: typeof e.new_title === 'string' ? e.new_title : '',
    old_milestone: milestone(num('old_milestone_id')),
    milestone: milestone(num('milestone_id')),
    label: label ? toApiLabel(label, labelBase(view.rootUrl, label, repoPath, orgName)) : null,
    assignee: assignee ? toApiUser(assignee, view) : null,
    assignee_team: null,
    removed_assignee: e.removed === true,
    resolve_doer: null,
    ref_action: c.type === 'issue_ref' ? 'none' : '',
    ref_commit_sha: typeof e.commit_sha === 'string' ? e.commit_sha : '',
    ref_issue: refs.refIssues.get(num('ref_issue_id')) ?? null,
    ref_comment: null,
    dependent_issue: null,
    old_ref: '',
    new_ref: '',
    old_project_id: 0,
    project_id: 0,
    review_id: 0,
    tracked_time: null,
  };
}
