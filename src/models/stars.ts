import { sql } from 'kysely';
import { nowUnix, type Queryable } from './types.js';

export type LinkTable = 'stars' | 'watches';

/** Stars and watches: a user–repository link with a counter on the repository (and, for stars, the user). */
export async function hasLink(db: Queryable, table: LinkTable, userId: number, repoId: number): Promise<{ createdUnix: number } | undefined> {
  const row = await db.selectFrom(table).select('created_unix').where('user_id', '=', userId).where('repo_id', '=', repoId).executeTakeFirst();
  return row && { createdUnix: row.created_unix };
}

/** Adds the link if absent and bumps the counters; call inside a transaction. True when added. */
export async function addLink(db: Queryable, table: LinkTable, userId: number, repoId: number): Promise<boolean> {
  if (await hasLink(db, table, userId, repoId)) return false;
  await db.insertInto(table).values({ user_id: userId, repo_id: repoId, created_unix: nowUnix() }).execute();
  await bump(db, table, userId, repoId, 1);
  return true;
}

/**
 * Makes every one of `userIds` watch every one of `repoIds` (those already watching stay as they
 * are) and recounts the repositories' watchers from the rows.
 */
export async function watchAll(db: Queryable, userIds: number[], repoIds: number[]): Promise<void> {
  const now = nowUnix();
  for (let i = 0; i < repoIds.length; i += CHUNK) {
    const repos = repoIds.slice(i, i + CHUNK);
    for (const userId of userIds) {
      await db
        .insertInto('watches')
        .values(repos.map((repoId) => ({ user_id: userId, repo_id: repoId, created_unix: now })))
        .onConflict((oc) => oc.columns(['user_id', 'repo_id']).doNothing())
        .execute();
    }
    await db
      .updateTable('repositories')
      .set({ num_watches: (e) => e.selectFrom('watches').select((w) => w.fn.countAll<number>().as('n')).whereRef('watches.repo_id', '=', 'repositories.id') })
      .where('id', 'in', repos)
      .execute();
  }
}

// Rows per statement: well below SQLite's and PostgreSQL's limits on bound parameters.
const CHUNK = 500;

export async function removeLink(db: Queryable, table: LinkTable, userId: number, repoId: number): Promise<void> {
  const result = await db.deleteFrom(table).where('user_id', '=', userId).where('repo_id', '=', repoId).executeTakeFirst();
  if (Number(result.numDeletedRows) > 0) await bump(db, table, userId, repoId, -1);
}

async function bump(db: Queryable, table: LinkTable, userId: number, repoId: number, by: number): Promise<void> {
  const column = table === 'stars' ? 'num_stars' : 'num_watches';
  await db.updateTable('repositories').set({ [column]: sql`${sql.ref(column)} + ${by}` }).where('id', '=', repoId).execute();
  if (table === 'stars') await db.updateTable('users').set({ num_stars: sql`num_stars + ${by}` }).where('id', '=', userId).execute();
}

/** Users linked to a repository, oldest link first. */
export async function linkedUserIds(db: Queryable, table: LinkTable, repoId: number, offset: number, limit: number): Promise<{ ids: number[]; total: number }> {
  const q = db.selectFrom(table).where('repo_id', '=', repoId);
  const [rows, count] = await Promise.all([
    q.select('user_id').orderBy('created_unix').orderBy('user_id').limit(limit).offset(offset).execute(),
    q.select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { ids: rows.map((r) => r.user_id), total: Number(count.n) };
}
