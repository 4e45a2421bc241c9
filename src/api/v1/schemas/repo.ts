import { Type } from 'typebox';
import { DateTime, Int64 } from './common.js';

export const Permission = Type.Object(
  { admin: Type.Boolean(), push: Type.Boolean(), pull: Type.Boolean() },
  { $id: 'Permission', description: 'Permission represents a set of permissions' },
);

export const InternalTracker = Type.Object(
  {
    enable_time_tracker: Type.Boolean({ description: 'Enable time tracking (Built-in issue tracker)' }),
    allow_only_contributors_to_track_time: Type.Boolean({ description: 'Let only contributors track time (Built-in issue tracker)' }),
    enable_issue_dependencies: Type.Boolean({ description: 'Enable dependencies for issues and pull requests (Built-in issue tracker)' }),
  },
  { $id: 'InternalTracker', description: 'InternalTracker represents settings for internal tracker' },
);

export const ExternalTracker = Type.Object(
  {
    external_tracker_url: Type.String({ description: 'URL of external issue tracker.' }),
    external_tracker_format: Type.String({ description: 'External Issue Tracker URL Format, with {user}, {repo} and {index}' }),
    external_tracker_style: Type.String({ description: 'numeric, alphanumeric or regexp' }),
    external_tracker_regexp_pattern: Type.String({ description: 'External Issue Tracker issue regular expression' }),
  },
  { $id: 'ExternalTracker', description: 'ExternalTracker represents settings for external tracker' },
);

export const ExternalWiki = Type.Object(
  { external_wiki_url: Type.String({ description: 'URL of external wiki.' }) },
  { $id: 'ExternalWiki', description: 'ExternalWiki represents setting for external wiki' },
);

const repositoryProperties = {
  id: Int64(),
  owner: Type.Ref('User'),
  name: Type.String(),
  full_name: Type.String(),
  description: Type.String(),
  empty: Type.Boolean(),
  private: Type.Boolean(),
  fork: Type.Boolean(),
  template: Type.Boolean(),
  parent: Type.Optional(Type.Ref('Repository')),
  mirror: Type.Boolean(),
  size: Int64({ description: 'KiB' }),
  language: Type.String(),
  languages_url: Type.String(),
  html_url: Type.String(),
  url: Type.String(),
  link: Type.String(),
  ssh_url: Type.String(),
  clone_url: Type.String(),
  original_url: Type.String(),
  website: Type.String(),
  stars_count: Int64(),
  forks_count: Int64(),
  watchers_count: Int64(),
  open_issues_count: Int64(),
  open_pr_counter: Int64(),
  release_counter: Int64(),
  default_branch: Type.String(),
  archived: Type.Boolean(),
  created_at: DateTime(),
  updated_at: DateTime(),
  archived_at: DateTime(),
  permissions: Type.Optional(Type.Ref('Permission')),
  has_issues: Type.Boolean(),
  internal_tracker: Type.Optional(Type.Ref('InternalTracker')),
  external_tracker: Type.Optional(Type.Ref('ExternalTracker')),
  has_wiki: Type.Boolean(),
  external_wiki: Type.Optional(Type.Ref('ExternalWiki')),
  has_pull_requests: Type.Boolean(),
  has_projects: Type.Boolean(),
  projects_mode: Type.String(),
  has_releases: Type.Boolean(),
  has_packages: Type.Boolean(),
  has_actions: Type.Boolean(),
  ignore_whitespace_conflicts: Type.Boolean(),
  allow_merge_commits: Type.Boolean(),
  allow_rebase: Type.Boolean(),
  allow_rebase_explicit: Type.Boolean(),
  allow_squash_merge: Type.Boolean(),
  allow_fast_forward_only_merge: Type.Boolean(),
  allow_rebase_update: Type.Boolean(),
  allow_manual_merge: Type.Boolean(),
  autodetect_manual_merge: Type.Boolean(),
  default_delete_branch_after_merge: Type.Boolean(),
  default_merge_style: Type.String(),
  default_allow_maintainer_edit: Type.Boolean(),
  avatar_url: Type.String(),
  internal: Type.Boolean(),
  mirror_interval: Type.String(),
  object_format_name: Type.String({ enum: ['sha1', 'sha256'] }),
  mirror_updated: DateTime(),
  repo_transfer: Type.Optional(Type.Ref('RepoTransfer')),
  topics: Type.Array(Type.String()),
  licenses: Type.Array(Type.String()),
};

