import { deleteEmail, emailTaken, insertEmail, listEmails, searchAllEmails } from '../models/emails.js';
import { followIds, isFollowing, setFollowing } from '../models/follows.js';
import { getUsersInOrder, updateUser, type User } from '../models/users.js';
import type { ServiceContext } from './context.js';
import { invalid, notFound } from './errors.js';
import { assertValidEmail } from './names.js';
import { assertNotBlocked } from './blocks.js';

export interface EmailEntry {
  email: string;
  verified: boolean;
  primary: boolean;
}

export interface SettingsInput {
  fullName?: string;
  website?: string;
  description?: string;
  location?: string;
  language?: string;
  theme?: string;
  diffViewStyle?: string;
  hideEmail?: boolean;
  hideActivity?: boolean;
}

/** A user's own e-mail addresses, follows and settings. */
export class UserResourceService {
  constructor(private readonly ctx: ServiceContext) {}

  async emails(user: User): Promise<EmailEntry[]> {
    const extra = await listEmails(this.ctx.q, user.id);
    return [{ email: user.email, verified: user.isActive, primary: true }, ...extra.map((e) => ({ email: e.email, verified: e.activated, primary: false }))];
  }

  /** Adds addresses, all or none: any invalid or taken one refuses the lot (422). */
  async addEmails(user: User, emails: string[]): Promise<void> {
    const unique = [...new Map(emails.map((e) => [e.trim().toLowerCase(), e.trim()])).values()].filter(Boolean);
    if (unique.length === 0) throw invalid('[Emails]: at least one e-mail is required');
    for (const email of unique) {
      assertValidEmail(email);
      if (await emailTaken(this.ctx.q, email)) throw invalid(`e-mail already in use [email: ${email}]`);
    }
    await this.ctx.db.kysely.transaction().execute(async (trx) => {
      for (const email of unique) await insertEmail(trx, user.id, email);
    });
  }

  /** Removes additional addresses (404 when one is not the user's; the primary one stays). */
  async deleteEmails(user: User, emails: string[]): Promise<void> {
    await this.ctx.db.kysely.transaction().execute(async (trx) => {
      for (const email of emails) {
        if (email.toLowerCase() === user.email.toLowerCase()) throw invalid('the primary e-mail cannot be deleted');
        if (!(await deleteEmail(trx, user.id, email))) throw notFound(`e-mail does not exist [email: ${email}]`);
      }
    });
  }

  /** Every e-mail address on the instance (site admins), optionally filtered. */
  allEmails(keyword: string, offset: number, limit: number) {
    return searchAllEmails(this.ctx.q, keyword, offset, limit);
  }

  isFollowing(user: User, target: User): Promise<boolean> {
    return isFollowing(this.ctx.q, user.id, target.id);
  }

  async follow(user: User, target: User, on: boolean): Promise<void> {
    if (user.id === target.id) throw invalid('a user cannot follow themselves');
    if (on) await assertNotBlocked(this.ctx.q, target, user, true);
    await this.ctx.db.kysely.transaction().execute((trx) => setFollowing(trx, user.id, target.id, on));
  }

  async follows(user: User, direction: 'followers' | 'following', offset: number, limit: number): Promise<{ users: User[]; total: number }> {
    const { ids, total } = await followIds(this.ctx.q, user.id, direction, offset, limit);
    return { users: await getUsersInOrder(this.ctx.q, ids), total };
  }

  async updateSettings(user: User, input: SettingsInput): Promise<void> {
    if (input.website) {
      try {
        if (!['http:', 'https:'].includes(new URL(input.website).protocol)) throw new Error('scheme');
      } catch {
        throw invalid(`[Website]: must be a valid http(s) URL`);
      }
    }
    await updateUser(this.ctx.q, user.id, {
      fullName: input.fullName,
      website: input.website,
      description: input.description,
      location: input.location,
      language: input.language,
      theme: input.theme,
      diffViewStyle: input.diffViewStyle,
      keepEmailPrivate: input.hideEmail,
      hideActivity: input.hideActivity,
    });
    this.ctx.credentialsChanged();
  }
}
