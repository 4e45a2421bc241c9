import { sql, type Selectable, type SelectQueryBuilder } from 'kysely';
import type { Database, TeamsTable } from '../db/schema.js';
import type { AccessMode } from './collaborations.js';
import type { Queryable } from './types.js';
import { containsPattern, getUsersInOrder, type User, VISIBILITIES, type Visibility } from './users.js';

export interface Team {
  id: number;
  orgId: number;
  name: string;
  description: string;
  authorize: AccessMode;
  includesAllRepositories: boolean;
  canCreateOrgRepo: boolean;
  units: Record<string, AccessMode>;
}

const toTeam = (r: Selectable<TeamsTable>): Team => ({
  id: r.id,
  orgId: r.org_id,
  name: r.name,
  description: r.description,
  authorize: r.authorize as AccessMode,
  includesAllRepositories: r.includes_all_repositories === 1,
  canCreateOrgRepo: r.can_create_org_repo === 1,
  units: JSON.parse(r.units || '{}') as Record<string, AccessMode>,
});

export type TeamFields = Omit<Team, 'id' | 'orgId'>;

// ---- membership

export async function addOrgMember(db: Queryable, orgId: number, uid: number): Promise<void> {
  const existing = await db.selectFrom('org_users').select('id').where('org_id', '=', orgId).where('uid', '=', uid).executeTakeFirst();
  if (!existing) await db.insertInto('org_users').values({ org_id: orgId, uid, is_public: 0 }).execute();
}

export async function removeOrgMember(db: Queryable, orgId: number, uid: number): Promise<void> {
  await db.deleteFrom('team_users').where('org_id', '=', orgId).where('uid', '=', uid).execute();
  await db.deleteFrom('org_users').where('org_id', '=', orgId).where('uid', '=', uid).execute();
}

export async function orgMembership(db: Queryable, orgId: number, uid: number): Promise<{ isPublic: boolean } | undefined> {
  const row = await db.selectFrom('org_users').select('is_public').where('org_id', '=', orgId).where('uid', '=', uid).executeTakeFirst();
  return row && { isPublic: row.is_public === 1 };
}

export async function setMembershipPublic(db: Queryable, orgId: number, uid: number, isPublic: boolean): Promise<void> {
  await db.updateTable('org_users').set({ is_public: isPublic ? 1 : 0 }).where('org_id', '=', orgId).where('uid', '=', uid).execute();
}

