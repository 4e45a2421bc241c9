import type { Config } from '../config/index.js';
import type { Db } from '../db/connect.js';
import { AuthCache } from './auth-cache.js';
import { AuthService, type Principal } from './auth.js';
import type { ServiceContext } from './context.js';
import { SecretBox } from './secrets.js';
import { TokenService } from './tokens.js';
import { TwoFactorService } from './two-factor.js';
import { UserService } from './users.js';

/** The services the API and the CLI use, built once per process. */
export interface Services {
  config: Config;
  users: UserService;
  tokens: TokenService;
  twoFactor: TwoFactorService;
  auth: AuthService;
}

export function createServices(config: Config, db: Db): Services {
  const authCache = new AuthCache<Principal>();
  const ctx: ServiceContext = { config, db, q: db.kysely, credentialsChanged: () => authCache.clear() };
  const tokens = new TokenService(ctx);
  const twoFactor = new TwoFactorService(ctx, new SecretBox(config.security.secretKey, config.server.appDataPath));
  return {
    config,
    users: new UserService(ctx),
    tokens,
    twoFactor,
    auth: new AuthService(ctx, tokens, twoFactor, authCache),
  };
}
