import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { User } from '../../../models/users.js';
import type { FeedRequest } from '../../../services/activity.js';
import { rfc3339 } from '../convert/time.js';
import { toApiUser } from '../convert/user.js';
import { pageOf, setPageHeaders } from '../pagination.js';
import { repoOf } from '../repo/context.js';
import { renderRepos } from '../repo/repos.js';
import { errorResponses, PageQuery, ref } from '../schemas/common.js';
import { Activity, UserHeatmapData } from '../schemas/social.js';
import type { Api } from '../types.js';
import { userViewOf, viewerOf } from '../view.js';

const DateQuery = { date: Type.Optional(Type.String({ format: 'date', description: 'the date of the activities to be found (YYYY-MM-DD)' })) };

/** Activity feeds of users, organisations and repositories, and users' contribution heatmaps. */
export default async function activityRoutes(app: Api): Promise<void> {
  const { services } = app;
  const feedResponse = { 200: Type.Array(ref(Activity)), ...errorResponses(401, 403, 404, 422) };

  async function feed(request: FastifyRequest, reply: FastifyReply, subject: User, filter: Omit<FeedRequest, 'offset' | 'limit'>) {
    const query = request.query as { page?: number; limit?: number; date?: string };
    const page = pageOf(query, services.config.api);
    const { actions, total, actors, repos } = await services.activity.feed(subject, viewerOf(request), { ...filter, date: query.date, offset: page.offset, limit: page.limit });
    const rendered = new Map((await renderRepos(request, [...repos.values()])).map((r) => [r.id, r]));
    setPageHeaders(request, reply, services.config.server.rootUrl, page, total);
    const view = userViewOf(request);
    return actions.flatMap((a) => {
      const repo = rendered.get(a.repoId);
      const actor = actors.get(a.actUserId);
      if (!repo || !actor) return [];
      return [{
        id: a.id,
        user_id: subject.id,
        op_type: a.opType,
        act_user_id: a.actUserId,
        act_user: toApiUser(actor, view),
        repo_id: a.repoId,
        repo,
        comment_id: 0,
        comment: null,
        ref_name: a.refName,
        is_private: repo.private || repo.owner.visibility !== 'public',
        content: a.content,
        created: rfc3339(a.createdUnix),
      }];
    });
  }

  app.get(
    '/users/:username/activities/feeds',
    {
      config: { scope: 'user' },
      schema: {
        tags: ['user'],
        summary: 'List a user\'s activity feed',
        operationId: 'userListActivityFeeds',
        params: Type.Object({ username: Type.String({ description: 'username of user' }) }),
        querystring: Type.Object({ 'only-performed-by': Type.Optional(Type.Boolean({ description: 'only what the user did, not what happened in repositories they watch' })), ...DateQuery, ...PageQuery }),
        response: feedResponse,
      },
    },
    async (request, reply) => {
      const user = await services.users.visibleByName(request.params.username, viewerOf(request));
      return feed(request, reply, user, { userId: user.id, onlyPerformedBy: request.query['only-performed-by'] ?? false });
    },
  );

  app.get(
    '/orgs/:org/activities/feeds',
    {
      config: { scope: 'organization' },
      schema: {
        tags: ['organization'],
        summary: 'List an organization\'s activity feed',
        operationId: 'orgListActivityFeeds',
        params: Type.Object({ org: Type.String({ description: 'name of the org' }) }),
        querystring: Type.Object({ ...DateQuery, ...PageQuery }),
        response: feedResponse,
      },
    },
    async (request, reply) => {
      const org = await services.orgs.get(request.params.org, viewerOf(request));
      return feed(request, reply, org, { ownerId: org.id });
    },
  );

  app.get(
    '/repos/:owner/:repo/activities/feeds',
    {
      config: { scope: 'repository' },
      schema: {
        tags: ['repository'],
        summary: 'List a repository\'s activity feed',
        operationId: 'repoListActivityFeeds',
        params: Type.Object({ owner: Type.String({ description: 'owner of the repo' }), repo: Type.String({ description: 'name of the repo' }) }),
        querystring: Type.Object({ ...DateQuery, ...PageQuery }),
        response: feedResponse,
      },
    },
    async (request, reply) => {
      const rc = await repoOf(request);
      return feed(request, reply, rc.owner, { repoId: rc.repo.id });
    },
  );

  app.get(
    '/users/:username/heatmap',
    {
      config: { scope: 'user' },
      schema: {
        tags: ['user'],
        summary: 'Get a user\'s heatmap',
        operationId: 'userGetHeatmapData',
        params: Type.Object({ username: Type.String({ description: 'username of user to get' }) }),
        response: { 200: Type.Array(ref(UserHeatmapData)), ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => services.activity.heatmap(await services.users.visibleByName(request.params.username, viewerOf(request)), viewerOf(request)),
  );
}
