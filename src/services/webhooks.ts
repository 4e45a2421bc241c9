import { createHmac, randomUUID } from 'node:crypto';
import { log } from '../git/log.js';
import type { Comment } from '../models/comments.js';
import type { Issue } from '../models/issues.js';
import type { Repository } from '../models/repositories.js';
import { getUserById, type User } from '../models/users.js';
import {
  deleteDeliveriesBefore,
  deleteHook,
  getHook,
  hooksFor,
  insertHook,
  listHooks,
  recordDelivery,
  updateHook,
  type HookScope,
  type Webhook,
  type WebhookFields,
} from '../models/webhooks.js';
import type { ServiceContext } from './context.js';
import { invalid, notFound } from './errors.js';
import type { Events, RefChange } from './events.js';
import { webhookHostAllowed } from './remote-address.js';
import type { IssueView } from './issues.js';
import type { SecretBox } from './secrets.js';

export type { HookScope, Webhook };

/** Hook types whose payloads Samovar writes: Gitea's JSON, which Gogs and Forgejo receivers read too. */
export const HOOK_TYPES = ['gitea', 'gogs', 'forgejo'] as const;
/** The events Samovar delivers; others are accepted and stored for when they exist. */
export const DELIVERED_EVENTS = ['push', 'create', 'delete', 'repository', 'issues', 'issue_comment'] as const;
const PAYLOAD_COMMITS = 20;
const ZERO = /^0+$/;

export interface HookInput {
  type?: string;
  config?: Record<string, string>;
  events?: string[];
  branchFilter?: string;
  active?: boolean;
  authorizationHeader?: string;
}

/** Turns models into the API's JSON for payloads; supplied by the API layer, which owns conversion. */
export interface PayloadRenderer {
  repository(repo: Repository, owner: User): unknown;
  user(user: User): unknown;
  commitUrl(owner: User, repo: Repository, sha: string): string;
  issue(view: IssueView): unknown;
  comment(comment: Comment, poster: User | undefined, issueIndex: number, owner: User, repo: Repository): unknown;
}

type Delivery = { event: string; payload: Record<string, unknown> };

/**
 * Webhooks of repositories, owners and the site: stored with their secrets sealed, and delivered
 * in the background after pushes and repository changes, each delivery recorded.
 */
