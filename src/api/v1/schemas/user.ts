import { Type } from 'typebox';
import { DateTime, Int64 } from './common.js';

export const User = Type.Object(
  {
    id: Int64({ description: "the user's id" }),
    login: Type.String({ description: "the user's username" }),
    login_name: Type.String({ description: "the user's authentication sign-in name.", default: 'empty' }),
    source_id: Int64({ description: "The ID of the user's Authentication Source" }),
    full_name: Type.String({ description: "the user's full name" }),
    email: Type.String({ format: 'email' }),
    avatar_url: Type.String({ description: "URL to the user's avatar" }),
    html_url: Type.String({ description: "URL to the user's page" }),
    language: Type.String({ description: 'User locale' }),
    is_admin: Type.Boolean({ description: 'Is the user an administrator' }),
    last_login: DateTime(),
    created: DateTime(),
    restricted: Type.Boolean({ description: 'Is user restricted' }),
    active: Type.Boolean({ description: 'Is user active' }),
    prohibit_login: Type.Boolean({ description: 'Is user login prohibited' }),
    location: Type.String({ description: "the user's location" }),
    website: Type.String({ description: "the user's website" }),
    description: Type.String({ description: "the user's description" }),
    visibility: Type.String({ description: 'User visibility level option: public, limited, private' }),
    followers_count: Int64({ description: 'user counts' }),
    following_count: Int64(),
    starred_repos_count: Int64(),
    username: Type.String({ description: "Gogs's name for login" }),
  },
  { $id: 'User', description: 'User represents a user' },
);

export const Visibility = Type.Union([Type.Literal('public'), Type.Literal('limited'), Type.Literal('private')]);

export const CreateUserOption = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 40 }),
    email: Type.String({ format: 'email', maxLength: 254 }),
    password: Type.Optional(Type.String({ maxLength: 1024 })),
    full_name: Type.Optional(Type.String({ maxLength: 100 })),
    login_name: Type.Optional(Type.String()),
    source_id: Type.Optional(Int64()),
    must_change_password: Type.Optional(Type.Boolean()),
    restricted: Type.Optional(Type.Boolean()),
    send_notify: Type.Optional(Type.Boolean()),
    visibility: Type.Optional(Visibility),
    created_at: Type.Optional(DateTime({ description: "Explicit creation time, for users migrated from elsewhere; default now" })),
  },
  { $id: 'CreateUserOption', description: 'CreateUserOption create user options' },
);

export const EditUserOption = Type.Object(
  {
    source_id: Type.Optional(Int64()),
    login_name: Type.Optional(Type.String()),
    full_name: Type.Optional(Type.String({ maxLength: 100 })),
    email: Type.Optional(Type.String({ format: 'email', maxLength: 254 })),
    password: Type.Optional(Type.String({ maxLength: 1024 })),
    must_change_password: Type.Optional(Type.Boolean()),
    website: Type.Optional(Type.String({ maxLength: 255 })),
    location: Type.Optional(Type.String({ maxLength: 50 })),
    description: Type.Optional(Type.String({ maxLength: 255 })),
    active: Type.Optional(Type.Boolean()),
    admin: Type.Optional(Type.Boolean()),
    allow_git_hook: Type.Optional(Type.Boolean()),
    allow_import_local: Type.Optional(Type.Boolean()),
    max_repo_creation: Type.Optional(Int64()),
    prohibit_login: Type.Optional(Type.Boolean()),
    allow_create_organization: Type.Optional(Type.Boolean()),
    restricted: Type.Optional(Type.Boolean()),
    visibility: Type.Optional(Visibility),
  },
  { $id: 'EditUserOption', description: 'EditUserOption edit user options' },
);

export const RenameUserOption = Type.Object(
  { new_username: Type.String({ minLength: 1, maxLength: 40, description: 'New username for this user. This name cannot be in use yet by any other user.' }) },
  { $id: 'RenameUserOption', description: 'RenameUserOption options when renaming a user' },
);

export const UserSearchResults = Type.Object({ data: Type.Array(Type.Ref('User')), ok: Type.Boolean() });
