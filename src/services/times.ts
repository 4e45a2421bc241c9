import { getIssuesByIds, type Issue } from '../models/issues.js';
import { getRepositoriesByIds } from '../models/repositories.js';
import {
  addTrackedTime,
  deleteStopwatch,
  deleteTrackedTimes,
  getStopwatch,
  getTrackedTime,
  listStopwatches,
  listTrackedTimes,
  startStopwatch,
  type Stopwatch,
  type TimeFilter,
  type TrackedTime,
} from '../models/times.js';
import { getUsersByIds, type User } from '../models/users.js';
import type { ServiceContext } from './context.js';
import { badRequest, conflict, forbidden, notFound } from './errors.js';
import type { IssueService } from './issues.js';
import type { RepoContext } from './repositories.js';

export type { Stopwatch, TrackedTime };

/**
 * Time tracking on issues, as Gitea's defaults have it: on unless the repository turns it off,
 * recorded by issue writers only; each user sees their own times, repository and site admins
 * everyone's.
 */
export class TimeService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly issues: IssueService,
  ) {}

  private assertTracker(rc: RepoContext, write: boolean): void {
    this.issues.assertReadable(rc);
    if (!rc.repo.options.enableTimeTracker) throw badRequest('time tracking is disabled for this repository');
    if (write && rc.repo.options.allowOnlyContributorsToTrackTime && !this.issues.canWrite(rc)) throw forbidden('only issue writers may track time');
  }

  /** Which user's times the caller may list: their own unless they administer the repository. */
  private visibleUser(rc: RepoContext | null, doer: User, asked: number | undefined): number | undefined {
    if (doer.isAdmin || (rc && rc.perm.isAdmin)) return asked;
    if (asked !== undefined && asked !== doer.id) throw forbidden('only admins see others\' tracked times');
    return doer.id;
  }

  async add(rc: RepoContext, issue: Issue, doer: User, seconds: number, options: { createdUnix?: number; user?: User } = {}): Promise<TrackedTime> {
    this.assertTracker(rc, true);
    if (!Number.isInteger(seconds) || seconds <= 0) throw badRequest('[Time]: a positive number of seconds is required');
    if (options.user && options.user.id !== doer.id && !doer.isAdmin) throw forbidden('only site admins record time for someone else');
    return addTrackedTime(this.ctx.q, { issueId: issue.id, userId: (options.user ?? doer).id, seconds, createdUnix: options.createdUnix });
  }

  async list(rc: RepoContext | null, doer: User, filter: Omit<TimeFilter, 'userId'> & { userId?: number }): Promise<{ times: TrackedTime[]; total: number }> {
    if (rc) this.assertTracker(rc, false);
    return listTrackedTimes(this.ctx.q, { ...filter, userId: this.visibleUser(rc, doer, filter.userId) });
  }

  async reset(rc: RepoContext, issue: Issue, doer: User): Promise<void> {
    this.assertTracker(rc, true);
    await deleteTrackedTimes(this.ctx.q, { issueId: issue.id, userId: doer.id });
  }

  async remove(rc: RepoContext, issue: Issue, doer: User, id: number): Promise<void> {
    this.assertTracker(rc, false);
    const time = await getTrackedTime(this.ctx.q, id);
    if (!time || time.issueId !== issue.id) throw notFound(`tracked time does not exist [id: ${id}]`);
    if (time.userId !== doer.id && !doer.isAdmin) throw forbidden('only the one who tracked it (or a site admin) may delete a tracked time');
    await deleteTrackedTimes(this.ctx.q, { id });
  }

  async startStopwatch(rc: RepoContext, issue: Issue, doer: User): Promise<void> {
    this.assertTracker(rc, true);
    if (await getStopwatch(this.ctx.q, issue.id, doer.id)) throw conflict('a stopwatch is already running on this issue');
    await startStopwatch(this.ctx.q, issue.id, doer.id);
  }

  /** Stops the stopwatch and records the time it ran (at least a second). */
  async stopStopwatch(rc: RepoContext, issue: Issue, doer: User): Promise<TrackedTime> {
    this.assertTracker(rc, true);
    const watch = await getStopwatch(this.ctx.q, issue.id, doer.id);
    if (!watch) throw conflict('no stopwatch is running on this issue');
    return this.ctx.db.kysely.transaction().execute(async (trx) => {
      await deleteStopwatch(trx, issue.id, doer.id);
      return addTrackedTime(trx, { issueId: issue.id, userId: doer.id, seconds: Math.max(1, Math.floor(Date.now() / 1000) - watch.createdUnix) });
    });
  }

  async cancelStopwatch(rc: RepoContext, issue: Issue, doer: User): Promise<void> {
    this.assertTracker(rc, true);
    if (!(await deleteStopwatch(this.ctx.q, issue.id, doer.id))) throw conflict('no stopwatch is running on this issue');
  }

  /** The user's running stopwatches with the issues and repositories they run on. */
  async stopwatches(user: User, offset: number, limit: number) {
    const { stopwatches, total } = await listStopwatches(this.ctx.q, user.id, offset, limit);
    const issues = new Map((await getIssuesByIds(this.ctx.q, stopwatches.map((s) => s.issueId))).map((i) => [i.id, i]));
    const repos = new Map((await getRepositoriesByIds(this.ctx.q, [...new Set([...issues.values()].map((i) => i.repoId))])).map((r) => [r.id, r]));
    const owners = new Map((await getUsersByIds(this.ctx.q, [...new Set([...repos.values()].map((r) => r.ownerId))])).map((u) => [u.id, u]));
    const items = stopwatches.flatMap((s) => {
      const issue = issues.get(s.issueId);
      const repo = issue && repos.get(issue.repoId);
      const owner = repo && owners.get(repo.ownerId);
      return issue && repo && owner ? [{ stopwatch: s, issue, repo, owner }] : [];
    });
    return { items, total };
  }

  /** Users and issues named by a page of tracked times. */
  async context(times: TrackedTime[]): Promise<{ users: Map<number, User>; issues: Map<number, Issue> }> {
    const [users, issues] = await Promise.all([getUsersByIds(this.ctx.q, [...new Set(times.map((t) => t.userId))]), getIssuesByIds(this.ctx.q, [...new Set(times.map((t) => t.issueId))])]);
    return { users: new Map(users.map((u) => [u.id, u])), issues: new Map(issues.map((i) => [i.id, i])) };
  }
}
