import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { closeReaders } from '../git/cat-file.js';
import { commitChanges, type FileChange } from '../git/commit.js';
import { headBranch as runGitHead, isValidBranchName, listBranches, snapshotRefs } from '../git/refs.js';
import { fsck, initBare, moveRepo, removeRepo, repoSize, setHead } from '../git/repo.js';
import { replaceBranchRows } from '../models/branches.js';
import { isUniqueViolation } from '../models/errors.js';
import * as repos from '../models/repositories.js';
import type { RepoFields, RepoOptions, RepoSearch, Repository } from '../models/repositories.js';
import { getTransfer } from '../models/transfers.js';
import * as users from '../models/users.js';
import type { User } from '../models/users.js';
import type { ActivityService } from './activity.js';
import type { ObjectStorage } from './storage.js';
import { attachmentUuidsOfRepo } from '../models/attachments.js';
import type { ServiceContext } from './context.js';
import { conflict, forbidden, invalid, notFound } from './errors.js';
import type { Events, RefChange } from './events.js';
import { repoPermission, repoPermissions, type Actor, type RepoPermission } from './permissions.js';
import { assertValidRepoName } from './repo-names.js';
import { gitignoreContent, labelTemplate, licenseContent, readmeContent } from './templates.js';
import { insertLabel } from '../models/labels.js';
import { teamMemberIdsForRepo } from '../models/orgs.js';
import { watchAll } from '../models/stars.js';

export type { Repository, RepoOptions };

/** A repository with its owner and what the caller may do in it. */
export interface RepoContext {
  repo: Repository;
  owner: User;
  perm: RepoPermission;
}

export interface CreateRepoInput {
  name: string;
  description?: string;
  private?: boolean;
  autoInit?: boolean;
  gitignores?: string;
  license?: string;
  readme?: string;
  /** A label set (GET /label/templates) to start the repository's labels with. */
  issueLabels?: string;
  defaultBranch?: string;
  template?: boolean;
  trustModel?: string;
  objectFormatName?: 'sha1' | 'sha256';
}

export interface EditRepoInput {
  name?: string;
  description?: string;
  website?: string;
  private?: boolean;
  template?: boolean;
  hasIssues?: boolean;
  defaultBranch?: string;
  archived?: boolean;
  options?: Partial<RepoOptions>;
}

