import { collaboratorMode, deleteCollaborator, listCollaborators, putCollaborator, type AccessMode } from '../models/collaborations.js';
import { addLink, hasLink, linkedUserIds, removeLink, type LinkTable } from '../models/stars.js';
import { searchTopics, setRepoTopics, topicsOfRepos, type Topic } from '../models/topics.js';
import { getUsersInOrder, type User } from '../models/users.js';
import type { ActivityService } from './activity.js';
import type { ServiceContext } from './context.js';
import { forbidden, invalid, notFound } from './errors.js';
import { ACCESS, repoPermission, type RepoPermission } from './permissions.js';
import type { RepoContext } from './repositories.js';
import { assertNotBlocked } from './blocks.js';

export type { Topic };

const TOPIC = /^[a-z0-9][-.a-z0-9]*$/;
export const MAX_TOPICS = 25;

/** The invalid ones among topics, by Gitea's rule: lower-case letters, digits, '-' and '.', at most 35 characters. */
export function invalidTopics(names: string[]): string[] {
  return names.filter((n) => !TOPIC.test(n) || n.length > 35);
}

const MODE_NAMES: Record<string, AccessMode> = { read: ACCESS.read, write: ACCESS.write, admin: ACCESS.admin };

export function modeName(mode: AccessMode): 'none' | 'read' | 'write' | 'admin' | 'owner' {
  return (['none', 'read', 'write', 'admin', 'owner'] as const)[mode];
}

/** Collaborators, stars, watches and topics: who relates to a repository, and how. */
export class SocialService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly activity: ActivityService,
  ) {}

  // ---- collaborators

  async collaborators(rc: RepoContext, offset: number, limit: number): Promise<{ users: User[]; total: number }> {
    const { rows, total } = await listCollaborators(this.ctx.q, rc.repo.id, offset, limit);
    return { users: await getUsersInOrder(this.ctx.q, rows.map((r) => r.userId)), total };
  }

  async isCollaborator(rc: RepoContext, user: User): Promise<boolean> {
    return (await collaboratorMode(this.ctx.q, rc.repo.id, user.id)) > ACCESS.none;
  }

  async addCollaborator(rc: RepoContext, user: User, permission = 'write'): Promise<void> {
    this.assertAdmin(rc);
    const mode = MODE_NAMES[permission];
    if (!mode) throw invalid(`[Permission]: must be one of read, write, admin [permission: ${permission}]`);
    if (user.id === rc.repo.ownerId) throw invalid('the owner of a repository cannot be a collaborator of it');
    if (user.isOrganization) throw invalid('an organization cannot be a collaborator');
    await assertNotBlocked(this.ctx.q, rc.owner, user, true);
    await putCollaborator(this.ctx.q, rc.repo.id, user.id, mode);
  }

  async removeCollaborator(rc: RepoContext, user: User): Promise<void> {
    this.assertAdmin(rc);
    if (!(await deleteCollaborator(this.ctx.q, rc.repo.id, user.id))) throw notFound(`user is not a collaborator [name: ${user.name}]`);
  }

  /** What `user` may do in the repository, through the one permission function. */
  permissionOf(rc: RepoContext, user: User): Promise<RepoPermission> {
    return repoPermission(this.ctx.q, rc.repo, rc.owner, { user });
  }

  private assertAdmin(rc: RepoContext): void {
    if (!rc.perm.isAdmin) throw forbidden('only repository admins may manage collaborators');
  }

  // ---- stars and watches

  async linked(table: LinkTable, user: User, rc: RepoContext): Promise<{ createdUnix: number } | undefined> {
    return hasLink(this.ctx.q, table, user.id, rc.repo.id);
  }

  async link(table: LinkTable, user: User, rc: RepoContext, on: boolean): Promise<void> {
    if (on) await assertNotBlocked(this.ctx.q, rc.owner, user);
    const added = await this.ctx.db.kysely.transaction().execute((trx) => (on ? addLink(trx, table, user.id, rc.repo.id) : removeLink(trx, table, user.id, rc.repo.id).then(() => false)));
    if (added) await this.activity.record(table === 'stars' ? 'star_repo' : 'watch_repo', user, rc.repo);
  }

  async linkedUsers(table: LinkTable, rc: RepoContext, offset: number, limit: number): Promise<{ users: User[]; total: number }> {
    const { ids, total } = await linkedUserIds(this.ctx.q, table, rc.repo.id, offset, limit);
    return { users: await getUsersInOrder(this.ctx.q, ids), total };
  }

  // ---- topics

  topicsOf(repoIds: number[]): Promise<Map<number, string[]>> {
    return topicsOfRepos(this.ctx.q, repoIds);
  }

  async setTopics(rc: RepoContext, names: string[]): Promise<void> {
    if (!rc.perm.isAdmin) throw forbidden('only repository admins may change topics');
    const clean = [...new Set(names.map((n) => n.trim().toLowerCase()).filter(Boolean))].sort();
    const bad = invalidTopics(clean);
    if (bad.length) throw invalid(`invalid topics: ${bad.join(', ')}`);
    if (clean.length > MAX_TOPICS) throw invalid(`too many topics: at most ${MAX_TOPICS}`);
    await this.ctx.db.kysely.transaction().execute((trx) => setRepoTopics(trx, rc.repo.id, clean));
  }

  async addTopic(rc: RepoContext, name: string): Promise<void> {
    const current = (await this.topicsOf([rc.repo.id])).get(rc.repo.id) ?? [];
    await this.setTopics(rc, [...current, name]);
  }

  async removeTopic(rc: RepoContext, name: string): Promise<void> {
    const current = (await this.topicsOf([rc.repo.id])).get(rc.repo.id) ?? [];
    const lower = name.trim().toLowerCase();
    if (invalidTopics([lower]).length) throw invalid(`invalid topics: ${name}`);
    await this.setTopics(rc, current.filter((t) => t !== lower));
  }

  searchTopics(keyword: string, offset: number, limit: number): Promise<{ topics: Topic[]; total: number }> {
    return searchTopics(this.ctx.q, keyword, offset, limit);
  }
}
