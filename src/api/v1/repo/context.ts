import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { forbidden } from '../../../services/errors.js';
import type { Issue } from '../../../services/issues.js';
import type { RepoContext } from '../../../services/repositories.js';
import type { RepoUrls } from '../convert/contents.js';
import { actorOf } from '../view.js';

/** The repository named by :owner/:repo, if the caller may see it (404 otherwise). */
export function repoOf(request: FastifyRequest<{ Params: { owner: string; repo: string } }>): Promise<RepoContext> {
  return request.server.services.repos.get(request.params.owner, request.params.repo, actorOf(request));
}

/** Like repoOf, for routes that read the code: the caller's team may see the repository but not its code (403). */
export async function codeOf(request: FastifyRequest<{ Params: { owner: string; repo: string } }>): Promise<RepoContext> {
  const rc = await repoOf(request);
  if (!rc.perm.canRead) throw forbidden('you may not read the code of this repository');
  return rc;
}

/** The repository's API and web addresses, without trailing slashes. */
export function repoUrlsOf(request: FastifyRequest, rc: RepoContext): RepoUrls {
  const root = request.server.services.config.server.rootUrl;
  return { api: `${root}api/v1/repos/${rc.owner.name}/${rc.repo.name}`, html: `${root}${rc.owner.name}/${rc.repo.name}` };
}

/** The `:owner/:repo` path parameters of repository routes. */
export const RepoParams = { owner: Type.String({ description: 'owner of the repo' }), repo: Type.String({ description: 'name of the repo' }) };

/** The issue named by :owner/:repo/issues/:index, with its repository (404 when either is hidden). */
export async function issueOf(request: FastifyRequest): Promise<{ rc: RepoContext; issue: Issue }> {
  const rc = await repoOf(request as FastifyRequest<{ Params: { owner: string; repo: string } }>);
  return { rc, issue: await request.server.services.issues.get(rc, (request.params as { index: number }).index) };
}
