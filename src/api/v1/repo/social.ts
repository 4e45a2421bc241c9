import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { LinkTable } from '../../../models/stars.js';
import { invalid, notFound } from '../../../services/errors.js';
import { modeName } from '../../../services/social.js';
import { callerOf } from '../auth.js';
import { rfc3339 } from '../convert/time.js';
import { toApiUser } from '../convert/user.js';
import { pageOf, setPageHeaders } from '../pagination.js';
import { Empty, errorResponses, PageQuery, ref } from '../schemas/common.js';
import { Repository } from '../schemas/repo.js';
import { AddCollaboratorOption, RepoCollaboratorPermission, RepoTopicOptions, TopicName, TopicResponse, WatchInfo } from '../schemas/social.js';
import { User } from '../schemas/user.js';
import type { Api } from '../types.js';
import { userPage } from '../user-page.js';
import { userViewOf, viewerOf } from '../view.js';
import { repoOf } from './context.js';
import { renderRepos, RepoParams } from './repos.js';

const CollaboratorParams = Type.Object({ ...RepoParams.properties, collaborator: Type.String({ description: 'username of the collaborator' }) });
const TopicParams = Type.Object({ ...RepoParams.properties, topic: Type.String({ description: 'name of the topic' }) });
const UserParams = Type.Object({ username: Type.String({ description: 'username of user' }) });

