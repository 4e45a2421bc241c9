import type { Generated } from 'kysely';

// Flags are 0/1 integers on both dialects so that one query text serves SQLite and PostgreSQL;
// models turn them into booleans. Times are Unix seconds, as in Gitea.

export interface UsersTable {
  id: Generated<number>;
  name: string;
  lower_name: string;
  full_name: string;
  email: string;
  lower_email: string;
  keep_email_private: number;
  passwd_hash: string;
  must_change_password: number;
  login_name: string;
  login_source: number;
  /** 0 individual, 1 organization (issue 4). */
  type: number;
  location: string;
  website: string;
  description: string;
  language: string;
  /** 0 public, 1 limited, 2 private. */
  visibility: number;
  is_admin: number;
  is_active: number;
  is_restricted: number;
  prohibit_login: number;
  allow_git_hook: number;
  allow_import_local: number;
  allow_create_organization: number;
  max_repo_creation: number;
  num_followers: number;
  num_following: number;
  num_stars: number;
  num_repos: number;
  created_unix: number;
  updated_unix: number;
  last_login_unix: number;
}

export interface AccessTokensTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  token_hash: string;
  token_salt: string;
  token_last_eight: string;
  scope: string;
  created_unix: number;
  updated_unix: number;
}

export interface TwoFactorsTable {
  user_id: number;
  /** AES-GCM ciphertext of the base32 TOTP secret, keyed by SECRET_KEY. */
  secret_enc: string;
  /** 0 while enrolment awaits its first passcode. */
  enabled: number;
  created_unix: number;
  updated_unix: number;
}

export interface Database {
  users: UsersTable;
  access_tokens: AccessTokensTable;
  two_factors: TwoFactorsTable;
}
