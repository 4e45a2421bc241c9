import { Type } from 'typebox';
import type { Branch } from '../../../services/branches.js';
import type { RepoContext } from '../../../services/repositories.js';
import { callerOf } from '../auth.js';
import { toApiBranch } from '../convert/branch.js';
import { pageOf, setPageHeaders } from '../pagination.js';
import { Branch as BranchSchema, CreateBranchRepoOption, UpdateBranchRepoOption } from '../schemas/branch.js';
import { Empty, errorResponses, PageQuery, ref } from '../schemas/common.js';
import type { Api } from '../types.js';
import { codeOf } from './context.js';
import { RepoParams } from './repos.js';

const BranchParams = Type.Object({ ...RepoParams.properties, branch: Type.String({ description: 'name of the branch' }) });

export default async function branchRoutes(app: Api): Promise<void> {
  const { services } = app;
  const tags = ['repository'];
  const config = { scope: 'repository' as const };

  async function render(rc: RepoContext, branches: Branch[]) {
    const users = await services.branches.usersByEmail(branches);
    const htmlUrl = `${services.config.server.rootUrl}${rc.owner.name}/${rc.repo.name}`;
    return branches.map((b) => toApiBranch(b, htmlUrl, users, rc.perm));
  }

  app.get(
    '/repos/:owner/:repo/branches',
    {
      config,
      schema: {
        tags,
        summary: "List a repository's branches",
        operationId: 'repoListBranches',
        params: RepoParams,
        querystring: Type.Object(PageQuery),
        response: { 200: Type.Array(ref(BranchSchema)), ...errorResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      const rc = await codeOf(request);
      const page = pageOf(request.query, services.config.api);
      const { branches, total } = await services.branches.list(rc, page.offset, page.limit);
      setPageHeaders(request, reply, services.config.server.rootUrl, page, total);
      return render(rc, branches);
    },
  );

  app.get(
    '/repos/:owner/:repo/branches/*',
    {
      config,
      schema: {
        tags,
        summary: 'Retrieve a specific branch from a repository, including its effective branch protection',
        operationId: 'repoGetBranch',
        params: Type.Object({ ...RepoParams.properties, '*': Type.String({ description: 'branch to get' }) }),
        response: { 200: ref(BranchSchema), ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => {
      const rc = await codeOf(request);
      return (await render(rc, [await services.branches.get(rc, request.params['*'])]))[0];
    },
  );

  app.post(
    '/repos/:owner/:repo/branches',
    {
      config: { ...config, access: 'signed' },
      schema: {
        tags,
        summary: 'Create a branch',
        operationId: 'repoCreateBranch',
        params: RepoParams,
        body: ref(CreateBranchRepoOption),
        response: { 201: ref(BranchSchema), ...errorResponses(401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const rc = await codeOf(request);
      const b = request.body;
      const branch = await services.branches.create(rc, callerOf(request).user, b.new_branch_name, b.old_ref_name || b.old_branch_name);
      return reply.code(201).send((await render(rc, [branch]))[0]);
    },
  );

  app.delete(
    '/repos/:owner/:repo/branches/*',
    {
      config: { ...config, access: 'signed' },
      schema: {
        tags,
        summary: 'Delete a specific branch from a repository',
        operationId: 'repoDeleteBranch',
        params: Type.Object({ ...RepoParams.properties, '*': Type.String({ description: 'branch to delete' }) }),
        response: { 204: Empty, ...errorResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      const rc = await codeOf(request);
      await services.branches.remove(rc, callerOf(request).user, request.params['*']);
      return reply.code(204).send(null);
    },
  );

  app.patch(
    '/repos/:owner/:repo/branches/:branch',
    {
      config: { ...config, access: 'signed' },
      schema: {
        tags,
        summary: 'Rename a branch',
        operationId: 'repoRenameBranch',
        params: BranchParams,
        body: ref(UpdateBranchRepoOption),
        response: { 204: Empty, ...errorResponses(401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const rc = await codeOf(request);
      await services.branches.rename(rc, callerOf(request).user, request.params.branch, request.body.name);
      return reply.code(204).send(null);
    },
  );
}
