import { Type } from 'typebox';
import { DateTime, Int64 } from './common.js';

const NullableDate = Type.Union([DateTime(), Type.Null()]);

export const Milestone = Type.Object(
  {
    id: Int64(),
    title: Type.String(),
    description: Type.String(),
    state: Type.String({ enum: ['open', 'closed'] }),
    open_issues: Type.Integer(),
    closed_issues: Type.Integer(),
    created_at: DateTime(),
    updated_at: Type.Union([DateTime(), Type.Null()]),
    closed_at: NullableDate,
    due_on: NullableDate,
  },
  { $id: 'Milestone', description: 'A collection of issues with a due date' },
);

export const RepositoryMeta = Type.Object(
  { id: Int64(), name: Type.String(), owner: Type.String(), full_name: Type.String() },
  { $id: 'RepositoryMeta', description: 'The repository an issue belongs to, briefly' },
);

export const PullRequestMeta = Type.Object(
  { merged: Type.Boolean(), merged_at: NullableDate, draft: Type.Boolean(), html_url: Type.String() },
  { $id: 'PullRequestMeta', description: 'Pull request details of an issue that is one' },
);

export const Issue = Type.Object(
  {
    id: Int64(),
    url: Type.String(),
    html_url: Type.String(),
    number: Int64(),
    user: Type.Ref('User'),
    original_author: Type.String(),
    original_author_id: Int64(),
    title: Type.String(),
    body: Type.String(),
    ref: Type.String(),
    assets: Type.Array(Type.Object({}, { additionalProperties: true })),
    labels: Type.Array(Type.Ref('Label')),
    milestone: Type.Union([Type.Ref('Milestone'), Type.Null()]),
    assignee: Type.Union([Type.Ref('User'), Type.Null()]),
    assignees: Type.Union([Type.Array(Type.Ref('User')), Type.Null()]),
    state: Type.String({ enum: ['open', 'closed'] }),
    is_locked: Type.Boolean(),
    comments: Type.Integer(),
    created_at: DateTime(),
    updated_at: DateTime(),
    closed_at: NullableDate,
    due_date: NullableDate,
    pull_request: Type.Union([Type.Ref('PullRequestMeta'), Type.Null()]),
    repository: Type.Ref('RepositoryMeta'),
    pin_order: Type.Integer(),
  },
  { $id: 'Issue', description: 'An issue of a repository' },
);

export const CreateIssueOption = Type.Object(
  {
    title: Type.String(),
    body: Type.Optional(Type.String()),
    ref: Type.Optional(Type.String()),
    assignee: Type.Optional(Type.String({ description: 'deprecated: use assignees' })),
    assignees: Type.Optional(Type.Array(Type.String())),
    due_date: Type.Optional(DateTime()),
    milestone: Type.Optional(Int64({ description: 'milestone id' })),
    labels: Type.Optional(Type.Array(Int64(), { description: 'label ids' })),
    closed: Type.Optional(Type.Boolean()),
  },
  { $id: 'CreateIssueOption', description: 'An issue to open' },
);

export const EditIssueOption = Type.Object(
  {
    title: Type.Optional(Type.String()),
    body: Type.Optional(Type.String()),
    ref: Type.Optional(Type.String()),
    assignee: Type.Optional(Type.String({ description: 'deprecated: use assignees' })),
    assignees: Type.Optional(Type.Array(Type.String())),
    milestone: Type.Optional(Int64({ description: 'milestone id; 0 removes the milestone' })),
    state: Type.Optional(Type.String({ enum: ['open', 'closed'] })),
    due_date: Type.Optional(DateTime()),
    unset_due_date: Type.Optional(Type.Boolean()),
  },
  { $id: 'EditIssueOption', description: 'Changes to an issue' },
);

export const IssueLabelsOption = Type.Object(
  { labels: Type.Array(Type.Union([Int64(), Type.String()]), { description: 'label ids or names' }) },
  { $id: 'IssueLabelsOption', description: 'Labels to put on an issue' },
);

