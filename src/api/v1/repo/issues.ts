import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import type { Issue } from '../../../services/issues.js';
import type { IssueFilter } from '../../../models/issues.js';
import type { RepoContext } from '../../../services/repositories.js';
import { notFound } from '../../../services/errors.js';
import { callerOf } from '../auth.js';
import { labelBase, toApiIssue, toApiLabel } from '../convert/issue.js';
import { pageOf, setPageHeaders } from '../pagination.js';
import { DateTime, Empty, errorResponses, Int64, PageQuery, ref } from '../schemas/common.js';
import { CreateIssueOption, EditIssueOption, Issue as IssueSchema, IssueLabelsOption, LockIssueOption } from '../schemas/issue.js';
import { Label } from '../schemas/social.js';
import { unixOf } from '../convert/time.js';
import type { Api } from '../types.js';
import { userViewOf, viewerOf } from '../view.js';
import { RepoParams, issueOf, repoOf } from './context.js';

const IndexParams = Type.Object({ ...RepoParams, index: Int64({ description: 'index of the issue' }) });
const State = Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('closed'), Type.Literal('all')], { description: 'whether issue is open or closed' }));
const list = (text: string | undefined) => (text ? text.split(',').map((s) => s.trim()).filter(Boolean) : undefined);

/** Issues of a repository, the search across repositories, locks and issue labels. */
export default async function issueRoutes(app: Api): Promise<void> {
  const { services } = app;
  const tags = ['issue'];
  const read = { scope: 'issue' as const };
  const write = { scope: 'issue' as const, access: 'signed' as const };

  async function render(request: FastifyRequest, issues: Issue[]) {
    const view = userViewOf(request);
    return (await services.issues.views(issues)).map((v) => toApiIssue(v, view));
  }

  async function page(request: FastifyRequest, reply: FastifyReply, filter: Omit<IssueFilter, 'offset' | 'limit'> | null) {
    const p = pageOf(request.query as { page?: number; limit?: number }, services.config.api);
    const { issues, total } = filter ? await services.issues.list({ ...filter, offset: p.offset, limit: p.limit }) : { issues: [], total: 0 };
    setPageHeaders(request, reply, services.config.server.rootUrl, p, total);
    return render(request, issues);
  }

  /** A user named in a filter, as an id (404 when unknown, as in Gitea). */
  const userId = async (name: string | undefined) => (name ? (await services.users.byName(name)).id : undefined);

  app.get(
    '/repos/:owner/:repo/issues',
    {
      config: read,
      schema: {
        tags,
        summary: 'List a repository\'s issues',
        operationId: 'issueListIssues',
        params: Type.Object(RepoParams),
        querystring: Type.Object({
          state: State,
          labels: Type.Optional(Type.String({ description: 'comma-separated label names' })),
          q: Type.Optional(Type.String({ description: 'search words' })),
          type: Type.Optional(Type.String({ enum: ['issues', 'pulls'] })),
          milestones: Type.Optional(Type.String({ description: 'comma-separated milestone names or ids' })),
          since: Type.Optional(DateTime()),
          before: Type.Optional(DateTime()),
          created_by: Type.Optional(Type.String()),
          assigned_by: Type.Optional(Type.String()),
          mentioned_by: Type.Optional(Type.String()),
          ...PageQuery,
        }),
        response: { 200: Type.Array(ref(IssueSchema)), ...errorResponses(401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      const rc = await repoOf(request);
      services.issues.assertReadable(rc);
      const q = request.query;
      const labelNames = list(q.labels);
      const labels = labelNames ? await services.issues.labelsOf(rc, labelNames).catch(() => null) : undefined;
      const milestoneRefs = list(q.milestones);
      const milestones = milestoneRefs ? await Promise.all(milestoneRefs.map((m) => services.milestones.get(rc, m).then((x) => x.id, () => -1))) : undefined;
      if (labels === null) return page(request, reply, null);
      return page(request, reply, {
        repoId: rc.repo.id,
        state: q.state ?? 'open',
        isPull: q.type === undefined ? undefined : q.type === 'pulls',
        labelIds: labels?.map((l) => l.id),
        milestoneIds: milestones,
        keyword: q.q?.trim() || undefined,
        sinceUnix: unixOf(q.since),
        beforeUnix: unixOf(q.before),
        posterId: await userId(q.created_by),
        assigneeId: await userId(q.assigned_by),
        mentionedId: await userId(q.mentioned_by),
      });
    },
  );

  app.get(
    '/repos/issues/search',
    {
      config: read,
      schema: {
        tags,
        summary: 'Search issues across the repositories the caller may see',
        operationId: 'issueSearchIssues',
        querystring: Type.Object({
          state: State,
          labels: Type.Optional(Type.String({ description: 'comma-separated label names' })),
          milestones: Type.Optional(Type.String({ description: 'comma-separated milestone names' })),
          q: Type.Optional(Type.String({ description: 'search words' })),
          priority_repo_id: Type.Optional(Int64({ description: 'accepted; results are newest first' })),
          type: Type.Optional(Type.String({ enum: ['issues', 'pulls'] })),
          since: Type.Optional(DateTime()),
          before: Type.Optional(DateTime()),
          assigned: Type.Optional(Type.Boolean({ description: 'only issues assigned to the caller' })),
          created: Type.Optional(Type.Boolean({ description: 'only issues the caller opened' })),
          mentioned: Type.Optional(Type.Boolean({ description: 'only issues mentioning the caller' })),
          owner: Type.Optional(Type.String({ description: 'only repositories of this owner' })),
          ...PageQuery,
        }),
        response: { 200: Type.Array(ref(IssueSchema)), ...errorResponses(401, 403, 422) },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const me = request.principal?.user;
      const mine = (flag: boolean | undefined) => (flag ? (me?.id ?? -1) : undefined);
      return page(request, reply, {
        viewer: viewerOf(request),
        state: q.state ?? 'open',
        isPull: q.type === undefined ? undefined : q.type === 'pulls',
        labelNames: list(q.labels),
        keyword: q.q?.trim() || undefined,
        sinceUnix: unixOf(q.since),
        beforeUnix: unixOf(q.before),
        assigneeId: mine(q.assigned),
        posterId: mine(q.created),
        mentionedId: mine(q.mentioned),
        repoOwnerId: q.owner ? (await services.users.byName(q.owner, true)).id : undefined,
      });
    },
  );

  // Gogs: the caller's issues: `/issues` those assigned to them, `/user/issues` those in their repositories.
  for (const [path, operationId, summary] of [
    ['/issues', 'issueListAssignedIssues', 'List issues assigned to the authenticated user (Gogs)'],
    ['/user/issues', 'userListIssues', 'List issues of the authenticated user\'s repositories (Gogs)'],
  ] as const) {
    app.get(
      path,
      { config: { scope: 'issue', access: 'signed' }, schema: { tags, summary, operationId, querystring: Type.Object({ state: State, ...PageQuery }), response: { 200: Type.Array(ref(IssueSchema)), ...errorResponses(401, 403) } } },
      async (request, reply) => {
        const me = callerOf(request).user;
        const scope = path === '/issues' ? { assigneeId: me.id } : { repoOwnerId: me.id };
        return page(request, reply, { viewer: viewerOf(request), state: request.query.state ?? 'open', isPull: false, ...scope });
      },
    );
  }

  app.post(
    '/repos/:owner/:repo/issues',
    { config: write, schema: { tags, summary: 'Create an issue', operationId: 'issueCreateIssue', params: Type.Object(RepoParams), body: ref(CreateIssueOption), response: { 201: ref(IssueSchema), ...errorResponses(401, 403, 404, 413, 422) } } },
    async (request, reply) => {
      const rc = await repoOf(request);
      const b = request.body as Static<typeof CreateIssueOption>;
      const issue = await services.issues.create(rc, callerOf(request).user, {
        title: b.title,
        body: b.body,
        ref: b.ref,
        closed: b.closed,
        assignees: b.assignees ?? (b.assignee ? [b.assignee] : undefined),
        milestoneId: b.milestone,
        labelIds: b.labels,
        deadlineUnix: unixOf(b.due_date),
      });
      return reply.code(201).send((await render(request, [issue]))[0]);
    },
  );

  app.get(
    '/repos/:owner/:repo/issues/:index',
    { config: read, schema: { tags, summary: 'Get an issue', operationId: 'issueGetIssue', params: IndexParams, response: { 200: ref(IssueSchema), ...errorResponses(401, 403, 404) } } },
    async (request) => (await render(request, [(await issueOf(request)).issue]))[0],
  );

  app.patch(
    '/repos/:owner/:repo/issues/:index',
    { config: write, schema: { tags, summary: 'Edit an issue', operationId: 'issueEditIssue', params: IndexParams, body: ref(EditIssueOption), response: { 201: ref(IssueSchema), ...errorResponses(401, 403, 404, 412, 422) } } },
    async (request, reply) => {
      const { rc, issue } = await issueOf(request);
      const b = request.body as Static<typeof EditIssueOption>;
      const edited = await services.issues.edit(rc, issue, callerOf(request).user, {
        title: b.title,
        body: b.body,
        ref: b.ref,
        state: b.state as 'open' | 'closed' | undefined,
        assignees: b.assignees ?? (b.assignee !== undefined ? (b.assignee ? [b.assignee] : []) : undefined),
        milestoneId: b.milestone,
        deadlineUnix: b.unset_due_date ? 0 : unixOf(b.due_date),
      });
      // Gitea answers an edit with 201.
      return reply.code(201).send((await render(request, [edited]))[0]);
    },
  );

  app.delete(
    '/repos/:owner/:repo/issues/:index',
    { config: write, schema: { tags, summary: 'Delete an issue', operationId: 'issueDelete', params: IndexParams, response: { 204: Empty, ...errorResponses(401, 403, 404) } } },
    async (request, reply) => {
      const { rc, issue } = await issueOf(request);
      await services.issues.remove(rc, issue);
      return reply.code(204).send(null);
    },
  );

  for (const [method, operationId, locked] of [['put', 'issueLockIssue', true], ['delete', 'issueUnlockIssue', false]] as const) {
    app[method](
      '/repos/:owner/:repo/issues/:index/lock',
      { config: write, schema: { tags, summary: locked ? 'Lock an issue' : 'Unlock an issue', operationId, params: IndexParams, ...(locked ? { body: ref(LockIssueOption) } : {}), response: { 204: Empty, ...errorResponses(401, 403, 404) } } },
      async (request: FastifyRequest, reply: FastifyReply) => {
        const { rc, issue } = await issueOf(request);
        await services.issues.setLocked(rc, issue, callerOf(request).user, locked);
        return reply.code(204).send(null);
      },
    );
  }

  // ---- labels of an issue

  function renderLabels(rc: RepoContext, labels: Awaited<ReturnType<typeof services.issues.labelsOfIssue>>) {
    const root = services.config.server.rootUrl;
    return labels.map((l) => toApiLabel(l, labelBase(root, l, `${rc.owner.name}/${rc.repo.name}`, rc.owner.name)));
  }
  const labelsResponse = { 200: Type.Array(ref(Label)), ...errorResponses(401, 403, 404, 422) };

  app.get(
    '/repos/:owner/:repo/issues/:index/labels',
    { config: read, schema: { tags, summary: 'Get an issue\'s labels', operationId: 'issueGetLabels', params: IndexParams, response: labelsResponse } },
    async (request) => {
      const { rc, issue } = await issueOf(request);
      return renderLabels(rc, await services.issues.labelsOfIssue(issue));
    },
  );
  for (const [method, operationId, mode] of [['post', 'issueAddLabel', 'add'], ['put', 'issueReplaceLabels', 'replace']] as const) {
    app[method](
      '/repos/:owner/:repo/issues/:index/labels',
      { config: write, schema: { tags, summary: mode === 'add' ? 'Add labels to an issue' : 'Replace an issue\'s labels', operationId, params: IndexParams, body: ref(IssueLabelsOption), response: labelsResponse } },
      async (request: FastifyRequest) => {
        const { rc, issue } = await issueOf(request);
        const refs = (request.body as Static<typeof IssueLabelsOption>).labels;
        return renderLabels(rc, await services.issues.changeLabels(rc, issue, callerOf(request).user, refs, mode));
      },
    );
  }
  app.delete(
    '/repos/:owner/:repo/issues/:index/labels',
    { config: write, schema: { tags, summary: 'Remove all labels from an issue', operationId: 'issueClearLabels', params: IndexParams, response: { 204: Empty, ...errorResponses(401, 403, 404) } } },
    async (request, reply) => {
      const { rc, issue } = await issueOf(request);
      await services.issues.changeLabels(rc, issue, callerOf(request).user, [], 'clear');
      return reply.code(204).send(null);
    },
  );
  app.delete(
    '/repos/:owner/:repo/issues/:index/labels/:id',
    { config: write, schema: { tags, summary: 'Remove a label from an issue', operationId: 'issueRemoveLabel', params: Type.Object({ ...RepoParams, index: Int64(), id: Int64({ description: 'id of the label' }) }), response: { 204: Empty, ...errorResponses(401, 403, 404, 422) } } },
    async (request, reply) => {
      const { rc, issue } = await issueOf(request);
      const id = (request.params as { id: number }).id;
      if (!(await services.issues.labelsOfIssue(issue)).some((l) => l.id === id)) throw notFound(`the issue has no label with id ${id}`);
      await services.issues.changeLabels(rc, issue, callerOf(request).user, [id], 'remove');
      return reply.code(204).send(null);
    },
  );
}
