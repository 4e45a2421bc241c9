import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import * as tokens from '../models/access-tokens.js';
import type { AccessToken } from '../models/access-tokens.js';
import { isUniqueViolation } from '../models/errors.js';
import type { User } from '../models/users.js';
import type { ServiceContext } from './context.js';
import { badRequest, conflict, invalid, notFound } from './errors.js';
import { formatScopes, hasAnyPermission, parseScopes, type TokenScope } from './scopes.js';

export type { AccessToken };

/** A token as shown once, at creation. */
export interface NewToken {
  token: AccessToken;
  secret: string;
}

// Tokens are 160 random bits as 40 hex digits, like Gitea's. Stored as salted SHA-256: the secret's
// entropy makes a slow KDF unnecessary, and it keeps token authentication cheap per request.
const hashToken = (secret: string, salt: string) => createHash('sha256').update(salt).update(secret).digest('hex');
const TOKEN_PATTERN = /^[0-9a-f]{40}$/;
// Gitea refreshes updated_unix on each use; once a minute is enough and spares a write per request.
const TOUCH_INTERVAL_SECONDS = 60;

export class TokenService {
  constructor(private readonly ctx: ServiceContext) {}

  async create(user: User, name: string, scopes: readonly string[]): Promise<NewToken> {
    const trimmed = name.trim();
    if (!trimmed) throw invalid('token name is required');
    if (trimmed.length > 255) throw invalid('token name is longer than 255 characters');
    const scope = parseScopes(scopes);
    if (!hasAnyPermission(scope)) throw badRequest('access token must have a scope');
    if (await tokens.tokenExists(this.ctx.q, user.id, trimmed)) throw conflict('access token name has been used already');
    const secret = randomBytes(20).toString('hex');
    const salt = randomBytes(16).toString('hex');
    try {
      const token = await tokens.insertToken(this.ctx.q, {
        userId: user.id,
        name: trimmed,
        tokenHash: hashToken(secret, salt),
        tokenSalt: salt,
        tokenLastEight: secret.slice(-8),
        scope: formatScopes(scope).join(','),
      });
      return { token, secret };
    } catch (err) {
      if (isUniqueViolation(err)) throw conflict('access token name has been used already');
      throw err;
    }
  }

  list(user: User, offset: number, limit: number): Promise<{ tokens: AccessToken[]; total: number }> {
    return tokens.listTokens(this.ctx.q, user.id, offset, limit);
  }

  /** Deletes by numeric id or by name, as Gitea does; several name matches are ambiguous. */
  async remove(user: User, idOrName: string): Promise<void> {
    const id = /^\d+$/.test(idOrName) ? Number(idOrName) : undefined;
    const found = await tokens.tokensByIdOrName(this.ctx.q, user.id, { id, name: idOrName });
    const exact = found.filter((t) => t.id === id);
    const target = exact.length === 1 ? exact : found;
    if (target.length === 0) throw notFound(`access token does not exist [id: ${idOrName}]`);
    if (target.length > 1) throw invalid(`multiple matches for token name '${idOrName}'`);
    await tokens.deleteToken(this.ctx.q, target[0]!.id);
    this.ctx.credentialsChanged();
  }

  /** Finds the token matching a presented secret, comparing hashes in constant time. */
  async verify(secret: string): Promise<{ token: AccessToken; scope: TokenScope } | null> {
    const presented = secret.trim().toLowerCase();
    if (!TOKEN_PATTERN.test(presented)) return null;
    for (const candidate of await tokens.tokensByLastEight(this.ctx.q, presented.slice(-8))) {
      const expected = Buffer.from(candidate.tokenHash, 'hex');
      const actual = Buffer.from(hashToken(presented, candidate.tokenSalt), 'hex');
      if (expected.length === actual.length && timingSafeEqual(expected, actual)) {
        if (Date.now() / 1000 - candidate.updatedUnix > TOUCH_INTERVAL_SECONDS) await tokens.touchToken(this.ctx.q, candidate.id);
        return { token: candidate, scope: parseScopes(candidate.scope ? [candidate.scope] : []) };
      }
    }
    return null;
  }
}
