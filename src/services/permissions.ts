import { collaboratorModes, type AccessMode } from '../models/collaborations.js';
import { memberOrgIds, teamModesForRepos } from '../models/orgs.js';
import type { Repository } from '../models/repositories.js';
import type { Queryable } from '../models/types.js';
import type { User } from '../models/users.js';

export type { AccessMode };

export const ACCESS = { none: 0, read: 1, write: 2, admin: 3, owner: 4 } as const;

export interface RepoPermission {
  mode: AccessMode;
  canRead: boolean;
  /** Push and edit content: write access on a repository that is not archived. */
  canWrite: boolean;
  /** Change settings and collaborators, delete. */
  isAdmin: boolean;
}

/** The caller as permissions see them; `publicOnly` comes from a token scope. */
export interface Actor {
  user: User;
  publicOnly?: boolean;
}

function permission(mode: AccessMode, repo: Repository): RepoPermission {
  return { mode, canRead: mode >= ACCESS.read, canWrite: mode >= ACCESS.write && !repo.isArchived, isAdmin: mode >= ACCESS.admin };
}

/**
 * What `actor` may do in `repo`, owned by `owner`. The one place that decides: site admins and
 * owners have everything, collaborators their mode, everyone else read access to public
 * repositories of owners they may see, and members of an organization's teams the team's mode
 * on its repositories. Restricted users see only what they were given.
 */
export async function repoPermission(q: Queryable, repo: Repository, owner: User, actor: Actor | null): Promise<RepoPermission> {
  return (await repoPermissions(q, [repo], new Map([[owner.id, owner]]), actor)).get(repo.id)!;
}

/** repoPermission over a list of repositories, with a fixed number of queries for all of them. */
export async function repoPermissions(q: Queryable, repos: Repository[], owners: Map<number, User>, actor: Actor | null): Promise<Map<number, RepoPermission>> {
  const user = actor?.user;
  const orgRepos = repos.filter((r) => owners.get(r.ownerId)?.isOrganization);
  const orgIds = [...new Set(orgRepos.map((r) => r.ownerId))];
  const [collaborations, teams, memberOf] =
    user && !user.isAdmin
      ? await Promise.all([collaboratorModes(q, repos.map((r) => r.id), user.id), teamModesForRepos(q, user.id, orgRepos), memberOrgIds(q, user.id, orgIds)])
      : [new Map<number, AccessMode>(), new Map<number, AccessMode>(), new Set<number>()];
  return new Map(
    repos.map((repo) => {
      const granted = Math.max(collaborations.get(repo.id) ?? ACCESS.none, teams.get(repo.id) ?? ACCESS.none) as AccessMode;
      return [repo.id, permission(modeOf(repo, owners.get(repo.ownerId), actor, granted, memberOf.has(repo.ownerId)), repo)];
    }),
  );
}

function modeOf(repo: Repository, owner: User | undefined, actor: Actor | null, granted: AccessMode, isOrgMember: boolean): AccessMode {
  const user = actor?.user;
  if (actor?.publicOnly && repo.isPrivate) return ACCESS.none;
  if (user?.isAdmin || (user && user.id === repo.ownerId)) return ACCESS.owner;
  const publicRead = !repo.isPrivate && owner && ownerVisibleTo(owner, user, isOrgMember) && !user?.isRestricted ? ACCESS.read : ACCESS.none;
  return Math.max(granted, publicRead) as AccessMode;
}

function ownerVisibleTo(owner: User, user: User | undefined, isOrgMember: boolean): boolean {
  if (owner.visibility === 'public') return true;
  if (!user) return false;
  return owner.visibility === 'limited' || owner.id === user.id || user.isAdmin || isOrgMember;
}

/** Full rights, for work the service does on its own account (cleanup, generated content). */
export const OWNER_PERMISSION: RepoPermission = { mode: ACCESS.owner, canRead: true, canWrite: true, isAdmin: true };
