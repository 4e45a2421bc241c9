import { randomBytes, randomUUID } from 'node:crypto';
import { deleteOAuth2App, getOAuth2App, insertOAuth2App, listOAuth2Apps, updateOAuth2App, type OAuth2App } from '../models/oauth2-apps.js';
import type { User } from '../models/users.js';
import type { ServiceContext } from './context.js';
import { badRequest, notFound } from './errors.js';
import { hashPassword } from './passwords.js';

export type { OAuth2App };

export interface OAuth2AppInput {
  name?: string;
  redirectUris?: string[];
  confidentialClient?: boolean;
}

/**
 * Users' OAuth2 applications: registered, listed, edited and deleted. The client secret is shown
 * once, when it is made (on creation and on every edit, as in Gitea), and kept only as a hash.
 */
export class OAuth2AppService {
  constructor(private readonly ctx: ServiceContext) {}

  list(owner: User, offset: number, limit: number): Promise<{ apps: OAuth2App[]; total: number }> {
    return listOAuth2Apps(this.ctx.q, owner.id, offset, limit);
  }

  async get(owner: User, id: number): Promise<OAuth2App> {
    const app = await getOAuth2App(this.ctx.q, owner.id, id);
    if (!app) throw notFound(`OAuth2 application does not exist [id: ${id}]`);
    return app;
  }

  async create(owner: User, input: OAuth2AppInput): Promise<{ app: OAuth2App; secret: string }> {
    const fields = checked(input);
    const secret = newSecret();
    const app = await insertOAuth2App(this.ctx.q, { ownerId: owner.id, clientId: randomUUID(), ...fields, secretHash: await hashPassword(secret) });
    return { app, secret };
  }

  async update(owner: User, id: number, input: OAuth2AppInput): Promise<{ app: OAuth2App; secret: string }> {
    const fields = checked(input);
    const existing = await this.get(owner, id);
    const secret = newSecret();
    await updateOAuth2App(this.ctx.q, id, { ...fields, secretHash: await hashPassword(secret) });
    return { app: { ...existing, ...fields }, secret };
  }

  async remove(owner: User, id: number): Promise<void> {
    if (!(await deleteOAuth2App(this.ctx.q, owner.id, id))) throw notFound(`OAuth2 application does not exist [id: ${id}]`);
  }
}

function checked(input: OAuth2AppInput): { name: string; redirectUris: string[]; confidentialClient: boolean } {
  const name = input.name?.trim() ?? '';
  if (!name) throw badRequest('[Name]: the application needs a name');
  if (name.length > 255) throw badRequest('[Name]: at most 255 characters');
  const redirectUris = input.redirectUris ?? [];
  for (const uri of redirectUris) {
    let url: URL;
    try {
      url = new URL(uri);
    } catch {
      throw badRequest(`[RedirectURIs]: not a URL [uri: ${uri}]`);
    }
    if (url.hash) throw badRequest(`[RedirectURIs]: a redirect URI may not have a fragment [uri: ${uri}]`);
  }
  return { name, redirectUris, confidentialClient: input.confidentialClient ?? false };
}

/** Like Gitea's: a recognisable prefix and 256 random bits. */
function newSecret(): string {
  return `gto_${randomBytes(32).toString('base64url')}`;
}