export async function listOrgMembers(db: Queryable, orgId: number, publicOnly: boolean, offset: number, limit: number): Promise<{ users: User[]; total: number }> {
  let q = db.selectFrom('org_users').where('org_id', '=', orgId);
  if (publicOnly) q = q.where('is_public', '=', 1);
  const [rows, count] = await Promise.all([
    q.select('uid').orderBy('id').limit(limit).offset(offset).execute(),
    q.select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { users: await getUsersInOrder(db, rows.map((r) => r.uid)), total: Number(count.n) };
}

type OrgQuery = SelectQueryBuilder<Database, 'users' | 'org_users', object> | SelectQueryBuilder<Database, 'users', object>;

/** Organizations of visibilities the viewer may see, plus those the viewer belongs to. */
function visibleOrgs<Q extends SelectQueryBuilder<Database, 'users', object>>(q: Q, visibilities: Visibility[], viewerId: number | undefined): Q {
  const visible = visibilities.map((v) => VISIBILITIES.indexOf(v));
  return q.where((e) => {
    const ors = [e('users.visibility', 'in', visible.length ? visible : [-1])];
    if (viewerId !== undefined) ors.push(e.exists(e.selectFrom('org_users as v').select('v.id').whereRef('v.org_id', '=', 'users.id').where('v.uid', '=', viewerId)));
    return e.or(ors);
  }) as Q;
}

/** A page of organizations in name order, with the total. */
async function pageOfOrgs(db: Queryable, q: OrgQuery, offset: number, limit: number): Promise<{ orgs: User[]; total: number }> {
  const base = q as SelectQueryBuilder<Database, 'users', object>;
  const [rows, count] = await Promise.all([
    base.select('users.id').orderBy('users.lower_name').limit(limit).offset(offset).execute(),
    base.select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { orgs: await getUsersInOrder(db, rows.map((r) => r.id)), total: Number(count.n) };
}

/** Organizations a user belongs to (optionally only publicly), limited to visibilities the viewer may see. */
export async function listUserOrgs(
  db: Queryable,
  uid: number,
  o: { publicOnly: boolean; visibilities: Visibility[]; viewerId?: number; offset: number; limit: number },
): Promise<{ orgs: User[]; total: number }> {
  let q = db.selectFrom('users').innerJoin('org_users as m', 'm.org_id', 'users.id').where('m.uid', '=', uid);
  if (o.publicOnly) q = q.where('m.is_public', '=', 1);
  return pageOfOrgs(db, visibleOrgs(q as unknown as SelectQueryBuilder<Database, 'users', object>, o.visibilities, o.viewerId), o.offset, o.limit);
}

/** All organizations (for /orgs and /admin/orgs), filtered by visibility in SQL. */
export async function listOrgs(db: Queryable, o: { visibilities: Visibility[]; viewerId?: number; offset: number; limit: number }): Promise<{ orgs: User[]; total: number }> {
  return pageOfOrgs(db, visibleOrgs(db.selectFrom('users').where('users.type', '=', 1), o.visibilities, o.viewerId), o.offset, o.limit);
}

// ---- teams

export async function insertTeam(db: Queryable, orgId: number, f: TeamFields): Promise<Team> {
  const row = await db
    .insertInto('teams')
    .values({
      org_id: orgId,
      name: f.name,
      lower_name: f.name.toLowerCase(),
      description: f.description,
      authorize: f.authorize,
      includes_all_repositories: f.includesAllRepositories ? 1 : 0,
      can_create_org_repo: f.canCreateOrgRepo ? 1 : 0,
      units: JSON.stringify(f.units),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toTeam(row);
}

export async function updateTeam(db: Queryable, id: number, f: Partial<TeamFields>): Promise<void> {
  const cols = {
    name: f.name,
    lower_name: f.name?.toLowerCase(),
    description: f.description,
    authorize: f.authorize,
    includes_all_repositories: f.includesAllRepositories === undefined ? undefined : f.includesAllRepositories ? 1 : 0,
    can_create_org_repo: f.canCreateOrgRepo === undefined ? undefined : f.canCreateOrgRepo ? 1 : 0,
    units: f.units === undefined ? undefined : JSON.stringify(f.units),
  };
  const defined = Object.fromEntries(Object.entries(cols).filter(([, v]) => v !== undefined));
  if (Object.keys(defined).length) await db.updateTable('teams').set(defined).where('id', '=', id).execute();
}

export async function deleteTeam(db: Queryable, id: number): Promise<void> {
  await db.deleteFrom('teams').where('id', '=', id).execute();
}

export async function getTeam(db: Queryable, id: number): Promise<Team | undefined> {
  const row = await db.selectFrom('teams').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toTeam(row);
}

export async function getTeamByName(db: Queryable, orgId: number, name: string): Promise<Team | undefined> {
  const row = await db.selectFrom('teams').selectAll().where('org_id', '=', orgId).where('lower_name', '=', name.toLowerCase()).executeTakeFirst();
  return row && toTeam(row);
}

export async function listTeams(db: Queryable, orgId: number, offset: number, limit: number): Promise<{ teams: Team[]; total: number }> {
  const q = db.selectFrom('teams').where('org_id', '=', orgId);
  const [rows, count] = await Promise.all([
    q.selectAll().orderBy('lower_name').limit(limit).offset(offset).execute(),
    q.select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { teams: rows.map(toTeam), total: Number(count.n) };
}

export async function teamCounts(db: Queryable, teamIds: number[]): Promise<Map<number, { members: number; repos: number }>> {
  const result = new Map<number, { members: number; repos: number }>(teamIds.map((id) => [id, { members: 0, repos: 0 }]));
  if (teamIds.length === 0) return result;
  const members = await db.selectFrom('team_users').select(['team_id', (e) => e.fn.countAll<number>().as('n')]).where('team_id', 'in', teamIds).groupBy('team_id').execute();
  const repos = await db.selectFrom('team_repos').select(['team_id', (e) => e.fn.countAll<number>().as('n')]).where('team_id', 'in', teamIds).groupBy('team_id').execute();
  for (const r of members) result.get(r.team_id)!.members = Number(r.n);
  for (const r of repos) result.get(r.team_id)!.repos = Number(r.n);
  return result;
}

export async function addTeamMember(db: Queryable, team: Team, uid: number): Promise<void> {
  const existing = await db.selectFrom('team_users').select('id').where('team_id', '=', team.id).where('uid', '=', uid).executeTakeFirst();
  if (!existing) await db.insertInto('team_users').values({ org_id: team.orgId, team_id: team.id, uid }).execute();
  await addOrgMember(db, team.orgId, uid);
}

export async function removeTeamMember(db: Queryable, team: Team, uid: number): Promise<void> {
  await db.deleteFrom('team_users').where('team_id', '=', team.id).where('uid', '=', uid).execute();
}

export async function isTeamMember(db: Queryable, teamId: number, uid: number): Promise<boolean> {
  return Boolean(await db.selectFrom('team_users').select('id').where('team_id', '=', teamId).where('uid', '=', uid).executeTakeFirst());
}

export async function teamMemberIds(db: Queryable, teamId: number): Promise<number[]> {
  return (await db.selectFrom('team_users').select('uid').where('team_id', '=', teamId).orderBy('id').execute()).map((r) => r.uid);
}

export async function countTeamMembers(db: Queryable, teamId: number): Promise<number> {
  const row = await db.selectFrom('team_users').select((e) => e.fn.countAll<number>().as('n')).where('team_id', '=', teamId).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function addTeamRepo(db: Queryable, team: Team, repoId: number): Promise<void> {
  const existing = await db.selectFrom('team_repos').select('id').where('team_id', '=', team.id).where('repo_id', '=', repoId).executeTakeFirst();
  if (!existing) await db.insertInto('team_repos').values({ org_id: team.orgId, team_id: team.id, repo_id: repoId }).execute();
}

export async function removeTeamRepo(db: Queryable, teamId: number, repoId: number): Promise<void> {
  await db.deleteFrom('team_repos').where('team_id', '=', teamId).where('repo_id', '=', repoId).execute();
}

export async function teamRepoIds(db: Queryable, teamId: number): Promise<number[]> {
  return (await db.selectFrom('team_repos').select('repo_id').where('team_id', '=', teamId).orderBy('id').execute()).map((r) => r.repo_id);
}

/** Members of the organization's teams that may reach `repoId`: teams that include all repositories, or list it. */
export async function teamMemberIdsForRepo(db: Queryable, orgId: number, repoId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('team_users as tu')
    .innerJoin('teams as t', 't.id', 'tu.team_id')
    .select('tu.uid')
    .distinct()
    .where('t.org_id', '=', orgId)
    .where((e) => e.or([e('t.includes_all_repositories', '=', 1), e.exists(e.selectFrom('team_repos as tr').select('tr.id').whereRef('tr.team_id', '=', 't.id').where('tr.repo_id', '=', repoId))]))
    .execute();
  return rows.map((r) => r.uid);
}

/**
 * What a user's teams grant on a repository: `mode` from teams that grant the whole repository
 * (admin and owner teams, and teams without per-unit settings), `units` per unit from the others.
 */
export interface TeamGrant {
  mode: AccessMode;
  units: Record<string, AccessMode>;
}

export async function teamModesForRepos(db: Queryable, uid: number, repos: { id: number; ownerId: number }[]): Promise<Map<number, TeamGrant>> {
  const result = new Map<number, TeamGrant>();
  if (repos.length === 0) return result;
  const orgIds = [...new Set(repos.map((r) => r.ownerId))];
  const teams = await db
    .selectFrom('team_users as tu')
    .innerJoin('teams as t', 't.id', 'tu.team_id')
    .select(['t.id', 't.org_id', 't.authorize', 't.includes_all_repositories', 't.units'])
    .where('tu.uid', '=', uid)
    .where('t.org_id', 'in', orgIds)
    .execute();
  if (teams.length === 0) return result;
  const listed = await db
    .selectFrom('team_repos')
    .select(['team_id', 'repo_id'])
    .where('team_id', 'in', teams.map((t) => t.id))
    .where('repo_id', 'in', repos.map((r) => r.id))
    .execute();
  const listedSet = new Set(listed.map((l) => `${l.team_id}:${l.repo_id}`));
  const unitsOf = new Map(teams.map((t) => [t.id, JSON.parse(t.units || '{}') as Record<string, AccessMode>]));
  for (const repo of repos) {
    for (const t of teams) {
      if (t.org_id !== repo.ownerId) continue;
      if (t.includes_all_repositories !== 1 && !listedSet.has(`${t.id}:${repo.id}`)) continue;
      const grant = result.get(repo.id) ?? { mode: 0, units: {} };
      const units = unitsOf.get(t.id)!;
      if (t.authorize >= 3 || Object.keys(units).length === 0) {
        grant.mode = Math.max(grant.mode, t.authorize) as AccessMode;
      } else {
        for (const [unit, mode] of Object.entries(units)) grant.units[unit] = Math.max(grant.units[unit] ?? 0, mode) as AccessMode;
      }
      result.set(repo.id, grant);
    }
  }
  return result;
}

/** Of the given organizations, those the user belongs to. */
export async function memberOrgIds(db: Queryable, uid: number, orgIds: number[]): Promise<Set<number>> {
  if (orgIds.length === 0) return new Set();
  const rows = await db.selectFrom('org_users').select('org_id').where('uid', '=', uid).where('org_id', 'in', orgIds).execute();
  return new Set(rows.map((r) => r.org_id));
}

export async function searchTeams(db: Queryable, orgId: number, keyword: string, includeDescription: boolean, offset: number, limit: number): Promise<{ teams: Team[]; total: number }> {
  let q = db.selectFrom('teams').where('org_id', '=', orgId);
  if (keyword) {
    const like = containsPattern(keyword);
    q = includeDescription
      ? q.where(sql<boolean>`(lower_name like ${like} escape '\\' or lower(description) like ${like} escape '\\')`)
      : q.where(sql<boolean>`lower_name like ${like} escape '\\'`);
  }
  const [rows, count] = await Promise.all([
    q.selectAll().orderBy('lower_name').limit(limit).offset(offset).execute(),
    q.select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { teams: rows.map(toTeam), total: Number(count.n) };
}

/** Organizations whose Owners team has `uid` as its only member. */
export async function soleOwnerOrgIds(db: Queryable, uid: number, ownersTeam: string): Promise<number[]> {
  const teams = await db
    .selectFrom('teams as t')
    .innerJoin('team_users as tu', 'tu.team_id', 't.id')
    .select('t.id')
    .select('t.org_id')
    .where('t.lower_name', '=', ownersTeam.toLowerCase())
    .where('tu.uid', '=', uid)
    .execute();
  const result: number[] = [];
  for (const team of teams) if ((await countTeamMembers(db, team.id)) === 1) result.push(team.org_id);
  return result;
}

/** Every team the user is a member of, in any organization. */
export async function teamsOfUser(db: Queryable, uid: number): Promise<Team[]> {
  const rows = await db.selectFrom('teams as t').innerJoin('team_users as tu', 'tu.team_id', 't.id').selectAll('t').where('tu.uid', '=', uid).orderBy('t.org_id').orderBy('t.lower_name').execute();
  return rows.map(toTeam);
}
