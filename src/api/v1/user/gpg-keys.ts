import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { GpgKey } from '../../../services/gpg-keys.js';
import type { User } from '../../../models/users.js';
import { callerOf } from '../auth.js';
import { rfc3339 } from '../convert/time.js';
import { pageOf, setPageHeaders } from '../pagination.js';
import { Empty, errorResponses, Int64, PageQuery, ref } from '../schemas/common.js';
import { CreateGPGKeyOption, GPGKey, VerifyGPGKeyOption } from '../schemas/user-resources.js';
import type { Api } from '../types.js';
import { viewerOf } from '../view.js';

/** Gitea's GPGKey JSON; subkeys are listed inside their primary key. */
function renderGpgKey(key: GpgKey) {
  const d = key.details;
  return {
    id: key.id,
    primary_key_id: '',
    key_id: key.keyId,
    public_key: key.content,
    emails: d.emails,
    subkeys: d.subkeys.map((s) => ({
      id: 0,
      primary_key_id: key.keyId,
      key_id: s.keyId,
      public_key: '',
      emails: [],
      subkeys: [],
      can_sign: s.canSign,
      can_encrypt_comms: s.canEncryptComms,
      can_encrypt_storage: s.canEncryptStorage,
      can_certify: s.canCertify,
      verified: key.verified,
      created_at: rfc3339(s.createdUnix),
      expires_at: rfc3339(s.expiresUnix),
    })),
    can_sign: d.canSign,
    can_encrypt_comms: d.canEncryptComms,
    can_encrypt_storage: d.canEncryptStorage,
    can_certify: d.canCertify,
    verified: key.verified,
    created_at: rfc3339(key.createdUnix),
    expires_at: rfc3339(key.expiresUnix),
  };
}

export default async function gpgKeyRoutes(app: Api): Promise<void> {
  const { services } = app;
  const tags = ['user'];
  const signed = { scope: 'user' as const, access: 'signed' as const };
  const IdParams = Type.Object({ id: Int64({ description: 'id of the key' }) });

  async function list(request: FastifyRequest, reply: FastifyReply, owner: User) {
    const page = pageOf(request.query as { page?: number; limit?: number }, services.config.api);
    const { keys, total } = await services.gpgKeys.list(owner, page.offset, page.limit);
    setPageHeaders(request, reply, services.config.server.rootUrl, page, total);
    return keys.map(renderGpgKey);
  }

  app.get(
    '/user/gpg_keys',
    { config: signed, schema: { tags, summary: 'List the authenticated user\'s GPG keys', operationId: 'userCurrentListGPGKeys', querystring: Type.Object(PageQuery), response: { 200: Type.Array(ref(GPGKey)), ...errorResponses(401, 403) } } },
    async (request, reply) => list(request, reply, callerOf(request).user),
  );
  app.get(
    '/users/:username/gpg_keys',
    { config: { scope: 'user' }, schema: { tags, summary: 'List the given user\'s GPG keys', operationId: 'userListGPGKeys', params: Type.Object({ username: Type.String() }), querystring: Type.Object(PageQuery), response: { 200: Type.Array(ref(GPGKey)), ...errorResponses(401, 403, 404) } } },
    async (request, reply) => list(request, reply, await services.users.visibleByName(request.params.username, viewerOf(request))),
  );
  app.post(
    '/user/gpg_keys',
    { config: signed, schema: { tags, summary: 'Add a GPG key', operationId: 'userCurrentPostGPGKey', body: ref(CreateGPGKeyOption), response: { 201: ref(GPGKey), ...errorResponses(401, 403, 404, 422) } } },
    async (request, reply) => reply.code(201).send(renderGpgKey(await services.gpgKeys.add(callerOf(request).user, request.body.armored_public_key, request.body.armored_signature))),
  );
  app.get(
    '/user/gpg_keys/:id',
    { config: signed, schema: { tags, summary: 'Get a GPG key', operationId: 'userCurrentGetGPGKey', params: IdParams, response: { 200: ref(GPGKey), ...errorResponses(401, 403, 404) } } },
    async (request) => renderGpgKey(await services.gpgKeys.get(callerOf(request).user, request.params.id)),
  );
  app.delete(
    '/user/gpg_keys/:id',
    { config: signed, schema: { tags, summary: 'Remove a GPG key', operationId: 'userCurrentDeleteGPGKey', params: IdParams, response: { 204: Empty, ...errorResponses(401, 403, 404) } } },
    async (request, reply) => {
      await services.gpgKeys.remove(callerOf(request).user, request.params.id);
      return reply.code(204).send(null);
    },
  );
  app.get(
    '/user/gpg_key_token',
    { config: signed, schema: { tags, summary: 'Get the token to sign to verify a GPG key', operationId: 'getVerificationToken', produces: ['text/plain'], response: { 200: Type.String({ description: 'the token' }), ...errorResponses(401, 403, 404) } } },
    async (request, reply) => reply.type('text/plain; charset=utf-8').send(services.gpgKeys.verificationToken(callerOf(request).user)),
  );
  app.post(
    '/user/gpg_key_verify',
    { config: signed, schema: { tags, summary: 'Verify a GPG key with a signed token', operationId: 'userVerifyGPGKey', body: ref(VerifyGPGKeyOption), response: { 201: ref(GPGKey), ...errorResponses(401, 403, 404, 422) } } },
    async (request, reply) => reply.code(201).send(renderGpgKey(await services.gpgKeys.verify(callerOf(request).user, request.body.key_id, request.body.armored_signature))),
  );
}
