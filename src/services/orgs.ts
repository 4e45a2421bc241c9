import { isUniqueViolation } from '../models/errors.js';
import * as orgs from '../models/orgs.js';
import type { Team, TeamFields } from '../models/orgs.js';
import { countOwnedRepositories, ownedRepositoryIds } from '../models/repositories.js';
import { watchAll } from '../models/stars.js';
import type { Queryable } from '../models/types.js';
import { deleteUser, getUserByName, getUsersInOrder, insertUser, updateUser, type User, type UserFields, type Visibility } from '../models/users.js';
import type { ServiceContext } from './context.js';
import { forbidden, invalid, notFound } from './errors.js';
import { assertValidEmail, assertValidUserName } from './names.js';
import { ACCESS, type AccessMode } from './permissions.js';
import type { Viewer } from './users.js';
import { assertNotBlocked } from './blocks.js';

export type { Team };

export const OWNERS_TEAM = 'Owners';

export interface OrgInput {
  fullName?: string;
  email?: string;
  description?: string;
  website?: string;
  location?: string;
  visibility?: Visibility;
}

/** What a user may do in an organization. */
export interface OrgRole {
  isMember: boolean;
  isOwner: boolean;
  canCreateRepo: boolean;
}

const TEAM_PERMISSIONS: Record<string, AccessMode> = { read: ACCESS.read, write: ACCESS.write, admin: ACCESS.admin };

/** Organizations, their members and teams. An organization always keeps an owner. */
export class OrgService {
  constructor(private readonly ctx: ServiceContext) {}

