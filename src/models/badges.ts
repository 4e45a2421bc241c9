import type { Queryable } from './types.js';

export interface Badge {
  id: number;
  slug: string;
  description: string;
  imageUrl: string;
}

export async function userBadges(db: Queryable, userId: number): Promise<Badge[]> {
  const rows = await db.selectFrom('user_badges as ub').innerJoin('badges as b', 'b.id', 'ub.badge_id').select(['b.id', 'b.slug', 'b.description', 'b.image_url']).where('ub.user_id', '=', userId).orderBy('b.slug').execute();
  return rows.map((r) => ({ id: r.id, slug: r.slug, description: r.description, imageUrl: r.image_url }));
}

/** The badges with these slugs, created (without description or image) where missing. */
export async function ensureBadges(db: Queryable, slugs: string[]): Promise<Badge[]> {
  if (slugs.length === 0) return [];
  const existing = await db.selectFrom('badges').selectAll().where('slug', 'in', slugs).execute();
  const known = new Set(existing.map((b) => b.slug));
  const missing = slugs.filter((s) => !known.has(s));
  if (missing.length) await db.insertInto('badges').values(missing.map((slug) => ({ slug, description: '', image_url: '' }))).execute();
  const rows = missing.length ? await db.selectFrom('badges').selectAll().where('slug', 'in', slugs).execute() : existing;
  return rows.map((r) => ({ id: r.id, slug: r.slug, description: r.description, imageUrl: r.image_url }));
}

export async function addUserBadges(db: Queryable, userId: number, badgeIds: number[]): Promise<void> {
  const have = new Set((await db.selectFrom('user_badges').select('badge_id').where('user_id', '=', userId).execute()).map((r) => r.badge_id));
  const rows = badgeIds.filter((id) => !have.has(id)).map((badge_id) => ({ user_id: userId, badge_id }));
  if (rows.length) await db.insertInto('user_badges').values(rows).execute();
}

export async function removeUserBadges(db: Queryable, userId: number, slugs: string[]): Promise<void> {
  if (slugs.length === 0) return;
  await db.deleteFrom('user_badges').where('user_id', '=', userId).where('badge_id', 'in', db.selectFrom('badges').select('id').where('slug', 'in', slugs)).execute();
}
