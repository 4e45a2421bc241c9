import { randomBytes } from 'node:crypto';
import cors from '@fastify/cors';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { pino } from 'pino';
import type { Config, LogLevel } from './config/index.js';
import smartHttpRoutes from './api/git/smart-http.js';
import avatarRoutes from './api/web/avatars.js';
import attachmentDownloadRoutes from './api/web/attachments.js';
import multipart from '@fastify/multipart';
import { payloadRenderer } from './api/v1/convert/payload.js';
import { countQueries } from './db/query-count.js';
import apiV1 from './api/v1/index.js';
import { errorHandler, notFoundHandler } from './api/v1/errors.js';
import { SHARED_SCHEMAS } from './api/v1/schemas/index.js';
import { validatorCompiler } from './api/v1/validation.js';
import type { Services } from './services/index.js';
import { SAMOVAR_VERSION } from './version.js';

const PINO_LEVEL: Record<LogLevel, string> = {
  trace: 'trace',
  debug: 'debug',
  info: 'info',
  warn: 'warn',
  error: 'error',
  critical: 'fatal',
  fatal: 'fatal',
  none: 'silent',
};

/**
 * Request ids for the logs: a random per-process prefix and a counter. As unique as UUIDs for
 * telling requests apart, and far cheaper (randomUUID cost a quarter of a simple request's time).
 */
function requestIds(): () => string {
  const prefix = randomBytes(4).toString('hex');
  let counter = 0;
  return () => `${prefix}-${(++counter).toString(36)}`;
}

/** Builds the HTTP application; the caller listens and closes. */
export async function buildServer(services: Services): Promise<FastifyInstance> {
  const { config } = services;
  const app = Fastify({
    // Asynchronous writes: under load pino coalesces lines while a write is in flight.
    logger: { level: PINO_LEVEL[config.log.level], stream: pino.destination({ dest: 1, sync: false }) },
    requestIdHeader: 'x-request-id',
    genReqId: requestIds(),
    bodyLimit: 10 * 1024 * 1024,
    // One line per request, written when it completes (below), like Gitea's router log.
    logController: new LogController({ disableRequestLogging: true }),
  }).withTypeProvider<TypeBoxTypeProvider>();
  // A hook costs every request something even when it would log nothing.
  if (['trace', 'debug', 'info'].includes(PINO_LEVEL[config.log.level])) {
    app.addHook('onResponse', async (request, reply) => {
      request.log.info({ method: request.method, url: request.url, status: reply.statusCode, ms: Number(reply.elapsedTime.toFixed(2)) }, 'completed');
    });
  }
  // For `npm run bench`: the number of database queries each request ran, in a response header.
  if (process.env.SAMOVAR_QUERY_COUNT === '1') {
    app.addHook('onRequest', (_request, _reply, done) => countQueries.run({ queries: 0 }, done));
    app.addHook('onSend', async (_request, reply) => {
      reply.header('x-samovar-queries', String(countQueries.getStore()?.queries ?? -1));
    });
  }
  app.setValidatorCompiler(validatorCompiler(SHARED_SCHEMAS));

  app.decorate('services', services);
  services.webhooks.useRenderer(payloadRenderer(config));
  app.decorateRequest('principal', null);
  for (const schema of SHARED_SCHEMAS) app.addSchema(schema);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler(notFoundHandler);
  if (config.cors.enabled) await registerCors(app, config);
  if (config.api.enableSwagger) await registerSwagger(app, config);

  // Uploads stream to storage; one byte over MAX_SIZE lets the storage notice and refuse it (413).
  await app.register(multipart, { limits: { fileSize: config.attachment.maxSize * 1024 * 1024 + 1, files: 1 } });
  await app.register(apiV1, { prefix: '/api/v1' });
  await app.register(smartHttpRoutes);
  await app.register(avatarRoutes);
  await app.register(attachmentDownloadRoutes);
  return app;
}

async function registerCors(app: FastifyInstance, config: Config): Promise<void> {
  const origins = config.cors.allowDomain;
  await app.register(cors, {
    origin: origins.includes('*') ? true : origins,
    credentials: config.cors.allowCredentials,
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
    exposedHeaders: ['Link', 'X-Total-Count'],
    maxAge: 600,
  });
}

async function registerSwagger(app: FastifyInstance, config: Config): Promise<void> {
  const root = new URL(config.server.rootUrl);
  await app.register(swagger, {
    swagger: {
      info: { title: `${config.appName} API`, description: 'Gitea-compatible REST API v1, served by Samovar', version: SAMOVAR_VERSION },
      basePath: `${root.pathname.replace(/\/$/, '')}/api/v1`,
      schemes: [root.protocol.replace(':', '')],
      consumes: ['application/json', 'text/plain'],
      produces: ['application/json', 'text/html'],
      securityDefinitions: {
        BasicAuth: { type: 'basic' },
        AuthorizationHeaderToken: { type: 'apiKey', name: 'Authorization', in: 'header', description: 'API tokens must be prepended with "token" followed by a space.' },
        Token: { type: 'apiKey', name: 'token', in: 'query' },
        AccessToken: { type: 'apiKey', name: 'access_token', in: 'query' },
        SudoParam: { type: 'apiKey', name: 'sudo', in: 'query', description: 'Sudo API request as the user provided as the key. Admin privileges are required.' },
        SudoHeader: { type: 'apiKey', name: 'Sudo', in: 'header', description: 'Sudo API request as the user provided as the key. Admin privileges are required.' },
        TOTPHeader: { type: 'apiKey', name: 'X-GITEA-OTP', in: 'header', description: 'Must be used in combination with BasicAuth if two-factor authentication is enabled.' },
      },
      security: [{ BasicAuth: [] }, { AuthorizationHeaderToken: [] }, { Token: [] }, { AccessToken: [] }, { SudoParam: [] }, { SudoHeader: [] }, { TOTPHeader: [] }],
    },
    // Definitions keep the names of Gitea's ($id), so generated clients see the same types.
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`) },
  });
  await app.register(swaggerUi, { routePrefix: '/api/swagger' });
  app.get('/swagger.v1.json', { schema: { hide: true } }, async () => app.swagger());
}
