import type { FastifyRequest } from 'fastify';
import type { Viewer } from '../../services/users.js';
import type { UserView } from './convert/user.js';

/** The caller as a viewer: decides visibility in services and detail in converters. */
export function viewerOf(request: FastifyRequest): Viewer | null {
  const user = request.principal?.user;
  return user ? { id: user.id, isAdmin: user.isAdmin } : null;
}

export function userViewOf(request: FastifyRequest): UserView {
  const { config } = request.server.services;
  return { viewer: viewerOf(request), rootUrl: config.server.rootUrl, noReplyAddress: config.service.noReplyAddress };
}
