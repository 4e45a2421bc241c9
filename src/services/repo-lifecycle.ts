import { closeReaders } from '../git/cat-file.js';
import { writeCommit } from '../git/commit.js';
import { readCommit } from '../git/objects.js';
import { resolveCommit, snapshotRefs, updateRefs } from '../git/refs.js';
import { cloneBareLocal, moveRepo, pruneUnreachable, removeRepo, setHead } from '../git/repo.js';
import { deleteCollaborator } from '../models/collaborations.js';
import { isUniqueViolation } from '../models/errors.js';
import * as repos from '../models/repositories.js';
import type { Repository } from '../models/repositories.js';
import { deleteTransfer, getTransfer, putTransfer, type PendingTransfer } from '../models/transfers.js';
import { getUserById, getUserByName, type User } from '../models/users.js';
import type { ActivityService } from './activity.js';
import type { ServiceContext } from './context.js';
import { conflict, forbidden, invalid, notFound } from './errors.js';
import { OWNER_PERMISSION } from './permissions.js';
import { assertValidRepoName } from './repo-names.js';
import type { RepoContext, RepoService } from './repositories.js';
import type { OrgService } from './orgs.js';
import type { SocialService } from './social.js';
import { assertNotBlocked } from './blocks.js';

export type { PendingTransfer };

export interface GenerateInput {
  owner: string;
  name: string;
  description?: string;
  private?: boolean;
  defaultBranch?: string;
  gitContent?: boolean;
  topics?: boolean;
}

