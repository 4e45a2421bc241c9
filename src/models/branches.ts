import type { Selectable } from 'kysely';
import type { BranchesTable } from '../db/schema.js';
import { nowUnix, type Queryable } from './types.js';

export interface Branch {
  repoId: number;
  name: string;
  commitId: string;
  commitMessage: string;
  commitUnix: number;
  authorName: string;
  authorEmail: string;
  committerName: string;
  committerEmail: string;
  pusherId: number;
  updatedUnix: number;
}

/** A branch head as git reports it. */
export type BranchHead = Pick<Branch, 'name' | 'commitId' | 'commitMessage' | 'commitUnix' | 'authorName' | 'authorEmail' | 'committerName' | 'committerEmail'>;

const toBranch = (r: Selectable<BranchesTable>): Branch => ({
  repoId: r.repo_id,
  name: r.name,
  commitId: r.commit_id,
  commitMessage: r.commit_message,
  commitUnix: r.commit_unix,
  authorName: r.author_name,
  authorEmail: r.author_email,
  committerName: r.committer_name,
  committerEmail: r.committer_email,
  pusherId: r.pusher_id,
  updatedUnix: r.updated_unix,
});

export async function listBranchRows(db: Queryable, repoId: number, offset: number, limit: number): Promise<{ branches: Branch[]; total: number }> {
  const q = db.selectFrom('branches').where('repo_id', '=', repoId);
  const [rows, count] = await Promise.all([
    q.selectAll().orderBy('name').limit(limit).offset(offset).execute(),
    q.select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { branches: rows.map(toBranch), total: Number(count.n) };
}

export async function getBranchRow(db: Queryable, repoId: number, name: string): Promise<Branch | undefined> {
  const row = await db.selectFrom('branches').selectAll().where('repo_id', '=', repoId).where('name', '=', name).executeTakeFirst();
  return row && toBranch(row);
}

/** Makes the table match the branches git reports (one transaction, called after pushes and ref changes). */
export async function replaceBranchRows(
  db: Queryable,
  repoId: number,
  branches: BranchHead[],
  pusherId: number,
): Promise<void> {
  const existing = new Map((await db.selectFrom('branches').select(['name', 'commit_id']).where('repo_id', '=', repoId).execute()).map((r) => [r.name, r.commit_id]));
  const now = nowUnix();
  const seen = new Set<string>();
  for (const b of branches) {
    seen.add(b.name);
    const old = existing.get(b.name);
    if (old === b.commitId) continue;
    const values = {
      commit_id: b.commitId,
      commit_message: b.commitMessage,
      commit_unix: b.commitUnix,
      author_name: b.authorName,
      author_email: b.authorEmail,
      committer_name: b.committerName,
      committer_email: b.committerEmail,
      pusher_id: pusherId,
      updated_unix: now,
    };
    if (old === undefined) await db.insertInto('branches').values({ repo_id: repoId, name: b.name, ...values }).execute();
    else await db.updateTable('branches').set(values).where('repo_id', '=', repoId).where('name', '=', b.name).execute();
  }
  const gone = [...existing.keys()].filter((name) => !seen.has(name));
  if (gone.length) await db.deleteFrom('branches').where('repo_id', '=', repoId).where('name', 'in', gone).execute();
}
