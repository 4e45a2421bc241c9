import { sql } from 'kysely';
import { containsPattern } from './users.js';
import { nowUnix, type Queryable } from './types.js';

export interface Topic {
  id: number;
  name: string;
  repoCount: number;
  createdUnix: number;
  updatedUnix: number;
}

export async function topicsOfRepos(db: Queryable, repoIds: number[]): Promise<Map<number, string[]>> {
  const result = new Map<number, string[]>();
  if (repoIds.length === 0) return result;
  const rows = await db
    .selectFrom('repo_topics as rt')
    .innerJoin('topics as t', 't.id', 'rt.topic_id')
    .select(['rt.repo_id', 't.name'])
    .where('rt.repo_id', 'in', repoIds)
    .orderBy('t.name')
    .execute();
  for (const row of rows) result.set(row.repo_id, [...(result.get(row.repo_id) ?? []), row.name]);
  return result;
}

/** Makes a repository's topics exactly `names`, keeping repo_count right; call inside a transaction. */
export async function setRepoTopics(db: Queryable, repoId: number, names: string[]): Promise<void> {
  const current = (await topicsOfRepos(db, [repoId])).get(repoId) ?? [];
  const now = nowUnix();
  for (const name of current.filter((n) => !names.includes(n))) {
    const topic = await db.selectFrom('topics').select('id').where('name', '=', name).executeTakeFirstOrThrow();
    await db.deleteFrom('repo_topics').where('repo_id', '=', repoId).where('topic_id', '=', topic.id).execute();
    await db.updateTable('topics').set({ repo_count: sql`repo_count - 1`, updated_unix: now }).where('id', '=', topic.id).execute();
  }
  for (const name of names.filter((n) => !current.includes(n))) {
    let topic = await db.selectFrom('topics').select('id').where('name', '=', name).executeTakeFirst();
    if (!topic) topic = await db.insertInto('topics').values({ name, repo_count: 0, created_unix: now, updated_unix: now }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('repo_topics').values({ repo_id: repoId, topic_id: topic.id }).execute();
    await db.updateTable('topics').set({ repo_count: sql`repo_count + 1`, updated_unix: now }).where('id', '=', topic.id).execute();
  }
}

export async function searchTopics(db: Queryable, keyword: string, offset: number, limit: number): Promise<{ topics: Topic[]; total: number }> {
  let q = db.selectFrom('topics').where('repo_count', '>', 0);
  if (keyword) q = q.where(sql<boolean>`name like ${containsPattern(keyword)} escape '\\'`);
  const [rows, count] = await Promise.all([
    q.selectAll().orderBy('repo_count', 'desc').orderBy('name').limit(limit).offset(offset).execute(),
    q.select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    topics: rows.map((r) => ({ id: r.id, name: r.name, repoCount: r.repo_count, createdUnix: r.created_unix, updatedUnix: r.updated_unix })),
    total: Number(count.n),
  };
}
