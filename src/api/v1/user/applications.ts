import { Type, type Static } from 'typebox';
import type { OAuth2App } from '../../../services/oauth2-apps.js';
import { callerOf } from '../auth.js';
import { rfc3339 } from '../convert/time.js';
import { pageOf, setPageHeaders } from '../pagination.js';
import { Empty, errorResponses, Int64, PageQuery, ref } from '../schemas/common.js';
import { CreateOAuth2ApplicationOptions, OAuth2Application } from '../schemas/user-resources.js';
import type { Api } from '../types.js';

function renderApp(app: OAuth2App, secret = '') {
  return { id: app.id, name: app.name, client_id: app.clientId, client_secret: secret, confidential_client: app.confidentialClient, redirect_uris: app.redirectUris, created: rfc3339(app.createdUnix) };
}

const input = (b: Static<typeof CreateOAuth2ApplicationOptions>) => ({ name: b.name, redirectUris: b.redirect_uris, confidentialClient: b.confidential_client });

/** The caller's OAuth2 applications (registration only: Samovar is not yet an OAuth2 provider). */
export default async function applicationRoutes(app: Api): Promise<void> {
  const { services } = app;
  const tags = ['user'];
  const config = { scope: 'user' as const, access: 'signed' as const };
  const IdParams = Type.Object({ id: Int64({ description: 'id of the application' }) });

  app.get(
    '/user/applications/oauth2',
    { config, schema: { tags, summary: 'List the authenticated user\'s OAuth2 applications', operationId: 'userGetOauth2Application', querystring: Type.Object(PageQuery), response: { 200: Type.Array(ref(OAuth2Application)), ...errorResponses(401, 403) } } },
    async (request, reply) => {
      const page = pageOf(request.query, services.config.api);
      const { apps, total } = await services.oauth2Apps.list(callerOf(request).user, page.offset, page.limit);
      setPageHeaders(request, reply, services.config.server.rootUrl, page, total);
      return apps.map((a) => renderApp(a));
    },
  );
  app.post(
    '/user/applications/oauth2',
    { config, schema: { tags, summary: 'Register an OAuth2 application', operationId: 'userCreateOAuth2Application', body: ref(CreateOAuth2ApplicationOptions), response: { 201: ref(OAuth2Application), ...errorResponses(400, 401, 403) } } },
    async (request, reply) => {
      const { app: created, secret } = await services.oauth2Apps.create(callerOf(request).user, input(request.body));
      return reply.code(201).send(renderApp(created, secret));
    },
  );
  app.get(
    '/user/applications/oauth2/:id',
    { config, schema: { tags, summary: 'Get an OAuth2 application', operationId: 'userGetOAuth2Application', params: IdParams, response: { 200: ref(OAuth2Application), ...errorResponses(401, 403, 404) } } },
    async (request) => renderApp(await services.oauth2Apps.get(callerOf(request).user, request.params.id)),
  );
  app.patch(
    '/user/applications/oauth2/:id',
    { config, schema: { tags, summary: 'Change an OAuth2 application (and make it a new secret)', operationId: 'userUpdateOAuth2Application', params: IdParams, body: ref(CreateOAuth2ApplicationOptions), response: { 200: ref(OAuth2Application), ...errorResponses(400, 401, 403, 404) } } },
    async (request) => {
      const { app: updated, secret } = await services.oauth2Apps.update(callerOf(request).user, request.params.id, input(request.body));
      return renderApp(updated, secret);
    },
  );
  app.delete(
    '/user/applications/oauth2/:id',
    { config, schema: { tags, summary: 'Delete an OAuth2 application', operationId: 'userDeleteOAuth2Application', params: IdParams, response: { 204: Empty, ...errorResponses(401, 403, 404) } } },
    async (request, reply) => {
      await services.oauth2Apps.remove(callerOf(request).user, request.params.id);
      return reply.code(204).send(null);
    },
  );
}
