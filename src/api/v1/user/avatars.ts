import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { callerOrOwnedOrg } from '../org/owned.js';
import { Empty, errorResponses, ref } from '../schemas/common.js';
import { UpdateUserAvatarOption } from '../schemas/user-resources.js';
import type { Api } from '../types.js';

/** Uploading and deleting avatars of the caller and of organisations the caller owns. */
export default async function avatarApiRoutes(app: Api): Promise<void> {
  const { services } = app;
  const OrgParams = Type.Object({ org: Type.String({ description: 'name of the organization' }) });

  async function upload(request: FastifyRequest, reply: FastifyReply) {
    await services.avatars.upload(await callerOrOwnedOrg(request), (request.body as { image?: string }).image ?? '');
    return reply.code(204).send();
  }
  async function remove(request: FastifyRequest, reply: FastifyReply) {
    await services.avatars.remove(await callerOrOwnedOrg(request));
    return reply.code(204).send();
  }

  const user = { config: { scope: 'user' as const, access: 'signed' as const }, tags: ['user'] };
  app.post('/user/avatar', { config: user.config, schema: { tags: user.tags, summary: 'Update the authenticated user\'s avatar', operationId: 'userUpdateAvatar', body: ref(UpdateUserAvatarOption), response: { 204: Empty, ...errorResponses(401, 403, 413, 422) } } }, upload);
  app.delete('/user/avatar', { config: user.config, schema: { tags: user.tags, summary: 'Delete the authenticated user\'s avatar', operationId: 'userDeleteAvatar', response: { 204: Empty, ...errorResponses(401, 403) } } }, remove);

  const org = { config: { scope: 'organization' as const, access: 'signed' as const }, tags: ['organization'] };
  app.post('/orgs/:org/avatar', { config: org.config, schema: { tags: org.tags, summary: 'Update the avatar of an organization', operationId: 'orgUpdateAvatar', params: OrgParams, body: ref(UpdateUserAvatarOption), response: { 204: Empty, ...errorResponses(401, 403, 404, 413, 422) } } }, upload);
  app.delete('/orgs/:org/avatar', { config: org.config, schema: { tags: org.tags, summary: 'Delete the avatar of an organization', operationId: 'orgDeleteAvatar', params: OrgParams, response: { 204: Empty, ...errorResponses(401, 403, 404) } } }, remove);
}
