import { PassThrough, pipeline, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { badRequest } from '../../services/errors.js';
import { parseService, type GitExchange } from '../../services/git-http.js';
import { credentialsOf } from '../v1/auth.js';
import type { Api } from '../v1/types.js';

const Params = Type.Object({ owner: Type.String(), repo: Type.String() });
const NO_CACHE = { 'cache-control': 'no-cache, max-age=0, must-revalidate', expires: 'Fri, 01 Jan 1980 00:00:00 GMT', pragma: 'no-cache' };
// Packs can be any size: they are streamed to git, never held in memory, so no body limit applies.
const UNLIMITED = Number.MAX_SAFE_INTEGER;

/** Git's smart HTTP protocol at /{owner}/{repo}(.git)/…, with BasicAuth (password or token). */
export default async function smartHttpRoutes(app: Api): Promise<void> {
  const { services } = app;

  // Request bodies are handed over as streams, to be piped into git as they arrive.
  app.addContentTypeParser(['application/x-git-upload-pack-request', 'application/x-git-receive-pack-request'], (_request, payload, done) => done(null, payload));

  app.addHook('onRequest', async (request) => {
    request.principal = await services.auth.authenticate(credentialsOf(request));
  });

  app.get(
    '/:owner/:repo/info/refs',
    { schema: { hide: true, params: Params, querystring: Type.Object({ service: Type.Optional(Type.String()) }) } },
    async (request, reply) => {
      const service = parseService(request.query.service);
      if (!service) throw badRequest('only the smart HTTP protocol is supported: add ?service=git-upload-pack or git-receive-pack');
      const rc = await services.gitHttp.authorize(request.params.owner, request.params.repo, request.principal, service);
      const exchange = services.gitHttp.advertise(rc, service, gitProtocol(request));
      exchange.child.stdin.end();
      return send(reply, exchange, `application/x-git-${service}-advertisement`);
    },
  );

  for (const service of ['upload-pack', 'receive-pack'] as const) {
    app.post(`/:owner/:repo/git-${service}`, { bodyLimit: UNLIMITED, schema: { hide: true, params: Params } }, async (request, reply) => {
      const params = request.params as { owner: string; repo: string };
      const rc = await services.gitHttp.authorize(params.owner, params.repo, request.principal, service);
      const exchange = await services.gitHttp.rpc(rc, service, gitProtocol(request), request.principal);
      feed(request, exchange);
      return send(reply, exchange, `application/x-git-${service}-result`);
    });
  }
}

function gitProtocol(request: FastifyRequest): string | undefined {
  const value = request.headers['git-protocol'];
  return Array.isArray(value) ? value[0] : value;
}

/** Pipes the (possibly gzipped) request body into git; a client that goes away stops git. */
function feed(request: FastifyRequest, exchange: GitExchange): void {
  const body = request.body as Readable;
  const gzipped = /gzip/i.test(String(request.headers['content-encoding'] ?? ''));
  const onError = (err: Error | null) => {
    if (err) exchange.child.kill('SIGTERM');
  };
  if (gzipped) pipeline(body, createGunzip(), exchange.child.stdin, onError);
  else pipeline(body, exchange.child.stdin, onError);
  request.raw.once('close', () => {
    if (!request.raw.complete) exchange.child.kill('SIGTERM');
  });
}

function send(reply: FastifyReply, exchange: GitExchange, contentType: string): FastifyReply {
  const out = new PassThrough();
  if (exchange.preamble) out.write(exchange.preamble);
  exchange.child.stderr.resume();
  exchange.child.stdout.pipe(out, { end: false });
  // For pushes, answer only once the database has caught up, so a client that reads the
  // repository right after `git push` returns sees the new state.
  exchange.child.stdout.once('end', () => {
    void exchange.finished
      // Git already answered the client; a failed database sync is logged (the next push or
      // sync repairs it, as the database mirrors git) and must not crash the process.
      .catch((err: unknown) => reply.log.error({ err }, 'syncing the database after git failed'))
      .finally(() => out.end());
  });
  reply.raw.once('close', () => {
    if (exchange.child.exitCode === null) exchange.child.kill('SIGTERM');
  });
  return reply.headers({ ...NO_CACHE, 'content-type': contentType }).send(out);
}
