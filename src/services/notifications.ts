import { getIssuesByIds, type Issue } from '../models/issues.js';
import {
  getIssueWatch,
  getNotification,
  getNotificationsByIds,
  issueParticipants,
  issueWatchChoices,
  listIssueSubscribers,
  listNotifications,
  notify,
  repoWatcherIds,
  setIssueWatch,
  setNotificationStatus,
  setThreadStatus,
  type Notification,
  type NotificationFilter,
  type NotificationStatus,
} from '../models/notifications.js';
import { getRepositoriesByIds, type Repository } from '../models/repositories.js';
import { getUsersByIds, getUsersInOrder, type User } from '../models/users.js';
import type { ServiceContext } from './context.js';
import { forbidden, notFound } from './errors.js';
import { ACCESS, repoPermissions } from './permissions.js';
import type { RepoContext } from './repositories.js';

export type { Notification, NotificationStatus };

export interface ThreadView {
  notification: Notification;
  issue: Issue;
  repo: Repository;
  owner: User;
}

/**
 * Issue subscriptions and notification threads. When an issue is opened, closed, reopened or
 * commented on, everyone who follows it (its participants, the repository's watchers and those
 * who subscribed, minus those who unsubscribed and the one who acted) gets their thread marked
 * unread, if they may still read the issue.
 */
export class NotificationService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly onError: (what: string, err: unknown) => void,
  ) {}

  /** Never throws: the change it reports has been committed already, and must not look failed. */
  async issueChanged(rc: RepoContext, issue: Issue, doer: User, commentId = 0): Promise<void> {
    try {
      await this.notifyFollowers(rc, issue, doer, commentId);
    } catch (err) {
      this.onError(`notifications of issue ${issue.id}`, err);
    }
  }

  private async notifyFollowers(rc: RepoContext, issue: Issue, doer: User, commentId: number): Promise<void> {
    const [participants, watchers, choices] = await Promise.all([issueParticipants(this.ctx.q, issue.id), repoWatcherIds(this.ctx.q, rc.repo.id), issueWatchChoices(this.ctx.q, issue.id)]);
    const candidates = new Set([...participants, ...watchers, ...[...choices].filter(([, on]) => on).map(([id]) => id)]);
    for (const [id, on] of choices) if (!on) candidates.delete(id);
    candidates.delete(doer.id);
    const users = await getUsersByIds(this.ctx.q, [...candidates]);
    const readers: number[] = [];
    for (const user of users) {
      if (user.isOrganization || !user.isActive || user.prohibitLogin) continue;
      const perm = (await repoPermissions(this.ctx.q, [rc.repo], new Map([[rc.owner.id, rc.owner]]), { user })).get(rc.repo.id)!;
      if (perm.units['repo.issues'] >= ACCESS.read) readers.push(user.id);
    }
    await notify(this.ctx.q, readers, { repoId: rc.repo.id, issueId: issue.id, commentId, updatedBy: doer.id });
  }

  // ---- subscriptions

  /** Subscribes or unsubscribes `user` (the caller, or anyone when the caller is a site admin); true when it changed. */
  async subscribe(issue: Issue, doer: User, user: User, on: boolean): Promise<boolean> {
    if (doer.id !== user.id && !doer.isAdmin) throw forbidden('only site admins may change someone else\'s subscription');
    const current = await getIssueWatch(this.ctx.q, issue.id, user.id);
    if (current?.watching === on) return false;
    await setIssueWatch(this.ctx.q, issue.id, user.id, on);
    return true;
  }

  /** Whether the user follows the issue: subscribed, or a participant or repository watcher who did not unsubscribe. */
  async subscription(rc: RepoContext, issue: Issue, user: User): Promise<{ subscribed: boolean; ignored: boolean; createdUnix: number }> {
    const choice = await getIssueWatch(this.ctx.q, issue.id, user.id);
    if (choice) return { subscribed: choice.watching, ignored: !choice.watching, createdUnix: choice.createdUnix };
    const [participants, watchers] = await Promise.all([issueParticipants(this.ctx.q, issue.id), repoWatcherIds(this.ctx.q, rc.repo.id)]);
    return { subscribed: participants.includes(user.id) || watchers.includes(user.id), ignored: false, createdUnix: 0 };
  }

  async subscribers(issue: Issue, offset: number, limit: number): Promise<{ users: User[]; total: number }> {
    const { ids, total } = await listIssueSubscribers(this.ctx.q, issue.id, offset, limit);
    return { users: await getUsersInOrder(this.ctx.q, ids), total };
  }

  // ---- threads

  async list(filter: NotificationFilter): Promise<{ threads: ThreadView[]; total: number }> {
    const { notifications, total } = await listNotifications(this.ctx.q, filter);
    return { threads: await this.views(notifications), total };
  }

  async unreadCount(user: User): Promise<number> {
    return (await listNotifications(this.ctx.q, { userId: user.id, statuses: ['unread'], offset: 0, limit: 0 })).total;
  }

  async thread(user: User, id: number): Promise<ThreadView> {
    const notification = await getNotification(this.ctx.q, id);
    if (!notification) throw notFound(`notification does not exist [id: ${id}]`);
    if (notification.userId !== user.id) throw forbidden('the notification belongs to someone else');
    const [view] = await this.views([notification]);
    if (!view) throw notFound(`notification does not exist [id: ${id}]`);
    return view;
  }

  async setThread(user: User, id: number, to: NotificationStatus): Promise<ThreadView> {
    await this.thread(user, id);
    await setThreadStatus(this.ctx.q, id, to);
    return this.thread(user, id);
  }

  /** Moves the user's matching threads to `to`; returns them. */
  async setMany(filter: Omit<NotificationFilter, 'offset' | 'limit'>, to: NotificationStatus): Promise<ThreadView[]> {
    return this.views(await getNotificationsByIds(this.ctx.q, await setNotificationStatus(this.ctx.q, filter, to)));
  }

  private async views(notifications: Notification[]): Promise<ThreadView[]> {
    const [issues, repos] = await Promise.all([
      getIssuesByIds(this.ctx.q, [...new Set(notifications.map((n) => n.issueId))]),
      getRepositoriesByIds(this.ctx.q, [...new Set(notifications.map((n) => n.repoId))]),
    ]);
    const owners = new Map((await getUsersByIds(this.ctx.q, [...new Set(repos.map((r) => r.ownerId))])).map((u) => [u.id, u]));
    const issueById = new Map(issues.map((i) => [i.id, i]));
    const repoById = new Map(repos.map((r) => [r.id, r]));
    return notifications.flatMap((notification) => {
      const issue = issueById.get(notification.issueId);
      const repo = repoById.get(notification.repoId);
      const owner = repo && owners.get(repo.ownerId);
      return issue && repo && owner ? [{ notification, issue, repo, owner }] : [];
    });
  }
}