export const Repository = Type.Object(repositoryProperties, { $id: 'Repository', description: 'Repository represents a repository' });

export const RepoSearchResults = Type.Object({ data: Type.Array(Type.Ref('Repository')), ok: Type.Boolean() }, { $id: 'SearchResults', description: 'SearchResults results of a successful search' });

const TrustModel = Type.String({ enum: ['default', 'collaborator', 'committer', 'collaboratorcommitter'] });

export const CreateRepoOption = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100, description: 'Name of the repository to create' }),
    description: Type.Optional(Type.String({ maxLength: 2048 })),
    private: Type.Optional(Type.Boolean()),
    issue_labels: Type.Optional(Type.String({ description: 'Label-Set to use' })),
    auto_init: Type.Optional(Type.Boolean()),
    template: Type.Optional(Type.Boolean()),
    gitignores: Type.Optional(Type.String()),
    license: Type.Optional(Type.String()),
    readme: Type.Optional(Type.String()),
    default_branch: Type.Optional(Type.String({ maxLength: 100 })),
    trust_model: Type.Optional(TrustModel),
    object_format_name: Type.Optional(Type.String({ enum: ['sha1', 'sha256'] })),
  },
  { $id: 'CreateRepoOption', description: 'CreateRepoOption options when creating repository' },
);

export const EditRepoOption = Type.Object(
  {
    name: Type.Optional(Type.String({ maxLength: 100 })),
    description: Type.Optional(Type.String({ maxLength: 2048 })),
    website: Type.Optional(Type.String({ maxLength: 1024 })),
    private: Type.Optional(Type.Boolean()),
    template: Type.Optional(Type.Boolean()),
    has_issues: Type.Optional(Type.Boolean()),
    internal_tracker: Type.Optional(Type.Partial(InternalTracker)),
    external_tracker: Type.Optional(Type.Partial(ExternalTracker)),
    has_wiki: Type.Optional(Type.Boolean()),
    external_wiki: Type.Optional(Type.Partial(ExternalWiki)),
    default_branch: Type.Optional(Type.String()),
    has_pull_requests: Type.Optional(Type.Boolean()),
    has_projects: Type.Optional(Type.Boolean()),
    projects_mode: Type.Optional(Type.String({ enum: ['repo', 'owner', 'all'] })),
    has_releases: Type.Optional(Type.Boolean()),
    has_packages: Type.Optional(Type.Boolean()),
    has_actions: Type.Optional(Type.Boolean()),
    ignore_whitespace_conflicts: Type.Optional(Type.Boolean()),
    allow_merge_commits: Type.Optional(Type.Boolean()),
    allow_rebase: Type.Optional(Type.Boolean()),
    allow_rebase_explicit: Type.Optional(Type.Boolean()),
    allow_squash_merge: Type.Optional(Type.Boolean()),
    allow_fast_forward_only_merge: Type.Optional(Type.Boolean()),
    allow_manual_merge: Type.Optional(Type.Boolean()),
    autodetect_manual_merge: Type.Optional(Type.Boolean()),
    allow_rebase_update: Type.Optional(Type.Boolean()),
    default_delete_branch_after_merge: Type.Optional(Type.Boolean()),
    default_merge_style: Type.Optional(Type.String({ enum: ['merge', 'rebase', 'rebase-merge', 'squash', 'fast-forward-only'] })),
    default_allow_maintainer_edit: Type.Optional(Type.Boolean()),
    archived: Type.Optional(Type.Boolean()),
    mirror_interval: Type.Optional(Type.String()),
    enable_prune: Type.Optional(Type.Boolean()),
  },
  { $id: 'EditRepoOption', description: "EditRepoOption options when editing a repository's properties" },
);

export const RepoTransfer = Type.Object(
  { doer: Type.Ref('User'), recipient: Type.Ref('User'), teams: Type.Union([Type.Array(Type.Unknown()), Type.Null()]) },
  { $id: 'RepoTransfer', description: 'RepoTransfer represents a pending repo transfer' },
);

