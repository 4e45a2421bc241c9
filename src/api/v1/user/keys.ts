import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { PublicKey } from '../../../services/public-keys.js';
import type { User } from '../../../models/users.js';
import { callerOf } from '../auth.js';
import { rfc3339 } from '../convert/time.js';
import { toApiUser } from '../convert/user.js';
import { pageOf, setPageHeaders } from '../pagination.js';
import { Empty, errorResponses, Int64, PageQuery, ref } from '../schemas/common.js';
import { CreateKeyOption, PublicKey as PublicKeySchema } from '../schemas/user-resources.js';
import type { Api } from '../types.js';
import { userViewOf, viewerOf } from '../view.js';

const KeyQuery = Type.Object({ fingerprint: Type.Optional(Type.String({ description: 'fingerprint of the key' })), ...PageQuery });

export default async function keyRoutes(app: Api): Promise<void> {
  const { services } = app;
  const tags = ['user'];
  const signed = { scope: 'user' as const, access: 'signed' as const };
  const admin = { scope: 'admin' as const, access: 'admin' as const };

  const render = (request: FastifyRequest, owner: User, key: PublicKey) => ({
    id: key.id,
    key: key.content,
    url: `${services.config.server.rootUrl}api/v1/user/keys/${key.id}`,
    title: key.name,
    fingerprint: key.fingerprint,
    created_at: rfc3339(key.createdUnix),
    user: toApiUser(owner, userViewOf(request)),
    read_only: key.readOnly,
    key_type: key.keyType,
  });

  async function list(request: FastifyRequest, reply: FastifyReply, owner: User) {
    const query = request.query as { fingerprint?: string; page?: number; limit?: number };
    const page = pageOf(query, services.config.api);
    const { keys, total } = await services.publicKeys.list(owner, page.offset, page.limit, query.fingerprint);
    setPageHeaders(request, reply, services.config.server.rootUrl, page, total);
    return keys.map((k) => render(request, owner, k));
  }

  app.get(
    '/user/keys',
    { config: signed, schema: { tags, summary: 'List the authenticated user\'s public keys', operationId: 'userCurrentListKeys', querystring: KeyQuery, response: { 200: Type.Array(ref(PublicKeySchema)), ...errorResponses(401, 403) } } },
    async (request, reply) => list(request, reply, callerOf(request).user),
  );

  app.get(
    '/users/:username/keys',
    {
      config: { scope: 'user' },
      schema: { tags, summary: 'List the given user\'s public keys', operationId: 'userListKeys', params: Type.Object({ username: Type.String() }), querystring: KeyQuery, response: { 200: Type.Array(ref(PublicKeySchema)), ...errorResponses(401, 403, 404) } },
    },
    async (request, reply) => list(request, reply, await services.users.visibleByName(request.params.username, viewerOf(request))),
  );

  app.post(
    '/user/keys',
    { config: signed, schema: { tags, summary: 'Create a public key', operationId: 'userCurrentPostKey', body: ref(CreateKeyOption), response: { 201: ref(PublicKeySchema), ...errorResponses(401, 403, 422) } } },
    async (request, reply) => {
      const user = callerOf(request).user;
      const key = await services.publicKeys.add(user, request.body.title, request.body.key, request.body.read_only);
      return reply.code(201).send(render(request, user, key));
    },
  );

  app.get(
    '/user/keys/:id',
    { config: signed, schema: { tags, summary: 'Get a public key', operationId: 'userCurrentGetKey', params: Type.Object({ id: Int64() }), response: { 200: ref(PublicKeySchema), ...errorResponses(401, 403, 404) } } },
    async (request) => {
      const user = callerOf(request).user;
      return render(request, user, await services.publicKeys.get(user, request.params.id));
    },
  );

  app.delete(
    '/user/keys/:id',
    { config: signed, schema: { tags, summary: 'Delete a public key', operationId: 'userCurrentDeleteKey', params: Type.Object({ id: Int64() }), response: { 204: Empty, ...errorResponses(401, 403, 404) } } },
    async (request, reply) => {
      const user = callerOf(request).user;
      await services.publicKeys.remove(user, request.params.id, user);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/admin/users/:username/keys',
    {
      config: admin,
      schema: { tags: ['admin'], summary: 'Add a public key on behalf of a user', operationId: 'adminCreatePublicKey', params: Type.Object({ username: Type.String() }), body: ref(CreateKeyOption), response: { 201: ref(PublicKeySchema), ...errorResponses(401, 403, 404, 422) } },
    },
    async (request, reply) => {
      const owner = await services.users.byName(request.params.username);
      const key = await services.publicKeys.add(owner, request.body.title, request.body.key, request.body.read_only);
      return reply.code(201).send(render(request, owner, key));
    },
  );

  app.delete(
    '/admin/users/:username/keys/:id',
    {
      config: admin,
      schema: { tags: ['admin'], summary: "Delete a user's public key", operationId: 'adminDeleteUserPublicKey', params: Type.Object({ username: Type.String(), id: Int64() }), response: { 204: Empty, ...errorResponses(401, 403, 404) } },
    },
    async (request, reply) => {
      const owner = await services.users.byName(request.params.username);
      await services.publicKeys.remove(owner, request.params.id, callerOf(request).user);
      return reply.code(204).send(null);
    },
  );
}
