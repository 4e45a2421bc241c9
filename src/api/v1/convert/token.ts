import type { Static } from 'typebox';
import type { AccessToken } from '../../../models/access-tokens.js';
import type { AccessToken as AccessTokenSchema } from '../schemas/token.js';

/** A token as listed (no secret) or, with `secret`, as created. */
export function toApiToken(token: AccessToken, secret = ''): Static<typeof AccessTokenSchema> {
  return {
    id: token.id,
    name: token.name,
    scopes: token.scope ? token.scope.split(',') : [],
    sha1: secret,
    token_last_eight: token.tokenLastEight,
  };
}
