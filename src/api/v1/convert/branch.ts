import type { Branch } from '../../../models/branches.js';
import type { User } from '../../../models/users.js';
import type { RepoPermission } from '../../../services/permissions.js';
import { UNSIGNED } from './contents.js';
import { rfc3339 } from './time.js';


function payloadUser(name: string, email: string, users: Map<string, User>) {
  return { name, email, username: users.get(email.toLowerCase())?.name ?? '' };
}

/** Gitea's Branch JSON; `users` maps lower-cased e-mails to accounts, `repoHtmlUrl` has no trailing slash. */
export function toApiBranch(branch: Branch, repoHtmlUrl: string, users: Map<string, User>, perm: RepoPermission) {
  return {
    name: branch.name,
    commit: {
      id: branch.commitId,
      message: branch.commitMessage,
      url: `${repoHtmlUrl}/commit/${branch.commitId}`,
      author: payloadUser(branch.authorName, branch.authorEmail, users),
      committer: payloadUser(branch.committerName, branch.committerEmail, users),
      verification: UNSIGNED,
      timestamp: rfc3339(branch.commitUnix),
      added: [],
      removed: [],
      modified: [],
    },
    protected: false,
    required_approvals: 0,
    enable_status_check: false,
    status_check_contexts: [],
    user_can_push: perm.canWrite,
    user_can_merge: perm.canWrite,
    effective_branch_protection_name: '',
  };
}
