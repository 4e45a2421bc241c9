import { Type } from 'typebox';
import { credentialsOf } from '../v1/auth.js';
import type { Api } from '../v1/types.js';
import { actorOf } from '../v1/view.js';

/** `GET /attachments/{uuid}`: where browser_download_url points; only for those who may read the issue. */
export default async function attachmentDownloadRoutes(app: Api): Promise<void> {
  const { services } = app;
  app.get('/attachments/:uuid', { schema: { hide: true, params: Type.Object({ uuid: Type.String({ maxLength: 64 }) }) } }, async (request, reply) => {
    request.principal = await services.auth.authenticate(credentialsOf(request));
    const { attachment, data } = await services.attachments.download(request.params.uuid, actorOf(request));
    reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(attachment.name)}`);
    reply.header('x-content-type-options', 'nosniff');
    reply.type('application/octet-stream');
    return reply.send(data);
  });
}
