import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { notFound } from '../../../services/errors.js';
import { callerOrOwnedOrg } from '../org/owned.js';
import { Empty, errorResponses, PageQuery, ref } from '../schemas/common.js';
import { User as UserSchema } from '../schemas/user.js';
import type { Api } from '../types.js';
import { userPage } from '../user-page.js';
import { viewerOf } from '../view.js';

const Username = Type.String({ description: 'username of the user' });
const OrgName = Type.String({ description: 'name of the organization' });
const NoteQuery = Type.Object({ note: Type.Optional(Type.String({ description: 'optional note for the block' })) });

/** Blocking users, by a user for themselves (`/user/blocks`) or by an organisation's owners. */
export default async function blockRoutes(app: Api): Promise<void> {
  const { services } = app;

  // The blocker: the caller, or the named organisation when the caller owns it.
  const blockerOf = callerOrOwnedOrg;
  // Organisations are found too, so that blocking one is refused as such (422), not as unknown.
  const blockeeOf = (request: FastifyRequest) => services.users.visibleByName((request.params as { username: string }).username, viewerOf(request), true);

  async function list(request: FastifyRequest, reply: FastifyReply) {
    const blocker = await blockerOf(request);
    return userPage(request, reply, (page) => services.blocks.list(blocker, page.offset, page.limit));
  }
  async function check(request: FastifyRequest, reply: FastifyReply) {
    const blocker = await blockerOf(request);
    const blockee = await blockeeOf(request);
    if (!(await services.blocks.isBlocked(blocker, blockee))) throw notFound(`user is not blocked [name: ${blockee.name}]`);
    return reply.code(204).send();
  }
  async function block(request: FastifyRequest, reply: FastifyReply) {
    await services.blocks.block(await blockerOf(request), await blockeeOf(request), (request.query as { note?: string }).note ?? '');
    return reply.code(204).send();
  }
  async function unblock(request: FastifyRequest, reply: FastifyReply) {
    await services.blocks.unblock(await blockerOf(request), await blockeeOf(request));
    return reply.code(204).send();
  }

  for (const [prefix, tag, scope, op, params] of [
    ['/user', 'user', 'user', 'user', Type.Object({ username: Username })],
    ['/orgs/:org', 'organization', 'organization', 'organization', Type.Object({ org: OrgName, username: Username })],
  ] as const) {
    const config = { scope, access: 'signed' as const };
    const tags = [tag];
    const listParams = prefix === '/user' ? {} : { params: Type.Object({ org: OrgName }) };
    app.get(
      `${prefix}/blocks`,
      { config, schema: { tags, summary: 'List the users blocked', operationId: `${op}ListBlocks`, ...listParams, querystring: Type.Object(PageQuery), response: { 200: Type.Array(ref(UserSchema)), ...errorResponses(401, 403, 404) } } },
      list,
    );
    app.get(
      `${prefix}/blocks/:username`,
      { config, schema: { tags, summary: 'Check if a user is blocked', operationId: `${op}CheckUserBlock`, params, response: { 204: Empty, ...errorResponses(401, 403, 404) } } },
      check,
    );
    app.put(
      `${prefix}/blocks/:username`,
      { config, schema: { tags, summary: 'Block a user', operationId: `${op}BlockUser`, params, querystring: NoteQuery, response: { 204: Empty, ...errorResponses(401, 403, 404, 422) } } },
      block,
    );
    app.delete(
      `${prefix}/blocks/:username`,
      { config, schema: { tags, summary: 'Unblock a user', operationId: `${op}UnblockUser`, params, response: { 204: Empty, ...errorResponses(401, 403, 404, 422) } } },
      unblock,
    );
  }
}
