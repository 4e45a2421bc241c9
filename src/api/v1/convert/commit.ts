import type { LogEntry, TagRef } from '../../../services/git-data.js';
import type { User } from '../../../models/users.js';
import type { RepoUrls } from './contents.js';
import { UNSIGNED } from './contents.js';
import { rfc3339 } from './time.js';
import { toApiUser, type UserView } from './user.js';

/** Gitea's Commit JSON; `users` maps lower-cased e-mails to accounts, `detail` adds files and stats. */
export function toApiCommit(commit: LogEntry, urls: RepoUrls, users: Map<string, User>, view: UserView, detail: { files: boolean; stat: boolean }) {
  const person = (s: LogEntry['author']) => ({ name: s.name, email: s.email, date: rfc3339(s.when) });
  const account = (email: string) => {
    const user = users.get(email.toLowerCase());
    return user ? toApiUser(user, view) : null;
  };
  const files = commit.files ?? [];
  const additions = files.reduce((n, f) => n + f.additions, 0);
  const deletions = files.reduce((n, f) => n + f.deletions, 0);
  return {
    url: `${urls.api}/git/commits/${commit.id}`,
    sha: commit.id,
    created: rfc3339(commit.committer.when),
    html_url: `${urls.html}/commit/${commit.id}`,
    commit: {
      url: `${urls.api}/git/commits/${commit.id}`,
      author: person(commit.author),
      committer: person(commit.committer),
      message: commit.message,
      tree: { url: `${urls.api}/git/trees/${commit.tree}`, sha: commit.tree, created: rfc3339(commit.committer.when) },
      verification: UNSIGNED,
    },
    author: account(commit.author.email),
    committer: account(commit.committer.email),
    parents: commit.parents.map((sha) => ({ url: `${urls.api}/git/commits/${sha}`, sha, created: '' })),
    ...(detail.files ? { files: files.map((f) => ({ filename: f.path, status: f.status })) } : {}),
    ...(detail.stat ? { stats: { total: additions + deletions, additions, deletions } } : {}),
  };
}

export function toApiTag(tag: TagRef, urls: RepoUrls) {
  return {
    name: tag.name,
    message: tag.message,
    id: tag.objectId,
    commit: { url: `${urls.api}/git/commits/${tag.commitId}`, sha: tag.commitId, created: '' },
    zipball_url: `${urls.html}/archive/${encodeURIComponent(tag.name)}.zip`,
    tarball_url: `${urls.html}/archive/${encodeURIComponent(tag.name)}.tar.gz`,
  };
}
