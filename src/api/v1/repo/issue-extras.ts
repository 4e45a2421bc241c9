import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import { callerOf } from '../auth.js';
import { toApiIssue } from '../convert/issue.js';
import { rfc3339 } from '../convert/time.js';
import { toApiUser } from '../convert/user.js';
import { Empty, errorResponses, Int64, ref } from '../schemas/common.js';
import { EditDeadlineOption, Issue, IssueDeadline } from '../schemas/issue.js';
import { User } from '../schemas/user.js';
import type { Api } from '../types.js';
import { userViewOf } from '../view.js';
import { RepoParams, issueOf, repoOf } from './context.js';

const IndexParams = Type.Object({ ...RepoParams, index: Int64({ description: 'index of the issue' }) });

/** Assignable users, due dates and pinned issues. */
export default async function issueExtraRoutes(app: Api): Promise<void> {
  const { services } = app;
  const tags = ['issue'];
  const write = { scope: 'issue' as const, access: 'signed' as const };
  const rcOf = (request: FastifyRequest) => repoOf(request as FastifyRequest<{ Params: { owner: string; repo: string } }>);
  app.get(
    '/repos/:owner/:repo/assignees',
    { config: { scope: 'repository' }, schema: { tags: ['repository'], summary: 'List the users who may be assigned issues', operationId: 'repoGetAssignees', params: Type.Object(RepoParams), response: { 200: Type.Array(ref(User)), ...errorResponses(401, 403, 404) } } },
    async (request) => {
      const view = userViewOf(request);
      return (await services.issues.assignees(await rcOf(request))).map((u) => toApiUser(u, view));
    },
  );

  app.post(
    '/repos/:owner/:repo/issues/:index/deadline',
    { config: write, schema: { tags, summary: 'Set an issue\'s due date', operationId: 'issueEditIssueDeadline', params: IndexParams, body: ref(EditDeadlineOption), response: { 201: ref(IssueDeadline), ...errorResponses(401, 403, 404, 422) } } },
    async (request, reply) => {
      const { rc, issue } = await issueOf(request);
      const due = (request.body as Static<typeof EditDeadlineOption>).due_date;
      const edited = await services.issues.setDeadline(rc, issue, callerOf(request).user, Math.floor(Date.parse(due) / 1000));
      return reply.code(201).send({ due_date: edited.deadlineUnix ? rfc3339(edited.deadlineUnix) : null });
    },
  );

  app.get(
    '/repos/:owner/:repo/issues/pinned',
    { config: { scope: 'issue' }, schema: { tags, summary: 'List a repository\'s pinned issues', operationId: 'repoListPinnedIssues', params: Type.Object(RepoParams), response: { 200: Type.Array(ref(Issue)), ...errorResponses(401, 403, 404) } } },
    async (request) => {
      const view = userViewOf(request);
      return (await services.issues.views(await services.issues.pinned(await rcOf(request)))).map((v) => toApiIssue(v, view));
    },
  );

  for (const [method, operationId, pin] of [['post', 'pinIssue', true], ['delete', 'unpinIssue', false]] as const) {
    app[method](
      '/repos/:owner/:repo/issues/:index/pin',
      { config: write, schema: { tags, summary: pin ? 'Pin an issue' : 'Unpin an issue', operationId, params: IndexParams, response: { 204: Empty, ...errorResponses(401, 403, 404, 422) } } },
      async (request: FastifyRequest, reply: FastifyReply) => {
        const { rc, issue } = await issueOf(request);
        await services.issues.pin(rc, issue, { pin });
        return reply.code(204).send(null);
      },
    );
  }
  app.patch(
    '/repos/:owner/:repo/issues/:index/pin/:position',
    { config: write, schema: { tags, summary: 'Move a pinned issue', operationId: 'moveIssuePin', params: Type.Object({ ...RepoParams, index: Int64(), position: Int64({ description: 'the new position (1 is first)' }) }), response: { 204: Empty, ...errorResponses(401, 403, 404, 422) } } },
    async (request, reply) => {
      const { rc, issue } = await issueOf(request);
      await services.issues.pin(rc, issue, { position: request.params.position });
      return reply.code(204).send(null);
    },
  );
}
