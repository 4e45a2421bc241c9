import { emailTaken } from '../models/emails.js';
import { isUniqueViolation } from '../models/errors.js';
import * as users from '../models/users.js';
import type { User, UserFields, Visibility } from '../models/users.js';
import type { ServiceContext } from './context.js';
import { badRequest, invalid, notFound } from './errors.js';
import { assertValidEmail, assertValidUserName } from './names.js';
import { hashPassword } from './passwords.js';
import { QueryCache } from './query-cache.js';

export type { User, Visibility };

export interface CreateUserInput {
  username: string;
  email: string;
  password?: string;
  fullName?: string;
  loginName?: string;
  sourceId?: number;
  mustChangePassword?: boolean;
  restricted?: boolean;
  visibility?: Visibility;
  isAdmin?: boolean;
  createdUnix?: number;
}

export interface EditUserInput {
  email?: string;
  fullName?: string;
  loginName?: string;
  sourceId?: number;
  password?: string;
  mustChangePassword?: boolean;
  website?: string;
  location?: string;
  description?: string;
  active?: boolean;
  admin?: boolean;
  allowGitHook?: boolean;
  allowImportLocal?: boolean;
  allowCreateOrganization?: boolean;
  maxRepoCreation?: number;
  prohibitLogin?: boolean;
  restricted?: boolean;
  visibility?: Visibility;
}

/** Who is looking: decides which users are visible. */
export interface Viewer {
  id: number;
  isAdmin: boolean;
  /** Restricted users see only themselves, their organizations and what they were given. */
  isRestricted?: boolean;
}

export class UserService {
  /** Searches are the busiest read of users and change only when the users table does. */
  private readonly searches: QueryCache<{ users: User[]; total: number }>;

  constructor(private readonly ctx: ServiceContext) {
    this.searches = new QueryCache(ctx.db.versions, ['users']);
  }

  async create(input: CreateUserInput): Promise<User> {
    assertValidUserName(input.username);
    assertValidEmail(input.email);
    // Local accounts sign in with a password; accounts of an external source (source_id) may not.
    const local = !input.sourceId;
    const passwdHash = local || input.password ? await this.hashChecked(input.password ?? '') : '';
    await this.assertNameFree(input.username);
    await this.assertEmailFree(input.email);
    try {
      return await users.insertUser(this.ctx.q, {
        name: input.username,
        email: input.email,
        fullName: input.fullName ?? '',
        passwdHash,
        loginName: input.loginName ?? '',
        loginSource: input.sourceId ?? 0,
        mustChangePassword: input.mustChangePassword ?? false,
        isRestricted: input.restricted ?? false,
        visibility: input.visibility ?? 'public',
        isAdmin: input.isAdmin ?? false,
        createdUnix: input.createdUnix,
        keepEmailPrivate: this.ctx.config.service.defaultKeepEmailPrivate,
      });
    } catch (err) {
      // A concurrent create can pass the checks above; the unique indexes decide.
      if (isUniqueViolation(err)) throw invalid(`user already exists [name: ${input.username}]`);
      throw err;
    }
  }

  async edit(user: User, input: EditUserInput): Promise<User> {
    const fields: UserFields = {
      fullName: input.fullName,
      loginName: input.loginName,
      loginSource: input.sourceId,
      mustChangePassword: input.mustChangePassword,
      website: input.website,
      location: input.location,
      description: input.description,
      isActive: input.active,
      isAdmin: input.admin,
      allowGitHook: input.allowGitHook,
      allowImportLocal: input.allowImportLocal,
      allowCreateOrganization: input.allowCreateOrganization,
      maxRepoCreation: input.maxRepoCreation,
      prohibitLogin: input.prohibitLogin,
      isRestricted: input.restricted,
      visibility: input.visibility,
    };
    if (input.website) assertWebsite(input.website);
    if (input.email !== undefined) {
      if (input.email.toLowerCase() !== user.email.toLowerCase()) {
        assertValidEmail(input.email);
        await this.assertEmailFree(input.email);
      }
      fields.email = input.email;
    }
    if (input.password !== undefined && input.password !== '') fields.passwdHash = await this.hashChecked(input.password);
    try {
      await users.updateUser(this.ctx.q, user.id, fields);
    } catch (err) {
      if (isUniqueViolation(err)) throw invalid(`e-mail already in use [email: ${input.email}]`);
      throw err;
    }
    this.ctx.credentialsChanged();
    return this.byId(user.id);
  }

