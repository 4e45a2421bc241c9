import { Type } from 'typebox';
import { Int64 } from './common.js';

export const Email = Type.Object(
  { email: Type.String({ format: 'email' }), verified: Type.Boolean(), primary: Type.Boolean(), user_id: Int64(), username: Type.String() },
  { $id: 'Email', description: 'Email an email address belonging to a user' },
);
export const CreateEmailOption = Type.Object({ emails: Type.Array(Type.String(), { description: 'email addresses to add' }) }, { $id: 'CreateEmailOption', description: 'CreateEmailOption options when creating email addresses' });
export const DeleteEmailOption = Type.Object({ emails: Type.Array(Type.String(), { description: 'email addresses to delete' }) }, { $id: 'DeleteEmailOption', description: 'DeleteEmailOption options when deleting email addresses' });

const settings = {
  full_name: Type.String(),
  website: Type.String(),
  description: Type.String(),
  location: Type.String(),
  language: Type.String(),
  theme: Type.String(),
  diff_view_style: Type.String(),
  hide_email: Type.Boolean({ description: 'Privacy' }),
  hide_activity: Type.Boolean(),
};
export const UserSettings = Type.Object(settings, { $id: 'UserSettings', description: 'UserSettings represents user settings' });
export const UserSettingsOptions = Type.Partial(Type.Object(settings), { $id: 'UserSettingsOptions', description: 'UserSettingsOptions represents options to change user settings' });

export const PublicKey = Type.Object(
  {
    id: Int64(),
    key: Type.String(),
    url: Type.String(),
    title: Type.String(),
    fingerprint: Type.String(),
    created_at: Type.String({ format: 'date-time' }),
    user: Type.Ref('User'),
    read_only: Type.Boolean(),
    key_type: Type.String(),
  },
  { $id: 'PublicKey', description: 'PublicKey publickey is a user key to push code to repository' },
);

export const CreateKeyOption = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 255, description: 'Title of the key to add' }),
    key: Type.String({ minLength: 1, description: 'An armored SSH key to add' }),
    read_only: Type.Optional(Type.Boolean({ description: 'Describe if the key has only read access or read/write' })),
  },
  { $id: 'CreateKeyOption', description: 'CreateKeyOption options when creating a key' },
);

export const UpdateUserAvatarOption = Type.Object(
  { image: Type.Optional(Type.String({ description: 'The image (PNG, JPEG, GIF or WebP), base64-encoded' })) },
  { $id: 'UpdateUserAvatarOption', description: 'A new avatar' },
);

export const GPGKeyEmail = Type.Object({ email: Type.String(), verified: Type.Boolean() }, { $id: 'GPGKeyEmail', description: 'One of the owner\'s addresses named by a GPG key' });

export const GPGKey = Type.Object(
  {
    id: Int64(),
    primary_key_id: Type.String(),
    key_id: Type.String(),
    public_key: Type.String(),
    emails: Type.Array(Type.Ref('GPGKeyEmail')),
    subkeys: Type.Array(Type.Ref('GPGKey')),
    can_sign: Type.Boolean(),
    can_encrypt_comms: Type.Boolean(),
    can_encrypt_storage: Type.Boolean(),
    can_certify: Type.Boolean(),
    verified: Type.Boolean(),
    created_at: Type.String({ format: 'date-time' }),
    expires_at: Type.String({ format: 'date-time' }),
  },
  { $id: 'GPGKey', description: 'A GPG public key of a user, with its subkeys' },
);

export const CreateGPGKeyOption = Type.Object(
  {
    armored_public_key: Type.String({ minLength: 1, description: 'The public key, ASCII-armored' }),
    armored_signature: Type.Optional(Type.String({ description: 'A detached signature of /user/gpg_key_token, proving the key is held' })),
  },
  { $id: 'CreateGPGKeyOption', description: 'A GPG key to add' },
);

export const VerifyGPGKeyOption = Type.Object(
  {
    key_id: Type.String({ minLength: 1, description: 'Id of the key to verify' }),
    armored_signature: Type.String({ minLength: 1, description: 'A detached signature of /user/gpg_key_token by that key' }),
  },
  { $id: 'VerifyGPGKeyOption', description: 'Proof that a GPG key is held' },
);

export const Badge = Type.Object(
  { id: Int64(), slug: Type.String(), description: Type.String(), image_url: Type.String() },
  { $id: 'Badge', description: 'A badge a site admin gave a user' },
);

export const UserBadgeOption = Type.Object(
  { badge_slugs: Type.Array(Type.String(), { description: 'slugs of the badges' }) },
  { $id: 'UserBadgeOption', description: 'Badges to give or take away' },
);

export const OAuth2Application = Type.Object(
  {
    id: Int64(),
    name: Type.String(),
    client_id: Type.String(),
    client_secret: Type.String({ description: 'only when it was just made: on creation and on edit' }),
    confidential_client: Type.Boolean(),
    redirect_uris: Type.Array(Type.String()),
    created: Type.String({ format: 'date-time' }),
  },
  { $id: 'OAuth2Application', description: 'An OAuth2 application registered by a user' },
);

export const CreateOAuth2ApplicationOptions = Type.Object(
  {
    name: Type.Optional(Type.String()),
    redirect_uris: Type.Optional(Type.Array(Type.String())),
    confidential_client: Type.Optional(Type.Boolean()),
  },
  { $id: 'CreateOAuth2ApplicationOptions', description: 'An OAuth2 application to register or change' },
);
