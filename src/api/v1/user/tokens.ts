import { Type } from 'typebox';
import type { FastifyRequest } from 'fastify';
import { forbidden } from '../../../services/errors.js';
import type { User } from '../../../services/users.js';
import { callerOf } from '../auth.js';
import { toApiToken } from '../convert/token.js';
import { pageOf, setPageHeaders } from '../pagination.js';
import { Empty, errorResponses, PageQuery, ref } from '../schemas/common.js';
import { AccessToken, CreateAccessTokenOption } from '../schemas/token.js';
import type { Api } from '../types.js';

const Username = { username: Type.String({ description: 'username of user' }) };

export default async function tokenRoutes(app: Api): Promise<void> {
  const { services } = app;
  const tags = ['user'];
  // Gitea: the token endpoints take BasicAuth only, for the user themself or a site admin.
  const config = { scope: 'user' as const, access: 'basic' as const };

  async function owner(request: FastifyRequest, username: string): Promise<User> {
    const caller = callerOf(request).user;
    if (caller.name.toLowerCase() !== username.toLowerCase() && !caller.isAdmin) {
      throw forbidden('doer should be the site admin or be same as the contextUser');
    }
    return services.users.byName(username);
  }

  app.get(
    '/users/:username/tokens',
    {
      config,
      schema: {
        tags,
        summary: "List the authenticated user's access tokens",
        operationId: 'userGetTokens',
        params: Type.Object(Username),
        querystring: Type.Object(PageQuery),
        response: { 200: Type.Array(ref(AccessToken)), ...errorResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      const user = await owner(request, request.params.username);
      const page = pageOf(request.query, services.config.api);
      const { tokens, total } = await services.tokens.list(user, page.offset, page.limit);
      setPageHeaders(request, reply, services.config.server.rootUrl, page, total);
      return tokens.map((t) => toApiToken(t));
    },
  );

  app.post(
    '/users/:username/tokens',
    {
      config,
      schema: {
        tags,
        summary: 'Create an access token',
        operationId: 'userCreateToken',
        params: Type.Object(Username),
        body: ref(CreateAccessTokenOption),
        response: { 201: ref(AccessToken), ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const user = await owner(request, request.params.username);
      const { token, secret } = await services.tokens.create(user, request.body.name, request.body.scopes ?? []);
      return reply.code(201).send(toApiToken(token, secret));
    },
  );

  app.delete(
    '/users/:username/tokens/:token',
    {
      config,
      schema: {
        tags,
        summary: 'delete an access token',
        operationId: 'userDeleteAccessToken',
        params: Type.Object({ ...Username, token: Type.String({ description: 'token to be deleted, identified by ID and if not available by name' }) }),
        response: { 204: Empty, ...errorResponses(401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      const user = await owner(request, request.params.username);
      await services.tokens.remove(user, request.params.token);
      return reply.code(204).send(null);
    },
  );
}
