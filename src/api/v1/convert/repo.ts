import type { PushMirror } from '../../../models/push-mirrors.js';
import type { Repository } from '../../../models/repositories.js';
import type { User } from '../../../models/users.js';
import type { RepoPermission } from '../../../services/permissions.js';
import { formatDuration } from '../../../config/index.js';
import { rfc3339 } from './time.js';
import { toApiUser, type ApiUser, type UserView } from './user.js';

export interface RepoView extends UserView {
  sshDomain: string;
  sshPort: number;
  disableSsh: boolean;
}

export function cloneUrls(view: RepoView, ownerName: string, repoName: string): { https: string; ssh: string } {
  const path = `${ownerName}/${repoName}.git`;
  const ssh = view.sshPort === 22 ? `git@${view.sshDomain}:${path}` : `ssh://git@${view.sshDomain}:${view.sshPort}/${path}`;
  return { https: `${view.rootUrl}${path}`, ssh: view.disableSsh ? '' : ssh };
}

/** Gitea's Repository JSON; `perm` is the caller's permission (anonymous callers get pull on public repositories). */
export function toApiRepository(
  repo: Repository,
  owner: User,
  perm: RepoPermission,
  view: RepoView,
  extra: { topics?: string[]; transfer?: { doer: User; recipient: User }; mirror?: { intervalSeconds: number; updatedUnix: number } } = {},
) {
  const o = repo.options;
  const fullName = `${owner.name}/${repo.name}`;
  const urls = cloneUrls(view, owner.name, repo.name);
  const apiUrl = `${view.rootUrl}api/v1/repos/${fullName}`;
  const apiOwner: ApiUser = toApiUser(owner, view);
  const externalTracker = repo.hasIssues && o.externalTrackerUrl !== '';
  return {
    id: repo.id,
    owner: apiOwner,
    name: repo.name,
    full_name: fullName,
    description: repo.description,
    empty: repo.isEmpty,
    private: repo.isPrivate,
    fork: repo.isFork,
    template: repo.isTemplate,
    mirror: repo.isMirror,
    size: Math.floor(repo.size / 1024),
    language: '',
    languages_url: `${apiUrl}/languages`,
    html_url: `${view.rootUrl}${fullName}`,
    url: apiUrl,
    link: '',
    ssh_url: urls.ssh,
    clone_url: urls.https,
    original_url: repo.originalUrl,
    website: repo.website,
    stars_count: repo.numStars,
    forks_count: repo.numForks,
    watchers_count: repo.numWatches,
    open_issues_count: repo.numOpenIssues,
    open_pr_counter: repo.numOpenPulls,
    release_counter: repo.numReleases,
    default_branch: repo.defaultBranch,
    archived: repo.isArchived,
    created_at: rfc3339(repo.createdUnix),
    updated_at: rfc3339(repo.updatedUnix),
    archived_at: rfc3339(repo.archivedUnix),
    permissions: { admin: perm.isAdmin, push: perm.units['repo.code'] >= 2, pull: perm.canRead },
    has_issues: repo.hasIssues,
    ...(repo.hasIssues && !externalTracker
      ? {
          internal_tracker: {
            enable_time_tracker: o.enableTimeTracker,
            allow_only_contributors_to_track_time: o.allowOnlyContributorsToTrackTime,
            enable_issue_dependencies: o.enableIssueDependencies,
          },
        }
      : {}),
    ...(externalTracker
      ? {
          external_tracker: {
            external_tracker_url: o.externalTrackerUrl,
            external_tracker_format: o.externalTrackerFormat,
            external_tracker_style: o.externalTrackerStyle,
            external_tracker_regexp_pattern: o.externalTrackerRegexpPattern,
          },
        }
      : {}),
    has_wiki: o.hasWiki,
    ...(o.hasWiki && o.externalWikiUrl ? { external_wiki: { external_wiki_url: o.externalWikiUrl } } : {}),
    has_pull_requests: o.hasPullRequests,
    has_projects: o.hasProjects,
    projects_mode: o.projectsMode,
    has_releases: o.hasReleases,
    has_packages: o.hasPackages,
    has_actions: o.hasActions,
    ignore_whitespace_conflicts: o.ignoreWhitespaceConflicts,
    allow_merge_commits: o.allowMergeCommits,
    allow_rebase: o.allowRebase,
    allow_rebase_explicit: o.allowRebaseExplicit,
    allow_squash_merge: o.allowSquashMerge,
    allow_fast_forward_only_merge: o.allowFastForwardOnlyMerge,
    allow_rebase_update: o.allowRebaseUpdate,
    allow_manual_merge: o.allowManualMerge,
    autodetect_manual_merge: o.autodetectManualMerge,
    default_delete_branch_after_merge: o.defaultDeleteBranchAfterMerge,
    default_merge_style: o.defaultMergeStyle,
    default_allow_maintainer_edit: o.defaultAllowMaintainerEdit,
    avatar_url: '',
    internal: false,
    mirror_interval: extra.mirror ? formatDuration(extra.mirror.intervalSeconds * 1000) : '',
    object_format_name: repo.objectFormatName,
    mirror_updated: rfc3339(extra.mirror?.updatedUnix ?? 0),
    ...(extra.transfer ? { repo_transfer: { doer: toApiUser(extra.transfer.doer, view), recipient: toApiUser(extra.transfer.recipient, view), teams: null } } : {}),
    topics: extra.topics ?? [],
    licenses: [],
  };
}

/** Gitea's PushMirror JSON. */
export function toApiPushMirror(repoName: string, m: PushMirror) {
  return {
    repo_name: repoName,
    remote_name: m.remoteName,
    remote_address: m.remoteAddress,
    created: rfc3339(m.createdUnix),
    last_update: rfc3339(m.lastUpdateUnix),
    last_error: m.lastError,
    interval: formatDuration(m.intervalSeconds * 1000),
    sync_on_commit: m.syncOnCommit,
  };
}
