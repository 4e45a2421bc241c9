import type { Comment } from '../models/comments.js';
import type { Issue } from '../models/issues.js';
import { addReaction, listReactions, removeReaction, type Reaction } from '../models/reactions.js';
import type { User } from '../models/users.js';
import { assertNotBlocked } from './blocks.js';
import type { ServiceContext } from './context.js';
import { forbidden } from './errors.js';
import type { IssueService } from './issues.js';
import type { RepoContext } from './repositories.js';

export type { Reaction };

/** Reactions to issues and comments: the [ui] REACTIONS and CUSTOM_EMOJIS only, as in Gitea. */
export class ReactionService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly issues: IssueService,
  ) {}

  list(issue: Issue, comment: Comment | null): Promise<Reaction[]> {
    return listReactions(this.ctx.q, issue.id, comment?.id ?? 0);
  }

  async react(rc: RepoContext, issue: Issue, comment: Comment | null, doer: User, type: string, on: boolean): Promise<{ reaction: Reaction; created: boolean } | null> {
    const { reactions, customEmojis } = this.ctx.config.ui;
    if (!reactions.includes(type) && !customEmojis.includes(type)) throw forbidden(`'${type}' is not an allowed reaction`);
    if (issue.isLocked && !this.issues.canWrite(rc)) throw forbidden('the issue is locked');
    const key = { issueId: issue.id, commentId: comment?.id ?? 0, userId: doer.id, type };
    if (!on) {
      await removeReaction(this.ctx.q, key);
      return null;
    }
    await assertNotBlocked(this.ctx.q, rc.owner, doer);
    return addReaction(this.ctx.q, key);
  }
}
