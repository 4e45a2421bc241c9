import { Type } from 'typebox';
import { invalid } from '../../../services/errors.js';
import { callerOf } from '../auth.js';
import { toApiUser } from '../convert/user.js';
import { Empty, errorResponses, Int64, PageQuery, ref } from '../schemas/common.js';
import { CreateUserOption, EditUserOption, RenameUserOption, User } from '../schemas/user.js';
import type { Api } from '../types.js';
import { userPage } from '../user-page.js';
import { userViewOf, viewerOf } from '../view.js';

const Username = Type.Object({ username: Type.String({ description: 'username of user' }) });

export default async function adminUserRoutes(app: Api): Promise<void> {
  const { services } = app;
  const tags = ['admin'];
  const config = { scope: 'admin' as const, access: 'admin' as const };

  app.get(
    '/admin/users',
    {
      config,
      schema: {
        tags,
        summary: 'Search users according filter conditions',
        operationId: 'adminSearchUsers',
        querystring: Type.Object({
          source_id: Type.Optional(Int64({ description: "ID of the user's login source to search for" })),
          login_name: Type.Optional(Type.String({ description: "user's login name to search for" })),
          ...PageQuery,
        }),
        response: { 200: Type.Array(ref(User)), ...errorResponses(401, 403, 422) },
      },
    },
    async (request, reply) => {
      return userPage(request, reply, (page) =>
        services.users.search({
          viewer: viewerOf(request),
          loginName: request.query.login_name,
          sourceId: request.query.source_id,
          offset: page.offset,
          limit: page.limit,
        }),
      );
    },
  );

  app.post(
    '/admin/users',
    {
      config,
      schema: {
        tags,
        summary: 'Create a user',
        operationId: 'adminCreateUser',
        body: ref(CreateUserOption),
        response: { 201: ref(User), ...errorResponses(400, 401, 403, 422) },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const user = await services.users.create({
        username: b.username,
        email: b.email,
        password: b.password,
        fullName: b.full_name,
        loginName: b.login_name,
        sourceId: b.source_id,
        // Gitea's default: an admin-made password is temporary unless said otherwise.
        mustChangePassword: b.must_change_password ?? true,
        restricted: b.restricted,
        visibility: b.visibility,
        createdUnix: b.created_at ? Math.floor(Date.parse(b.created_at) / 1000) : undefined,
      });
      return reply.code(201).send(toApiUser(user, userViewOf(request)));
    },
  );

  app.patch(
    '/admin/users/:username',
    {
      config,
      schema: {
        tags,
        summary: 'Edit an existing user',
        operationId: 'adminEditUser',
        params: Username,
        body: ref(EditUserOption),
        response: { 200: ref(User), ...errorResponses(400, 401, 403, 404, 422) },
      },
    },
    async (request) => {
      const b = request.body;
      const user = await services.users.byName(request.params.username);
      const edited = await services.users.edit(user, {
        email: b.email,
        fullName: b.full_name,
        loginName: b.login_name,
        sourceId: b.source_id,
        password: b.password,
        mustChangePassword: b.must_change_password,
        website: b.website,
        location: b.location,
        description: b.description,
        active: b.active,
        admin: b.admin,
        allowGitHook: b.allow_git_hook,
        allowImportLocal: b.allow_import_local,
        allowCreateOrganization: b.allow_create_organization,
        maxRepoCreation: b.max_repo_creation,
        prohibitLogin: b.prohibit_login,
        restricted: b.restricted,
        visibility: b.visibility,
      });
      return toApiUser(edited, userViewOf(request));
    },
  );

  app.delete(
    '/admin/users/:username',
    {
      config,
      schema: {
        tags,
        summary: 'Delete a user',
        operationId: 'adminDeleteUser',
        params: Username,
        querystring: Type.Object({ purge: Type.Optional(Type.Boolean({ description: 'purge the user from the system completely' })) }),
        response: { 204: Empty, ...errorResponses(401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      const user = await services.users.byName(request.params.username);
      if (user.id === callerOf(request).user.id) throw invalid('you cannot delete yourself');
      await services.accounts.delete(user, callerOf(request).user, request.query.purge === true);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/admin/users/:username/rename',
    {
      config,
      schema: {
        tags,
        summary: 'Rename a user',
        operationId: 'adminRenameUser',
        params: Username,
        body: ref(RenameUserOption),
        response: { 204: Empty, ...errorResponses(401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      const user = await services.users.byName(request.params.username);
      await services.accounts.rename(user, request.body.new_username);
      return reply.code(204).send(null);
    },
  );
}