export class WebhookService {
  private renderer: PayloadRenderer | null = null;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly ctx: ServiceContext,
    private readonly box: SecretBox,
    events: Events,
    private readonly repoPath: (owner: User, repo: Repository) => string,
    private readonly onError: (what: string, err: unknown) => void,
    private readonly issueViews: (issues: Issue[]) => Promise<IssueView[]>,
  ) {
    events.on('push', ({ repo, pusher, changes }) => {
      if (pusher) this.background(`webhooks of push to ${repo.id}`, () => this.onPush(repo, pusher, changes));
    });
    events.on('repository.created', ({ repo, doer }) => this.background(`webhooks of new repository ${repo.id}`, () => this.onRepository('created', repo, doer)));
    events.on('repository.deleted', ({ repo, doer }) => this.background(`webhooks of deleted repository ${repo.id}`, () => this.onRepository('deleted', repo, doer)));
    events.on('issue', ({ repo, issue, doer, action }) => this.background(`webhooks of issue ${issue.id}`, () => this.onIssue(repo, issue, doer, action, null)));
    events.on('issue.comment', ({ repo, issue, comment, doer, action }) => this.background(`webhooks of comment ${comment.id}`, () => this.onIssue(repo, issue, doer, action, comment)));
  }

  useRenderer(renderer: PayloadRenderer): void {
    this.renderer = renderer;
  }

  list(scope: HookScope, offset: number, limit: number): Promise<{ hooks: Webhook[]; total: number }> {
    return listHooks(this.ctx.q, scope, offset, limit);
  }

  async get(scope: HookScope, id: number): Promise<Webhook> {
    const hook = await getHook(this.ctx.q, scope, id);
    if (!hook) throw notFound(`webhook does not exist [id: ${id}]`);
    return hook;
  }

  async create(scope: HookScope, input: HookInput): Promise<Webhook> {
    if (!input.type || !(HOOK_TYPES as readonly string[]).includes(input.type)) throw invalid(`[Type]: unsupported hook type ${input.type ?? ''}: ${HOOK_TYPES.join(', ')} are supported`);
    return insertHook(this.ctx.q, scope, this.fields(input, null));
  }

  async edit(scope: HookScope, id: number, input: HookInput): Promise<Webhook> {
    const hook = await this.get(scope, id);
    const fields = this.fields(input, hook);
    await updateHook(this.ctx.q, id, fields);
    return this.get(scope, id);
  }

  async remove(scope: HookScope, id: number): Promise<void> {
    if (!(await deleteHook(this.ctx.q, scope, id))) throw notFound(`webhook does not exist [id: ${id}]`);
  }

  /** The Authorization header a hook sends, for showing to those who manage it. */
  authorizationOf(hook: Webhook): string {
    return hook.authorizationSealed ? this.box.open(hook.authorizationSealed) : '';
  }

  /** Delivers a push of the branch's head commit to one hook now, as Gitea's "test delivery". */
  async test(hook: Webhook, repo: Repository, owner: User, doer: User): Promise<void> {
    const head = (await log(this.repoPath(owner, repo), { rev: repo.defaultBranch, skip: 0, limit: 1, withFiles: true }))[0];
    if (!head) throw notFound('the repository has no commits to test with');
    const change = { ref: `refs/heads/${repo.defaultBranch}`, oldId: head.id, newId: head.id };
    await this.deliver(hook, { event: 'push', payload: await this.pushPayload(repo, owner, doer, change, [head], 1) });
  }

  /** Deletes deliveries older than [cron.cleanup_hook_task_table] OLDER_THAN; returns how many. */
  cleanupDeliveries(): Promise<number> {
    return deleteDeliveriesBefore(this.ctx.q, Math.floor((Date.now() - this.ctx.config.webhook.deliveriesKeptMs) / 1000));
  }

  /** Resolves once every delivery started so far has finished (for an orderly shutdown). */
  async settled(): Promise<void> {
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
  }

  private fields(input: HookInput, existing: Webhook | null): WebhookFields {
    const config = input.config ?? {};
    const url = config.url ?? existing?.url;
    if (!url) throw invalid('[Config]: a url is required');
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw invalid(`[Config]: invalid url: ${url}`);
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw invalid(`[Config]: the url must be http or https: ${url}`);
    const contentType = config.content_type ?? existing?.contentType ?? 'json';
    if (contentType !== 'json' && contentType !== 'form') throw invalid(`[Config]: content_type must be json or form, not ${contentType}`);
    const httpMethod = (config.http_method ?? existing?.httpMethod ?? 'POST').toUpperCase();
    if (httpMethod !== 'POST' && httpMethod !== 'PUT' && httpMethod !== 'GET') throw invalid(`[Config]: http_method must be POST, PUT or GET, not ${httpMethod}`);
    const events = input.events ?? existing?.events ?? ['push'];
    const seal = (value: string) => (value ? this.box.seal(value) : '');
    return {
      type: existing?.type ?? input.type!,
      url: parsed.toString(),
      httpMethod,
      contentType,
      secretSealed: config.secret !== undefined ? seal(config.secret) : (existing?.secretSealed ?? ''),
      authorizationSealed: input.authorizationHeader !== undefined ? seal(input.authorizationHeader) : (existing?.authorizationSealed ?? ''),
      events: events.length ? [...new Set(events)] : ['push'],
      branchFilter: input.branchFilter ?? existing?.branchFilter ?? '',
      active: input.active ?? existing?.active ?? false,
    };
  }

  private background(what: string, work: () => Promise<void>): void {
    const running = work().catch((err) => this.onError(what, err));
    this.inFlight.add(running);
    void running.finally(() => this.inFlight.delete(running));
  }

  private async onPush(repo: Repository, pusher: User, changes: RefChange[]): Promise<void> {
    const owner = await getUserById(this.ctx.q, repo.ownerId);
    if (!owner) return;
    const hooks = await hooksFor(this.ctx.q, repo.id, owner.id);
    if (hooks.length === 0) return;
    for (const change of changes) {
      const [kind, name] = refKind(change.ref);
      if (!kind) continue;
      const deliveries: Delivery[] = [];
      const base = { repository: this.render().repository(repo, owner), sender: this.render().user(pusher) };
      if (ZERO.test(change.oldId)) deliveries.push({ event: 'create', payload: { sha: change.newId, ref: name, ref_type: kind, ...base } });
      if (ZERO.test(change.newId)) {
        deliveries.push({ event: 'delete', payload: { ref: name, ref_type: kind, pusher_type: 'user', ...base } });
      } else {
        const path = this.repoPath(owner, repo);
        const not = ZERO.test(change.oldId) ? [] : [change.oldId];
        const commits = await log(path, { rev: change.newId, not, skip: 0, limit: PAYLOAD_COMMITS, withFiles: true });
        deliveries.push({ event: 'push', payload: await this.pushPayload(repo, owner, pusher, change, commits, commits.length) });
      }
      for (const hook of hooks) {
        for (const d of deliveries) if (wants(hook, d.event, kind === 'branch' ? name : null)) await this.deliver(hook, d);
      }
    }
  }

  private async onRepository(action: 'created' | 'deleted', repo: Repository, doer: User): Promise<void> {
    const owner = await getUserById(this.ctx.q, repo.ownerId);
    if (!owner) return;
    // Only the owner's and the site's hooks: a new repository has none, a deleted one lost its own.
    const hooks = (await hooksFor(this.ctx.q, repo.id, owner.id)).filter((h) => h.repoId === 0);
    const r = this.render();
    const payload = { action, repository: r.repository(repo, owner), organization: r.user(owner), sender: r.user(doer) };
    for (const hook of hooks) if (wants(hook, 'repository', null)) await this.deliver(hook, { event: 'repository', payload });
  }

  /** Gitea's `issues` and `issue_comment` payloads. */
  private async onIssue(repo: Repository, issue: Issue, doer: User, action: string, comment: Comment | null): Promise<void> {
    const event = comment ? 'issue_comment' : 'issues';
    const owner = await getUserById(this.ctx.q, repo.ownerId);
    if (!owner) return;
    const hooks = (await hooksFor(this.ctx.q, repo.id, owner.id)).filter((h) => wants(h, event, null));
    if (hooks.length === 0) return;
    const r = this.render();
    const [view] = await this.issueViews([issue]);
    if (!view) return;
    const base = { action, issue: r.issue(view), repository: r.repository(repo, owner), sender: r.user(doer) };
    const payload = comment
      ? { ...base, pull_request: null, comment: r.comment(comment, await getUserById(this.ctx.q, comment.posterId), issue.index, owner, repo), changes: null, is_pull: false }
      : { ...base, number: issue.index, changes: null, commit_id: '' };
    for (const hook of hooks) await this.deliver(hook, { event, payload });
  }

  private async pushPayload(repo: Repository, owner: User, pusher: User, change: RefChange, commits: Awaited<ReturnType<typeof log>>, total: number) {
    const r = this.render();
    const person = (s: { name: string; email: string }) => ({ name: s.name, email: s.email, username: '' });
    const rendered = commits.map((c) => ({
      id: c.id,
      message: c.message,
      url: r.commitUrl(owner, repo, c.id),
      author: person(c.author),
      committer: person(c.committer),
      verification: null,
      timestamp: new Date(c.committer.when * 1000).toISOString(),
      added: (c.files ?? []).filter((f) => f.status === 'added').map((f) => f.path),
      removed: (c.files ?? []).filter((f) => f.status === 'removed').map((f) => f.path),
      modified: (c.files ?? []).filter((f) => f.status !== 'added' && f.status !== 'removed').map((f) => f.path),
    }));
    const repository = r.repository(repo, owner) as { html_url?: string };
    return {
      ref: change.ref,
      before: change.oldId,
      after: change.newId,
      compare_url: ZERO.test(change.oldId) || change.oldId === change.newId ? '' : `${repository.html_url ?? ''}/compare/${change.oldId}...${change.newId}`,
      commits: rendered,
      total_commits: total,
      head_commit: rendered[0] ?? null,
      repository,
      pusher: r.user(pusher),
      sender: r.user(pusher),
    };
  }

  /** Sends one payload the way Gitea does (headers, signatures, form or JSON) and records the outcome. */
  private async deliver(hook: Webhook, d: Delivery): Promise<void> {
    const uuid = randomUUID();
    const json = JSON.stringify(d.payload);
    const secret = hook.secretSealed ? this.box.open(hook.secretSealed) : '';
    const body = hook.contentType === 'form' ? new URLSearchParams({ payload: json }).toString() : json;
    const signature = createHmac('sha256', secret).update(body).digest('hex');
    const headers: Record<string, string> = {
      'content-type': hook.contentType === 'form' ? 'application/x-www-form-urlencoded' : 'application/json',
      'user-agent': 'Samovar-Hookshot',
      'x-gitea-delivery': uuid,
      'x-gitea-event': d.event,
      'x-gitea-event-type': d.event,
      'x-gitea-signature': signature,
      'x-gogs-delivery': uuid,
      'x-gogs-event': d.event,
      'x-gogs-event-type': d.event,
      'x-gogs-signature': signature,
      'x-github-delivery': uuid,
      'x-github-event': d.event,
      'x-github-event-type': d.event,
      'x-hub-signature': `sha1=${createHmac('sha1', secret).update(body).digest('hex')}`,
      'x-hub-signature-256': `sha256=${signature}`,
    };
    if (hook.authorizationSealed) headers.authorization = this.box.open(hook.authorizationSealed);
    let status = 0;
    let response = '';
    try {
      const url = new URL(hook.url);
      if (!(await webhookHostAllowed(this.ctx.config.webhook.allowedHostList, url.hostname))) {
        throw new Error(`webhooks may not be delivered to ${url.hostname} ([webhook] ALLOWED_HOST_LIST)`);
      }
      if (hook.httpMethod === 'GET') url.searchParams.set('payload', json);
      const answer = await fetch(url, {
        method: hook.httpMethod,
        headers,
        body: hook.httpMethod === 'GET' ? undefined : body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.ctx.config.webhook.deliverTimeoutMs),
      });
      status = answer.status;
      response = (await answer.text()).slice(0, 4096);
    } catch (err) {
      response = err instanceof Error ? err.message : String(err);
    }
    await recordDelivery(this.ctx.q, { hookId: hook.id, uuid, event: d.event, payload: json, status, succeeded: status >= 200 && status < 300, response });
  }

  private render(): PayloadRenderer {
    if (!this.renderer) throw new Error('webhook payloads need a renderer: call useRenderer at startup');
    return this.renderer;
  }
}

function refKind(ref: string): ['branch' | 'tag', string] | [null, string] {
  if (ref.startsWith('refs/heads/')) return ['branch', ref.slice('refs/heads/'.length)];
  if (ref.startsWith('refs/tags/')) return ['tag', ref.slice('refs/tags/'.length)];
  return [null, ref];
}

/** Whether a hook listens to the event, and (for branch pushes) whether its branch filter matches. */
function wants(hook: Webhook, event: string, branch: string | null): boolean {
  if (!hook.events.includes(event)) return false;
  if (branch === null || !hook.branchFilter || hook.branchFilter === '*') return true;
  return hook.branchFilter.split(',').some((glob) => globMatch(glob.trim(), branch));
}

/** `*` within a path segment, `**` across segments, `?` one character; braces list alternatives. */
function globMatch(glob: string, text: string): boolean {
  const alternatives = /^\{(.*)\}$/.exec(glob)?.[1]?.split(',') ?? [glob];
  return alternatives.some((alt) => {
    const pattern = alt
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*\*/g, '\u0000')
      .replace(/\*/g, '[^/]*')
      .replace(/\?/g, '[^/]')
      .replace(/\u0000/g, '.*');
    return new RegExp(`^${pattern}$`).test(text);
  });
}
