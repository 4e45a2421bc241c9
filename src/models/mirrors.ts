import type { Selectable } from 'kysely';
import type { MirrorsTable } from '../db/schema.js';
import { nowUnix, type Queryable } from './types.js';

export interface Mirror {
  repoId: number;
  /** Seconds between syncs; 0 never syncs on its own. */
  intervalSeconds: number;
  enablePrune: boolean;
  remoteAuthEnc: string;
  nextUpdateUnix: number;
  updatedUnix: number;
}

const toMirror = (r: Selectable<MirrorsTable>): Mirror => ({
  repoId: r.repo_id,
  intervalSeconds: r.interval_seconds,
  enablePrune: r.enable_prune === 1,
  remoteAuthEnc: r.remote_auth_enc,
  nextUpdateUnix: r.next_update_unix,
  updatedUnix: r.updated_unix,
});

export async function insertMirror(db: Queryable, m: Omit<Mirror, 'updatedUnix' | 'nextUpdateUnix'>): Promise<void> {
  const now = nowUnix();
  await db
    .insertInto('mirrors')
    .values({
      repo_id: m.repoId,
      interval_seconds: m.intervalSeconds,
      enable_prune: m.enablePrune ? 1 : 0,
      remote_auth_enc: m.remoteAuthEnc,
      next_update_unix: m.intervalSeconds > 0 ? now + m.intervalSeconds : 0,
      updated_unix: now,
    })
    .execute();
}

export async function getMirrors(db: Queryable, repoIds: number[]): Promise<Map<number, Mirror>> {
  if (repoIds.length === 0) return new Map();
  const rows = await db.selectFrom('mirrors').selectAll().where('repo_id', 'in', repoIds).execute();
  return new Map(rows.map((r) => [r.repo_id, toMirror(r)]));
}

/** Mirrors whose next sync is due (those with an interval), earliest first. */
export async function dueMirrors(db: Queryable, now: number, limit: number): Promise<Mirror[]> {
  const rows = await db
    .selectFrom('mirrors')
    .selectAll()
    .where('interval_seconds', '>', 0)
    .where('next_update_unix', '<=', now)
    .orderBy('next_update_unix')
    .limit(limit)
    .execute();
  return rows.map(toMirror);
}

export async function markMirrorSynced(db: Queryable, repoId: number, intervalSeconds: number): Promise<void> {
  const now = nowUnix();
  await db
    .updateTable('mirrors')
    .set({ updated_unix: now, next_update_unix: intervalSeconds > 0 ? now + intervalSeconds : 0 })
    .where('repo_id', '=', repoId)
    .execute();
}

export async function updateMirrorSettings(db: Queryable, repoId: number, s: { intervalSeconds?: number; enablePrune?: boolean }): Promise<void> {
  const now = nowUnix();
  await db
    .updateTable('mirrors')
    .set({
      ...(s.intervalSeconds !== undefined ? { interval_seconds: s.intervalSeconds, next_update_unix: s.intervalSeconds > 0 ? now + s.intervalSeconds : 0 } : {}),
      ...(s.enablePrune !== undefined ? { enable_prune: s.enablePrune ? 1 : 0 } : {}),
    })
    .where('repo_id', '=', repoId)
    .execute();
}
