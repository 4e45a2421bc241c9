import type { FastifyReply, FastifyRequest } from 'fastify';
import type { User } from '../../models/users.js';
import { toApiUser, type ApiUser } from './convert/user.js';
import { pageOf, setPageHeaders, type Page } from './pagination.js';
import { userViewOf } from './view.js';

/**
 * Answers a paged list of users the way every Gitea user list does: `read` loads the page asked
 * for, the reply gets X-Total-Count and Link, and each user is shown as the caller may see them.
 */
export async function userPage(request: FastifyRequest, reply: FastifyReply, read: (page: Page) => Promise<{ users: User[]; total: number }>): Promise<ApiUser[]> {
  const { config } = request.server.services;
  const page = pageOf(request.query as { page?: number; limit?: number }, config.api);
  const { users, total } = await read(page);
  setPageHeaders(request, reply, config.server.rootUrl, page, total);
  const view = userViewOf(request);
  return users.map((u) => toApiUser(u, view));
}
