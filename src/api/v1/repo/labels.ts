import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static, type TSchema } from 'typebox';
import { forbidden } from '../../../services/errors.js';
import type { LabelOwner } from '../../../services/labels.js';
import { callerOf } from '../auth.js';
import { toApiLabel } from '../convert/issue.js';
import { pageOf, setPageHeaders } from '../pagination.js';
import { Empty, errorResponses, Int64, PageQuery, ref } from '../schemas/common.js';
import { CreateLabelOption, EditLabelOption, Label as LabelSchema } from '../schemas/social.js';
import type { Api } from '../types.js';
import { viewerOf } from '../view.js';
import { repoOf } from './context.js';

type LabelRequest = FastifyRequest<{ Params: { owner?: string; repo?: string; org?: string } }>;

/** Labels of repositories (their issue writers change them) and of organizations (their owners do). */
export default async function labelRoutes(app: Api): Promise<void> {
  const { services } = app;

  const levels: { prefix: string; tag: string; scope: 'issue' | 'organization'; op: (verb: string) => string; params: Record<string, TSchema>; ownerOf(request: LabelRequest, write: boolean): Promise<{ owner: LabelOwner; base: string }> }[] = [
    {
      prefix: '/repos/:owner/:repo',
      tag: 'issue',
      scope: 'issue',
      op: (verb) => `issue${verb}Label`,
      params: { owner: Type.String({ description: 'owner of the repo' }), repo: Type.String({ description: 'name of the repo' }) },
      async ownerOf(request, write) {
        const rc = await repoOf(request as FastifyRequest<{ Params: { owner: string; repo: string } }>);
        const issues = rc.perm.units['repo.issues'];
        if (issues < (write ? 2 : 1)) throw forbidden(write ? 'you may not change the labels of this repository' : 'you may not read the issues of this repository');
        return { owner: { repoId: rc.repo.id }, base: `${services.config.server.rootUrl}api/v1/repos/${rc.owner.name}/${rc.repo.name}/labels` };
      },
    },
    {
      prefix: '/orgs/:org',
      tag: 'organization',
      scope: 'organization',
      op: (verb) => `org${verb}Label`,
      params: { org: Type.String({ description: 'name of the organization' }) },
      async ownerOf(request, write) {
        const org = await services.orgs.get(request.params.org!, viewerOf(request));
        if (write) await services.orgs.assertOwner(org, callerOf(request).user);
        return { owner: { orgId: org.id }, base: `${services.config.server.rootUrl}api/v1/orgs/${org.name}/labels` };
      },
    },
  ];

  const render = toApiLabel;

  for (const level of levels) {
    const read = { scope: level.scope };
    const write = { scope: level.scope, access: 'signed' as const };
    const tags = [level.tag];
    const params = { params: Type.Object(level.params) };
    const idParams = { params: Type.Object({ ...level.params, id: Int64({ description: 'id of the label' }) }) };
    const idOf = (request: FastifyRequest) => (request.params as { id: number }).id;

    app.get(`${level.prefix}/labels`, { config: read, schema: { tags, summary: 'List labels', operationId: `${level.op('List')}s`, ...params, querystring: Type.Object(PageQuery), response: { 200: Type.Array(ref(LabelSchema)), ...errorResponses(401, 403, 404) } } }, async (request: FastifyRequest, reply: FastifyReply) => {
      const { owner, base } = await level.ownerOf(request as LabelRequest, false);
      const page = pageOf(request.query as { page?: number; limit?: number }, services.config.api);
      const { labels, total } = await services.labels.list(owner, page.offset, page.limit);
      setPageHeaders(request, reply, services.config.server.rootUrl, page, total);
      return labels.map((l) => render(l, base));
    });
    app.post(`${level.prefix}/labels`, { config: write, schema: { tags, summary: 'Create a label', operationId: level.op('Create'), ...params, body: ref(CreateLabelOption), response: { 201: ref(LabelSchema), ...errorResponses(401, 403, 404, 422) } } }, async (request: FastifyRequest, reply: FastifyReply) => {
      const { owner, base } = await level.ownerOf(request as LabelRequest, true);
      const b = request.body as Static<typeof CreateLabelOption>;
      const label = await services.labels.create(owner, { name: b.name, color: b.color, description: b.description, exclusive: b.exclusive, isArchived: b.is_archived });
      return reply.code(201).send(render(label, base));
    });
    app.get(`${level.prefix}/labels/:id`, { config: read, schema: { tags, summary: 'Get a label', operationId: level.op('Get'), ...idParams, response: { 200: ref(LabelSchema), ...errorResponses(401, 403, 404) } } }, async (request: FastifyRequest) => {
      const { owner, base } = await level.ownerOf(request as LabelRequest, false);
      return render(await services.labels.get(owner, idOf(request)), base);
    });
    app.patch(`${level.prefix}/labels/:id`, { config: write, schema: { tags, summary: 'Edit a label', operationId: level.op('Edit'), ...idParams, body: ref(EditLabelOption), response: { 200: ref(LabelSchema), ...errorResponses(401, 403, 404, 422) } } }, async (request: FastifyRequest) => {
      const { owner, base } = await level.ownerOf(request as LabelRequest, true);
      const b = request.body as Static<typeof EditLabelOption>;
      return render(await services.labels.edit(owner, idOf(request), { name: b.name, color: b.color, description: b.description, exclusive: b.exclusive, isArchived: b.is_archived }), base);
    });
    app.delete(`${level.prefix}/labels/:id`, { config: write, schema: { tags, summary: 'Delete a label', operationId: level.op('Delete'), ...idParams, response: { 204: Empty, ...errorResponses(401, 403, 404) } } }, async (request: FastifyRequest, reply: FastifyReply) => {
      const { owner } = await level.ownerOf(request as LabelRequest, true);
      await services.labels.remove(owner, idOf(request));
      return reply.code(204).send(null);
    });
  }
}
