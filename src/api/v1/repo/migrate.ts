import { callerOf } from '../auth.js';
import { Type } from 'typebox';
import { toApiPushMirror } from '../convert/repo.js';
import { pageOf, setPageHeaders } from '../pagination.js';
import { Empty, errorResponses, PageQuery, ref } from '../schemas/common.js';
import { CreatePushMirrorOption, MigrateRepoOptions, PushMirror, Repository } from '../schemas/repo.js';
import type { Api } from '../types.js';
import { repoOf } from './context.js';
import { actorOf } from '../view.js';
import { renderRepo, RepoParams } from './repos.js';

export default async function migrateRoutes(app: Api): Promise<void> {
  const { services } = app;
  const tags = ['repository'];
  const config = { scope: 'repository' as const, access: 'signed' as const };

  app.post(
    '/repos/migrate',
    {
      config,
      schema: {
        tags,
        summary: 'Migrate a remote git repository',
        operationId: 'repoMigrate',
        body: ref(MigrateRepoOptions),
        response: { 201: ref(Repository), ...errorResponses(401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const b = request.body;
      // Issues, pull requests, wiki, releases and LFS come with issue 5 and later: git data only for now.
      const repo = await services.migrations.migrate(callerOf(request).user, {
        cloneAddr: b.clone_addr,
        repoName: b.repo_name,
        ownerName: b.repo_owner,
        ownerId: b.uid,
        authUsername: b.auth_username,
        authPassword: b.auth_password,
        authToken: b.auth_token,
        mirror: b.mirror,
        mirrorInterval: b.mirror_interval,
        private: b.private,
        description: b.description,
      });
      return reply.code(201).send(await renderRepo(request, await services.repos.getById(repo.id, actorOf(request))));
    },
  );

  // Gitea answers 200 (Gogs 202): Samovar syncs before answering, so 200 says it is done.
  app.post(
    '/repos/:owner/:repo/mirror-sync',
    {
      config,
      schema: { tags, summary: 'Sync a mirrored repository', operationId: 'repoMirrorSync', params: RepoParams, response: { 200: Empty, ...errorResponses(400, 401, 403, 404, 422) } },
    },
    async (request, reply) => {
      const rc = await repoOf(request);
      await services.migrations.requestSync(rc);
      return reply.code(200).send(null);
    },
  );

  // ---- push mirrors

  const NameParams = Type.Object({ ...RepoParams.properties, name: Type.String({ description: 'remote name of the push mirror' }) });

  app.get(
    '/repos/:owner/:repo/push_mirrors',
    { config, schema: { tags, summary: 'Get all push mirrors of the repository', operationId: 'repoListPushMirrors', params: RepoParams, querystring: Type.Object(PageQuery), response: { 200: Type.Array(ref(PushMirror)), ...errorResponses(400, 401, 403, 404) } } },
    async (request, reply) => {
      const rc = await repoOf(request);
      const page = pageOf(request.query, services.config.api);
      const all = await services.pushMirrors.list(rc);
      setPageHeaders(request, reply, services.config.server.rootUrl, page, all.length);
      return all.slice(page.offset, page.offset + page.limit).map((m) => toApiPushMirror(rc.repo.name, m));
    },
  );

  app.post(
    '/repos/:owner/:repo/push_mirrors',
    { config, schema: { tags, summary: 'add a push mirror to the repository', operationId: 'repoAddPushMirror', params: RepoParams, body: ref(CreatePushMirrorOption), response: { 200: ref(PushMirror), ...errorResponses(400, 401, 403, 404, 422) } } },
    async (request) => {
      const rc = await repoOf(request);
      const b = request.body;
      const mirror = await services.pushMirrors.create(rc, { remoteAddress: b.remote_address, remoteUsername: b.remote_username, remotePassword: b.remote_password, interval: b.interval, syncOnCommit: b.sync_on_commit });
      return toApiPushMirror(rc.repo.name, mirror);
    },
  );

  app.get(
    '/repos/:owner/:repo/push_mirrors/:name',
    { config, schema: { tags, summary: 'Get push mirror of the repository by remoteName', operationId: 'repoGetPushMirrorByRemoteName', params: NameParams, response: { 200: ref(PushMirror), ...errorResponses(400, 401, 403, 404) } } },
    async (request) => {
      const rc = await repoOf(request);
      return toApiPushMirror(rc.repo.name, await services.pushMirrors.get(rc, request.params.name));
    },
  );

  app.delete(
    '/repos/:owner/:repo/push_mirrors/:name',
    { config, schema: { tags, summary: 'deletes a push mirror from a repository by remoteName', operationId: 'repoDeletePushMirror', params: NameParams, response: { 204: Empty, ...errorResponses(400, 401, 403, 404) } } },
    async (request, reply) => {
      const rc = await repoOf(request);
      await services.pushMirrors.remove(rc, request.params.name);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/repos/:owner/:repo/push_mirrors-sync',
    { config, schema: { tags, summary: 'Sync all push mirrored repository', operationId: 'repoPushMirrorSync', params: RepoParams, response: { 200: Empty, ...errorResponses(400, 401, 403, 404) } } },
    async (request, reply) => {
      const rc = await repoOf(request);
      await services.pushMirrors.syncAll(rc);
      return reply.code(200).send(null);
    },
  );
}
