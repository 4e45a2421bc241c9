import { Type } from 'typebox';
import type { Api } from '../v1/types.js';

/** `GET /avatars/{name}`: where every avatar_url points. Public, as in Gitea. */
export default async function avatarRoutes(app: Api): Promise<void> {
  const { services } = app;
  app.get(
    '/avatars/:name',
    { schema: { hide: true, params: Type.Object({ name: Type.String({ maxLength: 128 }) }) } },
    async (request, reply) => {
      const image = await services.avatars.read(request.params.name);
      // Uploaded avatars are named by their content, so a name always means the same bytes.
      reply.header('cache-control', image.immutable ? 'public, max-age=31536000, immutable' : 'public, max-age=86400');
      reply.type(image.contentType);
      reply.header('x-content-type-options', 'nosniff');
      return 'body' in image ? image.body : reply.send(image.stream);
    },
  );
}
