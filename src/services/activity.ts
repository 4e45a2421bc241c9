import { heatmap, insertAction, listFeed, type Action, type OpType } from '../models/actions.js';
import { getRepositoriesByIds, type Repository } from '../models/repositories.js';
import { getUsersByIds, type User } from '../models/users.js';
import { countCommits, log } from '../git/log.js';
import type { ServiceContext } from './context.js';
import { invalid } from './errors.js';
import type { RefChange } from './events.js';
import type { Viewer } from './users.js';

export type { Action };

export interface FeedPage {
  actions: Action[];
  total: number;
  actors: Map<number, User>;
  repos: Map<number, Repository>;
}

/** Gitea's feed shows at most this many commits of a push. */
const FEED_COMMITS = 5;
const ZERO = /^0+$/;
const YEAR = 366 * 86_400;

export interface FeedRequest {
  userId?: number;
  onlyPerformedBy?: boolean;
  ownerId?: number;
  repoId?: number;
  /** YYYY-MM-DD, a UTC day. */
  date?: string;
  offset: number;
  limit: number;
}

/** The activity log: what users did to repositories, for feeds and the contribution heatmap. */
export class ActivityService {
  constructor(private readonly ctx: ServiceContext) {}

  async record(op: OpType, doer: User, repo: Repository, extra: { refName?: string; content?: string } = {}): Promise<void> {
    await insertAction(this.ctx.q, { actUserId: doer.id, opType: op, repoId: repo.id, repoOwnerId: repo.ownerId, refName: extra.refName ?? '', content: extra.content ?? '' });
  }

  /** One action per updated ref, reading the pushed commits with one git call per branch. */
  async recordPush(repo: Repository, owner: User, pusher: User, repoPath: string, changes: RefChange[]): Promise<void> {
    for (const change of changes) {
      const deleted = ZERO.test(change.newId);
      if (change.ref.startsWith('refs/tags/')) {
        await this.record(deleted ? 'delete_tag' : 'push_tag', pusher, repo, { refName: change.ref });
      } else if (change.ref.startsWith('refs/heads/')) {
        if (deleted) await this.record('delete_branch', pusher, repo, { refName: change.ref });
        else await this.record('commit_repo', pusher, repo, { refName: change.ref, content: await pushContent(repoPath, owner, repo, change) });
      }
    }
  }

  /**
   * A page of a feed with the actors and repositories it names (two batched reads, whatever the
   * page size); an account that hides its activity shows an empty feed to others.
   */
  async feed(subject: User, viewer: Viewer | null, f: FeedRequest): Promise<FeedPage> {
    // A repository's feed belongs to the repository, not to an account that may hide its activity.
    if (f.repoId === undefined && this.hidden(subject, viewer)) return { actions: [], total: 0, actors: new Map(), repos: new Map() };
    const dayStartUnix = f.date ? Date.parse(`${f.date}T00:00:00Z`) / 1000 : undefined;
    if (dayStartUnix !== undefined && Number.isNaN(dayStartUnix)) throw invalid(`[date]: not a YYYY-MM-DD date [date: ${f.date}]`);
    const { actions, total } = await listFeed(this.ctx.q, { ...f, viewer, dayStartUnix });
    const [actors, repos] = await Promise.all([
      getUsersByIds(this.ctx.q, [...new Set(actions.map((a) => a.actUserId))]),
      getRepositoriesByIds(this.ctx.q, [...new Set(actions.map((a) => a.repoId))]),
    ]);
    return { actions, total, actors: new Map(actors.map((u) => [u.id, u])), repos: new Map(repos.map((r) => [r.id, r])) };
  }

  async heatmap(user: User, viewer: Viewer | null): Promise<{ timestamp: number; contributions: number }[]> {
    if (this.hidden(user, viewer)) return [];
    return heatmap(this.ctx.q, user.id, viewer, Math.floor(Date.now() / 1000) - YEAR);
  }

  private hidden(subject: User, viewer: Viewer | null): boolean {
    return subject.hideActivity && !(viewer && (viewer.isAdmin || viewer.id === subject.id));
  }
}

/** Gitea's push content: the newest commits, the head commit, a compare link and the count. */
async function pushContent(repoPath: string, owner: User, repo: Repository, change: RefChange): Promise<string> {
  const not = ZERO.test(change.oldId) ? [] : [change.oldId];
  const [commits, total] = await Promise.all([
    log(repoPath, { rev: change.newId, not, skip: 0, limit: FEED_COMMITS, withFiles: false }),
    countCommits(repoPath, { rev: change.newId, not }),
  ]);
  const shown = commits.map((c) => ({
    Sha1: c.id,
    Message: c.message,
    AuthorEmail: c.author.email,
    AuthorName: c.author.name,
    CommitterEmail: c.committer.email,
    CommitterName: c.committer.name,
    Timestamp: new Date(c.committer.when * 1000).toISOString(),
  }));
  return JSON.stringify({
    Commits: shown,
    HeadCommit: shown[0] ?? null,
    CompareURL: not.length ? `${owner.name}/${repo.name}/compare/${change.oldId}...${change.newId}` : '',
    Len: total,
  });
}
