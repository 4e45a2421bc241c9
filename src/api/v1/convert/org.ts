import type { Team } from '../../../models/orgs.js';
import type { User } from '../../../models/users.js';
import { toApiUser, type UserView } from './user.js';

/** Gitea's Organization JSON (plus Gogs's username). */
export function toApiOrg(org: User, view: UserView) {
  const user = toApiUser(org, view);
  return {
    id: org.id,
    name: org.name,
    username: org.name,
    full_name: org.fullName,
    email: org.email.includes('@org.') ? '' : org.email,
    avatar_url: user.avatar_url,
    description: org.description,
    website: org.website,
    location: org.location,
    visibility: org.visibility,
    repo_admin_change_team_access: false,
  };
}

const MODE = ['none', 'read', 'write', 'admin', 'owner'] as const;

/** Gitea's Team JSON; `org` may be omitted (null) where the organization is implied. */
export function toApiTeam(team: Team, org: ReturnType<typeof toApiOrg> | null) {
  const unitsMap = Object.fromEntries(Object.entries(team.units).map(([unit, mode]) => [unit, MODE[mode] ?? 'none']));
  return {
    id: team.id,
    name: team.name,
    description: team.description,
    organization: org,
    includes_all_repositories: team.includesAllRepositories,
    permission: MODE[team.authorize] ?? 'none',
    units: Object.keys(unitsMap),
    units_map: unitsMap,
    can_create_org_repo: team.canCreateOrgRepo,
  };
}
