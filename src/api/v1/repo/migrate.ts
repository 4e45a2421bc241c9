import { callerOf } from '../auth.js';
import { Empty, errorResponses, ref } from '../schemas/common.js';
import { MigrateRepoOptions, Repository } from '../schemas/repo.js';
import type { Api } from '../types.js';
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
      const rc = await services.repos.get(request.params.owner, request.params.repo, actorOf(request));
      await services.migrations.requestSync(rc);
      return reply.code(200).send(null);
    },
  );
}