/** Repositories that come from other repositories: forks, generated copies, and changes of owner. */
export class RepoLifecycleService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly repos: RepoService,
    private readonly social: SocialService,
    private readonly orgs: OrgService,
    private readonly activity: ActivityService,
  ) {}

  forks(rc: RepoContext, offset: number, limit: number): Promise<{ repos: Repository[]; total: number }> {
    return repos.listForks(this.ctx.q, rc.repo.id, offset, limit);
  }

  /**
   * Copies a repository the doer can read into the doer's namespace (or `into`, an organization
   * the caller checked the doer may create repositories in), keeping the link to its source.
   */
  async fork(rc: RepoContext, doer: User, name?: string, into: User = doer): Promise<Repository> {
    const forkName = name || rc.repo.name;
    assertValidRepoName(forkName);
    if (!rc.perm.canRead) throw forbidden('you may not read the code of this repository');
    if (rc.repo.isEmpty) throw conflict('an empty repository cannot be forked');
    await assertNotBlocked(this.ctx.q, rc.owner, doer);
    if (rc.repo.ownerId === into.id || (await repos.findFork(this.ctx.q, into.id, rc.repo.id))) throw conflict('repository is already forked by user');
    let fork: Repository;
    try {
      fork = await repos.insertRepository(this.ctx.q, {
        ownerId: into.id,
        name: forkName,
        description: rc.repo.description,
        website: rc.repo.website,
        isPrivate: rc.repo.isPrivate,
        isFork: true,
        forkId: rc.repo.id,
        defaultBranch: rc.repo.defaultBranch,
        objectFormatName: rc.repo.objectFormatName,
        options: rc.repo.options,
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw conflict('The repository with the same name already exists.');
      throw err;
    }
    const target = this.repos.path(into.name, forkName);
    try {
      await this.repos.watchNew(fork, doer);
      await cloneBareLocal(this.repos.path(rc.owner.name, rc.repo.name), target);
      await this.repos.syncFromGit(fork, into, doer);
      await repos.addToForkCount(this.ctx.q, rc.repo.id, 1);
    } catch (err) {
      await repos.deleteRepository(this.ctx.q, fork.id);
      await removeRepo(target);
      throw err;
    }
    const forked = (await repos.getRepositoryById(this.ctx.q, fork.id))!;
    await this.activity.record('create_repo', doer, forked);
    return forked;
  }

  /**
   * Hands a repository to another user. Site admins move it at once; otherwise the recipient
   * must accept (Gitea's pending transfer).
   */
  async transfer(rc: RepoContext, doer: User, newOwnerName: string): Promise<{ repo: Repository; pending: PendingTransfer | null }> {
    if (!rc.perm.isAdmin) throw forbidden('only the owner or an admin may transfer a repository');
    const recipient = await getUserByName(this.ctx.q, newOwnerName);
    if (!recipient) throw notFound(`user does not exist [name: ${newOwnerName}]`);
    if (recipient.id === rc.repo.ownerId) throw invalid('the repository already belongs to this owner');
    await assertNotBlocked(this.ctx.q, recipient, doer, true);
    if (await repos.getRepositoryByName(this.ctx.q, recipient.id, rc.repo.name)) throw invalid(`repository already exists [uname: ${recipient.name}, name: ${rc.repo.name}]`);
    if (recipient.isOrganization) {
      // Into an organization: at once, for someone who may create repositories there.
      if (!(await this.orgs.role(recipient, doer)).canCreateRepo) throw forbidden('you may not create repositories in that organization');
      return { repo: await this.move(rc, recipient, doer), pending: null };
    }
    if (doer.isAdmin || doer.id === recipient.id) {
      return { repo: await this.move(rc, recipient, doer), pending: null };
    }
    const pending = { repoId: rc.repo.id, doerId: doer.id, recipientId: recipient.id };
    await putTransfer(this.ctx.q, pending);
    return { repo: rc.repo, pending };
  }

  pendingTransfer(repoId: number): Promise<PendingTransfer | undefined> {
    return getTransfer(this.ctx.q, repoId);
  }

  async acceptTransfer(rc: RepoContext, doer: User): Promise<Repository> {
    const pending = await getTransfer(this.ctx.q, rc.repo.id);
    if (!pending) throw notFound('no transfer is pending for this repository');
    if (pending.recipientId !== doer.id && !doer.isAdmin) throw forbidden('only the recipient may accept the transfer');
    const recipient = await getUserById(this.ctx.q, pending.recipientId);
    if (!recipient) throw notFound('the recipient no longer exists');
    return this.move(rc, recipient, doer);
  }

  async rejectTransfer(rc: RepoContext, doer: User): Promise<void> {
    const pending = await getTransfer(this.ctx.q, rc.repo.id);
    if (!pending) throw notFound('no transfer is pending for this repository');
    if (pending.recipientId !== doer.id && !rc.perm.isAdmin) throw forbidden('only the recipient or the owner may reject the transfer');
    await deleteTransfer(this.ctx.q, rc.repo.id);
  }

  private async move(rc: RepoContext, recipient: User, doer: User): Promise<Repository> {
    const from = this.repos.path(rc.owner.name, rc.repo.name);
    const to = this.repos.path(recipient.name, rc.repo.name);
    closeReaders(from);
    await moveRepo(from, to);
    try {
      await this.ctx.db.kysely.transaction().execute(async (trx) => {
        await repos.updateRepository(trx, rc.repo.id, { ownerId: recipient.id });
        await deleteCollaborator(trx, rc.repo.id, recipient.id);
        await deleteTransfer(trx, rc.repo.id);
      });
    } catch (err) {
      await moveRepo(to, from);
      throw err;
    }
    await this.repos.watchTransferred({ ...rc.repo, ownerId: recipient.id });
    const moved = (await repos.getRepositoryById(this.ctx.q, rc.repo.id))!;
    await this.activity.record('transfer_repo', doer, moved, { content: `${rc.owner.name}/${rc.repo.name}` });
    return moved;
  }

  /** Creates a repository from a template: its files as one fresh commit, and optionally its topics. */
  async generate(template: RepoContext, doer: User, input: GenerateInput): Promise<Repository> {
    if (!template.repo.isTemplate) throw notFound(`${template.owner.name}/${template.repo.name} is not a template repository`);
    const owner = await getUserByName(this.ctx.q, input.owner);
    if (!owner) throw notFound(`user does not exist [name: ${input.owner}]`);
    if (owner.id !== doer.id && !doer.isAdmin) throw forbidden('you may only generate repositories for yourself');
    const defaultBranch = input.defaultBranch || template.repo.defaultBranch;
    const created = await this.repos.create(owner, doer, { name: input.name, description: input.description, private: input.private, defaultBranch });
    try {
      if (input.gitContent && !template.repo.isEmpty) await this.copyContent(template, owner, created, doer, defaultBranch);
      if (input.topics) {
        const topics = (await this.social.topicsOf([template.repo.id])).get(template.repo.id) ?? [];
        if (topics.length) await this.social.setTopics({ repo: created, owner, perm: OWNER_PERMISSION }, topics);
      }
    } catch (err) {
      await this.repos.remove({ repo: created, owner, perm: OWNER_PERMISSION }, doer);
      throw err;
    }
    return (await repos.getRepositoryById(this.ctx.q, created.id))!;
  }

  // The template's default-branch tree becomes the first (root) commit of the new repository; the
  // template's history is pruned away so no object of it stays fetchable by id.
  private async copyContent(template: RepoContext, owner: User, created: Repository, doer: User, branch: string): Promise<void> {
    const source = this.repos.path(template.owner.name, template.repo.name);
    const target = this.repos.path(owner.name, created.name);
    const head = await resolveCommit(source, template.repo.defaultBranch);
    const commit = head && (await readCommit(source, head));
    if (!commit) throw notFound('the template has no default branch');
    await removeRepo(target);
    await cloneBareLocal(source, target);
    const refs = await snapshotRefs(target);
    if (refs.size) await updateRefs(target, [...refs].map(([ref, oldId]) => ({ ref, oldId, newId: '0'.repeat(oldId.length) })));
    const signature = { name: doer.fullName || doer.name, email: doer.email };
    await writeCommit(target, { branch, tree: commit.tree, parents: [], expectedOldId: null, message: `Initial commit from ${template.owner.name}/${template.repo.name}\n`, author: signature, committer: signature });
    await setHead(target, branch);
    await pruneUnreachable(target);
    await this.repos.syncFromGit(created, owner, doer);
  }
}
