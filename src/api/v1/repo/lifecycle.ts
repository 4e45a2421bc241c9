import { Type } from 'typebox';
import { forbidden } from '../../../services/errors.js';
import { callerOf } from '../auth.js';
import { pageOf, setPageHeaders } from '../pagination.js';
import { errorResponses, PageQuery, ref } from '../schemas/common.js';
import { CreateForkOption, GenerateRepoOption, Repository, TransferRepoOption } from '../schemas/repo.js';
import type { Api } from '../types.js';
import { actorOf, viewerOf } from '../view.js';
import { repoOf } from './context.js';
import { renderRepo, renderRepos, RepoParams } from './repos.js';

export default async function lifecycleRoutes(app: Api): Promise<void> {
  const { services } = app;
  const tags = ['repository'];
  const config = { scope: 'repository' as const };
  const signed = { ...config, access: 'signed' as const };


  app.get(
    '/repos/:owner/:repo/forks',
    { config, schema: { tags, summary: "List a repository's forks", operationId: 'listForks', params: RepoParams, querystring: Type.Object(PageQuery), response: { 200: Type.Array(ref(Repository)), ...errorResponses(401, 403, 404) } } },
    async (request, reply) => {
      const rc = await repoOf(request);
      const page = pageOf(request.query, services.config.api);
      const { repos, total } = await services.lifecycle.forks(rc, page.offset, page.limit);
      // Forks the caller may not see (private ones of others) are left out of the page.
      const visible = (await renderRepos(request, repos)).filter((r) => r.permissions.pull);
      setPageHeaders(request, reply, services.config.server.rootUrl, page, total);
      return visible;
    },
  );

  app.post(
    '/repos/:owner/:repo/forks',
    {
      config: signed,
      schema: { tags, summary: 'Fork a repository', operationId: 'createFork', params: RepoParams, body: ref(CreateForkOption), response: { 202: ref(Repository), ...errorResponses(401, 403, 404, 409, 422) } },
    },
    async (request, reply) => {
      const rc = await repoOf(request);
      const doer = callerOf(request).user;
      let into = doer;
      if (request.body.organization) {
        into = await services.orgs.get(request.body.organization, viewerOf(request));
        if (!(await services.orgs.role(into, doer)).canCreateRepo) throw forbidden('Given user is not allowed to create repository in organization.');
      }
      const fork = await services.lifecycle.fork(rc, doer, request.body.name, into);
      return reply.code(202).send(await renderRepo(request, await services.repos.getById(fork.id, actorOf(request))));
    },
  );

  app.post(
    '/repos/:owner/:repo/transfer',
    {
      config: signed,
      schema: { tags, summary: "Transfer a repo ownership", operationId: 'repoTransfer', params: RepoParams, body: ref(TransferRepoOption), response: { 202: ref(Repository), ...errorResponses(401, 403, 404, 422) } },
    },
    async (request, reply) => {
      const rc = await repoOf(request);
      const { repo } = await services.lifecycle.transfer(rc, callerOf(request).user, request.body.new_owner);
      return reply.code(202).send(await renderRepo(request, await services.repos.getById(repo.id, actorOf(request))));
    },
  );

  app.post(
    '/repos/:owner/:repo/transfer/accept',
    { config: signed, schema: { tags, summary: 'Accept a repo transfer', operationId: 'acceptRepoTransfer', params: RepoParams, response: { 202: ref(Repository), ...errorResponses(401, 403, 404) } } },
    async (request, reply) => {
      const rc = await services.repos.getForTransfer(request.params.owner, request.params.repo, callerOf(request).user);
      const repo = await services.lifecycle.acceptTransfer(rc, callerOf(request).user);
      return reply.code(202).send(await renderRepo(request, await services.repos.getById(repo.id, actorOf(request))));
    },
  );

  app.post(
    '/repos/:owner/:repo/transfer/reject',
    { config: signed, schema: { tags, summary: 'Reject a repo transfer', operationId: 'rejectRepoTransfer', params: RepoParams, response: { 200: ref(Repository), ...errorResponses(401, 403, 404) } } },
    async (request) => {
      const rc = await services.repos.getForTransfer(request.params.owner, request.params.repo, callerOf(request).user);
      await services.lifecycle.rejectTransfer(rc, callerOf(request).user);
      return renderRepo(request, rc);
    },
  );

  app.post(
    '/repos/:owner/:repo/generate',
    {
      config: signed,
      schema: {
        tags,
        summary: 'Create a repository using a template',
        operationId: 'generateRepo',
        params: RepoParams,
        body: ref(GenerateRepoOption),
        response: { 201: ref(Repository), ...errorResponses(401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const template = await repoOf(request);
      const b = request.body;
      const repo = await services.lifecycle.generate(template, callerOf(request).user, {
        owner: b.owner,
        name: b.name,
        description: b.description,
        private: b.private,
        defaultBranch: b.default_branch,
        gitContent: b.git_content,
        topics: b.topics,
      });
      return reply.code(201).send(await renderRepo(request, await services.repos.getById(repo.id, actorOf(request))));
    },
  );
}
