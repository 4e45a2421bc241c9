import { addUserBadges, ensureBadges, removeUserBadges, userBadges, type Badge } from '../models/badges.js';
import type { User } from '../models/users.js';
import type { ServiceContext } from './context.js';
import { invalid } from './errors.js';

export type { Badge };

const SLUG = /^[A-Za-z0-9][-_.A-Za-z0-9]{0,254}$/;

/** Badges that site admins give users. A slug not seen before makes a new badge. */
export class BadgeService {
  constructor(private readonly ctx: ServiceContext) {}

  of(user: User): Promise<Badge[]> {
    return userBadges(this.ctx.q, user.id);
  }

  async add(user: User, slugs: string[]): Promise<void> {
    const clean = this.clean(slugs);
    await this.ctx.db.kysely.transaction().execute(async (trx) => {
      const badges = await ensureBadges(trx, clean);
      await addUserBadges(trx, user.id, badges.map((b) => b.id));
    });
  }

  async remove(user: User, slugs: string[]): Promise<void> {
    await removeUserBadges(this.ctx.q, user.id, this.clean(slugs));
  }

  private clean(slugs: string[]): string[] {
    const unique = [...new Set(slugs.map((s) => s.trim()))];
    const bad = unique.filter((s) => !SLUG.test(s));
    if (bad.length) throw invalid(`[BadgeSlugs]: invalid badge slugs: ${bad.join(', ')}`);
    return unique;
  }
}
