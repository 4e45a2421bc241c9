import { collaboratorModes, type AccessMode } from '../models/collaborations.js';
import { memberOrgIds, teamModesForRepos, type TeamGrant } from '../models/orgs.js';
import type { Repository } from '../models/repositories.js';
import type { Queryable } from '../models/types.js';
import type { User } from '../models/users.js';

export type { AccessMode };

export const ACCESS = { none: 0, read: 1, write: 2, admin: 3, owner: 4 } as const;

/** Gitea's repository units: parts of a repository a team may be given separately. */
export const UNITS = ['repo.code', 'repo.issues', 'repo.ext_issues', 'repo.wiki', 'repo.ext_wiki', 'repo.pulls', 'repo.releases', 'repo.projects', 'repo.packages', 'repo.actions'] as const;
export type Unit = (typeof UNITS)[number];

export interface RepoPermission {
  /** The highest mode on any unit. */
  mode: AccessMode;
  /** The mode on each unit. */
  units: Record<Unit, AccessMode>;
  /** Sees the repository at all: some unit is readable. Otherwise the repository is a 404. */
  canSee: boolean;
  /** Reads the code (clone, contents, branches, commits). */
  canRead: boolean;
  /** Pushes and edits code: write access to the code on a repository that is not archived. */
  canWrite: boolean;
  /** Change settings and collaborators, delete. */
  isAdmin: boolean;
}

/** The caller as permissions see them; `publicOnly` comes from a token scope. */
export interface Actor {
  user: User;
  publicOnly?: boolean;
}

function permission(base: AccessMode, teamUnits: Record<string, AccessMode>, repo: Repository): RepoPermission {
  const units = Object.fromEntries(UNITS.map((u) => [u, Math.max(base, teamUnits[u] ?? ACCESS.none)])) as Record<Unit, AccessMode>;
  const mode = Math.max(...Object.values(units)) as AccessMode;
  const code = units['repo.code'];
  return { mode, units, canSee: mode >= ACCESS.read, canRead: code >= ACCESS.read, canWrite: code >= ACCESS.write && !repo.isArchived, isAdmin: base >= ACCESS.admin };
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
      : [new Map<number, AccessMode>(), new Map<number, TeamGrant>(), new Set<number>()];
  return new Map(
    repos.map((repo) => {
      const team = teams.get(repo.id);
      const granted = Math.max(collaborations.get(repo.id) ?? ACCESS.none, team?.mode ?? ACCESS.none) as AccessMode;
      const base = modeOf(repo, owners.get(repo.ownerId), actor, granted, memberOf.has(repo.ownerId));
      // A public-only token reaches no private repository, whatever teams say.
      const teamUnits = actor?.publicOnly && repo.isPrivate ? {} : (team?.units ?? {});
      return [repo.id, permission(base, teamUnits, repo)];
    }),
  );
}

function modeOf(repo: Repository, owner: User | undefined, actor: Actor | null, granted: AccessMode, isOrgMember: boolean): AccessMode {
  const user = actor?.user;
  if (actor?.publicOnly && repo.isPrivate) return ACCESS.none;
  if (user?.isAdmin || (user && user.id === repo.ownerId)) return ACCESS.owner;
  // Restricted users read public repositories only of organizations they belong to.
  const publicRead = !repo.isPrivate && owner && ownerVisibleTo(owner, user, isOrgMember) && (!user?.isRestricted || isOrgMember) ? ACCESS.read : ACCESS.none;
  return Math.max(granted, publicRead) as AccessMode;
}

function ownerVisibleTo(owner: User, user: User | undefined, isOrgMember: boolean): boolean {
  if (owner.visibility === 'public') return true;
  if (!user) return false;
  return owner.visibility === 'limited' || owner.id === user.id || user.isAdmin || isOrgMember;
}

/** Full rights, for work the service does on its own account (cleanup, generated content). */
export const OWNER_PERMISSION: RepoPermission = {
  mode: ACCESS.owner,
  units: Object.fromEntries(UNITS.map((u) => [u, ACCESS.owner])) as Record<Unit, AccessMode>,
  canSee: true,
  canRead: true,
  canWrite: true,
  isAdmin: true,
};