  async rename(user: User, newName: string): Promise<void> {
    if (newName === user.name) return;
    assertValidUserName(newName);
    if (newName.toLowerCase() !== user.name.toLowerCase()) await this.assertNameFree(newName);
    try {
      await users.updateUser(this.ctx.q, user.id, { name: newName });
    } catch (err) {
      if (isUniqueViolation(err)) throw invalid(`user already exists [name: ${newName}]`);
      throw err;
    }
    this.ctx.credentialsChanged();
  }

  async remove(user: User): Promise<void> {
    await users.deleteUser(this.ctx.q, user.id);
    this.ctx.credentialsChanged();
  }

  async changePassword(user: User, password: string, mustChangePassword?: boolean): Promise<void> {
    await users.updateUser(this.ctx.q, user.id, { passwdHash: await this.hashChecked(password), mustChangePassword });
    this.ctx.credentialsChanged();
  }

  /** Accounts by id in one read; unknown ids are left out. */
  byIds(ids: number[]): Promise<User[]> {
    return users.getUsersByIds(this.ctx.q, ids);
  }

  async byId(id: number): Promise<User> {
    const user = await users.getUserById(this.ctx.q, id);
    if (!user) throw notFound(`user does not exist [uid: ${id}]`);
    return user;
  }

  async byEmail(email: string): Promise<User> {
    const user = await users.getUserByEmail(this.ctx.q, email);
    if (!user || user.isOrganization) throw notFound(`user does not exist [email: ${email}]`);
    return user;
  }

  /** Looks a user up by name (case-insensitive); 404 for organizations and unknown names. */
  /** An individual user; with `orOrg`, an organisation by that name too. */
  async byName(name: string, orOrg = false): Promise<User> {
    const user = await users.getUserByName(this.ctx.q, name);
    if (!user || (user.isOrganization && !orOrg)) throw notFound(`user does not exist [name: ${name}]`);
    return user;
  }

  /** Like byName, but hides users the viewer may not see behind the same 404. */
  async visibleByName(name: string, viewer: Viewer | null, orOrg = false): Promise<User> {
    const user = await this.byName(name, orOrg);
    if (!canSeeUser(user, viewer)) throw notFound(`user does not exist [name: ${name}]`);
    return user;
  }

  async search(params: {
    viewer: Viewer | null;
    keyword?: string;
    uid?: number;
    loginName?: string;
    sourceId?: number;
    offset: number;
    limit: number;
  }): Promise<{ users: User[]; total: number }> {
    const { viewer } = params;
    const visibilities: Visibility[] = !viewer ? ['public'] : viewer.isAdmin ? ['public', 'limited', 'private'] : viewer.isRestricted ? [] : ['public', 'limited'];
    const search: users.UserSearch = {
      keyword: params.keyword,
      uid: params.uid,
      loginName: params.loginName,
      loginSource: params.sourceId,
      visibilities,
      viewerId: viewer?.isAdmin ? undefined : viewer?.id,
      offset: params.offset,
      limit: params.limit,
    };
    if (this.ctx.q !== this.ctx.db.kysely) return users.searchUsers(this.ctx.q, search); // a transaction sees its own writes
    return this.searches.get(JSON.stringify(search), () => users.searchUsers(this.ctx.q, search));
  }

  private async hashChecked(password: string): Promise<string> {
    const min = this.ctx.config.security.minPasswordLength;
    if (password.length < min) throw badRequest(`password is too short: at least ${min} characters are required`);
    if (password.length > 1024) throw badRequest('password is too long: at most 1024 characters are allowed');
    return hashPassword(password);
  }

  private async assertNameFree(name: string): Promise<void> {
    if (await users.getUserByName(this.ctx.q, name)) throw invalid(`user already exists [name: ${name}]`);
  }

  private async assertEmailFree(email: string): Promise<void> {
    if (await emailTaken(this.ctx.q, email)) throw invalid(`e-mail already in use [email: ${email}]`);
  }
}

export function canSeeUser(user: User, viewer: Viewer | null): boolean {
  if (user.visibility === 'public') return true;
  if (!viewer) return false;
  if (viewer.isAdmin || viewer.id === user.id) return true;
  return user.visibility === 'limited' && !viewer.isRestricted;
}

function assertWebsite(website: string): void {
  try {
    const url = new URL(website);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('scheme');
  } catch {
    throw invalid(`website is not a valid http(s) URL [website: ${website}]`);
  }
}
