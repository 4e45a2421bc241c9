import type { FastifyRequest } from 'fastify';
import type { User } from '../../../models/users.js';
import { callerOf } from '../auth.js';
import { viewerOf } from '../view.js';

/**
 * The account a `/user/…` or `/orgs/{org}/…` route acts for: the caller, or the organization
 * named by `:org` when the caller owns it (404 when hidden, 403 when not an owner).
 */
export async function callerOrOwnedOrg(request: FastifyRequest): Promise<User> {
  const caller = callerOf(request).user;
  const { org } = request.params as { org?: string };
  if (org === undefined) return caller;
  const { orgs } = request.server.services;
  const organization = await orgs.get(org, viewerOf(request));
  await orgs.assertOwner(organization, caller);
  return organization;
}
