import type { FastifyContextConfig, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import type { User } from '../../../models/users.js';
import { forbidden, notFound } from '../../../services/errors.js';
import { callerOf } from '../auth.js';
import { toApiOrg } from '../convert/org.js';
import { pageOf, setPageHeaders } from '../pagination.js';
import { createInput, renderRepo, renderRepos } from '../repo/repos.js';
import { Empty, errorResponses, PageQuery, ref } from '../schemas/common.js';
import { CreateOrgOption, EditOrgOption, Organization, OrganizationPermissions } from '../schemas/org.js';
import { CreateRepoOption, Repository } from '../schemas/repo.js';
import { User as UserSchema } from '../schemas/user.js';
import type { Api } from '../types.js';
import { userPage } from '../user-page.js';
import { actorOf, userViewOf, viewerOf } from '../view.js';

const OrgParams = Type.Object({ org: Type.String({ description: 'name of the organization' }) });
const MemberParams = Type.Object({ org: Type.String({ description: 'name of the organization' }), username: Type.String({ description: 'username of the user' }) });

function orgInput(b: Static<typeof EditOrgOption>) {
  return { fullName: b.full_name, email: b.email, description: b.description, website: b.website, location: b.location, visibility: b.visibility };
}

export default async function orgRoutes(app: Api): Promise<void> {
  const { services } = app;
  const tags = ['organization'];
  const config = { scope: 'organization' as const };
  const signed = { ...config, access: 'signed' as const };

  const orgOf = (request: FastifyRequest<{ Params: { org: string } }>) => services.orgs.get(request.params.org, viewerOf(request));
  const renderOrgs = (request: FastifyRequest, orgs: User[]) => orgs.map((o) => toApiOrg(o, userViewOf(request)));

  // ---- create

  const createOrg = async (request: FastifyRequest, creator: User, body: Static<typeof CreateOrgOption>) =>
    toApiOrg(await services.orgs.create(creator, body.username, orgInput(body)), userViewOf(request));

  for (const [path, operationId, summary] of [
    ['/orgs', 'orgCreate', 'Create an organization'],
    ['/user/orgs', 'orgCreateGogs', 'Gogs: create an organization for the authenticated user'],
  ] as const) {
    app.post(
      path,
      { config: signed, schema: { tags, summary, operationId, body: ref(CreateOrgOption), response: { 201: ref(Organization), ...errorResponses(401, 403, 422) } } },
      async (request, reply) => reply.code(201).send(await createOrg(request, callerOf(request).user, request.body as Static<typeof CreateOrgOption>)),
    );
  }

  app.post(
    '/admin/users/:username/orgs',
    {
      config: { scope: 'admin', access: 'admin' },
      schema: { tags: ['admin'], summary: 'Create an organization', operationId: 'adminCreateOrg', params: Type.Object({ username: Type.String() }), body: ref(CreateOrgOption), response: { 201: ref(Organization), ...errorResponses(401, 403, 404, 422) } },
    },
    async (request, reply) => reply.code(201).send(await createOrg(request, await services.users.byName(request.params.username), request.body)),
  );

  // ---- read, edit, delete

  app.get(
    '/orgs/:org',
    { config, schema: { tags, summary: 'Get an organization', operationId: 'orgGet', params: OrgParams, response: { 200: ref(Organization), ...errorResponses(401, 403, 404) } } },
    async (request) => toApiOrg(await orgOf(request), userViewOf(request)),
  );

  app.patch(
    '/orgs/:org',
    { config: signed, schema: { tags, summary: 'Edit an organization', operationId: 'orgEdit', params: OrgParams, body: ref(EditOrgOption), response: { 200: ref(Organization), ...errorResponses(401, 403, 404, 422) } } },
    async (request) => toApiOrg(await services.orgs.edit(await orgOf(request), callerOf(request).user, orgInput(request.body)), userViewOf(request)),
  );

  app.delete(
    '/orgs/:org',
    { config: signed, schema: { tags, summary: 'Delete an organization', operationId: 'orgDelete', params: OrgParams, response: { 204: Empty, ...errorResponses(401, 403, 404, 422) } } },
    async (request, reply) => {
      await services.orgs.remove(await orgOf(request), callerOf(request).user);
      return reply.code(204).send(null);
    },
  );

  // ---- lists

  const listings: [string, FastifyContextConfig, string, string, string][] = [
    ['/orgs', config, 'organization', 'orgGetAll', 'Get list of organizations'],
    ['/admin/orgs', { scope: 'admin', access: 'admin' }, 'admin', 'adminGetAllOrgs', 'List all organizations'],
  ];
  for (const [path, routeConfig, routeTag, operationId, summary] of listings) {
    app.get(
      path,
      { config: routeConfig, schema: { tags: [routeTag], summary, operationId, querystring: Type.Object(PageQuery), response: { 200: Type.Array(ref(Organization)), ...errorResponses(401, 403) } } },
      async (request, reply) => {
        const page = pageOf(request.query as { page?: number; limit?: number }, services.config.api);
        const { orgs, total } = await services.orgs.list(viewerOf(request), page.offset, page.limit);
        setPageHeaders(request, reply, services.config.server.rootUrl, page, total);
        return renderOrgs(request, orgs);
      },
    );
  }

  app.get(
    '/user/orgs',
    { config: { scope: 'organization', access: 'signed' }, schema: { tags, summary: "List the current user's organizations", operationId: 'orgListCurrentUserOrgs', querystring: Type.Object(PageQuery), response: { 200: Type.Array(ref(Organization)), ...errorResponses(401, 403) } } },
    async (request, reply) => {
      const page = pageOf(request.query, services.config.api);
      const { orgs, total } = await services.orgs.orgsOf(callerOf(request).user, viewerOf(request), page.offset, page.limit);
      setPageHeaders(request, reply, services.config.server.rootUrl, page, total);
      return renderOrgs(request, orgs);
    },
  );

  app.get(
    '/users/:username/orgs',
    {
      config,
      schema: { tags, summary: "List a user's organizations", operationId: 'orgListUserOrgs', params: Type.Object({ username: Type.String() }), querystring: Type.Object(PageQuery), response: { 200: Type.Array(ref(Organization)), ...errorResponses(401, 403, 404) } },
    },
    async (request, reply) => {
      const user = await services.users.visibleByName(request.params.username, viewerOf(request));
      const page = pageOf(request.query, services.config.api);
      const { orgs, total } = await services.orgs.orgsOf(user, viewerOf(request), page.offset, page.limit);
      setPageHeaders(request, reply, services.config.server.rootUrl, page, total);
      return renderOrgs(request, orgs);
    },
  );

  // ---- repositories

  for (const [path, operationId, summary] of [
    ['/orgs/:org/repos', 'createOrgRepo', 'Create a repository in an organization'],
    ['/org/:org/repos', 'createOrgRepoDeprecated', 'Create a repository in an organization (Gogs)'],
  ] as const) {
    app.post(
      path,
      {
        config: { scope: 'repository', access: 'signed' },
        schema: { tags, summary, operationId, params: OrgParams, body: ref(CreateRepoOption), response: { 201: ref(Repository), ...errorResponses(401, 403, 404, 409, 422) } },
      },
      async (request, reply) => {
        const org = await orgOf(request as FastifyRequest<{ Params: { org: string } }>);
        const doer = callerOf(request).user;
        const role = await services.orgs.role(org, doer);
        if (!role.canCreateRepo) throw forbidden('Given user is not allowed to create repository in organization.');
        const b = request.body as Static<typeof CreateRepoOption>;
        const repo = await services.repos.create(org, doer, createInput(b), true);
        if (!role.isOwner) await services.orgs.grantCreatorTeams(org, doer, repo.id);
        return reply.code(201).send(await renderRepo(request, await services.repos.getById(repo.id, actorOf(request))));
      },
    );
  }

  app.get(
    '/orgs/:org/repos',
    { config: { scope: 'organization' }, schema: { tags, summary: "List an organization's repos", operationId: 'orgListRepos', params: OrgParams, querystring: Type.Object(PageQuery), response: { 200: Type.Array(ref(Repository)), ...errorResponses(401, 403, 404) } } },
    async (request, reply) => {
      const org = await orgOf(request);
      const page = pageOf(request.query, services.config.api);
      const { repos, total } = await services.repos.search({ viewer: viewerOf(request), ownerId: org.id, sort: 'alpha', order: 'asc', offset: page.offset, limit: page.limit });
      setPageHeaders(request, reply, services.config.server.rootUrl, page, total);
      return renderRepos(request, repos);
    },
  );

  // ---- members

  for (const [path, publicOnly, operationId, summary] of [
    ['/orgs/:org/members', false, 'orgListMembers', "List an organization's members"],
    ['/orgs/:org/public_members', true, 'orgListPublicMembers', "List an organization's public members"],
  ] as const) {
    app.get(
      path,
      { config, schema: { tags, summary, operationId, params: OrgParams, querystring: Type.Object(PageQuery), response: { 200: Type.Array(ref(UserSchema)), ...errorResponses(401, 403, 404) } } },
      async (request, reply) => {
        const org = await orgOf(request as FastifyRequest<{ Params: { org: string } }>);
        return userPage(request, reply, (page) => services.orgs.members(org, request.principal?.user ?? null, publicOnly, page.offset, page.limit));
      },
    );
  }

  for (const [path, publicOnly, operationId] of [
    ['/orgs/:org/members/:username', false, 'orgIsMember'],
    ['/orgs/:org/public_members/:username', true, 'orgIsPublicMember'],
  ] as const) {
    app.get(
      path,
      { config, schema: { tags, summary: 'Check if a user is a member of an organization', operationId, params: MemberParams, response: { 204: Empty, ...errorResponses(401, 403, 404) } } },
      async (request, reply) => {
        const params = request.params as Static<typeof MemberParams>;
        const org = await services.orgs.get(params.org, viewerOf(request));
        const user = await services.users.byName(params.username);
        if (!(await services.orgs.isMember(org, user, request.principal?.user ?? null, publicOnly))) throw notFound('user is not a member of the organization');
        return reply.code(204).send(null);
      },
    );
  }

  app.delete(
    '/orgs/:org/members/:username',
    { config: signed, schema: { tags, summary: 'Remove a member from an organization', operationId: 'orgDeleteMember', params: MemberParams, response: { 204: Empty, ...errorResponses(401, 403, 404, 422) } } },
    async (request, reply) => {
      const org = await services.orgs.get(request.params.org, viewerOf(request));
      await services.orgs.removeMember(org, await services.users.byName(request.params.username), callerOf(request).user);
      return reply.code(204).send(null);
    },
  );

  for (const [method, isPublic, operationId, summary] of [
    ['put', true, 'orgPublicizeMember', "Publicize a user's membership"],
    ['delete', false, 'orgConcealMember', "Conceal a user's membership"],
  ] as const) {
    app[method](
      '/orgs/:org/public_members/:username',
      { config: signed, schema: { tags, summary, operationId, params: MemberParams, response: { 204: Empty, ...errorResponses(401, 403, 404) } } },
      async (request, reply) => {
        const params = request.params as Static<typeof MemberParams>;
        const org = await services.orgs.get(params.org, viewerOf(request));
        await services.orgs.setPublic(org, await services.users.byName(params.username), callerOf(request).user, isPublic);
        return reply.code(204).send(null);
      },
    );
  }

  for (const [path, operationId] of [
    ['/orgs/:org/permissions/:username', 'orgGetUserPermissions'],
    ['/users/:username/orgs/:org/permissions', 'orgGetUserPermissionsAlias'],
  ] as const) {
    app.get(
      path,
      { config, schema: { tags, summary: 'Get user permissions in organization', operationId, params: MemberParams, response: { 200: ref(OrganizationPermissions), ...errorResponses(401, 403, 404) } } },
      async (request) => {
        const params = request.params as Static<typeof MemberParams>;
        const org = await services.orgs.get(params.org, viewerOf(request));
        const user = await services.users.visibleByName(params.username, viewerOf(request));
        const role = await services.orgs.role(org, user);
        return { is_owner: role.isOwner, is_admin: role.isOwner, can_write: role.isOwner, can_read: role.isMember || org.visibility !== 'private', can_create_repository: role.canCreateRepo };
      },
    );
  }
}
