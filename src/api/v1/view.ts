import type { FastifyRequest } from 'fastify';
import type { Viewer } from '../../services/users.js';
import type { RepoView } from './convert/repo.js';
import type { UserView } from './convert/user.js';
import type { Actor } from '../../services/permissions.js';

/** The caller as a viewer: decides visibility in services and detail in converters. */
export function viewerOf(request: FastifyRequest): Viewer | null {
  const user = request.principal?.user;
  return user ? { id: user.id, isAdmin: user.isAdmin, isRestricted: user.isRestricted } : null;
}

export function userViewOf(request: FastifyRequest): UserView {
  const { config } = request.server.services;
  return { viewer: viewerOf(request), rootUrl: config.server.rootUrl, noReplyAddress: config.service.noReplyAddress };
}

export function repoViewOf(request: FastifyRequest): RepoView {
  const { server } = request.server.services.config;
  return { ...userViewOf(request), sshDomain: server.sshDomain, sshPort: server.sshPort, disableSsh: server.disableSsh };
}

/** The caller as repository permissions see them (a public-only token sees no private repositories). */
export function actorOf(request: FastifyRequest): Actor | null {
  const principal = request.principal;
  return principal ? { user: principal.user, publicOnly: principal.scope.publicOnly } : null;
}