export const Comment = Type.Object(
  {
    id: Int64(),
    html_url: Type.String(),
    pull_request_url: Type.String(),
    issue_url: Type.String(),
    user: Type.Ref('User'),
    original_author: Type.String(),
    original_author_id: Int64(),
    body: Type.String(),
    assets: Type.Array(Type.Object({}, { additionalProperties: true })),
    created_at: DateTime(),
    updated_at: DateTime(),
  },
  { $id: 'Comment', description: 'A comment on an issue' },
);

export const CreateIssueCommentOption = Type.Object({ body: Type.String() }, { $id: 'CreateIssueCommentOption', description: 'A comment to post' });
export const EditIssueCommentOption = Type.Object({ body: Type.String() }, { $id: 'EditIssueCommentOption', description: 'A comment\'s new body' });

const milestoneFields = {
  title: Type.String(),
  description: Type.String(),
  state: Type.String({ enum: ['open', 'closed'] }),
  due_on: DateTime(),
};
export const CreateMilestoneOption = Type.Object(
  { title: milestoneFields.title, description: Type.Optional(milestoneFields.description), state: Type.Optional(milestoneFields.state), due_on: Type.Optional(milestoneFields.due_on) },
  { $id: 'CreateMilestoneOption', description: 'A milestone to create' },
);
export const EditMilestoneOption = Type.Partial(Type.Object(milestoneFields), { $id: 'EditMilestoneOption', description: 'Changes to a milestone' });

export const LockIssueOption = Type.Object({ lock_reason: Type.Optional(Type.String()) }, { $id: 'LockIssueOption', description: 'Why an issue is locked' });

const orNull = (schema: ReturnType<typeof Type.Ref>) => Type.Union([schema, Type.Null()]);

export const TimelineComment = Type.Object(
  {
    id: Int64(),
    type: Type.String({ description: 'comment, reopen, close, commit_ref, label, milestone, assignees, change_title, change_due_date, lock, unlock' }),
    html_url: Type.String(),
    pull_request_url: Type.String(),
    issue_url: Type.String(),
    user: Type.Ref('User'),
    body: Type.String(),
    created_at: DateTime(),
    updated_at: DateTime(),
    old_title: Type.String(),
    new_title: Type.String(),
    old_milestone: orNull(Type.Ref('Milestone')),
    milestone: orNull(Type.Ref('Milestone')),
    label: orNull(Type.Ref('Label')),
    assignee: orNull(Type.Ref('User')),
    assignee_team: orNull(Type.Ref('Team')),
    removed_assignee: Type.Boolean(),
    resolve_doer: orNull(Type.Ref('User')),
    ref_action: Type.String(),
    ref_commit_sha: Type.String(),
    ref_issue: orNull(Type.Ref('Issue')),
    ref_comment: orNull(Type.Ref('Comment')),
    dependent_issue: orNull(Type.Ref('Issue')),
    old_ref: Type.String(),
    new_ref: Type.String(),
    old_project_id: Int64(),
    project_id: Int64(),
    review_id: Int64(),
    tracked_time: Type.Null({ description: 'time tracking is not recorded yet' }),
  },
  { $id: 'TimelineComment', description: 'A comment or an event on an issue\'s timeline' },
);

export const Reaction = Type.Object({ user: Type.Ref('User'), content: Type.String(), created_at: DateTime() }, { $id: 'Reaction', description: 'A reaction to an issue or a comment' });
export const EditReactionOption = Type.Object({ content: Type.String() }, { $id: 'EditReactionOption', description: 'A reaction to add or remove' });

export const NotificationSubject = Type.Object(
  {
    title: Type.String(),
    url: Type.String(),
    latest_comment_url: Type.String(),
    html_url: Type.String(),
    latest_comment_html_url: Type.String(),
    type: Type.String({ enum: ['Issue', 'Pull', 'Commit', 'Repository'] }),
    state: Type.String({ enum: ['open', 'closed', 'merged'] }),
  },
  { $id: 'NotificationSubject', description: 'What a notification thread is about' },
);

