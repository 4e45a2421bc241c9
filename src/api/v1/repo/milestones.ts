import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import { toApiMilestone } from '../convert/issue.js';
import { pageOf, setPageHeaders } from '../pagination.js';
import { Empty, errorResponses, PageQuery, ref } from '../schemas/common.js';
import { CreateMilestoneOption, EditMilestoneOption, Milestone } from '../schemas/issue.js';
import { unixOf } from '../convert/time.js';
import type { Api } from '../types.js';
import { RepoParams, repoOf } from './context.js';

const RefParams = Type.Object({ ...RepoParams, id: Type.String({ description: 'the milestone to get, identified by ID and if not available by name' }) });

/** Milestones of a repository. */
export default async function milestoneRoutes(app: Api): Promise<void> {
  const { services } = app;
  const tags = ['issue'];
  const read = { scope: 'issue' as const };
  const write = { scope: 'issue' as const, access: 'signed' as const };
  const rcOf = (request: FastifyRequest) => repoOf(request as FastifyRequest<{ Params: { owner: string; repo: string } }>);
  const refOf = (request: FastifyRequest) => (request.params as { id: string }).id;

  app.get(
    '/repos/:owner/:repo/milestones',
    {
      config: read,
      schema: {
        tags,
        summary: 'List a repository\'s milestones',
        operationId: 'issueGetMilestonesList',
        params: Type.Object(RepoParams),
        querystring: Type.Object({ state: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('closed'), Type.Literal('all')])), name: Type.Optional(Type.String()), ...PageQuery }),
        response: { 200: Type.Array(ref(Milestone)), ...errorResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      const p = pageOf(request.query, services.config.api);
      const { milestones, total } = await services.milestones.list(await rcOf(request), { state: request.query.state ?? 'open', name: request.query.name, offset: p.offset, limit: p.limit });
      setPageHeaders(request, reply, services.config.server.rootUrl, p, total);
      return milestones.map(toApiMilestone);
    },
  );
  app.post(
    '/repos/:owner/:repo/milestones',
    { config: write, schema: { tags, summary: 'Create a milestone', operationId: 'issueCreateMilestone', params: Type.Object(RepoParams), body: ref(CreateMilestoneOption), response: { 201: ref(Milestone), ...errorResponses(401, 403, 404, 422) } } },
    async (request, reply) => {
      const b = request.body as Static<typeof CreateMilestoneOption>;
      const milestone = await services.milestones.create(await rcOf(request), { title: b.title, description: b.description, state: b.state, deadlineUnix: unixOf(b.due_on) });
      return reply.code(201).send(toApiMilestone(milestone));
    },
  );
  app.get(
    '/repos/:owner/:repo/milestones/:id',
    { config: read, schema: { tags, summary: 'Get a milestone', operationId: 'issueGetMilestone', params: RefParams, response: { 200: ref(Milestone), ...errorResponses(401, 403, 404) } } },
    async (request) => toApiMilestone(await services.milestones.get(await rcOf(request), refOf(request))),
  );
  app.patch(
    '/repos/:owner/:repo/milestones/:id',
    { config: write, schema: { tags, summary: 'Edit a milestone', operationId: 'issueEditMilestone', params: RefParams, body: ref(EditMilestoneOption), response: { 200: ref(Milestone), ...errorResponses(401, 403, 404, 422) } } },
    async (request) => {
      const b = request.body as Static<typeof EditMilestoneOption>;
      return toApiMilestone(await services.milestones.edit(await rcOf(request), refOf(request), { title: b.title, description: b.description, state: b.state, deadlineUnix: unixOf(b.due_on) }));
    },
  );
  app.delete(
    '/repos/:owner/:repo/milestones/:id',
    { config: write, schema: { tags, summary: 'Delete a milestone', operationId: 'issueDeleteMilestone', params: RefParams, response: { 204: Empty, ...errorResponses(401, 403, 404) } } },
    async (request: FastifyRequest, reply: FastifyReply) => {
      await services.milestones.remove(await rcOf(request), refOf(request));
      return reply.code(204).send(null);
    },
  );
}
