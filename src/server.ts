import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import cors from '@fastify/cors';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { LogController, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Config, LogLevel } from './config/index.js';
import type { LogSink } from './log-sink.js';
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

const QUERY_CREDENTIALS = /([?&](?:token|access_token)=)[^&#]*/g;

/**
 * One line per request, written when it completes, like Gitea's router log; Fastify's own request
 * lines (incoming, completed, client errors) stay off. Fastify calls `requestCompleted` for every
 * response anyway, so the line costs no hook. The line is pino's JSON, formatted here and handed
 * to the sink directly, a fraction of the cost of the logger's path for objects. Credentials sent in
 * the query string (`token`, `access_token`) are masked.
 */
class AccessLog extends LogController {
  private readonly prefix = `,"pid":${process.pid},"hostname":${JSON.stringify(hostname())},"reqId":`;

  /** `sink` is null when the level leaves access lines out. */
  constructor(private readonly sink: LogSink | null) {
    super({ disableRequestLogging: true });
  }

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (!this.sink) return;
    const ms = Number(reply.elapsedTime.toFixed(2));
    const url = request.url.includes('token=') ? request.url.replace(QUERY_CREDENTIALS, '$1***') : request.url;
    if (error) {
      request.log.error({ method: request.method, url, status: reply.statusCode, ms, err: error }, 'failed');
      return;
    }
    this.sink.write(
      `{"level":30,"time":${Date.now()}${this.prefix}${JSON.stringify(request.id)},"method":"${request.method}","url":${JSON.stringify(url)},"status":${reply.statusCode},"ms":${ms},"msg":"completed"}\n`,
    );
  }
}

/**
 * Request ids for the logs: a random per-process prefix and a counter. As unique as UUIDs for
 * telling requests apart, and far cheaper (randomUUID cost a quarter of a simple request's time).
 */
function requestIds(): () => string {
  const prefix = randomBytes(4).toString('hex');
  let counter = 0;
  return () => `${prefix}-${(++counter).toString(36)}`;
}

/** Builds the HTTP application, logging to `logSink`; the caller listens and closes, and flushes the sink. */
export async function buildServer(services: Services, logSink: LogSink): Promise<FastifyInstance> {
  const { config } = services;
  const app = Fastify({
    logger: { level: PINO_LEVEL[config.log.level], stream: logSink },
    requestIdHeader: 'x-request-id',
    genReqId: requestIds(),
    bodyLimit: 10 * 1024 * 1024,
    logController: new AccessLog(['trace', 'debug', 'info'].includes(PINO_LEVEL[config.log.level]) ? logSink : null),
  }).withTypeProvider<TypeBoxTypeProvider>();
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
