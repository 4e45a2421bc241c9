import type { Queryable } from './types.js';
import { nowUnix } from './types.js';

/** Where a hook belongs: a repository, an owner (user or organization), or the whole site. */
export type HookScope = { repoId: number } | { ownerId: number } | 'system';

export interface Webhook {
  id: number;
  repoId: number;
  ownerId: number;
  type: string;
  url: string;
  httpMethod: string;
  contentType: 'json' | 'form';
  secretSealed: string;
  authorizationSealed: string;
  events: string[];
  branchFilter: string;
  active: boolean;
  createdUnix: number;
  updatedUnix: number;
}

export type WebhookFields = Omit<Webhook, 'id' | 'repoId' | 'ownerId' | 'createdUnix' | 'updatedUnix'>;

type Row = {
  id: number; repo_id: number; owner_id: number; type: string; url: string; http_method: string; content_type: string; secret_sealed: string;
  authorization_sealed: string; events: string; branch_filter: string; is_active: number; created_unix: number; updated_unix: number;
};

function toHook(r: Row): Webhook {
  return {
    id: r.id, repoId: r.repo_id, ownerId: r.owner_id, type: r.type, url: r.url, httpMethod: r.http_method, contentType: r.content_type === 'form' ? 'form' : 'json',
    secretSealed: r.secret_sealed, authorizationSealed: r.authorization_sealed, events: JSON.parse(r.events) as string[], branchFilter: r.branch_filter,
    active: r.is_active === 1, createdUnix: r.created_unix, updatedUnix: r.updated_unix,
  };
}

function columns(f: WebhookFields) {
  return {
    type: f.type, url: f.url, http_method: f.httpMethod, content_type: f.contentType, secret_sealed: f.secretSealed, authorization_sealed: f.authorizationSealed,
    events: JSON.stringify(f.events), branch_filter: f.branchFilter, is_active: f.active ? 1 : 0,
  };
}

function scoped(db: Queryable, scope: HookScope) {
  const q = db.selectFrom('webhooks');
  if (scope === 'system') return q.where('repo_id', '=', 0).where('owner_id', '=', 0);
  if ('repoId' in scope) return q.where('repo_id', '=', scope.repoId);
  return q.where('owner_id', '=', scope.ownerId).where('repo_id', '=', 0);
}

export async function insertHook(db: Queryable, scope: HookScope, f: WebhookFields): Promise<Webhook> {
  const now = nowUnix();
  const where = scope === 'system' ? { repo_id: 0, owner_id: 0 } : 'repoId' in scope ? { repo_id: scope.repoId, owner_id: 0 } : { repo_id: 0, owner_id: scope.ownerId };
  return toHook(await db.insertInto('webhooks').values({ ...where, ...columns(f), created_unix: now, updated_unix: now }).returningAll().executeTakeFirstOrThrow());
}

export async function updateHook(db: Queryable, id: number, f: WebhookFields): Promise<void> {
  await db.updateTable('webhooks').set({ ...columns(f), updated_unix: nowUnix() }).where('id', '=', id).execute();
}

export async function getHook(db: Queryable, scope: HookScope, id: number): Promise<Webhook | undefined> {
  const row = await scoped(db, scope).selectAll().where('id', '=', id).executeTakeFirst();
  return row && toHook(row);
}

export async function listHooks(db: Queryable, scope: HookScope, offset: number, limit: number): Promise<{ hooks: Webhook[]; total: number }> {
  const q = scoped(db, scope);
  const [rows, count] = await Promise.all([q.selectAll().orderBy('id').limit(limit).offset(offset).execute(), q.select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()]);
  return { hooks: rows.map(toHook), total: Number(count.n) };
}

export async function deleteHook(db: Queryable, scope: HookScope, id: number): Promise<boolean> {
  const hook = await getHook(db, scope, id);
  if (!hook) return false;
  await db.deleteFrom('webhooks').where('id', '=', id).execute();
  return true;
}

/** The active hooks that hear about a repository: its own, its owner's and the site's. */
export async function hooksFor(db: Queryable, repoId: number, ownerId: number): Promise<Webhook[]> {
  const rows = await db
    .selectFrom('webhooks')
    .selectAll()
    .where('is_active', '=', 1)
    .where((e) => e.or([e('repo_id', '=', repoId), e.and([e('repo_id', '=', 0), e('owner_id', 'in', [ownerId, 0])])]))
    .orderBy('id')
    .execute();
  return rows.map(toHook);
}

export async function recordDelivery(db: Queryable, d: { hookId: number; uuid: string; event: string; payload: string; status: number; succeeded: boolean; response: string }): Promise<void> {
  await db
    .insertInto('webhook_deliveries')
    .values({ hook_id: d.hookId, uuid: d.uuid, event: d.event, payload: d.payload, status: d.status, is_succeed: d.succeeded ? 1 : 0, response: d.response, delivered_unix: nowUnix() })
    .execute();
}

export async function deleteDeliveriesBefore(db: Queryable, unix: number): Promise<number> {
  const result = await db.deleteFrom('webhook_deliveries').where('delivered_unix', '<', unix).executeTakeFirst();
  return Number(result.numDeletedRows);
}
