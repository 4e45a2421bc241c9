import { Type } from 'typebox';
import { callerOf } from '../auth.js';
import { toApiUser, userListViewKey } from '../convert/user.js';
import { pageOf, setPageHeaders } from '../pagination.js';
import { errorResponses, Int64, PageQuery, ref } from '../schemas/common.js';
import { User, UserSearchResults } from '../schemas/user.js';
import { RenderedBodies } from '../rendered.js';
import type { Api } from '../types.js';
import { userViewOf, viewerOf } from '../view.js';

export default async function userRoutes(app: Api): Promise<void> {
  const { services } = app;
  const tags = ['user'];
  // The caller's account (AuthService) and search results (UsersService) are cached until the
  // users table changes; so are their bodies.
  const selfBodies = new RenderedBodies();
  const searchBodies = new RenderedBodies();

  app.get(
    '/user',
    {
      config: { scope: 'user', access: 'signed' },
      schema: { tags, summary: 'Get the authenticated user', operationId: 'userGetCurrent', response: { 200: ref(User), ...errorResponses(401, 403) } },
    },
    async (request, reply) => {
      const { user } = callerOf(request);
      const view = userViewOf(request);
      return selfBodies.send(reply, user, userListViewKey([user], view), () => toApiUser(user, view));
    },
  );

  app.get(
    '/users/search',
    {
      config: { scope: 'user' },
      schema: {
        tags,
        summary: 'Search for users',
        operationId: 'userSearch',
        querystring: Type.Object({
          q: Type.Optional(Type.String({ description: 'keyword' })),
          uid: Type.Optional(Int64({ description: 'ID of the user to search for' })),
          ...PageQuery,
        }),
        response: { 200: UserSearchResults, ...errorResponses(401, 403, 422) },
      },
    },
    async (request, reply) => {
      const page = pageOf(request.query, services.config.api);
      const result = await services.users.search({
        viewer: viewerOf(request),
        keyword: request.query.q?.trim(),
        uid: request.query.uid,
        offset: page.offset,
        limit: page.limit,
      });
      setPageHeaders(request, reply, services.config.server.rootUrl, page, result.total);
      const view = userViewOf(request);
      return searchBodies.send(reply, result, userListViewKey(result.users, view), () => ({ data: result.users.map((u) => toApiUser(u, view)), ok: true }));
    },
  );

  app.get(
    '/users/:username',
    {
      config: { scope: 'user' },
      schema: {
        tags,
        summary: 'Get a user',
        operationId: 'userGet',
        params: Type.Object({ username: Type.String({ description: 'username of user to get' }) }),
        response: { 200: ref(User), ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => toApiUser(await services.users.visibleByName(request.params.username, viewerOf(request)), userViewOf(request)),
  );
}