export const NotificationThread = Type.Object(
  {
    id: Int64(),
    repository: Type.Ref('Repository'),
    subject: Type.Ref('NotificationSubject'),
    unread: Type.Boolean(),
    pinned: Type.Boolean(),
    updated_at: DateTime(),
    url: Type.String(),
  },
  { $id: 'NotificationThread', description: 'A user\'s notifications about one issue' },
);

export const NotificationCount = Type.Object({ new: Int64() }, { $id: 'NotificationCount', description: 'How many threads are unread' });

export const EditDeadlineOption = Type.Object({ due_date: DateTime() }, { $id: 'EditDeadlineOption', description: 'An issue\'s new due date' });
export const IssueDeadline = Type.Object({ due_date: Type.Union([DateTime(), Type.Null()]) }, { $id: 'IssueDeadline', description: 'An issue\'s due date' });

export const TrackedTime = Type.Object(
  {
    id: Int64(),
    created: DateTime(),
    time: Int64({ description: 'seconds' }),
    user_id: Int64(),
    user_name: Type.String(),
    issue_id: Int64(),
    issue: Type.Union([Type.Ref('Issue'), Type.Null()]),
  },
  { $id: 'TrackedTime', description: 'Time someone spent on an issue' },
);

export const AddTimeOption = Type.Object(
  {
    time: Int64({ description: 'seconds' }),
    created: Type.Optional(DateTime()),
    user_name: Type.Optional(Type.String({ description: 'whose time it is (site admins only)' })),
  },
  { $id: 'AddTimeOption', description: 'Time to record' },
);

export const StopWatch = Type.Object(
  {
    created: DateTime(),
    seconds: Int64(),
    duration: Type.String(),
    issue_index: Int64(),
    issue_title: Type.String(),
    repo_owner_name: Type.String(),
    repo_name: Type.String(),
  },
  { $id: 'StopWatch', description: 'A running stopwatch' },
);

export const IssueMeta = Type.Object(
  { index: Int64(), owner: Type.String(), repo: Type.String() },
  { $id: 'IssueMeta', description: 'An issue named by its repository and number' },
);

export const IssueTemplateLabels = Type.Array(Type.String(), { $id: 'IssueTemplateLabels', description: 'Labels a template puts on the issue' });
export const IssueFormField = Type.Object(
  {
    type: Type.String({ description: 'markdown, textarea, input, dropdown or checkboxes' }),
    id: Type.String(),
    attributes: Type.Record(Type.String(), Type.Unknown()),
    validations: Type.Record(Type.String(), Type.Unknown()),
    visible: Type.Array(Type.String()),
  },
  { $id: 'IssueFormField', description: 'A field of an issue form' },
);
export const IssueTemplate = Type.Object(
  {
    name: Type.String(),
    title: Type.String(),
    about: Type.String(),
    labels: Type.Ref('IssueTemplateLabels'),
    ref: Type.String(),
    content: Type.String(),
    body: Type.Array(Type.Ref('IssueFormField')),
    file_name: Type.String(),
  },
  { $id: 'IssueTemplate', description: 'An issue template from the default branch' },
);
export const IssueConfigContactLink = Type.Object({ name: Type.String(), url: Type.String(), about: Type.String() }, { $id: 'IssueConfigContactLink', description: 'A link shown beside the issue templates' });
export const IssueConfig = Type.Object(
  { blank_issues_enabled: Type.Boolean(), contact_links: Type.Array(Type.Ref('IssueConfigContactLink')) },
  { $id: 'IssueConfig', description: 'How issues are opened: blank issues allowed, contact links' },
);
export const IssueConfigValidation = Type.Object({ valid: Type.Boolean(), message: Type.String() }, { $id: 'IssueConfigValidation', description: 'Whether the issue configuration is valid' });

export const Attachment = Type.Object(
  {
    id: Int64(),
    name: Type.String(),
    size: Int64(),
    download_count: Int64(),
    created_at: DateTime(),
    uuid: Type.String(),
    browser_download_url: Type.String(),
  },
  { $id: 'Attachment', description: 'A file attached to an issue or a comment' },
);
export const EditAttachmentOptions = Type.Object({ name: Type.Optional(Type.String()) }, { $id: 'EditAttachmentOptions', description: 'A new name for an attachment' });
