import { log } from '../git/log.js';
import { listComments, insertComment } from '../models/comments.js';
import { getIssueByIndex, lockRepoIssues, recountOpenIssues, updateIssue, type Issue } from '../models/issues.js';
import { recountMilestone } from '../models/milestones.js';
import { getRepositoryByName, type Repository } from '../models/repositories.js';
import { getUserById, getUserByName, type User } from '../models/users.js';
import type { ServiceContext } from './context.js';
import type { Events, RefChange } from './events.js';
import { ACCESS, repoPermission } from './permissions.js';

/** Commits a push may reference; older ones in a long push are not read. */
const MAX_COMMITS = 100;
const ZERO = /^0+$/;
// `#12`, `owner/repo#12`, preceded by a keyword that closes the issue or not.
const REFERENCE = /(?:^|[\s(\[])(?:(close[sd]?|fix(?:e[sd])?|resolve[sd]?)\s*:?\s+)?(?:([\w.-]+)\/([\w.-]+))?#(\d+)\b/gim;

export interface IssueReference {
  owner?: string;
  repo?: string;
  index: number;
  closes: boolean;
}

/** The issues a commit message names, and whether it closes them ("fixes #3", "closes o/r#4"). */
export function issueReferences(message: string): IssueReference[] {
  const found = new Map<string, IssueReference>();
  for (const m of message.matchAll(REFERENCE)) {
    const ref: IssueReference = { owner: m[2], repo: m[3], index: Number(m[4]), closes: Boolean(m[1]) };
    const key = `${ref.owner ?? ''}/${ref.repo ?? ''}#${ref.index}`;
    const seen = found.get(key);
    found.set(key, { ...ref, closes: ref.closes || Boolean(seen?.closes) });
  }
  return [...found.values()];
}

/**
 * Pushed commits that mention issues: every mention adds a reference to the issue's timeline
 * (once per commit), and a closing keyword in a commit that reaches the default branch closes the
 * issue, when the pusher may write the issues of that repository.
 */
export class IssueReferenceService {
  constructor(
    private readonly ctx: ServiceContext,
    events: Events,
    private readonly repoPath: (owner: User, repo: Repository) => string,
    private readonly onError: (what: string, err: unknown) => void,
  ) {
    events.on('push', ({ repo, pusher, changes }) => {
      if (!pusher) return;
      this.onPush(repo, pusher, changes).catch((err) => this.onError(`issue references of a push to ${repo.id}`, err));
    });
  }

  private async onPush(repo: Repository, pusher: User, changes: RefChange[]): Promise<void> {
    const owner = await getUserById(this.ctx.q, repo.ownerId);
    if (!owner) return;
    for (const change of changes) {
      if (!change.ref.startsWith('refs/heads/') || ZERO.test(change.newId)) continue;
      const onDefault = change.ref === `refs/heads/${repo.defaultBranch}`;
      const not = ZERO.test(change.oldId) ? [] : [change.oldId];
      const commits = await log(this.repoPath(owner, repo), { rev: change.newId, not, skip: 0, limit: MAX_COMMITS, withFiles: false });
      // Oldest first, so the timeline reads in the order the commits were made.
      for (const commit of commits.reverse()) {
        for (const ref of issueReferences(commit.message)) {
          const target = await this.issueOf(repo, owner, ref);
          if (target) await this.apply(target.issue, target.repo, pusher, repo, commit.id, commit.message, ref.closes && onDefault);
        }
      }
    }
  }

  private async issueOf(repo: Repository, owner: User, ref: IssueReference): Promise<{ issue: Issue; repo: Repository } | null> {
    let targetRepo = repo;
    if (ref.owner && ref.repo) {
      const targetOwner = ref.owner.toLowerCase() === owner.name.toLowerCase() ? owner : await getUserByName(this.ctx.q, ref.owner);
      const found = targetOwner && (await getRepositoryByName(this.ctx.q, targetOwner.id, ref.repo));
      if (!found) return null;
      targetRepo = found;
    }
    const issue = await getIssueByIndex(this.ctx.q, targetRepo.id, ref.index);
    return issue && !issue.isPull ? { issue, repo: targetRepo } : null;
  }

  private async apply(issue: Issue, repo: Repository, pusher: User, from: Repository, sha: string, message: string, close: boolean): Promise<void> {
    const owner = await getUserById(this.ctx.q, repo.ownerId);
    if (!owner) return;
    const perm = await repoPermission(this.ctx.q, repo, owner, { user: pusher });
    // A reference is shown only where the pusher could read it; closing needs write access.
    if (perm.units['repo.issues'] < ACCESS.read) return;
    const { comments } = await listComments(this.ctx.q, { issueId: issue.id, onlyComments: false, offset: 0, limit: 10_000 });
    const referenced = comments.some((c) => c.type === 'commit_ref' && c.event.commit_sha === sha);
    await this.ctx.db.kysely.transaction().execute(async (trx) => {
      await lockRepoIssues(trx, this.ctx.db.dialect, repo.id);
      if (!referenced) {
        await insertComment(trx, { issueId: issue.id, type: 'commit_ref', posterId: pusher.id, content: message.split('\n')[0] ?? '', event: { commit_sha: sha, repo_id: from.id } });
      }
      if (close && !issue.isClosed && perm.units['repo.issues'] >= ACCESS.write) {
        await updateIssue(trx, issue.id, { isClosed: true, closedUnix: Math.floor(Date.now() / 1000) });
        await insertComment(trx, { issueId: issue.id, type: 'close', posterId: pusher.id, event: { commit_sha: sha } });
        await recountOpenIssues(trx, repo.id);
        await recountMilestone(trx, issue.milestoneId);
      }
    });
  }
}
