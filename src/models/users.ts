import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { UsersTable } from '../db/schema.js';
import { nowUnix, type Queryable } from './types.js';

export const VISIBILITIES = ['public', 'limited', 'private'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

export interface User {
  id: number;
  name: string;
  fullName: string;
  email: string;
  keepEmailPrivate: boolean;
  passwdHash: string;
  mustChangePassword: boolean;
  loginName: string;
  loginSource: number;
  isOrganization: boolean;
  location: string;
  website: string;
  description: string;
  language: string;
  visibility: Visibility;
  isAdmin: boolean;
  isActive: boolean;
  isRestricted: boolean;
  prohibitLogin: boolean;
  allowGitHook: boolean;
  allowImportLocal: boolean;
  allowCreateOrganization: boolean;
  maxRepoCreation: number;
  numFollowers: number;
  numFollowing: number;
  numStars: number;
  createdUnix: number;
  updatedUnix: number;
  lastLoginUnix: number;
  theme: string;
  diffViewStyle: string;
  hideActivity: boolean;
  /** Content hash of an uploaded avatar; '' for the generated one. */
  avatar: string;
}

/** Fields a caller may set when creating or editing; the model derives lower-cased columns. */
export type UserFields = Partial<Omit<User, 'id' | 'isOrganization' | 'numFollowers' | 'numFollowing' | 'numStars' | 'createdUnix' | 'updatedUnix'>>;

function toUser(row: Selectable<UsersTable>): User {
  return {
    id: row.id,
    name: row.name,
    fullName: row.full_name,
    email: row.email,
    keepEmailPrivate: row.keep_email_private === 1,
    passwdHash: row.passwd_hash,
    mustChangePassword: row.must_change_password === 1,
    loginName: row.login_name,
    loginSource: row.login_source,
    isOrganization: row.type === 1,
    location: row.location,
    website: row.website,
    description: row.description,
    language: row.language,
    visibility: VISIBILITIES[row.visibility] ?? 'private',
    isAdmin: row.is_admin === 1,
    isActive: row.is_active === 1,
    isRestricted: row.is_restricted === 1,
    prohibitLogin: row.prohibit_login === 1,
    allowGitHook: row.allow_git_hook === 1,
    allowImportLocal: row.allow_import_local === 1,
    allowCreateOrganization: row.allow_create_organization === 1,
    maxRepoCreation: row.max_repo_creation,
    numFollowers: row.num_followers,
    numFollowing: row.num_following,
    numStars: row.num_stars,
    createdUnix: row.created_unix,
    updatedUnix: row.updated_unix,
    lastLoginUnix: row.last_login_unix,
    theme: row.theme,
    diffViewStyle: row.diff_view_style,
    hideActivity: row.hide_activity === 1,
    avatar: row.avatar,
  };
}

const flag = (v: boolean | undefined) => (v === undefined ? undefined : v ? 1 : 0);

function toColumns(f: UserFields): Updateable<UsersTable> {
  const cols: Updateable<UsersTable> = {
    name: f.name,
    lower_name: f.name?.toLowerCase(),
    full_name: f.fullName,
    email: f.email,
    lower_email: f.email?.toLowerCase(),
    keep_email_private: flag(f.keepEmailPrivate),
    passwd_hash: f.passwdHash,
    must_change_password: flag(f.mustChangePassword),
    login_name: f.loginName,
    login_source: f.loginSource,
    location: f.location,
    website: f.website,
    description: f.description,
    language: f.language,
    visibility: f.visibility === undefined ? undefined : VISIBILITIES.indexOf(f.visibility),
    is_admin: flag(f.isAdmin),
    is_active: flag(f.isActive),
    is_restricted: flag(f.isRestricted),
    prohibit_login: flag(f.prohibitLogin),
    allow_git_hook: flag(f.allowGitHook),
    allow_import_local: flag(f.allowImportLocal),
    allow_create_organization: flag(f.allowCreateOrganization),
    max_repo_creation: f.maxRepoCreation,
    last_login_unix: f.lastLoginUnix,
    theme: f.theme,
    diff_view_style: f.diffViewStyle,
    hide_activity: flag(f.hideActivity),
    avatar: f.avatar,
  };
  return Object.fromEntries(Object.entries(cols).filter(([, v]) => v !== undefined));
}

export async function insertUser(db: Queryable, f: UserFields & { name: string; email: string; createdUnix?: number; isOrganization?: boolean }): Promise<User> {
  const now = nowUnix();
  const row = await db
    .insertInto('users')
    .values({ ...toColumns(f), type: f.isOrganization ? 1 : 0, created_unix: f.createdUnix ?? now, updated_unix: now } as Insertable<UsersTable>)
    .returningAll()
    .executeTakeFirstOrThrow();
  return toUser(row);
}

export async function updateUser(db: Queryable, id: number, f: UserFields): Promise<void> {
  await db.updateTable('users').set({ ...toColumns(f), updated_unix: nowUnix() }).where('id', '=', id).execute();
}

export async function deleteUser(db: Queryable, id: number): Promise<void> {
  // Webhooks name their owner without a foreign key (0 is the site), so no cascade removes them.
  await db.deleteFrom('webhooks').where('owner_id', '=', id).where('repo_id', '=', 0).execute();
  await db.deleteFrom('users').where('id', '=', id).execute();
}

export async function getUserById(db: Queryable, id: number): Promise<User | undefined> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toUser(row);
}

