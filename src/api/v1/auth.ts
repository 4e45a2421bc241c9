import type { FastifyRequest } from 'fastify';
import type { Credentials, Principal } from '../../services/auth.js';
import { forbidden, unauthorized } from '../../services/errors.js';
import { allows } from '../../services/scopes.js';

const firstHeader = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/**
 * Collects credentials the ways Gitea accepts them: `?token=`, `?access_token=`,
 * `Authorization: token|bearer X`, BasicAuth (password or token), the OTP header and sudo.
 */
export function credentialsOf(request: FastifyRequest): Credentials {
  const query = request.query as Record<string, unknown> | undefined;
  const fromQuery = (name: string) => (typeof query?.[name] === 'string' && query[name] !== '' ? (query[name] as string) : undefined);
  const creds: Credentials = {
    otp: firstHeader(request.headers['x-gitea-otp']) ?? firstHeader(request.headers['x-forgejo-otp']),
    sudo: fromQuery('sudo') ?? firstHeader(request.headers['sudo']),
    token: fromQuery('token') ?? fromQuery('access_token'),
  };
  const header = request.headers.authorization;
  if (!header) return creds;
  const space = header.indexOf(' ');
  const scheme = (space < 0 ? header : header.slice(0, space)).toLowerCase();
  const value = space < 0 ? '' : header.slice(space + 1).trim();
  if (scheme === 'token' || scheme === 'bearer') {
    creds.token ??= value;
  } else if (scheme === 'basic' && creds.token === undefined) {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) throw unauthorized('malformed BasicAuth credentials');
    creds.basic = { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
  }
  return creds;
}

/** onRequest hook: authenticates, then applies the route's access level and token scope. */
export async function authenticateRequest(request: FastifyRequest): Promise<void> {
  const { services } = request.server;
  const principal = await services.auth.authenticate(credentialsOf(request));
  request.principal = principal;
  const { access = 'public', scope } = request.routeOptions.config;
  if (!principal) {
    if (access !== 'public' || (scope && services.config.service.requireSigninView)) throw unauthorized('token is required');
    return;
  }
  if (access === 'basic' && principal.method !== 'basic') throw unauthorized('auth required: this endpoint takes BasicAuth with a password');
  if (access === 'admin' && !principal.user.isAdmin) throw forbidden('user should be the site admin');
  if (principal.method === 'token' && scope) {
    const level = request.method === 'GET' || request.method === 'HEAD' ? 'read' : 'write';
    if (!allows(principal.scope, scope, level)) {
      throw forbidden(`token does not have at least one of required scope(s): [${level}:${scope}]`);
    }
  }
}

/** The signed-in caller of a route declared `signed`, `basic` or `admin`. */
export function callerOf(request: FastifyRequest): Principal {
  if (!request.principal) throw unauthorized('token is required');
  return request.principal;
}
