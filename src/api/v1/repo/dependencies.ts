import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import { callerOf } from '../auth.js';
import { toApiIssue } from '../convert/issue.js';
import { pageOf, setPageHeaders } from '../pagination.js';
import { errorResponses, Int64, PageQuery, ref } from '../schemas/common.js';
import { Issue, IssueMeta } from '../schemas/issue.js';
import type { Api } from '../types.js';
import { userViewOf } from '../view.js';
import { issueOf } from './context.js';

const IndexParams = Type.Object({ owner: Type.String({ description: 'owner of the repo' }), repo: Type.String({ description: 'name of the repo' }), index: Int64({ description: 'index of the issue' }) });

/** Issue dependencies: what an issue depends on (`/dependencies`) and what it blocks (`/blocks`). */
export default async function dependencyRoutes(app: Api): Promise<void> {
  const { services } = app;
  const tags = ['issue'];

  const render = async (request: FastifyRequest, issues: Awaited<ReturnType<typeof services.issues.get>>[]) => {
    const view = userViewOf(request);
    return (await services.issues.views(issues)).map((v) => toApiIssue(v, view));
  };

  for (const [direction, ops] of [
    ['dependencies', ['issueListIssueDependencies', 'issueCreateIssueDependencies', 'issueRemoveIssueDependencies']],
    ['blocks', ['issueListBlocks', 'issueCreateIssueBlocking', 'issueRemoveIssueBlocking']],
  ] as const) {
    const path = `/repos/:owner/:repo/issues/:index/${direction}`;
    const what = direction === 'dependencies' ? 'the issues this issue depends on' : 'the issues this issue blocks';
    app.get(path, { config: { scope: 'issue' }, schema: { tags, summary: `List ${what}`, operationId: ops[0], params: IndexParams, querystring: Type.Object(PageQuery), response: { 200: Type.Array(ref(Issue)), ...errorResponses(401, 403, 404) } } }, async (request: FastifyRequest, reply: FastifyReply) => {
      const { issue } = await issueOf(request);
      const p = pageOf(request.query as { page?: number; limit?: number }, services.config.api);
      const { issues, total } = await services.issues.linked(issue, request.principal?.user ?? null, direction, p.offset, p.limit);
      setPageHeaders(request, reply, services.config.server.rootUrl, p, total);
      return render(request, issues);
    });
    for (const [method, op, on] of [['post', ops[1], true], ['delete', ops[2], false]] as const) {
      app[method](path, { config: { scope: 'issue', access: 'signed' }, schema: { tags, summary: on ? `Add to ${what}` : `Remove from ${what}`, operationId: op, params: IndexParams, body: ref(IssueMeta), response: { [on ? 201 : 200]: ref(Issue), ...errorResponses(401, 403, 404, 422) } } }, async (request: FastifyRequest, reply: FastifyReply) => {
        const { rc, issue } = await issueOf(request);
        const doer = callerOf(request).user;
        const meta = request.body as Static<typeof IssueMeta>;
        const other = await services.issues.find(meta.owner, meta.repo, meta.index, doer);
        await services.issues.link(rc, issue, doer, other, direction, on);
        return reply.code(on ? 201 : 200).send((await render(request, [other]))[0]);
      });
    }
  }
}