export async function getUserByName(db: Queryable, name: string): Promise<User | undefined> {
  const row = await db.selectFrom('users').selectAll().where('lower_name', '=', name.toLowerCase()).executeTakeFirst();
  return row && toUser(row);
}

export async function getUserByEmail(db: Queryable, email: string): Promise<User | undefined> {
  const row = await db.selectFrom('users').selectAll().where('lower_email', '=', email.toLowerCase()).executeTakeFirst();
  return row && toUser(row);
}

export async function countAdmins(db: Queryable): Promise<number> {
  const row = await db.selectFrom('users').select((e) => e.fn.countAll<number>().as('n')).where('is_admin', '=', 1).executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface UserSearch {
  keyword?: string;
  uid?: number;
  loginName?: string;
  loginSource?: number;
  /** Which visibilities may be listed, besides the viewer's own account. */
  visibilities: Visibility[];
  viewerId?: number;
  offset: number;
  limit: number;
}

/** One page of individual users matching the search, with the total, filtered for visibility in SQL. */
export async function searchUsers(db: Queryable, s: UserSearch): Promise<{ users: User[]; total: number }> {
  let q = db.selectFrom('users').where('type', '=', 0);
  const visible = s.visibilities.map((v) => VISIBILITIES.indexOf(v));
  q = q.where((e) => {
    const ors = visible.length ? [e('visibility', 'in', visible)] : [];
    if (s.viewerId !== undefined) ors.push(e('id', '=', s.viewerId));
    return ors.length ? e.or(ors) : e.lit(false);
  });
  if (s.uid) q = q.where('id', '=', s.uid);
  if (s.loginName !== undefined) q = q.where('login_name', '=', s.loginName);
  if (s.loginSource !== undefined) q = q.where('login_source', '=', s.loginSource);
  if (s.keyword) {
    const like = containsPattern(s.keyword);
    q = q.where(sql<boolean>`(lower_name like ${like} escape '\\' or lower(full_name) like ${like} escape '\\')`);
  }
  const rows = await q.selectAll().orderBy('lower_name').limit(s.limit).offset(s.offset).execute();
  return { users: rows.map(toUser), total: await totalOf(rows.length, s, () => q.select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()) };
}

/** The total behind a page: known without counting when the first page is not full. */
export async function totalOf(rowCount: number, page: { offset: number; limit: number }, count: () => Promise<{ n: number | string }>): Promise<number> {
  if (page.offset === 0 && rowCount < page.limit) return rowCount;
  return Number((await count()).n);
}

/** A LIKE pattern matching `text` anywhere, case-folded, with LIKE's wildcards escaped by '\\'. */
export function containsPattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export async function getUsersByIds(db: Queryable, ids: number[]): Promise<User[]> {
  if (ids.length === 0) return [];
  return (await db.selectFrom('users').selectAll().where('id', 'in', ids).execute()).map(toUser);
}

/** Users by e-mail (case-insensitive), for naming commit authors; one query. */
export async function getUsersByEmails(db: Queryable, emails: string[]): Promise<Map<string, User>> {
  const lower = [...new Set(emails.map((e) => e.toLowerCase()).filter(Boolean))];
  if (lower.length === 0) return new Map();
  const rows = await db.selectFrom('users').selectAll().where('lower_email', 'in', lower).execute();
  return new Map(rows.map((r) => [r.lower_email, toUser(r)]));
}

export async function countUsersWithAvatar(db: Queryable, avatar: string): Promise<number> {
  const row = await db.selectFrom('users').select((e) => e.fn.countAll<number>().as('n')).where('avatar', '=', avatar).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Individual users by name (case-insensitive); unknown names are left out. */
export async function getUsersByNames(db: Queryable, names: string[]): Promise<User[]> {
  if (names.length === 0) return [];
  const rows = await db.selectFrom('users').selectAll().where('lower_name', 'in', [...new Set(names.map((n) => n.toLowerCase()))]).where('type', '=', 0).execute();
  return rows.map(toUser);
}

/** Accounts by id in the ids' order (one read); ids of deleted accounts are left out. */
export async function getUsersInOrder(db: Queryable, ids: number[]): Promise<User[]> {
  const byId = new Map((await getUsersByIds(db, ids)).map((u) => [u.id, u]));
  return ids.map((id) => byId.get(id)).filter((u): u is User => Boolean(u));
}
