import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { callerOf } from '../auth.js';
import { rfc3339 } from '../convert/time.js';
import { errorResponses, Int64, PageQuery, ref } from '../schemas/common.js';
import { WatchInfo } from '../schemas/social.js';
import { User } from '../schemas/user.js';
import type { Api } from '../types.js';
import { userPage } from '../user-page.js';
import { issueOf } from './context.js';

const IssueParams = { owner: Type.String({ description: 'owner of the repo' }), repo: Type.String({ description: 'name of the repo' }), index: Int64({ description: 'index of the issue' }) };

/** Who follows an issue, and following or leaving it. */
export default async function subscriptionRoutes(app: Api): Promise<void> {
  const { services } = app;
  const tags = ['issue'];

  app.get(
    '/repos/:owner/:repo/issues/:index/subscriptions',
    { config: { scope: 'issue' }, schema: { tags, summary: 'List the users subscribed to an issue', operationId: 'issueSubscriptions', params: Type.Object(IssueParams), querystring: Type.Object(PageQuery), response: { 200: Type.Array(ref(User)), ...errorResponses(401, 403, 404) } } },
    async (request, reply) => {
      const { issue } = await issueOf(request);
      return userPage(request, reply, (page) => services.notifications.subscribers(issue, page.offset, page.limit));
    },
  );

  app.get(
    '/repos/:owner/:repo/issues/:index/subscriptions/check',
    { config: { scope: 'issue', access: 'signed' }, schema: { tags, summary: 'Whether the caller follows an issue', operationId: 'issueCheckSubscription', params: Type.Object(IssueParams), response: { 200: ref(WatchInfo), ...errorResponses(401, 403, 404) } } },
    async (request) => {
      const { rc, issue } = await issueOf(request);
      const state = await services.notifications.subscription(rc, issue, callerOf(request).user);
      const api = `${services.config.server.rootUrl}api/v1/repos/${rc.owner.name}/${rc.repo.name}`;
      return { subscribed: state.subscribed, ignored: state.ignored, reason: null, created_at: rfc3339(state.createdUnix), url: `${api}/issues/${issue.index}`, repository_url: api };
    },
  );

  for (const [method, operationId, on] of [['put', 'issueAddSubscription', true], ['delete', 'issueDeleteSubscription', false]] as const) {
    app[method](
      '/repos/:owner/:repo/issues/:index/subscriptions/:user',
      {
        config: { scope: 'issue', access: 'signed' },
        schema: { tags, summary: on ? 'Subscribe a user to an issue' : 'Unsubscribe a user from an issue', operationId, params: Type.Object({ ...IssueParams, user: Type.String({ description: 'user to (un)subscribe' }) }), response: { 200: Type.Null(), 201: Type.Null(), ...errorResponses(401, 403, 404) } },
      },
      async (request: FastifyRequest, reply: FastifyReply) => {
        const { issue } = await issueOf(request);
        const user = await services.users.byName((request.params as { user: string }).user);
        const changed = await services.notifications.subscribe(issue, callerOf(request).user, user, on);
        // 201 when it changed, 200 when it already was so (as in Gitea).
        return reply.code(changed ? 201 : 200).send(null);
      },
    );
  }
}
