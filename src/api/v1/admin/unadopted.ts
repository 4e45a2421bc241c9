import { Type } from 'typebox';
import { callerOf } from '../auth.js';
import { pageOf, setPageHeaders } from '../pagination.js';
import { Empty, errorResponses, PageQuery } from '../schemas/common.js';
import type { Api } from '../types.js';

const Params = Type.Object({ owner: Type.String(), repo: Type.String() });

export default async function unadoptedRoutes(app: Api): Promise<void> {
  const { services } = app;
  const config = { scope: 'admin' as const, access: 'admin' as const };
  const tags = ['admin'];

  app.get(
    '/admin/unadopted',
    {
      config,
      schema: {
        tags,
        summary: 'List unadopted repositories',
        operationId: 'adminUnadoptedList',
        querystring: Type.Object({ pattern: Type.Optional(Type.String({ description: 'pattern of repositories to search for' })), ...PageQuery }),
        response: { 200: Type.Array(Type.String()), ...errorResponses(401, 403) },
      },
    },
    async (request, reply) => {
      const page = pageOf(request.query, services.config.api);
      const all = await services.repos.unadopted(request.query.pattern ?? '');
      setPageHeaders(request, reply, services.config.server.rootUrl, page, all.length);
      return all.slice(page.offset, page.offset + page.limit);
    },
  );

  app.post(
    '/admin/unadopted/:owner/:repo',
    { config, schema: { tags, summary: 'Adopt unadopted files as a repository', operationId: 'adminAdoptRepository', params: Params, response: { 204: Empty, ...errorResponses(401, 403, 404, 422) } } },
    async (request, reply) => {
      await services.repos.adopt(request.params.owner, request.params.repo, callerOf(request).user);
      return reply.code(204).send(null);
    },
  );

  app.delete(
    '/admin/unadopted/:owner/:repo',
    { config, schema: { tags, summary: 'Delete unadopted files', operationId: 'adminDeleteUnadoptedRepository', params: Params, response: { 204: Empty, ...errorResponses(401, 403, 404) } } },
    async (request, reply) => {
      await services.repos.deleteUnadopted(request.params.owner, request.params.repo);
      return reply.code(204).send(null);
    },
  );
}
