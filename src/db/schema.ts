import type { Generated } from 'kysely';

// Flags are 0/1 integers on both dialects so that one query text serves SQLite and PostgreSQL;
// models turn them into booleans. Times are Unix seconds, as in Gitea.

export interface UsersTable {
  id: Generated<number>;
  name: string;
  lower_name: string;
  full_name: string;
  email: string;
  lower_email: string;
  keep_email_private: number;
  passwd_hash: string;
  must_change_password: number;
  login_name: string;
  login_source: number;
  /** 0 individual, 1 organization (issue 4). */
  type: number;
  location: string;
  website: string;
  description: string;
  language: string;
  /** 0 public, 1 limited, 2 private. */
  visibility: number;
  is_admin: number;
  is_active: number;
  is_restricted: number;
  prohibit_login: number;
  allow_git_hook: number;
  allow_import_local: number;
  allow_create_organization: number;
  max_repo_creation: number;
  num_followers: number;
  num_following: number;
  num_stars: number;
  num_repos: number;
  created_unix: number;
  updated_unix: number;
  last_login_unix: number;
  theme: string;
  diff_view_style: string;
  hide_activity: number;
  /** Content hash of an uploaded avatar; '' for the generated one. */
  avatar: Generated<string>;
}

export interface AccessTokensTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  token_hash: string;
  token_salt: string;
  token_last_eight: string;
  scope: string;
  created_unix: number;
  updated_unix: number;
}

export interface TwoFactorsTable {
  user_id: number;
  /** AES-GCM ciphertext of the base32 TOTP secret, keyed by SECRET_KEY. */
  secret_enc: string;
  /** 0 while enrolment awaits its first passcode. */
  enabled: number;
  created_unix: number;
  updated_unix: number;
}

export interface RepositoriesTable {
  id: Generated<number>;
  owner_id: number;
  name: string;
  lower_name: string;
  description: string;
  website: string;
  original_url: string;
  default_branch: string;
  is_private: number;
  is_empty: number;
  is_archived: number;
  is_mirror: number;
  is_fork: number;
  fork_id: number;
  is_template: number;
  template_id: number;
  has_issues: number;
  num_stars: number;
  num_forks: number;
  num_watches: number;
  num_open_issues: number;
  num_open_pulls: number;
  num_releases: number;
  /** Bytes on disk. */
  size: number;
  object_format_name: string;
  trust_model: string;
  /** JSON of RepoOptions. */
  options: string;
  archived_unix: number;
  created_unix: number;
  updated_unix: number;
}

export interface CollaborationsTable {
  id: Generated<number>;
  repo_id: number;
  user_id: number;
  mode: number;
  created_unix: number;
}

export interface UserRepoLinkTable {
  user_id: number;
  repo_id: number;
  created_unix: number;
}

export interface TopicsTable {
  id: Generated<number>;
  name: string;
  repo_count: number;
  created_unix: number;
  updated_unix: number;
}

export interface RepoTopicsTable {
  repo_id: number;
  topic_id: number;
}

export interface BranchesTable {
  id: Generated<number>;
  repo_id: number;
  name: string;
  commit_id: string;
  commit_message: string;
  commit_unix: number;
  author_name: string;
  author_email: string;
  committer_name: string;
  committer_email: string;
  pusher_id: number;
  updated_unix: number;
}

export interface RepoTransfersTable {
  repo_id: number;
  doer_id: number;
  recipient_id: number;
  created_unix: number;
}

export interface MirrorsTable {
  repo_id: number;
  interval_seconds: number;
  enable_prune: number;
  remote_auth_enc: string;
  next_update_unix: number;
  updated_unix: number;
}

export interface PushMirrorsTable {
  id: Generated<number>;
  repo_id: number;
  remote_name: string;
  remote_address: string;
  remote_auth_enc: string;
  interval_seconds: number;
  sync_on_commit: number;
  last_update_unix: number;
  last_error: string;
  next_update_unix: number;
  created_unix: number;
}

export interface OrgUsersTable {
  id: Generated<number>;
  org_id: number;
  uid: number;
  is_public: number;
}

export interface TeamsTable {
  id: Generated<number>;
  org_id: number;
  name: string;
  lower_name: string;
  description: string;
  authorize: number;
  includes_all_repositories: number;
  can_create_org_repo: number;
  units: string;
}

export interface TeamUsersTable {
  id: Generated<number>;
  org_id: number;
  team_id: number;
  uid: number;
}

export interface TeamReposTable {
  id: Generated<number>;
  org_id: number;
  team_id: number;
  repo_id: number;
}

export interface EmailAddressesTable {
  id: Generated<number>;
  uid: number;
  email: string;
  lower_email: string;
  is_activated: number;
}

export interface FollowsTable {
  user_id: number;
  follow_id: number;
  created_unix: number;
}

export interface PublicKeysTable {
  id: Generated<number>;
  owner_id: number;
  name: string;
  fingerprint: string;
  content: string;
  key_type: string;
  read_only: number;
  created_unix: number;
}

export interface UserBlocksTable {
  id: Generated<number>;
  blocker_id: number;
  blockee_id: number;
  note: string;
  created_unix: number;
}

export interface GpgKeysTable {
  id: Generated<number>;
  owner_id: number;
  key_id: string;
  content: string;
  parsed: string;
  verified: number;
  created_unix: number;
  expires_unix: number;
}

export interface ActionsTable {
  id: Generated<number>;
  act_user_id: number;
  op_type: number;
  repo_id: number;
  repo_owner_id: number;
  ref_name: string;
  content: string;
  created_unix: number;
}

