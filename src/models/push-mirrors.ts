import type { Selectable } from 'kysely';
import type { PushMirrorsTable } from '../db/schema.js';
import { nowUnix, type Queryable } from './types.js';

export interface PushMirror {
  id: number;
  repoId: number;
  remoteName: string;
  remoteAddress: string;
  remoteAuthEnc: string;
  intervalSeconds: number;
  syncOnCommit: boolean;
  lastUpdateUnix: number;
  lastError: string;
  createdUnix: number;
}

const toPushMirror = (r: Selectable<PushMirrorsTable>): PushMirror => ({
  id: r.id,
  repoId: r.repo_id,
  remoteName: r.remote_name,
  remoteAddress: r.remote_address,
  remoteAuthEnc: r.remote_auth_enc,
  intervalSeconds: r.interval_seconds,
  syncOnCommit: r.sync_on_commit === 1,
  lastUpdateUnix: r.last_update_unix,
  lastError: r.last_error,
  createdUnix: r.created_unix,
});

export async function insertPushMirror(db: Queryable, m: Pick<PushMirror, 'repoId' | 'remoteName' | 'remoteAddress' | 'remoteAuthEnc' | 'intervalSeconds' | 'syncOnCommit'>): Promise<PushMirror> {
  const now = nowUnix();
  const row = await db
    .insertInto('push_mirrors')
    .values({
      repo_id: m.repoId,
      remote_name: m.remoteName,
      remote_address: m.remoteAddress,
      remote_auth_enc: m.remoteAuthEnc,
      interval_seconds: m.intervalSeconds,
      sync_on_commit: m.syncOnCommit ? 1 : 0,
      next_update_unix: m.intervalSeconds > 0 ? now + m.intervalSeconds : 0,
      last_update_unix: 0,
      last_error: '',
      created_unix: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toPushMirror(row);
}

export async function listPushMirrors(db: Queryable, repoId: number): Promise<PushMirror[]> {
  return (await db.selectFrom('push_mirrors').selectAll().where('repo_id', '=', repoId).orderBy('id').execute()).map(toPushMirror);
}

export async function deletePushMirror(db: Queryable, repoId: number, remoteName: string): Promise<boolean> {
  const result = await db.deleteFrom('push_mirrors').where('repo_id', '=', repoId).where('remote_name', '=', remoteName).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function duePushMirrors(db: Queryable, now: number, limit: number): Promise<PushMirror[]> {
  const rows = await db.selectFrom('push_mirrors').selectAll().where('interval_seconds', '>', 0).where('next_update_unix', '<=', now).orderBy('next_update_unix').limit(limit).execute();
  return rows.map(toPushMirror);
}

export async function recordPushMirrorSync(db: Queryable, id: number, intervalSeconds: number, error: string): Promise<void> {
  const now = nowUnix();
  await db
    .updateTable('push_mirrors')
    .set({ last_update_unix: now, last_error: error, next_update_unix: intervalSeconds > 0 ? now + intervalSeconds : 0 })
    .where('id', '=', id)
    .execute();
}
