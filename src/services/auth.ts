import * as users from '../models/users.js';
import type { User } from '../models/users.js';
import type { AuthCache } from './auth-cache.js';
import type { ServiceContext } from './context.js';
import { forbidden, notFound, unauthorized } from './errors.js';
import { verifyPassword } from './passwords.js';
import { FULL_SCOPE, type TokenScope } from './scopes.js';
import type { TokenService } from './tokens.js';
import type { TwoFactorService } from './two-factor.js';

/** Everything a request may carry to identify its caller. */
export interface Credentials {
  basic?: { username: string; password: string };
  token?: string;
  otp?: string;
  sudo?: string;
}

export interface Principal {
  /** The user the request acts as (the sudo target, if any). */
  user: User;
  /** The user whose credentials were presented. */
  actor: User;
  method: 'basic' | 'token';
  scope: TokenScope;
  tokenId?: number;
}

const WRONG_CREDENTIALS = 'invalid username, password or token';

export class AuthService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly tokens: TokenService,
    private readonly twoFactor: TwoFactorService,
    private readonly cache: AuthCache<Principal>,
  ) {}

  /** Resolves credentials to a principal; null when none were presented (an anonymous caller). */
  async authenticate(c: Credentials): Promise<Principal | null> {
    let principal: Principal | null = null;
    if (c.token !== undefined) principal = await this.byToken(c.token);
    else if (c.basic) principal = await this.byBasic(c.basic, c.otp);
    if (!principal) return null;
    assertMaySignIn(principal.actor, this.ctx.config.server.rootUrl);
    return c.sudo ? this.sudo(principal, c.sudo) : principal;
  }

  private async byToken(secret: string): Promise<Principal> {
    const key = this.cache.keyOf(secret);
    const cached = this.cache.get(key);
    if (cached) return cached;
    const version = this.cache.currentVersion();
    const found = await this.tokens.verify(secret);
    if (!found) throw unauthorized('invalid access token: it does not exist or has been deleted');
    const user = await users.getUserById(this.ctx.q, found.token.userId);
    if (!user) throw unauthorized('invalid access token: its owner no longer exists');
    const principal: Principal = { user, actor: user, method: 'token', scope: found.scope, tokenId: found.token.id };
    this.cache.set(key, principal, version);
    return principal;
  }

  private async byBasic(basic: { username: string; password: string }, otp: string | undefined): Promise<Principal> {
    // A token may stand in BasicAuth: as the password, or as the user name with an empty or
    // GitHub-style 'x-oauth-basic' password. Tokens bypass two-factor checks, as in Gitea.
    const asToken = basic.password === '' || basic.password === 'x-oauth-basic' ? basic.username : basic.password;
    if (await this.tokens.verify(asToken)) return this.byToken(asToken);

    const user = basic.username.includes('@')
      ? await users.getUserByEmail(this.ctx.q, basic.username)
      : await users.getUserByName(this.ctx.q, basic.username);
    if (!user || user.isOrganization || !user.passwdHash || !(await verifyPassword(basic.password, user.passwdHash))) {
      throw unauthorized(WRONG_CREDENTIALS);
    }
    if (await this.twoFactor.isEnabled(user)) {
      if (!otp) throw unauthorized('two-factor authentication is enabled: send the current passcode in the X-Gitea-OTP header');
      if (!(await this.twoFactor.verify(user, otp))) throw unauthorized('invalid one-time passcode');
    }
    return { user, actor: user, method: 'basic', scope: FULL_SCOPE };
  }

  private async sudo(principal: Principal, name: string): Promise<Principal> {
    if (!principal.actor.isAdmin) throw forbidden('Only administrators allowed to sudo.');
    const target = await users.getUserByName(this.ctx.q, name);
    if (!target || target.isOrganization) throw notFound(`user does not exist [name: ${name}]`);
    return { ...principal, user: target };
  }
}

function assertMaySignIn(user: User, rootUrl: string): void {
  if (!user.isActive || user.prohibitLogin) {
    throw forbidden('This account is prohibited from signing in, please contact your site administrator.');
  }
  if (user.mustChangePassword) {
    throw forbidden(`You must change your password. Change it at: ${rootUrl}user/settings/account`);
  }
}
