import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static, type TSchema } from 'typebox';
import { forbidden } from '../../../services/errors.js';
import type { HookScope, Webhook } from '../../../services/webhooks.js';
import { callerOf } from '../auth.js';
import { rfc3339 } from '../convert/time.js';
import { pageOf, setPageHeaders } from '../pagination.js';
import { Empty, errorResponses, Int64, PageQuery, ref } from '../schemas/common.js';
import { CreateHookOption, EditHookOption, Hook } from '../schemas/social.js';
import type { Api } from '../types.js';
import { viewerOf } from '../view.js';
import { repoOf } from './context.js';

type HookRequest = FastifyRequest<{ Params: { owner?: string; repo?: string; org?: string; id?: number } }>;

/**
 * Webhooks at four levels, one set of routes each: a repository's (its admins), an
 * organization's (its owners), the caller's own, and the site's (site admins).
 */
export default async function hookRoutes(app: Api): Promise<void> {
  const { services } = app;

  const render = (hook: Webhook) => ({
    id: hook.id,
    type: hook.type,
    branch_filter: hook.branchFilter,
    config: { url: hook.url, content_type: hook.contentType, http_method: hook.httpMethod.toLowerCase() },
    events: hook.events,
    authorization_header: services.webhooks.authorizationOf(hook),
    active: hook.active,
    updated_at: rfc3339(hook.updatedUnix),
    created_at: rfc3339(hook.createdUnix),
  });

  const levels: { prefix: string; tag: string; scope: 'repository' | 'organization' | 'user' | 'admin'; op: (verb: string) => string; params: Record<string, TSchema>; scopeOf(request: HookRequest): Promise<HookScope> }[] = [
    {
      prefix: '/repos/:owner/:repo',
      tag: 'repository',
      scope: 'repository',
      op: (verb) => `repo${verb}Hook`,
      params: { owner: Type.String({ description: 'owner of the repo' }), repo: Type.String({ description: 'name of the repo' }) },
      async scopeOf(request) {
        const rc = await repoOf(request as FastifyRequest<{ Params: { owner: string; repo: string } }>);
        if (!rc.perm.isAdmin) throw forbidden('only repository admins may manage webhooks');
        return { repoId: rc.repo.id };
      },
    },
    {
      prefix: '/orgs/:org',
      tag: 'organization',
      scope: 'organization',
      op: (verb) => `org${verb}Hook`,
      params: { org: Type.String({ description: 'name of the organization' }) },
      async scopeOf(request) {
        const org = await services.orgs.get(request.params.org!, viewerOf(request));
        await services.orgs.assertOwner(org, callerOf(request).user);
        return { ownerId: org.id };
      },
    },
    { prefix: '/user', tag: 'user', scope: 'user', op: (verb) => `user${verb}Hook`, params: {}, scopeOf: async (request) => ({ ownerId: callerOf(request).user.id }) },
    { prefix: '/admin', tag: 'admin', scope: 'admin', op: (verb) => `admin${verb}Hook`, params: {}, scopeOf: async () => 'system' },
  ];

  for (const level of levels) {
    const config = { scope: level.scope, access: level.scope === 'admin' ? ('admin' as const) : ('signed' as const) };
    const tags = [level.tag];
    const params = Object.keys(level.params).length ? { params: Type.Object(level.params) } : {};
    const idParams = { params: Type.Object({ ...level.params, id: Int64({ description: 'id of the hook' }) }) };
    const listOp = level.scope === 'admin' ? 'adminListHooks' : level.op('List').replace(/Hook$/, 'Hooks');
    const createOp = level.op('Create');

    app.get(`${level.prefix}/hooks`, { config, schema: { tags, summary: 'List webhooks', operationId: listOp, ...params, querystring: Type.Object(PageQuery), response: { 200: Type.Array(ref(Hook)), ...errorResponses(401, 403, 404) } } }, async (request: FastifyRequest, reply: FastifyReply) => {
      const scope = await level.scopeOf(request as HookRequest);
      const page = pageOf(request.query as { page?: number; limit?: number }, services.config.api);
      const { hooks, total } = await services.webhooks.list(scope, page.offset, page.limit);
      setPageHeaders(request, reply, services.config.server.rootUrl, page, total);
      return hooks.map(render);
    });
    app.post(`${level.prefix}/hooks`, { config, schema: { tags, summary: 'Create a webhook', operationId: createOp, ...params, body: ref(CreateHookOption), response: { 201: ref(Hook), ...errorResponses(401, 403, 404, 422) } } }, async (request: FastifyRequest, reply: FastifyReply) => {
      const b = request.body as Static<typeof CreateHookOption>;
      const hook = await services.webhooks.create(await level.scopeOf(request as HookRequest), { type: b.type, config: b.config, events: b.events, branchFilter: b.branch_filter, active: b.active, authorizationHeader: b.authorization_header });
      return reply.code(201).send(render(hook));
    });
    app.get(`${level.prefix}/hooks/:id`, { config, schema: { tags, summary: 'Get a webhook', operationId: level.op('Get'), ...idParams, response: { 200: ref(Hook), ...errorResponses(401, 403, 404) } } }, async (request: FastifyRequest) => {
      return render(await services.webhooks.get(await level.scopeOf(request as HookRequest), (request.params as { id: number }).id));
    });
    app.patch(`${level.prefix}/hooks/:id`, { config, schema: { tags, summary: 'Edit a webhook', operationId: level.op('Edit'), ...idParams, body: ref(EditHookOption), response: { 200: ref(Hook), ...errorResponses(401, 403, 404, 422) } } }, async (request: FastifyRequest) => {
      const b = request.body as Static<typeof EditHookOption>;
      const hook = await services.webhooks.edit(await level.scopeOf(request as HookRequest), (request.params as { id: number }).id, { config: b.config, events: b.events, branchFilter: b.branch_filter, active: b.active, authorizationHeader: b.authorization_header });
      return render(hook);
    });
    app.delete(`${level.prefix}/hooks/:id`, { config, schema: { tags, summary: 'Delete a webhook', operationId: level.op('Delete'), ...idParams, response: { 204: Empty, ...errorResponses(401, 403, 404) } } }, async (request: FastifyRequest, reply: FastifyReply) => {
      await services.webhooks.remove(await level.scopeOf(request as HookRequest), (request.params as { id: number }).id);
      return reply.code(204).send(null);
    });
  }

  app.post(
    '/repos/:owner/:repo/hooks/:id/tests',
    {
      config: { scope: 'repository', access: 'signed' },
      schema: {
        tags: ['repository'],
        summary: 'Deliver a push of the default branch\'s head to a webhook now',
        operationId: 'repoTestHook',
        params: Type.Object({ owner: Type.String(), repo: Type.String(), id: Int64() }),
        querystring: Type.Object({ ref: Type.Optional(Type.String({ description: 'ignored: the default branch is used' })) }),
        response: { 204: Empty, ...errorResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      const rc = await repoOf(request);
      if (!rc.perm.isAdmin) throw forbidden('only repository admins may test webhooks');
      const hook = await services.webhooks.get({ repoId: rc.repo.id }, request.params.id);
      await services.webhooks.test(hook, rc.repo, rc.owner, callerOf(request).user);
      return reply.code(204).send(null);
    },
  );
}
