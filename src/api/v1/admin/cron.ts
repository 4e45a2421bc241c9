import { Type } from 'typebox';
import { formatDuration } from '../../../config/index.js';
import { notFound } from '../../../services/errors.js';
import { rfc3339 } from '../convert/time.js';
import { pageOf, setPageHeaders } from '../pagination.js';
import { Cron } from '../schemas/admin.js';
import { Empty, errorResponses, PageQuery, ref } from '../schemas/common.js';
import type { Api } from '../types.js';

export default async function cronRoutes(app: Api): Promise<void> {
  const { services } = app;
  const config = { scope: 'admin' as const, access: 'admin' as const };
  const tags = ['admin'];

  app.get(
    '/admin/cron',
    { config, schema: { tags, summary: 'List cron tasks', operationId: 'adminCronList', querystring: Type.Object(PageQuery), response: { 200: Type.Array(ref(Cron)), ...errorResponses(401, 403) } } },
    async (request, reply) => {
      const page = pageOf(request.query, services.config.api);
      const all = services.cron.list();
      setPageHeaders(request, reply, services.config.server.rootUrl, page, all.length);
      return all.slice(page.offset, page.offset + page.limit).map((j) => ({
        name: j.name,
        schedule: `@every ${formatDuration(j.everyMs)}`,
        next: rfc3339(j.nextUnix),
        prev: rfc3339(j.prevUnix),
        exec_times: j.execTimes,
      }));
    },
  );

  // As Gitea: the task starts, the answer does not wait for it.
  app.post(
    '/admin/cron/:task',
    { config, schema: { tags, summary: 'Run cron task', operationId: 'adminCronRun', params: Type.Object({ task: Type.String() }), response: { 204: Empty, ...errorResponses(401, 403, 404) } } },
    async (request, reply) => {
      if (!services.cron.has(request.params.task)) throw notFound(`cron task does not exist [name: ${request.params.task}]`);
      void services.cron.run(request.params.task);
      return reply.code(204).send(null);
    },
  );
}
