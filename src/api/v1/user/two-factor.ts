import { callerOf } from '../auth.js';
import { Empty, errorResponses, ref } from '../schemas/common.js';
import { TwoFactorEnrolment, TwoFactorOption } from '../schemas/token.js';
import type { Api } from '../types.js';

// Samovar's own endpoints (Gitea enrols TOTP on a web page). They take BasicAuth with the password,
// like the token endpoints: a leaked token must not be able to lock its owner out.
export default async function twoFactorRoutes(app: Api): Promise<void> {
  const { services } = app;
  const tags = ['user'];
  const config = { scope: 'user' as const, access: 'basic' as const };

  app.post(
    '/user/twofactor',
    {
      config,
      schema: {
        tags,
        summary: 'Enrol TOTP two-factor authentication: without a passcode, start (201); with one, confirm (200)',
        operationId: 'userEnrolTwoFactor',
        body: ref(TwoFactorOption),
        response: { 200: ref(TwoFactorEnrolment), 201: ref(TwoFactorEnrolment), ...errorResponses(401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const user = callerOf(request).user;
      const passcode = request.body?.passcode;
      if (passcode === undefined) return reply.code(201).send(await services.twoFactor.enrol(user));
      await services.twoFactor.confirm(user, passcode);
      return { enabled: true, secret: '', url: '' };
    },
  );

  app.delete(
    '/user/twofactor',
    {
      config,
      schema: {
        tags,
        summary: 'Disable two-factor authentication',
        operationId: 'userDisableTwoFactor',
        response: { 204: Empty, ...errorResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      await services.twoFactor.disable(callerOf(request).user);
      return reply.code(204).send(null);
    },
  );
}
