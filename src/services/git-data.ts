import type { Readable } from 'node:stream';
import { readObject } from '../git/cat-file.js';
import { archiveStream, countCommits, diffStream, log, type ArchiveFormat, type LogEntry } from '../git/log.js';
import { resolveRefKind } from '../git/objects.js';
import { createTag, isSafeRev, isValidBranchName, listRefs, listTags, snapshotRefs, updateRefs, type TagRef } from '../git/refs.js';
import { parseFromFiles } from 'editorconfig';
import { entryAt, listTreeRecursive, listDirectory, type TreeEntry } from '../git/tree.js';
import { getUsersByEmails, type User } from '../models/users.js';
import type { ServiceContext } from './context.js';
import { conflict, forbidden, invalid, notFound } from './errors.js';
import { languageStats } from './languages.js';
import type { RepoContext, RepoService } from './repositories.js';

export type { ArchiveFormat, LogEntry, TagRef, TreeEntry };

export interface AnnotatedTag {
  sha: string;
  tag: string;
  message: string;
  objectSha: string;
  objectType: string;
  tagger: { name: string; email: string; when: number };
}

/** Read access to a repository's git data, plus tags (the only refs besides branches one writes here). */
export class GitDataService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly repos: RepoService,
  ) {}

  private path(rc: RepoContext): string {
    return this.repos.path(rc.owner.name, rc.repo.name);
  }

  async tags(rc: RepoContext): Promise<TagRef[]> {
    return rc.repo.isEmpty ? [] : listTags(this.path(rc));
  }

  async tag(rc: RepoContext, name: string): Promise<TagRef> {
    const tag = (await this.tags(rc)).find((t) => t.name === name);
    if (!tag) throw notFound(`tag does not exist [name: ${name}]`);
    return tag;
  }

  async createTag(rc: RepoContext, doer: User, name: string, target: string | undefined, message: string): Promise<TagRef> {
    if (!rc.perm.canWrite) throw forbidden('User permission denied for writing.');
    if (!isValidBranchName(name)) throw invalid(`[TagName]: invalid tag name: ${name}`);
    if (rc.repo.isEmpty) throw notFound('the repository is empty');
    const path = this.path(rc);
    const resolved = await resolveRefKind(path, target || rc.repo.defaultBranch);
    if (!resolved) throw notFound(`target does not exist [name: ${target}]`);
    if ((await snapshotRefs(path)).has(`refs/tags/${name}`)) throw conflict(`tag already exists [name: ${name}]`);
    await createTag(path, name, resolved.commitId, message, { name: doer.fullName || doer.name, email: doer.email });
    const created = await this.tag(rc, name);
    await this.repos.syncFromGit(rc.repo, rc.owner, doer, [{ ref: `refs/tags/${name}`, oldId: '0'.repeat(40), newId: created.objectId }]);
    return created;
  }

  async deleteTag(rc: RepoContext, doer: User, name: string): Promise<void> {
    if (!rc.perm.canWrite) throw forbidden('User permission denied for writing.');
    const tag = await this.tag(rc, name);
    await updateRefs(this.path(rc), [{ ref: `refs/tags/${name}`, oldId: tag.objectId, newId: '0'.repeat(tag.objectId.length) }]);
    await this.repos.syncFromGit(rc.repo, rc.owner, doer, [{ ref: `refs/tags/${name}`, oldId: tag.objectId, newId: '0'.repeat(40) }]);
  }

  /** A page of history from `sha` (a branch, tag or commit; default branch when absent). */
  async commits(
    rc: RepoContext,
    o: { sha?: string; path?: string; not?: string[]; offset: number; limit: number; withFiles: boolean },
  ): Promise<{ commits: LogEntry[]; total: number }> {
    if (rc.repo.isEmpty) throw conflict('Git Repository is empty.');
    const path = this.path(rc);
    const resolved = await resolveRefKind(path, o.sha || rc.repo.defaultBranch);
    if (!resolved) throw notFound(`object does not exist [id: ${o.sha}]`);
    const not: string[] = [];
    for (const n of o.not ?? []) {
      const r = await resolveRefKind(path, n);
      if (r) not.push(r.commitId);
    }
    const options = { rev: resolved.commitId, path: o.path, not };
    const [commits, total] = await Promise.all([log(path, { ...options, skip: o.offset, limit: o.limit, withFiles: o.withFiles }), countCommits(path, options)]);
    return { commits, total };
  }

  async commit(rc: RepoContext, sha: string): Promise<LogEntry> {
    if (!isSafeRev(sha)) throw invalid(`[Sha]: invalid commit id: ${sha}`);
    const resolved = rc.repo.isEmpty ? null : await resolveRefKind(this.path(rc), sha);
    if (!resolved) throw notFound(`object does not exist [id: ${sha}]`);
    const [commit] = await log(this.path(rc), { rev: resolved.commitId, skip: 0, limit: 1, withFiles: true });
    return commit!;
  }

  async diff(rc: RepoContext, sha: string, kind: 'diff' | 'patch'): Promise<Readable> {
    const commit = await this.commit(rc, sha);
    return diffStream(this.path(rc), commit.id, kind);
  }

  /** Users behind commit e-mails, in one query. */
  usersByEmail(emails: string[]): Promise<Map<string, User>> {
    return getUsersByEmails(this.ctx.q, emails);
  }

  /** A tree's entries (recursive on request), for git/trees/{sha}: `sha` may be a tree, commit, branch or tag. */
  async tree(rc: RepoContext, sha: string, recursive: boolean): Promise<{ sha: string; entries: TreeEntry[] }> {
    const path = this.path(rc);
    const object = rc.repo.isEmpty ? null : await readTreeish(path, sha);
    if (!object) throw notFound(`object does not exist [id: ${sha}]`);
    const entries = recursive ? await listTreeRecursive(path, object) : await listDirectory(path, object, '');
    return { sha: object, entries };
  }

  async blob(rc: RepoContext, sha: string): Promise<{ sha: string; size: number; content: Buffer }> {
    if (!/^[0-9a-f]{4,64}$/i.test(sha)) throw invalid(`[Sha]: invalid object id: ${sha}`);
    const object = rc.repo.isEmpty ? null : await readObject(this.path(rc), sha);
    if (!object || object.type !== 'blob') throw notFound(`object does not exist [id: ${sha}]`);
    return { sha: object.oid, size: object.size, content: object.content };
  }

  /** Refs under `prefix` (e.g. "heads/main", "tags"), with their object types; one git call. */
  async refs(rc: RepoContext, prefix: string): Promise<{ ref: string; sha: string; type: string }[]> {
    const clean = prefix.replace(/^\/+|\/+$/g, '').replace(/^refs\//, '');
    if (clean && !isSafeRev(clean)) throw invalid(`[Ref]: invalid reference: ${prefix}`);
    return listRefs(this.path(rc), clean ? `refs/${clean}` : 'refs/');
  }

  async annotatedTag(rc: RepoContext, sha: string): Promise<AnnotatedTag> {
    if (!/^[0-9a-f]{4,64}$/i.test(sha)) throw invalid(`[Sha]: invalid object id: ${sha}`);
    const object = rc.repo.isEmpty ? null : await readObject(this.path(rc), sha);
    if (!object || object.type !== 'tag') throw notFound(`annotated tag does not exist [id: ${sha}]`);
    return parseTag(object.oid, object.content);
  }

  /** An archive stream of a ref or commit, named for Content-Disposition. */
  async archive(rc: RepoContext, ref: string, format: ArchiveFormat): Promise<{ stream: Readable; filename: string }> {
    const path = this.path(rc);
    const resolved = rc.repo.isEmpty ? null : await resolveRefKind(path, ref);
    if (!resolved) throw notFound(`object does not exist [id: ${ref}]`);
    // A bundle needs a ref to carry; archives take the commit.
    const target = format === 'bundle' ? (resolved.kind === 'branch' ? `refs/heads/${ref}` : resolved.kind === 'tag' ? `refs/tags/${ref}` : resolved.commitId) : resolved.commitId;
    const safeRef = ref.replace(/[^\w.-]+/g, '-');
    return { stream: archiveStream(path, target, format, rc.repo.name), filename: `${rc.repo.name}-${safeRef}.${format}` };
  }

  /** Bytes per language on the default branch (empty for an empty repository). */
  async languages(rc: RepoContext): Promise<Record<string, number>> {
    if (rc.repo.isEmpty) return {};
    const head = await resolveRefKind(this.path(rc), rc.repo.defaultBranch);
    return head ? languageStats(this.path(rc), head.commitId) : {};
  }

  /** The .editorconfig properties (from the root .editorconfig) that apply to a file at a ref. */
  async editorconfig(rc: RepoContext, ref: string | undefined, filePath: string): Promise<Record<string, string | number | boolean>> {
    const path = this.path(rc);
    const resolved = rc.repo.isEmpty ? null : await resolveRefKind(path, ref || rc.repo.defaultBranch);
    if (!resolved) throw notFound(`object does not exist [id: ${ref}]`);
    const entry = await entryAt(path, resolved.commitId, '.editorconfig');
    const object = entry?.type === 'blob' ? await readObject(path, entry.oid) : null;
    if (!object) throw notFound('.editorconfig not found');
    const props = await parseFromFiles(`/repo/${filePath.replace(/^\/+/, '')}`, Promise.resolve([{ name: '/repo/.editorconfig', contents: object.content }]));
    if (Object.keys(props).length === 0) throw notFound(`no .editorconfig section matches ${filePath}`);
    return props as Record<string, string | number | boolean>;
  }

  /** Commits in `head` and not in `base`, for compare/{base}...{head}. */
  async compare(rc: RepoContext, base: string, head: string, limit: number): Promise<{ commits: LogEntry[]; total: number }> {
    if (rc.repo.isEmpty) throw notFound('the repository is empty');
    const path = this.path(rc);
    const [from, to] = await Promise.all([resolveRefKind(path, base), resolveRefKind(path, head)]);
    if (!from) throw notFound(`object does not exist [id: ${base}]`);
    if (!to) throw notFound(`object does not exist [id: ${head}]`);
    const options = { rev: to.commitId, not: [from.commitId] };
    const [commits, total] = await Promise.all([log(path, { ...options, skip: 0, limit, withFiles: true }), countCommits(path, options)]);
    return { commits, total };
  }
}

async function readTreeish(repoPath: string, sha: string): Promise<string | null> {
  if (!isSafeRev(sha)) return null;
  const object = await readObject(repoPath, `${sha}^{tree}`);
  return object?.type === 'tree' ? object.oid : null;
}

function parseTag(sha: string, content: Buffer): AnnotatedTag {
  const text = content.toString('utf8');
  const split = text.indexOf('\n\n');
  const tag: AnnotatedTag = { sha, tag: '', message: split < 0 ? '' : text.slice(split + 2), objectSha: '', objectType: '', tagger: { name: '', email: '', when: 0 } };
  for (const line of (split < 0 ? text : text.slice(0, split)).split('\n')) {
    const [key, ...rest] = line.split(' ');
    const value = rest.join(' ');
    if (key === 'object') tag.objectSha = value;
    else if (key === 'type') tag.objectType = value;
    else if (key === 'tag') tag.tag = value;
    else if (key === 'tagger') {
      const m = /^(.*) <([^>]*)> (\d+)/.exec(value);
      if (m) tag.tagger = { name: m[1]!, email: m[2]!, when: Number(m[3]) };
    }
  }
  return tag;
}