  async create(creator: User, name: string, input: OrgInput): Promise<User> {
    assertValidUserName(name);
    if (input.email) assertValidEmail(input.email);
    if (creator.isOrganization) throw invalid('an organization cannot create organizations');
    if (!creator.allowCreateOrganization && !creator.isAdmin) throw forbidden('user is not allowed to create organizations');
    if (await getUserByName(this.ctx.q, name)) throw invalid(`user already exists [name: ${name}]`);
    try {
      return await this.ctx.db.kysely.transaction().execute(async (trx) => {
        const org = await insertUser(trx, {
          name,
          // Organizations need no e-mail; the unique column gets a placeholder no one can sign in with.
          email: input.email || `${name.toLowerCase()}@org.${this.ctx.config.service.noReplyAddress}`,
          isOrganization: true,
          fullName: input.fullName ?? '',
          description: input.description ?? '',
          website: input.website ?? '',
          location: input.location ?? '',
          visibility: input.visibility ?? 'public',
          allowCreateOrganization: false,
        });
        const owners = await orgs.insertTeam(trx, org.id, {
          name: OWNERS_TEAM,
          description: '',
          authorize: ACCESS.owner,
          includesAllRepositories: true,
          canCreateOrgRepo: true,
          units: {},
        });
        await orgs.addTeamMember(trx, owners, creator.id);
        return org;
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw invalid(`user or e-mail already exists [name: ${name}]`);
      throw err;
    }
  }

  /** An organization the viewer may see; users, unknown names and hidden organizations are all 404. */
  async get(name: string, viewer: Viewer | null): Promise<User> {
    const org = await getUserByName(this.ctx.q, name);
    if (!org || !org.isOrganization) throw notFound(`organization does not exist [name: ${name}]`);
    if (org.visibility === 'public' || viewer?.isAdmin) return org;
    if (org.visibility === 'limited' && viewer && !viewer.isRestricted) return org;
    if (viewer && (await orgs.orgMembership(this.ctx.q, org.id, viewer.id))) return org;
    throw notFound(`organization does not exist [name: ${name}]`);
  }

  async role(org: User, user: User | null): Promise<OrgRole> {
    if (!user) return { isMember: false, isOwner: false, canCreateRepo: false };
    if (user.isAdmin) return { isMember: true, isOwner: true, canCreateRepo: true };
    const membership = await orgs.orgMembership(this.ctx.q, org.id, user.id);
    if (!membership) return { isMember: false, isOwner: false, canCreateRepo: false };
    const { teams } = await orgs.listTeams(this.ctx.q, org.id, 0, 1000);
    let isOwner = false;
    let canCreateRepo = false;
    for (const team of teams) {
      if (!(await orgs.isTeamMember(this.ctx.q, team.id, user.id))) continue;
      if (team.authorize >= ACCESS.owner) isOwner = true;
      if (team.canCreateOrgRepo || team.authorize >= ACCESS.owner) canCreateRepo = true;
    }
    return { isMember: true, isOwner, canCreateRepo };
  }

  async assertOwner(org: User, user: User): Promise<void> {
    if (!(await this.role(org, user)).isOwner) throw forbidden('must be an owner of the organization');
  }

  async edit(org: User, doer: User, input: OrgInput): Promise<User> {
    await this.assertOwner(org, doer);
    if (input.email) assertValidEmail(input.email);
    const fields: UserFields = {
      fullName: input.fullName,
      email: input.email || undefined,
      description: input.description,
      website: input.website,
      location: input.location,
      visibility: input.visibility,
    };
    try {
      await updateUser(this.ctx.q, org.id, fields);
    } catch (err) {
      if (isUniqueViolation(err)) throw invalid(`e-mail already in use [email: ${input.email}]`);
      throw err;
    }
    this.ctx.credentialsChanged();
    return (await getUserByName(this.ctx.q, org.name))!;
  }

  async remove(org: User, doer: User): Promise<void> {
    await this.assertOwner(org, doer);
    if ((await countOwnedRepositories(this.ctx.q, org.id)) > 0) throw invalid('organization still has ownership of repositories: delete or transfer them first');
    await deleteUser(this.ctx.q, org.id);
  }

  list(viewer: Viewer | null, offset: number, limit: number): Promise<{ orgs: User[]; total: number }> {
    return orgs.listOrgs(this.ctx.q, { visibilities: visibleTo(viewer), viewerId: viewer?.id, offset, limit });
  }

  /** The organizations of a user: all of them for the user and admins, the public memberships for others. */
  orgsOf(user: User, viewer: Viewer | null, offset: number, limit: number): Promise<{ orgs: User[]; total: number }> {
    const self = viewer !== null && (viewer.id === user.id || viewer.isAdmin);
    return orgs.listUserOrgs(this.ctx.q, user.id, { publicOnly: !self, visibilities: self ? ['public', 'limited', 'private'] : visibleTo(viewer), viewerId: viewer?.id, offset, limit });
  }

  // ---- members

  async members(org: User, viewer: User | null, publicOnly: boolean, offset: number, limit: number): Promise<{ users: User[]; total: number }> {
    const isMember = viewer !== null && (await this.role(org, viewer)).isMember;
    return orgs.listOrgMembers(this.ctx.q, org.id, publicOnly || !isMember, offset, limit);
  }

  async isMember(org: User, user: User, viewer: User | null, publicOnly: boolean): Promise<boolean> {
    const membership = await orgs.orgMembership(this.ctx.q, org.id, user.id);
    if (!membership) return false;
    const viewerIsMember = viewer !== null && (await this.role(org, viewer)).isMember;
    return membership.isPublic || (!publicOnly && viewerIsMember);
  }

  async setPublic(org: User, user: User, doer: User, isPublic: boolean): Promise<void> {
    if (doer.id !== user.id && !doer.isAdmin) throw forbidden('only the member may change the visibility of their own membership');
    if (!(await orgs.orgMembership(this.ctx.q, org.id, user.id))) throw notFound(`user is not a member of the organization [name: ${user.name}]`);
    await orgs.setMembershipPublic(this.ctx.q, org.id, user.id, isPublic);
  }

  async removeMember(org: User, user: User, doer: User): Promise<void> {
    if (doer.id !== user.id) await this.assertOwner(org, doer);
    await this.assertKeepsAnOwner(org, user);
    await this.ctx.db.kysely.transaction().execute((trx) => orgs.removeOrgMember(trx, org.id, user.id));
    this.ctx.credentialsChanged();
  }

  private async assertKeepsAnOwner(org: User, leaving: User): Promise<void> {
    const owners = await orgs.getTeamByName(this.ctx.q, org.id, OWNERS_TEAM);
    if (!owners) return;
    const ids = await orgs.teamMemberIds(this.ctx.q, owners.id);
    if (ids.length === 1 && ids[0] === leaving.id) throw invalid('cannot remove the last owner of an organization');
  }

  // ---- teams

  async teams(org: User, offset: number, limit: number): Promise<{ teams: Team[]; total: number }> {
    return orgs.listTeams(this.ctx.q, org.id, offset, limit);
  }

  searchTeams(org: User, keyword: string, includeDescription: boolean, offset: number, limit: number): Promise<{ teams: Team[]; total: number }> {
    return orgs.searchTeams(this.ctx.q, org.id, keyword, includeDescription, offset, limit);
  }

  /** Gogs's membership call: "member" joins the organization, "owner"/"admin" joins its Owners team. */
  async setMembership(org: User, doer: User, user: User, role: string): Promise<void> {
    await this.assertOwner(org, doer);
    if (user.isOrganization) throw invalid('an organization cannot be a member of an organization');
    await assertNotBlocked(this.ctx.q, org, user);
    if (role === 'owner' || role === 'admin') {
      const owners = await orgs.getTeamByName(this.ctx.q, org.id, OWNERS_TEAM);
      if (!owners) throw notFound('the organization has no Owners team');
      await this.ctx.db.kysely.transaction().execute((trx) => orgs.addTeamMember(trx, owners, user.id));
    } else if (role === 'member') {
      await orgs.addOrgMember(this.ctx.q, org.id, user.id);
    } else {
      throw invalid(`[Role]: must be member, admin or owner [role: ${role}]`);
    }
  }

  async team(id: number): Promise<Team> {
    const team = await orgs.getTeam(this.ctx.q, id);
    if (!team) throw notFound(`team does not exist [id: ${id}]`);
    return team;
  }

  teamCounts(ids: number[]): Promise<Map<number, { members: number; repos: number }>> {
    return orgs.teamCounts(this.ctx.q, ids);
  }

  async createTeam(org: User, doer: User, input: { name: string; description?: string; permission?: string; includesAllRepositories?: boolean; canCreateOrgRepo?: boolean; units?: Record<string, string> }): Promise<Team> {
    await this.assertOwner(org, doer);
    const fields = this.teamFields(input);
    if (await orgs.getTeamByName(this.ctx.q, org.id, input.name)) throw invalid(`team already exists [name: ${input.name}]`);
    return orgs.insertTeam(this.ctx.q, org.id, { name: input.name, description: '', authorize: ACCESS.read, includesAllRepositories: false, canCreateOrgRepo: false, units: {}, ...fields } as TeamFields);
  }

  async editTeam(team: Team, org: User, doer: User, input: { name?: string; description?: string; permission?: string; includesAllRepositories?: boolean; canCreateOrgRepo?: boolean; units?: Record<string, string> }): Promise<Team> {
    await this.assertOwner(org, doer);
    const fields = this.teamFields(input);
    if (team.name === OWNERS_TEAM && (fields.name !== undefined && fields.name !== OWNERS_TEAM)) throw invalid('the Owners team cannot be renamed');
    if (team.name === OWNERS_TEAM) delete fields.authorize;
    if (fields.name && fields.name.toLowerCase() !== team.name.toLowerCase() && (await orgs.getTeamByName(this.ctx.q, org.id, fields.name))) {
      throw invalid(`team already exists [name: ${fields.name}]`);
    }
    await orgs.updateTeam(this.ctx.q, team.id, fields);
    this.ctx.credentialsChanged();
    const edited = await this.team(team.id);
    if (edited.includesAllRepositories && !team.includesAllRepositories) await this.autoWatch(this.ctx.q, await orgs.teamMemberIds(this.ctx.q, team.id), await this.reposOf(edited));
    return edited;
  }

  async deleteTeam(team: Team, org: User, doer: User): Promise<void> {
    await this.assertOwner(org, doer);
    if (team.name === OWNERS_TEAM) throw invalid('the Owners team cannot be deleted');
    await orgs.deleteTeam(this.ctx.q, team.id);
  }

  async addTeamMember(team: Team, org: User, doer: User, user: User): Promise<void> {
    await this.assertOwner(org, doer);
    if (user.isOrganization) throw invalid('an organization cannot be a team member');
    await assertNotBlocked(this.ctx.q, org, user);
    await this.ctx.db.kysely.transaction().execute(async (trx) => {
      await orgs.addTeamMember(trx, team, user.id);
      await this.autoWatch(trx, [user.id], await this.reposOf(team, trx));
    });
  }

  async removeTeamMember(team: Team, org: User, doer: User, user: User): Promise<void> {
    await this.assertOwner(org, doer);
    if (!(await orgs.isTeamMember(this.ctx.q, team.id, user.id))) throw notFound(`user is not a member of the team [name: ${user.name}]`);
    if (team.name === OWNERS_TEAM && (await orgs.countTeamMembers(this.ctx.q, team.id)) === 1) throw invalid('cannot remove the last owner of an organization');
    await orgs.removeTeamMember(this.ctx.q, team, user.id);
  }

  /** A page of a team's members, in the order they joined, read in one query. */
  async teamMembers(team: Team, offset: number, limit: number): Promise<{ users: User[]; total: number }> {
    const ids = await orgs.teamMemberIds(this.ctx.q, team.id);
    return { users: await getUsersInOrder(this.ctx.q, ids.slice(offset, offset + limit)), total: ids.length };
  }

  isTeamMember(team: Team, user: User): Promise<boolean> {
    return orgs.isTeamMember(this.ctx.q, team.id, user.id);
  }

  async addTeamRepo(team: Team, org: User, doer: User, repo: { id: number; ownerId: number }): Promise<void> {
    await this.assertOwner(org, doer);
    if (repo.ownerId !== org.id) throw invalid('the repository does not belong to the organization of the team');
    await orgs.addTeamRepo(this.ctx.q, team, repo.id);
    await this.autoWatch(this.ctx.q, await orgs.teamMemberIds(this.ctx.q, team.id), [repo.id]);
  }

  async removeTeamRepo(team: Team, org: User, doer: User, repoId: number): Promise<void> {
    await this.assertOwner(org, doer);
    await orgs.removeTeamRepo(this.ctx.q, team.id, repoId);
  }

  /** After a non-owner created a repository, the teams that let them create it get it too. */
  async grantCreatorTeams(org: User, creator: User, repoId: number): Promise<void> {
    const { teams } = await orgs.listTeams(this.ctx.q, org.id, 0, 1000);
    for (const team of teams) {
      if (team.canCreateOrgRepo && !team.includesAllRepositories && (await orgs.isTeamMember(this.ctx.q, team.id, creator.id))) await orgs.addTeamRepo(this.ctx.q, team, repoId);
    }
    await this.autoWatch(this.ctx.q, await orgs.teamMemberIdsForRepo(this.ctx.q, org.id, repoId), [repoId]);
  }

  /**
   * Gitea's AUTO_WATCH_NEW_REPOS for teams: whoever a team gives a repository to (a new member,
   * a repository added to the team, a team made to include all) watches it.
   */
  private async autoWatch(q: Queryable, userIds: number[], repoIds: number[]): Promise<void> {
    if (this.ctx.config.service.autoWatchNewRepos) await watchAll(q, userIds, repoIds);
  }

  /** The repositories a team reaches: all of its organization's, or those it lists. */
  private reposOf(team: Team, q: Queryable = this.ctx.q): Promise<number[]> {
    return team.includesAllRepositories ? ownedRepositoryIds(q, team.orgId) : orgs.teamRepoIds(q, team.id);
  }

  teamsOfUser(user: User): Promise<Team[]> {
    return orgs.teamsOfUser(this.ctx.q, user.id);
  }

  teamRepoIds(team: Team): Promise<number[]> {
    return orgs.teamRepoIds(this.ctx.q, team.id);
  }

  private teamFields(input: { name?: string; description?: string; permission?: string; includesAllRepositories?: boolean; canCreateOrgRepo?: boolean; units?: Record<string, string> }): Partial<TeamFields> {
    if (input.name !== undefined && !/^[\w.-]{1,255}$/.test(input.name)) throw invalid(`[Name]: invalid team name: ${input.name}`);
    const authorize = input.permission === undefined ? undefined : TEAM_PERMISSIONS[input.permission];
    if (input.permission !== undefined && authorize === undefined) throw invalid(`[Permission]: must be one of read, write, admin [permission: ${input.permission}]`);
    const units = input.units === undefined ? undefined : Object.fromEntries(Object.entries(input.units).map(([unit, mode]) => [unit, TEAM_PERMISSIONS[mode] ?? ACCESS.none])) as Record<string, AccessMode>;
    const fields: Partial<TeamFields> = { name: input.name, description: input.description, authorize, includesAllRepositories: input.includesAllRepositories, canCreateOrgRepo: input.canCreateOrgRepo, units };
    return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Partial<TeamFields>;
  }
}

/** Visibilities listed to the viewer besides the organizations the viewer belongs to. */
function visibleTo(viewer: Viewer | null): Visibility[] {
  return !viewer ? ['public'] : viewer.isAdmin ? ['public', 'limited', 'private'] : viewer.isRestricted ? [] : ['public', 'limited'];
}
