import type { Readable } from 'node:stream';
import { readObject } from '../git/cat-file.js';
import { commitChanges, RefUpdateError, type FileChange } from '../git/commit.js';
import { readCommit, resolveRefKind, type CommitObject, type RefKind } from '../git/objects.js';
import { isValidBranchName } from '../git/refs.js';
import { entryAt, lastCommitOf, lastCommitsOf, listDirectory, streamBlob, type TreeEntry } from '../git/tree.js';
import type { User } from '../models/users.js';
import { conflict, forbidden, invalid, notFound } from './errors.js';
import type { RepoContext, RepoService } from './repositories.js';

export type { CommitObject, RefKind, TreeEntry };

/** A ref the caller named (or the default branch), resolved to a commit. */
export interface ResolvedRef {
  name: string;
  kind: RefKind;
  commitId: string;
}

export interface ContentEntry extends TreeEntry {
  name: string;
  lastCommitId: string;
  /** For submodules: the URL .gitmodules gives for this path. */
  submoduleUrl?: string;
  /** File bytes (files and symlinks only, when asked for). */
  content?: Buffer;
}

export interface Identity {
  name: string;
  email: string;
}

export interface FileOperation {
  operation: 'create' | 'update' | 'delete';
  path: string;
  /** Base64, for create and update. */
  content?: string;
  /** The blob the caller last saw, required to update or delete. */
  sha?: string;
  /** Rename: the old path of an update. */
  fromPath?: string;
}

export interface ChangeFilesInput {
  files: FileOperation[];
  branch?: string;
  newBranch?: string;
  message?: string;
  author?: Partial<Identity>;
  committer?: Partial<Identity>;
  authorDate?: number;
  committerDate?: number;
  signoff?: boolean;
}

/**
 * Cleans a repository-relative path; `..`, `.`, empty segments, NUL and `.git` components are
 * refused so nothing can point outside the tree or at git's own files.
 */
export function cleanTreePath(path: string): string {
  const trimmed = path.replace(/^\/+|\/+$/g, '');
  if (trimmed === '') return '';
  const parts = trimmed.split('/');
  if (parts.some((p) => p === '' || p === '.' || p === '..' || p.includes('\0') || p.toLowerCase() === '.git')) {
    throw invalid(`path contains a malformed path component [path: ${path}]`);
  }
  return trimmed;
}

const MODE_TYPES: Record<string, string> = { '120000': 'symlink', '160000': 'submodule', '040000': 'dir' };

export function contentType(entry: TreeEntry): 'file' | 'dir' | 'symlink' | 'submodule' {
  return (MODE_TYPES[entry.mode] ?? 'file') as 'file' | 'dir' | 'symlink' | 'submodule';
}

export class ContentService {
  constructor(private readonly repos: RepoService) {}

  private path(rc: RepoContext): string {
    return this.repos.path(rc.owner.name, rc.repo.name);
  }

  async resolve(rc: RepoContext, ref?: string): Promise<ResolvedRef> {
    const name = ref || rc.repo.defaultBranch;
    const resolved = rc.repo.isEmpty ? null : await resolveRefKind(this.path(rc), name);
    if (!resolved) throw notFound(`object does not exist [id: ${name}, rel_path: ]`);
    return { name, ...resolved };
  }

  /** The file, symlink or submodule at `path`, or the entries of a directory, with last commits. */
  async get(rc: RepoContext, ref: ResolvedRef, rawPath: string): Promise<{ entry: ContentEntry; children: ContentEntry[] | null }> {
    const path = cleanTreePath(rawPath);
    const repoPath = this.path(rc);
    const entry = await entryAt(repoPath, ref.commitId, path);
    if (!entry) throw notFound(`object does not exist [id: ${ref.name}, rel_path: ${path}]`);
    const base: ContentEntry = { ...entry, name: path.split('/').pop() ?? '', lastCommitId: (await lastCommitOf(repoPath, ref.commitId, path)) ?? ref.commitId };
    if (entry.type === 'commit') return { entry: { ...base, submoduleUrl: (await this.submoduleUrls(repoPath, ref.commitId)).get(path) }, children: null };
    if (entry.type !== 'tree') {
      const object = entry.type === 'blob' ? await readObject(repoPath, entry.oid) : null;
      return { entry: { ...base, content: object?.content }, children: null };
    }
    const children = await listDirectory(repoPath, ref.commitId, path);
    const last = await lastCommitsOf(repoPath, ref.commitId, path, children.map((c) => c.path));
    const submodules = children.some((c) => c.type === 'commit') ? await this.submoduleUrls(repoPath, ref.commitId) : new Map<string, string>();
    return {
      entry: base,
      children: children.map((c) => ({ ...c, name: c.path.split('/').pop()!, lastCommitId: last.get(c.path) ?? ref.commitId, submoduleUrl: submodules.get(c.path) })),
    };
  }

