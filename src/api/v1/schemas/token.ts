import { Type } from 'typebox';
import { Int64 } from './common.js';

export const AccessToken = Type.Object(
  {
    id: Int64(),
    name: Type.String(),
    scopes: Type.Array(Type.String()),
    sha1: Type.String({ description: 'The token itself: shown once, at creation; empty in lists' }),
    token_last_eight: Type.String(),
  },
  { $id: 'AccessToken', title: 'AccessToken represents an API access token.' },
);

export const CreateAccessTokenOption = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 255 }), scopes: Type.Optional(Type.Array(Type.String())) },
  { $id: 'CreateAccessTokenOption', description: 'CreateAccessTokenOption options when create access token' },
);

export const TwoFactorEnrolment = Type.Object(
  {
    enabled: Type.Boolean({ description: 'False until a passcode confirms the enrolment' }),
    secret: Type.String({ description: 'Base32 TOTP secret (empty once enabled)' }),
    url: Type.String({ description: 'otpauth:// URI for authenticator apps (empty once enabled)' }),
  },
  { $id: 'TwoFactorEnrolment', description: "Samovar's TOTP enrolment; Gitea only offers it on a web page" },
);

export const TwoFactorOption = Type.Object(
  { passcode: Type.Optional(Type.String({ description: 'A current passcode, to confirm a pending enrolment' })) },
  { $id: 'TwoFactorOption' },
);
