import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { closeReaders } from '../git/cat-file.js';
import { moveRepo } from '../git/repo.js';
import { soleOwnerOrgIds } from '../models/orgs.js';
import { countOwnedRepositories, listOwnedRepositories } from '../models/repositories.js';
import type { User } from '../models/users.js';
import type { ServiceContext } from './context.js';
import { invalid } from './errors.js';
import { OWNERS_TEAM } from './orgs.js';
import { OWNER_PERMISSION } from './permissions.js';
import type { RepoService } from './repositories.js';
import type { UserService } from './users.js';

/** Changes to accounts that reach beyond the user row: their repositories go along. */
export class AccountService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly users: UserService,
    private readonly repos: RepoService,
  ) {}

  /** Deletes a user; with `purge` their repositories first, without it a user who owns any is refused (422). */
  async delete(user: User, doer: User, purge: boolean): Promise<void> {
    if ((await soleOwnerOrgIds(this.ctx.q, user.id, OWNERS_TEAM)).length > 0) {
      throw invalid(`user is the last owner of an organization [uid: ${user.id}]: give the organization another owner first`);
    }
    if (purge) {
      for (const repo of await listOwnedRepositories(this.ctx.q, user.id)) {
        await this.repos.remove({ repo, owner: user, perm: OWNER_PERMISSION }, doer);
      }
    } else if ((await countOwnedRepositories(this.ctx.q, user.id)) > 0) {
      throw invalid(`user still has ownership of repositories [uid: ${user.id}]: delete or transfer them first, or purge`);
    }
    await this.users.remove(user);
  }

  /** Renames a user and moves their repositories' directory with them. */
  async rename(user: User, newName: string): Promise<void> {
    const from = join(this.ctx.config.repository.root, user.name.toLowerCase());
    const to = join(this.ctx.config.repository.root, newName.toLowerCase());
    await this.users.rename(user, newName);
    if (from !== to && existsSync(from)) {
      closeReaders();
      await moveRepo(from, to);
    }
  }
}