  /** path → url from the commit's .gitmodules (empty when there is none). */
  private async submoduleUrls(repoPath: string, commitId: string): Promise<Map<string, string>> {
    const object = await readObject(repoPath, `${commitId}:.gitmodules`);
    const urls = new Map<string, string>();
    if (object?.type !== 'blob') return urls;
    let path = '';
    for (const line of object.content.toString('utf8').split('\n')) {
      const section = /^\s*\[submodule\s/.exec(line);
      if (section) path = '';
      const kv = /^\s*(path|url)\s*=\s*(.*?)\s*$/.exec(line);
      if (kv?.[1] === 'path') path = kv[2]!;
      if (kv?.[1] === 'url' && path) urls.set(path, kv[2]!);
      if (kv?.[1] === 'url' && !path) urls.set('\0pending', kv[2]!);
      if (kv?.[1] === 'path' && urls.has('\0pending')) {
        urls.set(path, urls.get('\0pending')!);
        urls.delete('\0pending');
      }
    }
    return urls;
  }

  /** A file's bytes as a stream, with its size; directories are 404 as in Gitea. */
  async raw(rc: RepoContext, ref: ResolvedRef, rawPath: string): Promise<{ stream: Readable; size: number; name: string }> {
    const path = cleanTreePath(rawPath);
    if (!path) throw notFound('object does not exist [id: , rel_path: ]');
    const repoPath = this.path(rc);
    const entry = await entryAt(repoPath, ref.commitId, path);
    if (!entry || entry.type !== 'blob') throw notFound(`object does not exist [id: ${ref.name}, rel_path: ${path}]`);
    return { stream: streamBlob(repoPath, entry.oid), size: entry.size, name: path.split('/').pop()! };
  }

  /**
   * Gogs's /raw/{ref}/{filepath} and Gitea's ref-less /raw/{filepath}: the longest leading
   * segments that name a branch or tag (or a commit id) are the ref, the rest is the path;
   * without one, the default branch.
   */
  async splitRefAndPath(rc: RepoContext, refAndPath: string): Promise<{ ref: ResolvedRef; path: string }> {
    const segments = refAndPath.replace(/^\/+/, '').split('/');
    for (let i = segments.length - 1; i >= 1; i--) {
      const candidate = segments.slice(0, i).join('/');
      const resolved = rc.repo.isEmpty ? null : await resolveRefKind(this.path(rc), candidate);
      if (resolved) return { ref: { name: candidate, ...resolved }, path: segments.slice(i).join('/') };
    }
    return { ref: await this.resolve(rc), path: refAndPath };
  }

  readCommit(rc: RepoContext, commitId: string): Promise<CommitObject | null> {
    return readCommit(this.path(rc), commitId);
  }

  /** Applies file operations as one commit on a branch (optionally a new one); returns the commit. */
  async change(rc: RepoContext, doer: User, input: ChangeFilesInput): Promise<{ commit: CommitObject; branch: string }> {
    if (rc.repo.isArchived) throw forbidden('repository is archived');
    if (!rc.perm.canWrite) throw forbidden('User permission denied for writing.');
    if (input.files.length === 0) throw invalid('[Files]: at least one file operation is required');
    const repoPath = this.path(rc);
    const branch = input.branch || rc.repo.defaultBranch;
    const target = input.newBranch || branch;
    if (!isValidBranchName(target)) throw invalid(`[NewBranchName]: invalid branch name: ${target}`);

    let parentId: string | null = null;
    if (!rc.repo.isEmpty) {
      const resolved = await resolveRefKind(repoPath, branch);
      if (!resolved || resolved.kind !== 'branch') throw notFound(`branch does not exist [name: ${branch}]`);
      parentId = resolved.commitId;
      if (input.newBranch && (await resolveRefKind(repoPath, input.newBranch))?.kind === 'branch') {
        throw invalid(`branch already exists [name: ${input.newBranch}]`);
      }
    } else if (input.newBranch && input.branch) {
      throw notFound(`branch does not exist [name: ${branch}]`);
    }

    const changes: FileChange[] = [];
    for (const op of input.files) changes.push(...(await this.plan(repoPath, parentId, op)));

    const author = { name: input.author?.name || input.committer?.name || doer.fullName || doer.name, email: input.author?.email || input.committer?.email || doer.email };
    const committer = { name: input.committer?.name || author.name, email: input.committer?.email || author.email };
    let message = input.message || defaultMessage(input.files);
    if (input.signoff) message = `${message.replace(/\n*$/, '')}\n\nSigned-off-by: ${committer.name} <${committer.email}>`;
    let commitId: string;
    try {
      commitId = await commitChanges(repoPath, {
        branch: target,
        parentId: input.newBranch ? null : parentId,
        baseId: parentId,
        changes,
        message: message.endsWith('\n') ? message : `${message}\n`,
        author: { ...author, when: input.authorDate },
        committer: { ...committer, when: input.committerDate },
      });
    } catch (err) {
      if (err instanceof RefUpdateError) throw conflict('the branch moved while the commit was being made; try again');
      throw err;
    }
    await this.repos.syncFromGit(rc.repo, rc.owner, doer, [{ ref: `refs/heads/${target}`, oldId: input.newBranch ? '0'.repeat(40) : (parentId ?? '0'.repeat(40)), newId: commitId }]);
    return { commit: (await readCommit(repoPath, commitId))!, branch: target };
  }

  private async plan(repoPath: string, parentId: string | null, op: FileOperation): Promise<FileChange[]> {
    const path = cleanTreePath(op.path);
    if (!path) throw invalid('[Path]: the file path is empty');
    const existing = parentId ? await entryAt(repoPath, parentId, path) : null;
    const content = () => {
      if (op.content === undefined) throw invalid(`[Content]: content is required [path: ${path}]`);
      if (!/^[A-Za-z0-9+/\r\n]*={0,2}\s*$/.test(op.content)) throw invalid(`[Content]: content is not valid base64 [path: ${path}]`);
      return Buffer.from(op.content, 'base64');
    };
    switch (op.operation) {
      case 'create':
        if (existing) throw invalid(`repository file already exists [path: ${path}]`);
        return [{ path, content: content() }];
      case 'update': {
        const from = op.fromPath ? cleanTreePath(op.fromPath) : path;
        const old = from === path ? existing : parentId ? await entryAt(repoPath, parentId, from) : null;
        if (!old) throw notFound(`repository file does not exist [path: ${from}]`);
        if (old.type !== 'blob') throw invalid(`[Path]: not a file [path: ${from}]`);
        if (!op.sha) throw invalid('[SHA]: the sha of the file being replaced is required');
        if (op.sha !== old.oid) throw invalid(`sha does not match [given: ${op.sha}, expected: ${old.oid}]`);
        if (from !== path && existing) throw invalid(`repository file already exists [path: ${path}]`);
        return from === path ? [{ path, content: content(), mode: old.mode }] : [{ path: from, content: null }, { path, content: content(), mode: old.mode }];
      }
      case 'delete':
        if (!existing || existing.type !== 'blob') throw notFound(`repository file does not exist [path: ${path}]`);
        if (!op.sha) throw invalid('[SHA]: the sha of the file being deleted is required');
        if (op.sha !== existing.oid) throw invalid(`sha does not match [given: ${op.sha}, expected: ${existing.oid}]`);
        return [{ path, content: null }];
    }
  }
}

function defaultMessage(files: FileOperation[]): string {
  const verb = { create: 'Add', update: 'Update', delete: 'Delete' };
  if (files.length === 1) return `${verb[files[0]!.operation]} ${files[0]!.path}`;
  return `Change ${files.length} files`;
}
