import { isValidBranchName, resolveCommit, updateRefs } from '../git/refs.js';
import { getBranchRow, listBranchRows, type Branch } from '../models/branches.js';
import { getUsersByEmails, type User } from '../models/users.js';
import type { ServiceContext } from './context.js';
import { conflict, forbidden, invalid, notFound } from './errors.js';
import type { RepoContext, RepoService } from './repositories.js';

export type { Branch };

export class BranchService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly repos: RepoService,
  ) {}

  list(rc: RepoContext, offset: number, limit: number): Promise<{ branches: Branch[]; total: number }> {
    return listBranchRows(this.ctx.q, rc.repo.id, offset, limit);
  }

  async get(rc: RepoContext, name: string): Promise<Branch> {
    const branch = await getBranchRow(this.ctx.q, rc.repo.id, name);
    if (!branch) throw notFound(`branch does not exist [name: ${name}]`);
    return branch;
  }

  /** Users behind the commit authors and committers of a page of branches, in one query. */
  usersByEmail(branches: Branch[]): Promise<Map<string, User>> {
    return getUsersByEmails(this.ctx.q, branches.flatMap((b) => [b.authorEmail, b.committerEmail]));
  }

  async create(rc: RepoContext, doer: User, name: string, from?: string): Promise<Branch> {
    this.assertWriter(rc);
    if (!isValidBranchName(name)) throw invalid(`[BranchName]: invalid branch name: ${name}`);
    if (rc.repo.isEmpty) throw notFound('the repository is empty: push a first commit before creating branches');
    const path = this.repos.path(rc.owner.name, rc.repo.name);
    const source = from || rc.repo.defaultBranch;
    const commit = await resolveCommit(path, source);
    if (!commit) throw notFound(`the old branch, tag or commit does not exist [name: ${source}]`);
    if (await getBranchRow(this.ctx.q, rc.repo.id, name)) throw conflict(`The branch ${name} already exists.`);
    try {
      await updateRefs(path, [{ ref: `refs/heads/${name}`, oldId: '', newId: commit }]);
    } catch {
      throw conflict(`The branch ${name} already exists.`);
    }
    await this.repos.syncFromGit(rc.repo, rc.owner, doer, [{ ref: `refs/heads/${name}`, oldId: '0'.repeat(40), newId: commit }]);
    return this.get(rc, name);
  }

  async remove(rc: RepoContext, doer: User, name: string): Promise<void> {
    this.assertWriter(rc);
    const branch = await this.get(rc, name);
    if (name === rc.repo.defaultBranch) throw forbidden('can not delete default branch');
    const path = this.repos.path(rc.owner.name, rc.repo.name);
    await updateRefs(path, [{ ref: `refs/heads/${name}`, oldId: branch.commitId, newId: '0'.repeat(branch.commitId.length) }]);
    await this.repos.syncFromGit(rc.repo, rc.owner, doer, [{ ref: `refs/heads/${name}`, oldId: branch.commitId, newId: '0'.repeat(40) }]);
  }

  /** Renames in one atomic ref transaction; renaming the default branch moves the default too. */
  async rename(rc: RepoContext, doer: User, from: string, to: string): Promise<void> {
    this.assertWriter(rc);
    if (!isValidBranchName(to)) throw invalid(`[Name]: invalid branch name: ${to}`);
    const branch = await this.get(rc, from);
    if (from === to) return;
    if (await getBranchRow(this.ctx.q, rc.repo.id, to)) throw conflict(`The branch ${to} already exists.`);
    const path = this.repos.path(rc.owner.name, rc.repo.name);
    const zero = '0'.repeat(branch.commitId.length);
    await updateRefs(path, [
      { ref: `refs/heads/${to}`, oldId: '', newId: branch.commitId },
      { ref: `refs/heads/${from}`, oldId: branch.commitId, newId: zero },
    ]);
    const repo = from === rc.repo.defaultBranch ? await this.repos.setDefaultBranch(rc, to) : rc.repo;
    await this.repos.syncFromGit(repo, rc.owner, doer, [
      { ref: `refs/heads/${to}`, oldId: '0'.repeat(40), newId: branch.commitId },
      { ref: `refs/heads/${from}`, oldId: branch.commitId, newId: '0'.repeat(40) },
    ]);
  }

  private assertWriter(rc: RepoContext): void {
    if (rc.repo.isArchived) throw forbidden('repository is archived');
    if (!rc.perm.canWrite) throw forbidden('User permission denied for writing.');
  }
}
