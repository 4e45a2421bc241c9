import type { CommitObject, ContentEntry, ResolvedRef } from '../../../services/contents.js';
import { contentType } from '../../../services/contents.js';
import { rfc3339 } from './time.js';

/** The repository's API and web addresses, without trailing slashes. */
export interface RepoUrls {
  api: string;
  html: string;
}

const encodePath = (path: string) => path.split('/').map(encodeURIComponent).join('/');

/** Gitea's ContentsResponse; `withContent` puts file bytes (base64) and symlink targets in. */
export function toApiContents(entry: ContentEntry, ref: ResolvedRef, urls: RepoUrls, withContent: boolean) {
  const type = contentType(entry);
  const path = encodePath(entry.path);
  const refPath = encodePath(ref.name);
  const self = `${urls.api}/contents/${path}?ref=${encodeURIComponent(ref.name)}`;
  const git = `${urls.api}/git/${type === 'dir' ? 'trees' : 'blobs'}/${entry.oid}`;
  const html = `${urls.html}/src/${ref.kind}/${refPath}/${path}`;
  const hasBytes = withContent && entry.content !== undefined;
  return {
    name: entry.name,
    path: entry.path,
    sha: entry.oid,
    last_commit_sha: entry.lastCommitId,
    type,
    size: entry.size,
    encoding: type === 'file' && hasBytes ? 'base64' : null,
    content: type === 'file' && hasBytes ? entry.content!.toString('base64') : null,
    target: type === 'symlink' && hasBytes ? entry.content!.toString('utf8') : null,
    url: self,
    html_url: html,
    git_url: git,
    download_url: type === 'file' ? `${urls.html}/raw/${ref.kind}/${refPath}/${path}` : null,
    submodule_git_url: type === 'submodule' ? (entry.submoduleUrl ?? null) : null,
    _links: { self, git, html },
  };
}

/** Gitea's FileCommitResponse. */
export function toFileCommit(commit: CommitObject, urls: RepoUrls) {
  const user = (s: CommitObject['author']) => ({ name: s.name, email: s.email, date: rfc3339(s.when) });
  return {
    url: `${urls.api}/git/commits/${commit.id}`,
    sha: commit.id,
    created: rfc3339(commit.committer.when),
    html_url: `${urls.html}/commit/${commit.id}`,
    author: user(commit.author),
    committer: user(commit.committer),
    parents: commit.parents.map((sha) => ({ url: `${urls.api}/git/commits/${sha}`, sha, created: '' })),
    message: commit.message,
    tree: { url: `${urls.api}/git/trees/${commit.tree}`, sha: commit.tree, created: '' },
  };
}

export const UNSIGNED = { verified: false, reason: 'gpg.error.not_signed_commit', signature: '', signer: null, payload: '' };