export class RepoService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly events: Events,
    private readonly activity: ActivityService,
    private readonly attachmentStorage: ObjectStorage,
  ) {}

  /** Where a repository lives on disk: ROOT/<owner>/<name>.git, lower-cased as in Gitea. */
  path(ownerName: string, repoName: string): string {
    return join(this.ctx.config.repository.root, ownerName.toLowerCase(), `${repoName.toLowerCase()}.git`);
  }

  /** Creates a repository; `authorized` says the caller already checked the doer may create for this owner (organizations). */
  async create(owner: User, doer: User, input: CreateRepoInput, authorized = false): Promise<Repository> {
    assertValidRepoName(input.name);
    if (!authorized && doer.id !== owner.id && !doer.isAdmin) throw forbidden('you may only create repositories for yourself');
    const defaultBranch = input.defaultBranch || 'main';
    if (!isValidBranchName(defaultBranch)) throw invalid(`[DefaultBranch]: invalid branch name: ${defaultBranch}`);
    if (owner.maxRepoCreation >= 0 && !doer.isAdmin && (await repos.countOwnedRepositories(this.ctx.q, owner.id)) >= owner.maxRepoCreation) {
      throw forbidden(`user has reached the maximum number of repositories: ${owner.maxRepoCreation}`);
    }
    // Render templates before anything is written, so a bad template name leaves nothing behind.
    const initial = input.autoInit ? this.initialFiles(owner, input) : [];
    const labels = input.issueLabels ? labelTemplate(input.issueLabels) : [];
    if (!labels) throw invalid(`unknown label set: ${input.issueLabels}`);

    let repo: Repository;
    try {
      repo = await repos.insertRepository(this.ctx.q, {
        ownerId: owner.id,
        name: input.name,
        description: input.description ?? '',
        isPrivate: input.private ?? false,
        isTemplate: input.template ?? false,
        defaultBranch,
        trustModel: input.trustModel ?? 'default',
        objectFormatName: input.objectFormatName ?? 'sha1',
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw conflict('The repository with the same name already exists.');
      throw err;
    }
    await this.watchNew(repo, doer);
    for (const l of labels) {
      await insertLabel(this.ctx.q, { repoId: repo.id }, { name: l.name, color: l.color, description: l.description, exclusive: l.exclusive ?? false, archived: false });
    }
    const path = this.path(owner.name, repo.name);
    try {
      await initBare(path, { defaultBranch, objectFormat: repo.objectFormatName });
      if (initial.length) {
        const signature = { name: doer.fullName || doer.name, email: doer.email };
        await commitChanges(path, { branch: defaultBranch, parentId: null, changes: initial, message: 'Initial commit\n', author: signature, committer: signature });
        await this.syncFromGit(repo, owner, doer);
      }
    } catch (err) {
      await repos.deleteRepository(this.ctx.q, repo.id);
      await removeRepo(path);
      throw err;
    }
    const created = (await repos.getRepositoryById(this.ctx.q, repo.id))!;
    await this.activity.record('create_repo', doer, created);
    this.events.emit('repository.created', { repo: created, doer });
    return created;
  }

  private initialFiles(owner: User, input: CreateRepoInput): FileChange[] {
    const files: FileChange[] = [];
    const root = this.ctx.config.server.rootUrl;
    const cloneHttps = `${root}${owner.name}/${input.name}.git`;
    const cloneSsh = `git@${this.ctx.config.server.sshDomain}:${owner.name}/${input.name}.git`;
    files.push({
      path: 'README.md',
      content: Buffer.from(readmeContent(input.readme || 'Default', { Name: input.name, Description: input.description ?? '', 'CloneURL.SSH': cloneSsh, 'CloneURL.HTTPS': cloneHttps })),
    });
    if (input.gitignores) files.push({ path: '.gitignore', content: Buffer.from(gitignoreContent(input.gitignores)) });
    if (input.license) files.push({ path: 'LICENSE', content: Buffer.from(licenseContent(input.license, owner.fullName || owner.name)) });
    return files;
  }

  /** Finds a repository the actor may see; everything else is the same 404. */
  async get(ownerName: string, repoName: string, actor: Actor | null): Promise<RepoContext> {
    const owner = await users.getUserByName(this.ctx.q, ownerName);
    const repo = owner && (await repos.getRepositoryByName(this.ctx.q, owner.id, repoName));
    if (!owner || !repo) throw notFound('repository does not exist');
    return this.withPermission(repo, owner, actor);
  }

  /**
   * A repository for the recipient of a pending transfer, who may not see it yet (a private
   * repository of someone else); for everyone else, as get().
   */
  async getForTransfer(ownerName: string, repoName: string, user: User): Promise<RepoContext> {
    const owner = await users.getUserByName(this.ctx.q, ownerName);
    const repo = owner && (await repos.getRepositoryByName(this.ctx.q, owner.id, repoName));
    if (!owner || !repo) throw notFound('repository does not exist');
    const perm = await repoPermission(this.ctx.q, repo, owner, { user });
    if (perm.canSee) return { repo, owner, perm };
    if ((await getTransfer(this.ctx.q, repo.id))?.recipientId !== user.id) throw notFound('repository does not exist');
    return { repo, owner, perm };
  }

  async getById(id: number, actor: Actor | null): Promise<RepoContext> {
    const repo = await repos.getRepositoryById(this.ctx.q, id);
    const owner = repo && (await users.getUserById(this.ctx.q, repo.ownerId));
    if (!repo || !owner) throw notFound('repository does not exist');
    return this.withPermission(repo, owner, actor);
  }

  private async withPermission(repo: Repository, owner: User, actor: Actor | null): Promise<RepoContext> {
    const perm = await repoPermission(this.ctx.q, repo, owner, actor);
    if (!perm.canSee) throw notFound('repository does not exist');
    return { repo, owner, perm };
  }

  /** Owners of a page of repositories, fetched in one query. */
  async ownersOf(list: Repository[]): Promise<Map<number, User>> {
    const owners = await users.getUsersByIds(this.ctx.q, [...new Set(list.map((r) => r.ownerId))]);
    return new Map(owners.map((u) => [u.id, u]));
  }

  /** The actor's permissions over a page of repositories, in one query. */
  permissionsOf(list: Repository[], owners: Map<number, User>, actor: Actor | null): Promise<Map<number, RepoPermission>> {
    return repoPermissions(this.ctx.q, list, owners, actor);
  }

  async edit(rc: RepoContext, input: EditRepoInput, doer: User): Promise<Repository> {
    if (!rc.perm.isAdmin) throw forbidden('only repository admins may change settings');
    const { repo, owner } = rc;
    const fields: RepoFields = {
      description: input.description,
      website: input.website,
      isPrivate: input.private,
      isTemplate: input.template,
      hasIssues: input.hasIssues,
    };
    if (input.website) assertHttpUrl(input.website, 'Website');
    if (input.options) {
      if (input.options.externalTrackerUrl) assertHttpUrl(input.options.externalTrackerUrl, 'ExternalTrackerURL');
      if (input.options.externalWikiUrl) assertHttpUrl(input.options.externalWikiUrl, 'ExternalWikiURL');
      fields.options = { ...repo.options, ...input.options };
    }
    if (input.archived !== undefined && input.archived !== repo.isArchived) {
      fields.isArchived = input.archived;
      fields.archivedUnix = input.archived ? Math.floor(Date.now() / 1000) : 0;
    }
    // Everything is checked before anything is written, so a refused edit changes nothing.
    const path = this.path(owner.name, repo.name);
    const newBranch = input.defaultBranch !== undefined && input.defaultBranch !== repo.defaultBranch ? input.defaultBranch : null;
    if (newBranch !== null) await this.assertBranchMayBeDefault(rc, newBranch);
    const moving = input.name !== undefined && input.name !== repo.name && input.name.toLowerCase() !== repo.lowerName;
    if (input.name !== undefined && input.name !== repo.name) {
      assertValidRepoName(input.name);
      if (moving && (await repos.getRepositoryByName(this.ctx.q, owner.id, input.name))) throw conflict('The repository with the same name already exists.');
      fields.name = input.name;
    }

    if (newBranch !== null) {
      await setHead(path, newBranch);
      fields.defaultBranch = newBranch;
    }
    const target = moving ? this.path(owner.name, input.name!) : path;
    if (moving) {
      closeReaders(path);
      await moveRepo(path, target);
    }
    try {
      await repos.updateRepository(this.ctx.q, repo.id, fields);
    } catch (err) {
      if (moving) await moveRepo(target, path);
      if (newBranch !== null) await setHead(path, repo.defaultBranch);
      if (isUniqueViolation(err)) throw conflict('The repository with the same name already exists.');
      throw err;
    }
    const edited = (await repos.getRepositoryById(this.ctx.q, repo.id))!;
    if (fields.name !== undefined) await this.activity.record('rename_repo', doer, edited, { content: repo.name });
    return edited;
  }

  private async assertBranchMayBeDefault(rc: RepoContext, branch: string): Promise<void> {
    if (!isValidBranchName(branch)) throw invalid(`[DefaultBranch]: invalid branch name: ${branch}`);
    if (!rc.repo.isEmpty && !(await listBranches(this.path(rc.owner.name, rc.repo.name))).some((b) => b.name === branch)) {
      throw notFound(`branch does not exist [name: ${branch}]`);
    }
  }

  /** Points HEAD and the database at another branch, which must exist unless the repository is empty. */
  async setDefaultBranch(rc: RepoContext, branch: string): Promise<Repository> {
    await this.assertBranchMayBeDefault(rc, branch);
    await setHead(this.path(rc.owner.name, rc.repo.name), branch);
    await repos.updateRepository(this.ctx.q, rc.repo.id, { defaultBranch: branch });
    return (await repos.getRepositoryById(this.ctx.q, rc.repo.id))!;
  }

  async remove(rc: RepoContext, doer: User): Promise<void> {
    if (!rc.perm.isAdmin && rc.repo.ownerId !== doer.id) throw forbidden('only the owner or an admin may delete a repository');
    const path = this.path(rc.owner.name, rc.repo.name);
    const files = await attachmentUuidsOfRepo(this.ctx.q, rc.repo.id);
    await repos.deleteRepository(this.ctx.q, rc.repo.id);
    for (const uuid of files) await this.attachmentStorage.delete(uuid);
    closeReaders(path);
    await removeRepo(path);
    this.events.emit('repository.deleted', { repo: rc.repo, doer });
  }

  search(s: RepoSearch): Promise<{ repos: Repository[]; total: number }> {
    return repos.searchRepositories(this.ctx.q, s);
  }

  /**
   * Brings the database in line with the repository on disk after its refs changed (a push, a
   * branch created through the API): branches, emptiness, default branch, size. Returns nothing
   * to roll back: git already holds the truth, the database only mirrors it.
   */
  async syncFromGit(repo: Repository, owner: User, pusher: User | null, changes: RefChange[] = []): Promise<Repository> {
    const path = this.path(owner.name, repo.name);
    const branches = await listBranches(path);
    await this.ctx.db.kysely.transaction().execute(async (trx) => {
      await replaceBranchRows(
        trx,
        repo.id,
        branches.map((b) => ({
          name: b.name,
          commitId: b.commitId,
          commitMessage: b.message,
          commitUnix: b.commitUnix,
          authorName: b.authorName,
          authorEmail: b.authorEmail,
          committerName: b.committerName,
          committerEmail: b.committerEmail,
        })),
        pusher?.id ?? 0,
      );
      const fields: RepoFields = { isEmpty: branches.length === 0, size: await repoSize(path) };
      // A first push to a branch other than the default one makes that branch the default.
      if (branches.length && !branches.some((b) => b.name === repo.defaultBranch)) {
        const pushed = changes.find((c) => c.ref.startsWith('refs/heads/') && !/^0+$/.test(c.newId));
        fields.defaultBranch = pushed ? pushed.ref.slice('refs/heads/'.length) : branches[0]!.name;
        await setHead(path, fields.defaultBranch);
      }
      await repos.updateRepository(trx, repo.id, fields);
    });
    const updated = (await repos.getRepositoryById(this.ctx.q, repo.id))!;
    if (changes.length && pusher) await this.activity.recordPush(updated, owner, pusher, path, changes);
    if (changes.length) this.events.emit('push', { repo: updated, pusher, changes });
    return updated;
  }

  /** git fsck over every repository, one at a time; reports each unhealthy one. Returns how many were checked. */
  async checkHealth(report: (path: string, problem: string) => void): Promise<number> {
    let checked = 0;
    for (let after = 0; ; ) {
      const page = await repos.repositoriesWithOwners(this.ctx.q, after, 100);
      if (page.length === 0) return checked;
      for (const r of page) {
        const problem = await fsck(this.path(r.ownerName, r.name));
        if (problem) report(`${r.ownerName}/${r.name}`, problem);
        checked += 1;
      }
      after = page.at(-1)!.id;
    }
  }

  /** "owner/name" of bare repositories on disk that no database row describes, optionally matching a pattern. */
  async unadopted(pattern: string): Promise<string[]> {
    const root = this.ctx.config.repository.root;
    const found: string[] = [];
    for (const ownerDir of (await readdir(root, { withFileTypes: true }).catch(() => [])).filter((d) => d.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
      const owner = await users.getUserByName(this.ctx.q, ownerDir.name);
      const known = new Set(owner ? (await repos.listOwnedRepositories(this.ctx.q, owner.id)).map((r) => r.lowerName) : []);
      for (const entry of (await readdir(join(root, ownerDir.name), { withFileTypes: true })).filter((d) => d.isDirectory() && d.name.endsWith('.git'))) {
        const name = entry.name.slice(0, -'.git'.length);
        const full = `${ownerDir.name}/${name}`;
        if (!known.has(name.toLowerCase()) && (!pattern || full.includes(pattern.toLowerCase()))) found.push(full);
      }
    }
    return found.sort();
  }

  /** Gives a repository found on disk a database row (its owner must exist). */
  async adopt(ownerName: string, name: string, doer: User): Promise<Repository> {
    if (!(await this.unadopted('')).includes(`${ownerName.toLowerCase()}/${name.toLowerCase()}`)) throw notFound(`no unadopted repository ${ownerName}/${name}`);
    const owner = await users.getUserByName(this.ctx.q, ownerName);
    if (!owner) throw notFound(`user does not exist [name: ${ownerName}]`);
    assertValidRepoName(name);
    const path = this.path(owner.name, name);
    const head = (await runGitHead(path)) ?? 'main';
    const repo = await repos.insertRepository(this.ctx.q, { ownerId: owner.id, name, defaultBranch: head });
    await this.watchNew(repo, doer);
    return this.syncFromGit(repo, owner, doer);
  }

  /**
   * Gitea's AUTO_WATCH_NEW_REPOS: whoever brings a repository into being (creates, forks, migrates,
   * adopts it) watches it, and so hears of its issues. Called right after the row is inserted: if
   * the rest fails, deleting the row takes the watches with it.
   */
  async watchNew(repo: Repository, doer: User): Promise<void> {
    await this.autoWatch(repo, [doer.id]);
  }

  /** After a transfer into an organization, the members of its teams that include all repositories watch it. */
  async watchTransferred(repo: Repository): Promise<void> {
    await this.autoWatch(repo, []);
  }

  private async autoWatch(repo: Repository, userIds: number[]): Promise<void> {
    if (!this.ctx.config.service.autoWatchNewRepos) return;
    // In an organization, so do the members of its teams that include all repositories.
    const members = await teamMemberIdsForRepo(this.ctx.q, repo.ownerId, repo.id);
    await watchAll(this.ctx.q, [...new Set([...userIds, ...members])], [repo.id]);
  }

  async deleteUnadopted(ownerName: string, name: string): Promise<void> {
    if (!(await this.unadopted('')).includes(`${ownerName.toLowerCase()}/${name.toLowerCase()}`)) throw notFound(`no unadopted repository ${ownerName}/${name}`);
    const path = join(this.ctx.config.repository.root, ownerName.toLowerCase(), `${name.toLowerCase()}.git`);
    closeReaders(path);
    await removeRepo(path);
  }

  /** The refs of a repository, to diff around a push. */
  refs(owner: User, repo: Repository): Promise<Map<string, string>> {
    return snapshotRefs(this.path(owner.name, repo.name));
  }
}

/** The ref updates between two snapshots. */
export function refChanges(before: Map<string, string>, after: Map<string, string>): RefChange[] {
  const changes: RefChange[] = [];
  const zero = '0'.repeat(40);
  for (const [ref, newId] of after) if (before.get(ref) !== newId) changes.push({ ref, oldId: before.get(ref) ?? zero, newId });
  for (const [ref, oldId] of before) if (!after.has(ref)) changes.push({ ref, oldId, newId: zero });
  return changes;
}

function assertHttpUrl(value: string, field: string): void {
  try {
    const url = new URL(value);
    if (url.protocol === 'http:' || url.protocol === 'https:') return;
  } catch {
    // reported below
  }
  throw invalid(`[${field}]: must be a valid http(s) URL`);
}
