import { deleteBlock, isBlocked, isBlockedEitherWay, listBlocks, putBlock, severTies } from '../models/blocks.js';
import { setFollowing } from '../models/follows.js';
import { orgMembership } from '../models/orgs.js';
import type { Queryable } from '../models/types.js';
import { getUsersInOrder, type User } from '../models/users.js';
import type { ServiceContext } from './context.js';
import { forbidden, invalid } from './errors.js';

/**
 * Refuses what a user may not do to an account that blocked them (follow it, star, watch or fork
 * its repositories, become its collaborator or member, receive or send it a repository). Site
 * admins are never held back by blocks, as in Gitea.
 */
export async function assertNotBlocked(q: Queryable, owner: { id: number }, user: User, eitherWay = false): Promise<void> {
  if (user.isAdmin || owner.id === user.id) return;
  const blocked = eitherWay ? await isBlockedEitherWay(q, owner.id, user.id) : await isBlocked(q, owner.id, user.id);
  if (blocked) throw forbidden('user is blocked');
}

/** Users and organisations blocking users (Gitea's /user/blocks and /orgs/{org}/blocks). */
export class BlockService {
  constructor(private readonly ctx: ServiceContext) {}

  async list(blocker: User, offset: number, limit: number): Promise<{ users: User[]; total: number }> {
    const { blocks, total } = await listBlocks(this.ctx.q, blocker.id, offset, limit);
    return { users: await getUsersInOrder(this.ctx.q, blocks.map((b) => b.blockeeId)), total };
  }

  isBlocked(blocker: User, blockee: User): Promise<boolean> {
    return isBlocked(this.ctx.q, blocker.id, blockee.id);
  }

  /** `blocker` is the caller or an organisation the caller owns (checked by the caller). */
  async block(blocker: User, blockee: User, note = ''): Promise<void> {
    if (blocker.id === blockee.id) throw invalid('a user cannot block themselves');
    if (blockee.isOrganization) throw invalid('an organization cannot be blocked');
    if (blocker.isOrganization && (await orgMembership(this.ctx.q, blocker.id, blockee.id))) {
      throw invalid('a member of the organization cannot be blocked by it');
    }
    if (note.length > 255) throw invalid('the note is longer than 255 characters');
    await this.ctx.db.kysely.transaction().execute(async (trx) => {
      await putBlock(trx, blocker.id, blockee.id, note);
      await setFollowing(trx, blocker.id, blockee.id, false);
      await setFollowing(trx, blockee.id, blocker.id, false);
      await severTies(trx, blocker.id, blockee.id);
    });
  }

  async unblock(blocker: User, blockee: User): Promise<void> {
    if (!(await deleteBlock(this.ctx.q, blocker.id, blockee.id))) throw invalid(`user is not blocked [name: ${blockee.name}]`);
  }
}
