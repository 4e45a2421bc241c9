import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import type { Comment } from '../../../services/comments.js';
import type { RepoContext } from '../../../services/repositories.js';
import { getUsersByIdsFor } from './users-of.js';
import { callerOf } from '../auth.js';
import { toApiComment, toApiIssue, toApiTimelineComment } from '../convert/issue.js';
import { pageOf, setPageHeaders } from '../pagination.js';
import { DateTime, Empty, errorResponses, Int64, PageQuery, ref } from '../schemas/common.js';
import { Comment as CommentSchema, CreateIssueCommentOption, EditIssueCommentOption, TimelineComment } from '../schemas/issue.js';
import { unixOf } from '../convert/time.js';
import type { Api } from '../types.js';
import { userViewOf } from '../view.js';
import { RepoParams, repoOf } from './context.js';

const TimeQuery = { since: Type.Optional(DateTime()), before: Type.Optional(DateTime()) };

/** Comments on issues: per issue, per repository, and one by one (with Gogs's index-scoped forms). */
export default async function commentRoutes(app: Api): Promise<void> {
  const { services } = app;
  const tags = ['issue'];
  const read = { scope: 'issue' as const };
  const write = { scope: 'issue' as const, access: 'signed' as const };

  const rcOf = (request: FastifyRequest) => repoOf(request as FastifyRequest<{ Params: { owner: string; repo: string } }>);

  /** Comments with their posters and issue numbers, in two batched reads. */
  async function render(request: FastifyRequest, rc: RepoContext, comments: Comment[], indexOf: (c: Comment) => Promise<number> | number) {
    const [posters, files] = await Promise.all([getUsersByIdsFor(services, comments.map((c) => c.posterId)), services.comments.attachmentsOf(comments.map((c) => c.id))]);
    const view = userViewOf(request);
    const path = `${rc.owner.name}/${rc.repo.name}`;
    return Promise.all(comments.map(async (c) => toApiComment(c, posters.get(c.posterId), await indexOf(c), path, view, files.get(c.id))));
  }

  async function list(request: FastifyRequest, reply: FastifyReply, rc: RepoContext, issueId: number | undefined, issueIndex: number | undefined) {
    const q = request.query as { since?: string; before?: string; page?: number; limit?: number };
    // Gitea lists an issue's comments whole unless a page is asked for.
    const p = pageOf(q, services.config.api);
    const { comments, total } = await services.comments.list({ issueId, repoId: issueId === undefined ? rc.repo.id : undefined, onlyComments: true, sinceUnix: unixOf(q.since), beforeUnix: unixOf(q.before), offset: p.offset, limit: p.limit });
    setPageHeaders(request, reply, services.config.server.rootUrl, p, total);
    const indexes = await services.issues.indexesOf([...new Set(comments.map((c) => c.issueId))]);
    return render(request, rc, comments, (c) => issueIndex ?? indexes.get(c.issueId) ?? 0);
  }

  app.get(
    '/repos/:owner/:repo/issues/:index/comments',
    { config: read, schema: { tags, summary: 'List an issue\'s comments', operationId: 'issueGetComments', params: Type.Object({ ...RepoParams, index: Int64() }), querystring: Type.Object({ ...TimeQuery, ...PageQuery }), response: { 200: Type.Array(ref(CommentSchema)), ...errorResponses(401, 403, 404, 422) } } },
    async (request, reply) => {
      const rc = await rcOf(request);
      const issue = await services.issues.get(rc, request.params.index);
      return list(request, reply, rc, issue.id, issue.index);
    },
  );

  app.get(
    '/repos/:owner/:repo/issues/comments',
    { config: read, schema: { tags, summary: 'List a repository\'s comments', operationId: 'issueGetRepoComments', params: Type.Object(RepoParams), querystring: Type.Object({ ...TimeQuery, ...PageQuery }), response: { 200: Type.Array(ref(CommentSchema)), ...errorResponses(401, 403, 404, 422) } } },
    async (request, reply) => {
      const rc = await rcOf(request);
      services.issues.assertReadable(rc);
      return list(request, reply, rc, undefined, undefined);
    },
  );

  app.post(
    '/repos/:owner/:repo/issues/:index/comments',
    { config: write, schema: { tags, summary: 'Comment on an issue', operationId: 'issueCreateComment', params: Type.Object({ ...RepoParams, index: Int64() }), body: ref(CreateIssueCommentOption), response: { 201: ref(CommentSchema), ...errorResponses(401, 403, 404, 413, 422) } } },
    async (request, reply) => {
      const rc = await rcOf(request);
      const issue = await services.issues.get(rc, request.params.index);
      const comment = await services.comments.create(rc, issue, callerOf(request).user, (request.body as Static<typeof CreateIssueCommentOption>).body);
      return reply.code(201).send((await render(request, rc, [comment], () => issue.index))[0]);
    },
  );

  app.get(
    '/repos/:owner/:repo/issues/:index/timeline',
    {
      config: read,
      schema: { tags, summary: 'List an issue\'s comments and events', operationId: 'issueGetCommentsAndTimeline', params: Type.Object({ ...RepoParams, index: Int64() }), querystring: Type.Object({ ...TimeQuery, ...PageQuery }), response: { 200: Type.Array(ref(TimelineComment)), ...errorResponses(401, 403, 404, 422) } },
    },
    async (request, reply) => {
      const rc = await rcOf(request);
      const issue = await services.issues.get(rc, request.params.index);
      const q = request.query;
      const p = pageOf(q, services.config.api);
      const { comments, total, refs } = await services.comments.timeline(issue, request.principal?.user ?? null, { sinceUnix: unixOf(q.since), beforeUnix: unixOf(q.before), offset: p.offset, limit: p.limit });
      setPageHeaders(request, reply, services.config.server.rootUrl, p, total);
      const view = userViewOf(request);
      const refIssues = new Map((await services.issues.views([...refs.issues.values()])).map((v) => [v.issue.id, toApiIssue(v, view)]));
      return comments.map((c) => toApiTimelineComment(c, { ...refs, refIssues }, issue.index, `${rc.owner.name}/${rc.repo.name}`, rc.owner.name, view));
    },
  );

  const IdParams = Type.Object({ ...RepoParams, id: Int64({ description: 'id of the comment' }) });
  const IndexIdParams = Type.Object({ ...RepoParams, index: Int64({ description: 'index of the issue (ignored: the id names the comment)' }), id: Int64({ description: 'id of the comment' }) });

  app.get(
    '/repos/:owner/:repo/issues/comments/:id',
    { config: read, schema: { tags, summary: 'Get a comment', operationId: 'issueGetComment', params: IdParams, response: { 200: ref(CommentSchema), ...errorResponses(401, 403, 404) } } },
    async (request) => {
      const rc = await rcOf(request);
      const { comment, issue } = await services.comments.get(rc, request.params.id);
      return (await render(request, rc, [comment], () => issue.index))[0];
    },
  );

  for (const [path, params, suffix] of [['/repos/:owner/:repo/issues/comments/:id', IdParams, ''], ['/repos/:owner/:repo/issues/:index/comments/:id', IndexIdParams, 'Deprecated']] as const) {
    app.patch(path, { config: write, schema: { tags, summary: 'Edit a comment', operationId: `issueEditComment${suffix}`, params, body: ref(EditIssueCommentOption), response: { 200: ref(CommentSchema), ...errorResponses(401, 403, 404, 422) } } }, async (request: FastifyRequest) => {
      const rc = await rcOf(request);
      const id = (request.params as { id: number }).id;
      const { comment, issue } = await services.comments.edit(rc, id, callerOf(request).user, (request.body as Static<typeof EditIssueCommentOption>).body);
      return (await render(request, rc, [comment], () => issue.index))[0];
    });
    app.delete(path, { config: write, schema: { tags, summary: 'Delete a comment', operationId: `issueDeleteComment${suffix}`, params, response: { 204: Empty, ...errorResponses(401, 403, 404) } } }, async (request: FastifyRequest, reply: FastifyReply) => {
      await services.comments.remove(await rcOf(request), (request.params as { id: number }).id, callerOf(request).user);
      return reply.code(204).send(null);
    });
  }
}
