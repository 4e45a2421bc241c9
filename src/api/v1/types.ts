import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { Principal } from '../../services/auth.js';
import type { Services } from '../../services/index.js';
import type { ScopeCategory } from '../../services/scopes.js';

/** The Fastify instance routes are registered on, typed by TypeBox schemas. */
export type Api = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, TypeBoxTypeProvider>;

/**
 * Who may call a route: `public` routes also serve anonymous callers, `signed` ones need any
 * credentials, `basic` ones need BasicAuth (Gitea's rule for the token endpoints), `admin` a site admin.
 */
export type Access = 'public' | 'signed' | 'basic' | 'admin';

declare module 'fastify' {
  interface FastifyInstance {
    services: Services;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    /** The token scope category a route belongs to; none for scope-free routes (version, settings). */
    scope?: ScopeCategory;
    access?: Access;
  }
}
