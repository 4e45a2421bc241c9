import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { NotificationStatus, ThreadView } from '../../../services/notifications.js';
import { callerOf } from '../auth.js';
import { rfc3339, unixOf } from '../convert/time.js';
import { pageOf, setPageHeaders } from '../pagination.js';
import { renderRepos } from '../repo/repos.js';
import { repoOf } from '../repo/context.js';
import { DateTime, errorResponses, Int64, PageQuery, ref } from '../schemas/common.js';
import { NotificationCount, NotificationThread } from '../schemas/issue.js';
import type { Api } from '../types.js';

const Status = Type.Union([Type.Literal('unread'), Type.Literal('read'), Type.Literal('pinned')]);
const ListQuery = Type.Object({
  all: Type.Optional(Type.Boolean({ description: 'read threads too' })),
  'status-types': Type.Optional(Type.Array(Status, { description: 'unread, read and/or pinned (default unread and pinned)' })),
  'subject-type': Type.Optional(Type.Array(Type.String({ enum: ['issue', 'pull', 'commit', 'repository'] }))),
  since: Type.Optional(DateTime()),
  before: Type.Optional(DateTime()),
  ...PageQuery,
});
const MarkQuery = Type.Object({
  last_read_at: Type.Optional(DateTime({ description: 'threads updated after it stay as they are (default now)' })),
  all: Type.Optional(Type.String({ description: 'true: every thread whatever its status' })),
  'status-types': Type.Optional(Type.Array(Status, { description: 'which threads to move (default unread)' })),
  'to-status': Type.Optional(Status),
});

/** The caller's notification threads, overall and per repository. */
export default async function notificationRoutes(app: Api): Promise<void> {
  const { services } = app;
  const tags = ['notification'];
  const config = { scope: 'notification' as const, access: 'signed' as const };
  const RepoParams = Type.Object({ owner: Type.String({ description: 'owner of the repo' }), repo: Type.String({ description: 'name of the repo' }) });

  async function render(request: FastifyRequest, threads: ThreadView[]) {
    const root = services.config.server.rootUrl;
    const repos = new Map((await renderRepos(request, [...new Map(threads.map((t) => [t.repo.id, t.repo])).values()])).map((r) => [r.id, r]));
    return threads.map(({ notification: n, issue, repo, owner }) => {
      const path = `${owner.name}/${repo.name}`;
      return {
        id: n.id,
        repository: repos.get(repo.id)!,
        subject: {
          title: issue.title,
          url: `${root}api/v1/repos/${path}/issues/${issue.index}`,
          latest_comment_url: n.commentId ? `${root}api/v1/repos/${path}/issues/comments/${n.commentId}` : '',
          html_url: `${root}${path}/issues/${issue.index}`,
          latest_comment_html_url: n.commentId ? `${root}${path}/issues/${issue.index}#issuecomment-${n.commentId}` : '',
          type: issue.isPull ? ('Pull' as const) : ('Issue' as const),
          state: issue.isClosed ? ('closed' as const) : ('open' as const),
        },
        unread: n.status === 'unread',
        pinned: n.status === 'pinned',
        updated_at: rfc3339(n.updatedUnix),
        url: `${root}api/v1/notifications/threads/${n.id}`,
      };
    });
  }

  async function list(request: FastifyRequest, reply: FastifyReply, repoId: number | undefined) {
    const q = request.query as { all?: boolean; 'status-types'?: NotificationStatus[]; 'subject-type'?: string[]; since?: string; before?: string; page?: number; limit?: number };
    const p = pageOf(q, services.config.api);
    const statuses: NotificationStatus[] = q.all ? ['unread', 'read', 'pinned'] : (q['status-types'] ?? ['unread', 'pinned']);
    // Issues are the only subjects notified so far.
    const empty = q['subject-type'] && !q['subject-type'].includes('issue');
    const { threads, total } = empty
      ? { threads: [], total: 0 }
      : await services.notifications.list({ userId: callerOf(request).user.id, repoId, statuses, sinceUnix: unixOf(q.since), beforeUnix: unixOf(q.before), offset: p.offset, limit: p.limit });
    setPageHeaders(request, reply, services.config.server.rootUrl, p, total);
    return render(request, threads);
  }

  async function mark(request: FastifyRequest, reply: FastifyReply, repoId: number | undefined) {
    const q = request.query as { last_read_at?: string; all?: string; 'status-types'?: NotificationStatus[]; 'to-status'?: NotificationStatus };
    const statuses: NotificationStatus[] = q.all === 'true' ? ['unread', 'read', 'pinned'] : (q['status-types'] ?? ['unread']);
    const threads = await services.notifications.setMany({ userId: callerOf(request).user.id, repoId, statuses, beforeUnix: unixOf(q.last_read_at) ?? Math.floor(Date.now() / 1000) }, q['to-status'] ?? 'read');
    return reply.code(205).send(await render(request, threads));
  }

  const listResponse = { 200: Type.Array(ref(NotificationThread)), ...errorResponses(401, 403, 422) };
  app.get('/notifications', { config, schema: { tags, summary: 'List the caller\'s notification threads', operationId: 'notifyGetList', querystring: ListQuery, response: listResponse } }, (request, reply) => list(request, reply, undefined));
  app.put('/notifications', { config, schema: { tags, summary: 'Mark notification threads read (or as asked)', operationId: 'notifyReadList', querystring: MarkQuery, response: { 205: Type.Array(ref(NotificationThread)), ...errorResponses(401, 403, 422) } } }, (request, reply) => mark(request, reply, undefined));
  app.get('/notifications/new', { config, schema: { tags, summary: 'How many threads are unread', operationId: 'notifyNewAvailable', response: { 200: ref(NotificationCount), ...errorResponses(401, 403) } } }, async (request) => ({ new: await services.notifications.unreadCount(callerOf(request).user) }));
  app.get(
    '/notifications/threads/:id',
    { config, schema: { tags, summary: 'Get a notification thread', operationId: 'notifyGetThread', params: Type.Object({ id: Int64() }), response: { 200: ref(NotificationThread), ...errorResponses(401, 403, 404) } } },
    async (request) => (await render(request, [await services.notifications.thread(callerOf(request).user, request.params.id)]))[0],
  );
  app.patch(
    '/notifications/threads/:id',
    { config, schema: { tags, summary: 'Mark a notification thread', operationId: 'notifyReadThread', params: Type.Object({ id: Int64() }), querystring: Type.Object({ 'to-status': Type.Optional(Status) }), response: { 205: ref(NotificationThread), ...errorResponses(401, 403, 404) } } },
    async (request, reply) => reply.code(205).send((await render(request, [await services.notifications.setThread(callerOf(request).user, request.params.id, request.query['to-status'] ?? 'read')]))[0]),
  );
  app.get('/repos/:owner/:repo/notifications', { config, schema: { tags, summary: 'List the caller\'s notification threads of a repository', operationId: 'notifyGetRepoList', params: RepoParams, querystring: ListQuery, response: listResponse } }, async (request, reply) => list(request, reply, (await repoOf(request)).repo.id));
  app.put('/repos/:owner/:repo/notifications', { config, schema: { tags, summary: 'Mark the caller\'s notification threads of a repository', operationId: 'notifyReadRepoList', params: RepoParams, querystring: MarkQuery, response: { 205: Type.Array(ref(NotificationThread)), ...errorResponses(401, 403, 404, 422) } } }, async (request, reply) => mark(request, reply, (await repoOf(request)).repo.id));
}
