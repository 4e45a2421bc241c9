import { Type } from 'typebox';
import { Empty, errorResponses, ref } from '../schemas/common.js';
import { Badge, UserBadgeOption } from '../schemas/user-resources.js';
import type { Api } from '../types.js';

/** Site admins give and take away users' badges. */
export default async function badgeRoutes(app: Api): Promise<void> {
  const { services } = app;
  const tags = ['admin'];
  const config = { scope: 'admin' as const, access: 'admin' as const };
  const params = Type.Object({ username: Type.String({ description: 'username of user' }) });

  app.get(
    '/admin/users/:username/badges',
    { config, schema: { tags, summary: 'List a user\'s badges', operationId: 'adminListUserBadges', params, response: { 200: Type.Array(ref(Badge)), ...errorResponses(401, 403, 404) } } },
    async (request) => (await services.badges.of(await services.users.byName(request.params.username))).map((b) => ({ id: b.id, slug: b.slug, description: b.description, image_url: b.imageUrl })),
  );
  app.post(
    '/admin/users/:username/badges',
    { config, schema: { tags, summary: 'Give a user badges (unknown slugs make new badges)', operationId: 'adminAddUserBadges', params, body: ref(UserBadgeOption), response: { 204: Empty, ...errorResponses(401, 403, 404, 422) } } },
    async (request, reply) => {
      await services.badges.add(await services.users.byName(request.params.username), request.body.badge_slugs);
      return reply.code(204).send(null);
    },
  );
  app.delete(
    '/admin/users/:username/badges',
    { config, schema: { tags, summary: 'Take badges away from a user', operationId: 'adminDeleteUserBadges', params, body: ref(UserBadgeOption), response: { 204: Empty, ...errorResponses(401, 403, 404, 422) } } },
    async (request, reply) => {
      await services.badges.remove(await services.users.byName(request.params.username), request.body.badge_slugs);
      return reply.code(204).send(null);
    },
  );
}