export const CreateForkOption = Type.Object(
  {
    organization: Type.Optional(Type.String({ description: 'organization name, if forking into an organization' })),
    name: Type.Optional(Type.String({ description: 'name of the forked repository' })),
  },
  { $id: 'CreateForkOption', description: 'CreateForkOption options for creating a fork' },
);

export const TransferRepoOption = Type.Object(
  { new_owner: Type.String(), team_ids: Type.Optional(Type.Union([Type.Array(Type.Integer()), Type.Null()])) },
  { $id: 'TransferRepoOption', description: "TransferRepoOption options when transfer a repository's ownership" },
);

export const GenerateRepoOption = Type.Object(
  {
    owner: Type.String({ description: 'username of the user or organization who will own the repository' }),
    name: Type.String({ minLength: 1, maxLength: 100 }),
    default_branch: Type.Optional(Type.String()),
    description: Type.Optional(Type.String({ maxLength: 2048 })),
    private: Type.Optional(Type.Boolean()),
    git_content: Type.Optional(Type.Boolean({ description: 'include git content of default branch in template repo' })),
    topics: Type.Optional(Type.Boolean({ description: 'include topics in template repo' })),
    git_hooks: Type.Optional(Type.Boolean()),
    webhooks: Type.Optional(Type.Boolean()),
    avatar: Type.Optional(Type.Boolean()),
    labels: Type.Optional(Type.Boolean()),
    protected_branch: Type.Optional(Type.Boolean()),
  },
  { $id: 'GenerateRepoOption', description: 'GenerateRepoOption options when creating repository using a template' },
);

export const Compare = Type.Object({ total_commits: Type.Integer(), commits: Type.Array(Type.Ref('Commit')) }, { $id: 'Compare' });

export const MigrateRepoOptions = Type.Object(
  {
    clone_addr: Type.String({ minLength: 1, description: 'http(s) or git URL to clone from; a server path for admins when IMPORT_LOCAL_PATHS allows' }),
    repo_name: Type.String({ minLength: 1, maxLength: 100 }),
    repo_owner: Type.Optional(Type.String({ description: 'Name of User or Organisation who will own Repo after migration' })),
    uid: Type.Optional(Type.Integer({ description: "Gogs: id of the user who will own the repository" })),
    auth_username: Type.Optional(Type.String()),
    auth_password: Type.Optional(Type.String()),
    auth_token: Type.Optional(Type.String()),
    mirror: Type.Optional(Type.Boolean()),
    mirror_interval: Type.Optional(Type.String({ description: 'Go duration such as 8h0m0s; 0 syncs only on request' })),
    private: Type.Optional(Type.Boolean()),
    description: Type.Optional(Type.String({ maxLength: 2048 })),
    service: Type.Optional(Type.String({ enum: ['git', 'github', 'gitea', 'gitlab', 'gogs', 'onedev', 'gitbucket', 'codebase'] })),
    wiki: Type.Optional(Type.Boolean()),
    milestones: Type.Optional(Type.Boolean()),
    labels: Type.Optional(Type.Boolean()),
    issues: Type.Optional(Type.Boolean()),
    pull_requests: Type.Optional(Type.Boolean()),
    releases: Type.Optional(Type.Boolean()),
    lfs: Type.Optional(Type.Boolean()),
    lfs_endpoint: Type.Optional(Type.String()),
  },
  { $id: 'MigrateRepoOptions', description: "MigrateRepoOptions options for migrating repository's" },
);

export const PushMirror = Type.Object(
  {
    repo_name: Type.String(),
    remote_name: Type.String(),
    remote_address: Type.String(),
    created: DateTime(),
    last_update: DateTime(),
    last_error: Type.String(),
    interval: Type.String(),
    sync_on_commit: Type.Boolean(),
  },
  { $id: 'PushMirror', description: 'PushMirror represents information of a push mirror' },
);

export const CreatePushMirrorOption = Type.Object(
  {
    remote_address: Type.String({ minLength: 1 }),
    remote_username: Type.Optional(Type.String()),
    remote_password: Type.Optional(Type.String()),
    interval: Type.Optional(Type.String()),
    sync_on_commit: Type.Optional(Type.Boolean()),
  },
  { $id: 'CreatePushMirrorOption', description: 'CreatePushMirrorOption represents need information to create a push mirror of a repository.' },
);