export default async function socialRoutes(app: Api): Promise<void> {
  const { services } = app;
  const tags = ['repository'];
  const config = { scope: 'repository' as const };
  const signed = { ...config, access: 'signed' as const };


  // ---- collaborators

  app.get(
    '/repos/:owner/:repo/collaborators',
    {
      config: signed,
      schema: { tags, summary: "List a repository's collaborators", operationId: 'repoListCollaborators', params: RepoParams, querystring: Type.Object(PageQuery), response: { 200: Type.Array(ref(User)), ...errorResponses(401, 403, 404) } },
    },
    async (request, reply) => {
      const rc = await repoOf(request);
      return userPage(request, reply, (page) => services.social.collaborators(rc, page.offset, page.limit));
    },
  );

  app.get(
    '/repos/:owner/:repo/collaborators/:collaborator',
    { config: signed, schema: { tags, summary: 'Check if a user is a collaborator of a repository', operationId: 'repoCheckCollaborator', params: CollaboratorParams, response: { 204: Empty, ...errorResponses(401, 403, 404, 422) } } },
    async (request, reply) => {
      const rc = await repoOf(request);
      const user = await services.users.byName(request.params.collaborator);
      if (!(await services.social.isCollaborator(rc, user))) throw notFound(`user is not a collaborator [name: ${user.name}]`);
      return reply.code(204).send(null);
    },
  );

  app.put(
    '/repos/:owner/:repo/collaborators/:collaborator',
    {
      config: signed,
      schema: { tags, summary: 'Add or Update a collaborator to a repository', operationId: 'repoAddCollaborator', params: CollaboratorParams, body: ref(AddCollaboratorOption), response: { 204: Empty, ...errorResponses(401, 403, 404, 422) } },
    },
    async (request, reply) => {
      const rc = await repoOf(request);
      const user = await services.users.byName(request.params.collaborator);
      await services.social.addCollaborator(rc, user, request.body.permission ?? 'write');
      return reply.code(204).send(null);
    },
  );

  app.delete(
    '/repos/:owner/:repo/collaborators/:collaborator',
    { config: signed, schema: { tags, summary: 'Delete a collaborator from a repository', operationId: 'repoDeleteCollaborator', params: CollaboratorParams, response: { 204: Empty, ...errorResponses(401, 403, 404, 422) } } },
    async (request, reply) => {
      const rc = await repoOf(request);
      await services.social.removeCollaborator(rc, await services.users.byName(request.params.collaborator));
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/repos/:owner/:repo/collaborators/:collaborator/permission',
    {
      config: signed,
      schema: { tags, summary: 'Get repository permissions for a user', operationId: 'repoGetRepoPermissions', params: CollaboratorParams, response: { 200: ref(RepoCollaboratorPermission), ...errorResponses(401, 403, 404) } },
    },
    async (request) => {
      const rc = await repoOf(request);
      const user = await services.users.visibleByName(request.params.collaborator, viewerOf(request));
      const perm = await services.social.permissionOf(rc, user);
      const permission = modeName(perm.mode);
      return { permission, role_name: permission, user: toApiUser(user, userViewOf(request)) };
    },
  );

  // ---- stars and watches

  const linkLists: [LinkTable, string, string, string][] = [
    ['stars', '/repos/:owner/:repo/stargazers', 'repoListStargazers', "List a repo's stargazers"],
    ['watches', '/repos/:owner/:repo/subscribers', 'repoListSubscribers', "List a repo's watchers"],
  ];
  for (const [table, path, operationId, summary] of linkLists) {
    app.get(
      path,
      { config, schema: { tags, summary, operationId, params: RepoParams, querystring: Type.Object(PageQuery), response: { 200: Type.Array(ref(User)), ...errorResponses(401, 403, 404) } } },
      async (request, reply) => {
        const rc = await repoOf(request as FastifyRequest<{ Params: { owner: string; repo: string } }>);
        return userPage(request, reply, (page) => services.social.linkedUsers(table, rc, page.offset, page.limit));
      },
    );
  }

  const watchInfo = (owner: string, repo: string, createdUnix: number) => {
    const api = `${services.config.server.rootUrl}api/v1/repos/${owner}/${repo}`;
    return { subscribed: true, ignored: false, reason: null, created_at: rfc3339(createdUnix), url: `${api}/subscription`, repository_url: api };
  };

  app.get(
    '/repos/:owner/:repo/subscription',
    { config: signed, schema: { tags, summary: 'Check if the current user is watching a repo', operationId: 'userCurrentCheckSubscription', params: RepoParams, response: { 200: ref(WatchInfo), ...errorResponses(401, 403, 404) } } },
    async (request) => {
      const rc = await repoOf(request);
      const link = await services.social.linked('watches', callerOf(request).user, rc);
      if (!link) throw notFound('the user does not watch the repository');
      return watchInfo(rc.owner.name, rc.repo.name, link.createdUnix);
    },
  );

  app.put(
    '/repos/:owner/:repo/subscription',
    { config: signed, schema: { tags, summary: 'Watch a repo', operationId: 'userCurrentPutSubscription', params: RepoParams, response: { 200: ref(WatchInfo), ...errorResponses(401, 403, 404) } } },
    async (request) => {
      const rc = await repoOf(request);
      const user = callerOf(request).user;
      await services.social.link('watches', user, rc, true);
      return watchInfo(rc.owner.name, rc.repo.name, (await services.social.linked('watches', user, rc))!.createdUnix);
    },
  );

  app.delete(
    '/repos/:owner/:repo/subscription',
    { config: signed, schema: { tags, summary: 'Unwatch a repo', operationId: 'userCurrentDeleteSubscription', params: RepoParams, response: { 204: Empty, ...errorResponses(401, 403, 404) } } },
    async (request, reply) => {
      await services.social.link('watches', callerOf(request).user, await repoOf(request), false);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/user/starred/:owner/:repo',
    { config: { scope: 'user', access: 'signed' }, schema: { tags: ['user'], summary: 'Whether the authenticated is starring the repo', operationId: 'userCurrentCheckStarring', params: RepoParams, response: { 204: Empty, ...errorResponses(401, 403, 404) } } },
    async (request, reply) => {
      if (!(await services.social.linked('stars', callerOf(request).user, await repoOf(request)))) throw notFound('the user has not starred the repository');
      return reply.code(204).send(null);
    },
  );

  for (const [method, on, operationId, summary] of [
    ['put', true, 'userCurrentPutStar', 'Star the given repo'],
    ['delete', false, 'userCurrentDeleteStar', 'Unstar the given repo'],
  ] as const) {
    app[method](
      '/user/starred/:owner/:repo',
      { config: { scope: 'user', access: 'signed' }, schema: { tags: ['user'], summary, operationId, params: RepoParams, response: { 204: Empty, ...errorResponses(401, 403, 404) } } },
      async (request, reply) => {
        await services.social.link('stars', callerOf(request).user, await repoOf(request as FastifyRequest<{ Params: { owner: string; repo: string } }>), on);
        return reply.code(204).send(null);
      },
    );
  }

  // Repositories a user starred or watches, as visible to the caller.
  const userLists: [string, 'starredBy' | 'watchedBy', string, string, boolean][] = [
    ['/user/starred', 'starredBy', 'userCurrentListStarred', 'The repos that the authenticated user has starred', true],
    ['/users/:username/starred', 'starredBy', 'userListStarred', 'The repos that the given user has starred', false],
    ['/user/subscriptions', 'watchedBy', 'userCurrentListSubscriptions', 'List repositories watched by the authenticated user', true],
    ['/users/:username/subscriptions', 'watchedBy', 'userListSubscriptions', 'List the repositories watched by a user', false],
  ];
  for (const [path, filter, operationId, summary, self] of userLists) {
    app.get(
      path,
      {
        config: self ? { scope: 'user', access: 'signed' } : { scope: 'user' },
        schema: { tags: ['user'], summary, operationId, ...(self ? {} : { params: UserParams }), querystring: Type.Object(PageQuery), response: { 200: Type.Array(ref(Repository)), ...errorResponses(401, 403, 404) } },
      },
      async (request, reply) => {
        const user = self ? callerOf(request).user : await services.users.visibleByName((request.params as { username: string }).username, viewerOf(request));
        const page = pageOf(request.query as { page?: number; limit?: number }, services.config.api);
        const { repos, total } = await services.repos.search({ viewer: viewerOf(request), [filter]: user.id, sort: 'id', order: 'asc', offset: page.offset, limit: page.limit });
        setPageHeaders(request, reply, services.config.server.rootUrl, page, total);
        return renderRepos(request, repos);
      },
    );
  }

  // ---- topics

  app.get(
    '/repos/:owner/:repo/topics',
    { config, schema: { tags, summary: 'Get list of topics that a repository has', operationId: 'repoListTopics', params: RepoParams, querystring: Type.Object(PageQuery), response: { 200: ref(TopicName), ...errorResponses(401, 403, 404) } } },
    async (request) => {
      const rc = await repoOf(request);
      return { topics: (await services.social.topicsOf([rc.repo.id])).get(rc.repo.id) ?? [] };
    },
  );

  app.put(
    '/repos/:owner/:repo/topics',
    { config: signed, schema: { tags, summary: 'Replace list of topics for a repository', operationId: 'repoUpdateTopics', params: RepoParams, body: ref(RepoTopicOptions), response: { 204: Empty, ...errorResponses(401, 403, 404, 422) } } },
    async (request, reply) => {
      await services.social.setTopics(await repoOf(request), request.body.topics);
      return reply.code(204).send(null);
    },
  );

  app.put(
    '/repos/:owner/:repo/topics/:topic',
    { config: signed, schema: { tags, summary: 'Add a topic to a repository', operationId: 'repoAddTopic', params: TopicParams, response: { 204: Empty, ...errorResponses(401, 403, 404, 422) } } },
    async (request, reply) => {
      await services.social.addTopic(await repoOf(request), request.params.topic);
      return reply.code(204).send(null);
    },
  );

  app.delete(
    '/repos/:owner/:repo/topics/:topic',
    { config: signed, schema: { tags, summary: 'Delete a topic from a repository', operationId: 'repoDeleteTopic', params: TopicParams, response: { 204: Empty, ...errorResponses(401, 403, 404, 422) } } },
    async (request, reply) => {
      await services.social.removeTopic(await repoOf(request), request.params.topic);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/topics/search',
    {
      config,
      schema: {
        tags,
        summary: 'search topics via keyword',
        operationId: 'topicSearch',
        querystring: Type.Object({ q: Type.String({ description: 'keywords to search' }), ...PageQuery }),
        response: { 200: Type.Object({ topics: Type.Array(ref(TopicResponse)) }), ...errorResponses(401, 403, 422) },
      },
    },
    async (request, reply) => {
      if (request.query.q.length > 50) throw invalid('[q]: at most 50 characters');
      const page = pageOf(request.query, services.config.api);
      const { topics, total } = await services.social.searchTopics(request.query.q.trim().toLowerCase(), page.offset, page.limit);
      setPageHeaders(request, reply, services.config.server.rootUrl, page, total);
      return { topics: topics.map((t) => ({ id: t.id, topic_name: t.name, created: rfc3339(t.createdUnix), updated: rfc3339(t.updatedUnix), repo_count: t.repoCount })) };
    },
  );
}
