import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import { formatDuration } from '../../../config/index.js';
import type { TrackedTime } from '../../../services/times.js';
import type { RepoContext } from '../../../services/repositories.js';
import { callerOf } from '../auth.js';
import { toApiIssue } from '../convert/issue.js';
import { rfc3339, unixOf } from '../convert/time.js';
import { pageOf, setPageHeaders } from '../pagination.js';
import { DateTime, Empty, errorResponses, Int64, PageQuery, ref } from '../schemas/common.js';
import { AddTimeOption, StopWatch, TrackedTime as TrackedTimeSchema } from '../schemas/issue.js';
import type { Api } from '../types.js';
import { userViewOf } from '../view.js';
import { RepoParams, issueOf, repoOf } from './context.js';

const IndexParams = Type.Object({ ...RepoParams, index: Int64({ description: 'index of the issue' }) });
const TimeQuery = { since: Type.Optional(DateTime()), before: Type.Optional(DateTime()) };

/** Tracked time and stopwatches on issues. */
export default async function timeRoutes(app: Api): Promise<void> {
  const { services } = app;
  const tags = ['issue'];
  const config = { scope: 'issue' as const, access: 'signed' as const };
  const rcOf = (request: FastifyRequest) => repoOf(request as FastifyRequest<{ Params: { owner: string; repo: string } }>);
  async function render(request: FastifyRequest, times: TrackedTime[]) {
    const { users, issues } = await services.times.context(times);
    const views = new Map((await services.issues.views([...issues.values()])).map((v) => [v.issue.id, toApiIssue(v, userViewOf(request))]));
    return times.map((t) => ({ id: t.id, created: rfc3339(t.createdUnix), time: t.seconds, user_id: t.userId, user_name: users.get(t.userId)?.name ?? '', issue_id: t.issueId, issue: views.get(t.issueId) ?? null }));
  }

  async function page(request: FastifyRequest, reply: FastifyReply, rc: RepoContext | null, filter: { issueId?: number; repoId?: number; userName?: string }) {
    const q = request.query as { since?: string; before?: string; page?: number; limit?: number; user?: string };
    const p = pageOf(q, services.config.api);
    const name = filter.userName ?? q.user;
    const userId = name ? (await services.users.byName(name)).id : undefined;
    const { times, total } = await services.times.list(rc, callerOf(request).user, { issueId: filter.issueId, repoId: filter.repoId, userId, sinceUnix: unixOf(q.since), beforeUnix: unixOf(q.before), offset: p.offset, limit: p.limit });
    setPageHeaders(request, reply, services.config.server.rootUrl, p, total);
    return render(request, times);
  }

  const listResponse = { 200: Type.Array(ref(TrackedTimeSchema)), ...errorResponses(400, 401, 403, 404) };
  app.get(
    '/repos/:owner/:repo/issues/:index/times',
    { config, schema: { tags, summary: 'List an issue\'s tracked times', operationId: 'issueTrackedTimes', params: IndexParams, querystring: Type.Object({ user: Type.Optional(Type.String()), ...TimeQuery, ...PageQuery }), response: listResponse } },
    async (request, reply) => {
      const { rc, issue } = await issueOf(request);
      return page(request, reply, rc, { issueId: issue.id });
    },
  );
  app.post(
    '/repos/:owner/:repo/issues/:index/times',
    { config, schema: { tags, summary: 'Record time spent on an issue', operationId: 'issueAddTime', params: IndexParams, body: ref(AddTimeOption), response: { 200: ref(TrackedTimeSchema), ...errorResponses(400, 401, 403, 404) } } },
    async (request) => {
      const { rc, issue } = await issueOf(request);
      const b = request.body as Static<typeof AddTimeOption>;
      const user = b.user_name ? await services.users.byName(b.user_name) : undefined;
      return (await render(request, [await services.times.add(rc, issue, callerOf(request).user, b.time, { createdUnix: unixOf(b.created), user })]))[0];
    },
  );
  app.delete(
    '/repos/:owner/:repo/issues/:index/times',
    { config, schema: { tags, summary: 'Delete the caller\'s tracked times on an issue', operationId: 'issueResetTime', params: IndexParams, response: { 204: Empty, ...errorResponses(400, 401, 403, 404) } } },
    async (request, reply) => {
      const { rc, issue } = await issueOf(request);
      await services.times.reset(rc, issue, callerOf(request).user);
      return reply.code(204).send(null);
    },
  );
  app.delete(
    '/repos/:owner/:repo/issues/:index/times/:id',
    { config, schema: { tags, summary: 'Delete a tracked time', operationId: 'issueDeleteTime', params: Type.Object({ ...RepoParams, index: Int64(), id: Int64({ description: 'id of the tracked time' }) }), response: { 204: Empty, ...errorResponses(400, 401, 403, 404) } } },
    async (request, reply) => {
      const { rc, issue } = await issueOf(request);
      await services.times.remove(rc, issue, callerOf(request).user, request.params.id);
      return reply.code(204).send(null);
    },
  );
  app.get(
    '/repos/:owner/:repo/times',
    { config, schema: { tags: ['repository'], summary: 'List a repository\'s tracked times', operationId: 'repoTrackedTimes', params: Type.Object(RepoParams), querystring: Type.Object({ user: Type.Optional(Type.String()), ...TimeQuery, ...PageQuery }), response: listResponse } },
    async (request, reply) => {
      const rc = await rcOf(request);
      return page(request, reply, rc, { repoId: rc.repo.id });
    },
  );
  app.get(
    '/repos/:owner/:repo/times/:user',
    { config, schema: { tags: ['repository'], summary: 'List a user\'s tracked times in a repository (deprecated form)', operationId: 'userTrackedTimes', params: Type.Object({ ...RepoParams, user: Type.String() }), response: listResponse } },
    async (request, reply) => {
      const rc = await rcOf(request);
      return page(request, reply, rc, { repoId: rc.repo.id, userName: request.params.user });
    },
  );
  app.get(
    '/user/times',
    { config: { scope: 'user', access: 'signed' }, schema: { tags: ['user'], summary: 'List the caller\'s tracked times', operationId: 'userCurrentTrackedTimes', querystring: Type.Object({ ...TimeQuery, ...PageQuery }), response: listResponse } },
    async (request, reply) => page(request, reply, null, {}),
  );

  for (const [action, operationId, code] of [['start', 'issueStartStopWatch', 201], ['stop', 'issueStopStopWatch', 201]] as const) {
    app.post(
      `/repos/:owner/:repo/issues/:index/stopwatch/${action}`,
      { config, schema: { tags, summary: action === 'start' ? 'Start a stopwatch on an issue' : 'Stop the stopwatch and record its time', operationId, params: IndexParams, response: { [code]: Empty, ...errorResponses(401, 403, 404, 409) } } },
      async (request: FastifyRequest, reply: FastifyReply) => {
        const { rc, issue } = await issueOf(request);
        const doer = callerOf(request).user;
        if (action === 'start') await services.times.startStopwatch(rc, issue, doer);
        else await services.times.stopStopwatch(rc, issue, doer);
        return reply.code(code).send(null);
      },
    );
  }
  app.delete(
    '/repos/:owner/:repo/issues/:index/stopwatch/delete',
    { config, schema: { tags, summary: 'Cancel a stopwatch', operationId: 'issueDeleteStopWatch', params: IndexParams, response: { 204: Empty, ...errorResponses(401, 403, 404, 409) } } },
    async (request, reply) => {
      const { rc, issue } = await issueOf(request);
      await services.times.cancelStopwatch(rc, issue, callerOf(request).user);
      return reply.code(204).send(null);
    },
  );
  app.get(
    '/user/stopwatches',
    { config: { scope: 'user', access: 'signed' }, schema: { tags: ['user'], summary: 'List the caller\'s running stopwatches', operationId: 'userGetStopWatches', querystring: Type.Object(PageQuery), response: { 200: Type.Array(ref(StopWatch)), ...errorResponses(401, 403) } } },
    async (request, reply) => {
      const p = pageOf(request.query, services.config.api);
      const { items, total } = await services.times.stopwatches(callerOf(request).user, p.offset, p.limit);
      setPageHeaders(request, reply, services.config.server.rootUrl, p, total);
      const now = Math.floor(Date.now() / 1000);
      return items.map(({ stopwatch, issue, repo, owner }) => {
        const seconds = Math.max(0, now - stopwatch.createdUnix);
        return { created: rfc3339(stopwatch.createdUnix), seconds, duration: formatDuration(seconds * 1000), issue_index: issue.index, issue_title: issue.title, repo_owner_name: owner.name, repo_name: repo.name };
      });
    },
  );
}
