import type { FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import type { Team } from '../../../models/orgs.js';
import type { User } from '../../../models/users.js';
import { notFound } from '../../../services/errors.js';
import { callerOf } from '../auth.js';
import { toApiOrg, toApiTeam } from '../convert/org.js';
import { toApiUser } from '../convert/user.js';
import { pageOf, setPageHeaders } from '../pagination.js';
import { renderRepos } from '../repo/repos.js';
import { Empty, errorResponses, Int64, PageQuery, ref } from '../schemas/common.js';
import { CreateTeamOption, EditTeamOption, Team as TeamSchema } from '../schemas/org.js';
import { Repository } from '../schemas/repo.js';
import { User as UserSchema } from '../schemas/user.js';
import type { Api } from '../types.js';
import { userPage } from '../user-page.js';
import { actorOf, userViewOf, viewerOf } from '../view.js';

const IdParams = Type.Object({ id: Int64({ description: 'id of the team' }) });
const TeamUserParams = Type.Object({ id: Int64({ description: 'id of the team' }), username: Type.String() });
const TeamRepoParams = Type.Object({ id: Int64({ description: 'id of the team' }), org: Type.String(), repo: Type.String() });

function teamInput(b: Partial<Static<typeof EditTeamOption>>) {
  const units = b.units_map ?? (b.units ? Object.fromEntries(b.units.map((u) => [u, b.permission ?? 'read'])) : undefined);
  return { name: b.name, description: b.description, permission: b.permission, includesAllRepositories: b.includes_all_repositories, canCreateOrgRepo: b.can_create_org_repo, units };
}

export default async function teamRoutes(app: Api): Promise<void> {
  const { services } = app;
  const tags = ['organization'];
  const config = { scope: 'organization' as const, access: 'signed' as const };

  /** A team and its organization, for the team's members and the organization's owners (404 for others, as Gitea). */
  async function teamOf(request: FastifyRequest<{ Params: { id: number } }>): Promise<{ team: Team; org: User }> {
    const team = await services.orgs.team(request.params.id);
    const org = await services.users.byId(team.orgId);
    const user = callerOf(request).user;
    if (!(await services.orgs.role(org, user)).isOwner && !(await services.orgs.isTeamMember(team, user))) throw notFound(`team does not exist [id: ${team.id}]`);
    return { team, org };
  }

  async function renderTeams(request: FastifyRequest, teams: Team[], org: User) {
    const apiOrg = toApiOrg(org, userViewOf(request));
    return teams.map((t) => toApiTeam(t, apiOrg));
  }

  app.get(
    '/orgs/:org/teams',
    {
      config,
      schema: { tags, summary: "List an organization's teams", operationId: 'orgListTeams', params: Type.Object({ org: Type.String() }), querystring: Type.Object(PageQuery), response: { 200: Type.Array(ref(TeamSchema)), ...errorResponses(401, 403, 404) } },
    },
    async (request, reply) => {
      const org = await services.orgs.get(request.params.org, viewerOf(request));
      if (!(await services.orgs.role(org, callerOf(request).user)).isMember) throw notFound('organization does not exist');
      const page = pageOf(request.query, services.config.api);
      const { teams, total } = await services.orgs.teams(org, page.offset, page.limit);
      setPageHeaders(request, reply, services.config.server.rootUrl, page, total);
      return renderTeams(request, teams, org);
    },
  );

  app.post(
    '/orgs/:org/teams',
    {
      config,
      schema: { tags, summary: 'Create a team', operationId: 'orgCreateTeam', params: Type.Object({ org: Type.String() }), body: ref(CreateTeamOption), response: { 201: ref(TeamSchema), ...errorResponses(401, 403, 404, 422) } },
    },
    async (request, reply) => {
      const org = await services.orgs.get(request.params.org, viewerOf(request));
      const team = await services.orgs.createTeam(org, callerOf(request).user, { ...teamInput(request.body), name: request.body.name });
      return reply.code(201).send((await renderTeams(request, [team], org))[0]);
    },
  );

  app.get(
    '/teams/:id',
    { config, schema: { tags, summary: 'Get a team', operationId: 'orgGetTeam', params: IdParams, response: { 200: ref(TeamSchema), ...errorResponses(401, 403, 404) } } },
    async (request) => {
      const { team, org } = await teamOf(request);
      return (await renderTeams(request, [team], org))[0];
    },
  );

  app.patch(
    '/teams/:id',
    { config, schema: { tags, summary: 'Edit a team', operationId: 'orgEditTeam', params: IdParams, body: ref(EditTeamOption), response: { 200: ref(TeamSchema), ...errorResponses(401, 403, 404, 422) } } },
    async (request) => {
      const { team, org } = await teamOf(request);
      const edited = await services.orgs.editTeam(team, org, callerOf(request).user, teamInput(request.body));
      return (await renderTeams(request, [edited], org))[0];
    },
  );

  app.delete(
    '/teams/:id',
    { config, schema: { tags, summary: 'Delete a team', operationId: 'orgDeleteTeam', params: IdParams, response: { 204: Empty, ...errorResponses(401, 403, 404, 422) } } },
    async (request, reply) => {
      const { team, org } = await teamOf(request);
      await services.orgs.deleteTeam(team, org, callerOf(request).user);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/teams/:id/members',
    { config, schema: { tags, summary: "List a team's members", operationId: 'orgListTeamMembers', params: IdParams, querystring: Type.Object(PageQuery), response: { 200: Type.Array(ref(UserSchema)), ...errorResponses(401, 403, 404) } } },
    async (request, reply) => {
      const { team } = await teamOf(request);
      return userPage(request, reply, (page) => services.orgs.teamMembers(team, page.offset, page.limit));
    },
  );

  app.get(
    '/teams/:id/members/:username',
    { config, schema: { tags, summary: 'Check if a user is a member of a team', operationId: 'orgListTeamMember', params: TeamUserParams, response: { 200: ref(UserSchema), ...errorResponses(401, 403, 404) } } },
    async (request) => {
      const { team } = await teamOf(request);
      const user = await services.users.byName(request.params.username);
      if (!(await services.orgs.isTeamMember(team, user))) throw notFound(`user is not a member of the team [name: ${user.name}]`);
      return toApiUser(user, userViewOf(request));
    },
  );

  for (const [method, add, operationId, summary] of [
    ['put', true, 'orgAddTeamMember', 'Add a team member'],
    ['delete', false, 'orgRemoveTeamMember', 'Remove a team member'],
  ] as const) {
    app[method](
      '/teams/:id/members/:username',
      { config, schema: { tags, summary, operationId, params: TeamUserParams, response: { 204: Empty, ...errorResponses(401, 403, 404, 422) } } },
      async (request, reply) => {
        const params = request.params as Static<typeof TeamUserParams>;
        const { team, org } = await teamOf(request as FastifyRequest<{ Params: { id: number } }>);
        const user = await services.users.byName(params.username);
        if (add) await services.orgs.addTeamMember(team, org, callerOf(request).user, user);
        else await services.orgs.removeTeamMember(team, org, callerOf(request).user, user);
        return reply.code(204).send(null);
      },
    );
  }

  app.get(
    '/teams/:id/repos',
    { config, schema: { tags, summary: "List a team's repos", operationId: 'orgListTeamRepos', params: IdParams, querystring: Type.Object(PageQuery), response: { 200: Type.Array(ref(Repository)), ...errorResponses(401, 403, 404) } } },
    async (request, reply) => {
      const { team, org } = await teamOf(request);
      const page = pageOf(request.query, services.config.api);
      if (team.includesAllRepositories) {
        const { repos, total } = await services.repos.search({ viewer: viewerOf(request), ownerId: org.id, sort: 'alpha', order: 'asc', offset: page.offset, limit: page.limit });
        setPageHeaders(request, reply, services.config.server.rootUrl, page, total);
        return renderRepos(request, repos);
      }
      const ids = await services.orgs.teamRepoIds(team);
      setPageHeaders(request, reply, services.config.server.rootUrl, page, ids.length);
      const repos = await Promise.all(ids.slice(page.offset, page.offset + page.limit).map(async (id) => (await services.repos.getById(id, actorOf(request))).repo));
      return renderRepos(request, repos);
    },
  );

  for (const [method, add, operationId, summary] of [
    ['put', true, 'orgAddTeamRepository', 'Add a repository to a team'],
    ['delete', false, 'orgRemoveTeamRepository', 'Remove a repository from a team'],
  ] as const) {
    app[method](
      '/teams/:id/repos/:org/:repo',
      { config, schema: { tags, summary, operationId, params: TeamRepoParams, response: { 204: Empty, ...errorResponses(401, 403, 404, 422) } } },
      async (request, reply) => {
        const params = request.params as Static<typeof TeamRepoParams>;
        const { team, org } = await teamOf(request as FastifyRequest<{ Params: { id: number } }>);
        const rc = await services.repos.get(params.org, params.repo, actorOf(request));
        if (add) await services.orgs.addTeamRepo(team, org, callerOf(request).user, rc.repo);
        else await services.orgs.removeTeamRepo(team, org, callerOf(request).user, rc.repo.id);
        return reply.code(204).send(null);
      },
    );
  }

  app.get(
    '/teams/:id/repos/:org/:repo',
    { config, schema: { tags, summary: 'List a particular repo of team', operationId: 'orgListTeamRepo', params: TeamRepoParams, response: { 200: ref(Repository), ...errorResponses(401, 403, 404) } } },
    async (request) => {
      const { team, org } = await teamOf(request);
      const rc = await services.repos.get(request.params.org, request.params.repo, actorOf(request));
      const listed = team.includesAllRepositories ? rc.repo.ownerId === org.id : (await services.orgs.teamRepoIds(team)).includes(rc.repo.id);
      if (!listed) throw notFound('the repository is not one of the team\'s');
      return (await renderRepos(request, [rc.repo]))[0];
    },
  );

  app.get(
    '/user/teams',
    { config, schema: { tags: ['user'], summary: 'List all the teams a user belongs to', operationId: 'userListTeams', querystring: Type.Object(PageQuery), response: { 200: Type.Array(ref(TeamSchema)), ...errorResponses(401, 403) } } },
    async (request, reply) => {
      const teams = await services.orgs.teamsOfUser(callerOf(request).user);
      const page = pageOf(request.query, services.config.api);
      setPageHeaders(request, reply, services.config.server.rootUrl, page, teams.length);
      const rendered = [];
      for (const team of teams.slice(page.offset, page.offset + page.limit)) rendered.push(...(await renderTeams(request, [team], await services.users.byId(team.orgId))));
      return rendered;
    },
  );

  app.get(
    '/orgs/:org/teams/search',
    {
      config,
      schema: {
        tags,
        summary: 'Search for teams within an organization',
        operationId: 'teamSearch',
        params: Type.Object({ org: Type.String() }),
        querystring: Type.Object({ q: Type.Optional(Type.String()), include_desc: Type.Optional(Type.Boolean()), ...PageQuery }),
        response: { 200: Type.Object({ data: Type.Array(ref(TeamSchema)), ok: Type.Boolean() }), ...errorResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      const org = await services.orgs.get(request.params.org, viewerOf(request));
      if (!(await services.orgs.role(org, callerOf(request).user)).isMember) throw notFound('organization does not exist');
      const page = pageOf(request.query, services.config.api);
      const { teams, total } = await services.orgs.searchTeams(org, request.query.q?.trim() ?? '', request.query.include_desc !== false, page.offset, page.limit);
      setPageHeaders(request, reply, services.config.server.rootUrl, page, total);
      return { data: await renderTeams(request, teams, org), ok: true };
    },
  );

  app.put(
    '/orgs/:org/memberships/:username',
    {
      config,
      schema: {
        tags,
        summary: 'Gogs: add or update a membership of an organization (role: member, admin or owner)',
        operationId: 'orgPutMembershipGogs',
        params: Type.Object({ org: Type.String(), username: Type.String() }),
        body: Type.Object({ role: Type.Optional(Type.String({ enum: ['member', 'admin', 'owner'] })) }),
        response: { 204: Empty, ...errorResponses(401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      const org = await services.orgs.get(request.params.org, viewerOf(request));
      await services.orgs.setMembership(org, callerOf(request).user, await services.users.byName(request.params.username), request.body.role ?? 'member');
      return reply.code(204).send(null);
    },
  );

  // ---- Gogs's admin forms of the team calls (site admins only)

  const admin = { scope: 'admin' as const, access: 'admin' as const };
  const adminTags = ['admin'];

  app.post(
    '/admin/orgs/:org/teams',
    { config: admin, schema: { tags: adminTags, summary: 'Gogs: create a team in an organization', operationId: 'adminCreateTeamGogs', params: Type.Object({ org: Type.String() }), body: ref(CreateTeamOption), response: { 201: ref(TeamSchema), ...errorResponses(401, 403, 404, 422) } } },
    async (request, reply) => {
      const org = await services.orgs.get(request.params.org, viewerOf(request));
      const team = await services.orgs.createTeam(org, callerOf(request).user, { ...teamInput(request.body), name: request.body.name });
      return reply.code(201).send((await renderTeams(request, [team], org))[0]);
    },
  );

  app.get(
    '/admin/teams/:id/members',
    { config: admin, schema: { tags: adminTags, summary: "Gogs: list a team's members", operationId: 'adminListTeamMembersGogs', params: IdParams, response: { 200: Type.Array(ref(UserSchema)), ...errorResponses(401, 403, 404) } } },
    async (request) => {
      const team = await services.orgs.team(request.params.id);
      const { users } = await services.orgs.teamMembers(team, 0, Number.MAX_SAFE_INTEGER);
      const view = userViewOf(request);
      return users.map((u) => toApiUser(u, view));
    },
  );

  for (const [method, add] of [
    ['put', true],
    ['delete', false],
  ] as const) {
    app[method](
      '/admin/teams/:id/members/:username',
      { config: admin, schema: { tags: adminTags, summary: `Gogs: ${add ? 'add' : 'remove'} a team member`, operationId: `admin${add ? 'Add' : 'Remove'}TeamMemberGogs`, params: TeamUserParams, response: { 204: Empty, ...errorResponses(401, 403, 404, 422) } } },
      async (request, reply) => {
        const params = request.params as Static<typeof TeamUserParams>;
        const team = await services.orgs.team(params.id);
        const org = await services.users.byId(team.orgId);
        const user = await services.users.byName(params.username);
        if (add) await services.orgs.addTeamMember(team, org, callerOf(request).user, user);
        else await services.orgs.removeTeamMember(team, org, callerOf(request).user, user);
        return reply.code(204).send(null);
      },
    );
    app[method](
      '/admin/teams/:id/repos/:repo',
      {
        config: admin,
        schema: { tags: adminTags, summary: `Gogs: ${add ? 'add' : 'remove'} a repository of the team's organization`, operationId: `admin${add ? 'Add' : 'Remove'}TeamRepoGogs`, params: Type.Object({ id: Int64(), repo: Type.String() }), response: { 204: Empty, ...errorResponses(401, 403, 404, 422) } },
      },
      async (request, reply) => {
        const params = request.params as { id: number; repo: string };
        const team = await services.orgs.team(params.id);
        const org = await services.users.byId(team.orgId);
        const rc = await services.repos.get(org.name, params.repo, actorOf(request));
        if (add) await services.orgs.addTeamRepo(team, org, callerOf(request).user, rc.repo);
        else await services.orgs.removeTeamRepo(team, org, callerOf(request).user, rc.repo.id);
        return reply.code(204).send(null);
      },
    );
  }
}