export interface BadgesTable {
  id: Generated<number>;
  slug: string;
  description: string;
  image_url: string;
}

export interface UserBadgesTable {
  user_id: number;
  badge_id: number;
}

export interface OAuth2ApplicationsTable {
  id: Generated<number>;
  owner_id: number;
  name: string;
  client_id: string;
  client_secret_hash: string;
  confidential_client: number;
  redirect_uris: string;
  created_unix: number;
  updated_unix: number;
}

export interface WebhooksTable {
  id: Generated<number>;
  repo_id: number;
  owner_id: number;
  type: string;
  url: string;
  http_method: string;
  content_type: string;
  secret_sealed: string;
  authorization_sealed: string;
  events: string;
  branch_filter: string;
  is_active: number;
  created_unix: number;
  updated_unix: number;
}

export interface WebhookDeliveriesTable {
  id: Generated<number>;
  hook_id: number;
  uuid: string;
  event: string;
  payload: string;
  status: number;
  is_succeed: number;
  response: string;
  delivered_unix: number;
}

export interface LabelsTable {
  id: Generated<number>;
  repo_id: number;
  org_id: number;
  name: string;
  exclusive: number;
  description: string;
  color: string;
  archived_unix: number;
  num_issues: Generated<number>;
  num_closed_issues: Generated<number>;
  created_unix: number;
  updated_unix: number;
}

export interface MilestonesTable {
  id: Generated<number>;
  repo_id: number;
  name: string;
  content: string;
  is_closed: number;
  num_issues: Generated<number>;
  num_closed_issues: Generated<number>;
  deadline_unix: number;
  closed_unix: number;
  created_unix: number;
  updated_unix: number;
}

export interface IssueIndexesTable {
  repo_id: number;
  max_index: number;
}

export interface IssuesTable {
  id: Generated<number>;
  repo_id: number;
  index: number;
  poster_id: number;
  title: string;
  content: string;
  is_pull: Generated<number>;
  is_closed: number;
  is_locked: Generated<number>;
  milestone_id: number;
  ref: string;
  num_comments: Generated<number>;
  pin_order: Generated<number>;
  deadline_unix: number;
  created_unix: number;
  updated_unix: number;
  closed_unix: number;
}

export interface IssueAssigneesTable {
  issue_id: number;
  assignee_id: number;
}

export interface IssueLabelsTable {
  issue_id: number;
  label_id: number;
}

export interface IssueMentionsTable {
  issue_id: number;
  user_id: number;
}

export interface CommentsTable {
  id: Generated<number>;
  issue_id: number;
  type: number;
  poster_id: number;
  content: string;
  event: string;
  created_unix: number;
  updated_unix: number;
}

export interface ReactionsTable {
  id: Generated<number>;
  issue_id: number;
  comment_id: number;
  user_id: number;
  type: string;
  created_unix: number;
}

export interface IssueWatchesTable {
  issue_id: number;
  user_id: number;
  is_watching: number;
  created_unix: number;
}

export interface NotificationsTable {
  id: Generated<number>;
  user_id: number;
  repo_id: number;
  issue_id: number;
  status: number;
  comment_id: number;
  updated_by: number;
  created_unix: number;
  updated_unix: number;
}

export interface TrackedTimesTable {
  id: Generated<number>;
  issue_id: number;
  user_id: number;
  time: number;
  created_unix: number;
}

export interface StopwatchesTable {
  id: Generated<number>;
  issue_id: number;
  user_id: number;
  created_unix: number;
}

export interface IssueDependenciesTable {
  issue_id: number;
  dependency_id: number;
  created_unix: number;
}

export interface AttachmentsTable {
  id: Generated<number>;
  uuid: string;
  repo_id: number;
  issue_id: number;
  comment_id: number;
  uploader_id: number;
  name: string;
  size: number;
  download_count: Generated<number>;
  created_unix: number;
}

export interface Database {
  users: UsersTable;
  access_tokens: AccessTokensTable;
  two_factors: TwoFactorsTable;
  repositories: RepositoriesTable;
  collaborations: CollaborationsTable;
  stars: UserRepoLinkTable;
  watches: UserRepoLinkTable;
  topics: TopicsTable;
  repo_topics: RepoTopicsTable;
  branches: BranchesTable;
  mirrors: MirrorsTable;
  repo_transfers: RepoTransfersTable;
  push_mirrors: PushMirrorsTable;
  org_users: OrgUsersTable;
  teams: TeamsTable;
  team_users: TeamUsersTable;
  team_repos: TeamReposTable;
  email_addresses: EmailAddressesTable;
  follows: FollowsTable;
  public_keys: PublicKeysTable;
  user_blocks: UserBlocksTable;
  gpg_keys: GpgKeysTable;
  actions: ActionsTable;
  badges: BadgesTable;
  user_badges: UserBadgesTable;
  oauth2_applications: OAuth2ApplicationsTable;
  webhooks: WebhooksTable;
  webhook_deliveries: WebhookDeliveriesTable;
  labels: LabelsTable;
  milestones: MilestonesTable;
  issue_indexes: IssueIndexesTable;
  issues: IssuesTable;
  issue_assignees: IssueAssigneesTable;
  issue_labels: IssueLabelsTable;
  issue_mentions: IssueMentionsTable;
  comments: CommentsTable;
  reactions: ReactionsTable;
  issue_watches: IssueWatchesTable;
  notifications: NotificationsTable;
  tracked_times: TrackedTimesTable;
  stopwatches: StopwatchesTable;
  issue_dependencies: IssueDependenciesTable;
  attachments: AttachmentsTable;
}
