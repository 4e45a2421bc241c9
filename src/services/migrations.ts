import { existsSync } from 'node:fs';
import { formatDuration, parseDuration, type Config } from '../config/index.js';
import { closeReaders } from '../git/cat-file.js';
import { cloneRemote, fetchMirror, type RemoteAuth } from '../git/remote.js';
import { removeRepo } from '../git/repo.js';
import { isUniqueViolation } from '../models/errors.js';
import { dueMirrors, getMirrors, insertMirror, markMirrorSynced, updateMirrorSettings, type Mirror } from '../models/mirrors.js';
import * as repos from '../models/repositories.js';
import type { Repository } from '../models/repositories.js';
import { getUserById, getUserByName, type User } from '../models/users.js';
import type { ServiceContext } from './context.js';
import { badRequest, conflict, forbidden, invalid, notFound } from './errors.js';
import { assertValidRepoName } from './repo-names.js';
import { checkRemoteAddress } from './remote-address.js';
import { refChanges, type RepoContext, type RepoService } from './repositories.js';
import type { SecretBox } from './secrets.js';

export type { Mirror };

export interface MigrateInput {
  cloneAddr: string;
  repoName: string;
  ownerName?: string;
  ownerId?: number;
  authUsername?: string;
  authPassword?: string;
  authToken?: string;
  mirror?: boolean;
  mirrorInterval?: string;
  private?: boolean;
  description?: string;
}

/** A clone address, checked, with any credentials taken out of it. */
interface Source {
  url: string;
  /** The address without credentials, as stored and shown. */
  display: string;
  local: boolean;
  auth: RemoteAuth | null;
}

/** A mirror interval in seconds: the default when absent, 0 ("0", "0s") for on request only, never below MIN_INTERVAL. */
export function mirrorIntervalSeconds(mirror: Config['mirror'], text: string | undefined): number {
  if (text === undefined || text === '') return Math.round(mirror.defaultIntervalMs / 1000);
  if (text === '0' || text === '0s') return 0;
  const ms = parseDuration(text);
  if (ms === null) throw invalid(`[MirrorInterval]: invalid duration: ${text}`);
  if (ms < mirror.minIntervalMs) throw invalid(`[MirrorInterval]: must be at least ${formatDuration(mirror.minIntervalMs)} (or 0 to sync only on request)`);
  return Math.round(ms / 1000);
}

/** Imports repositories from elsewhere and keeps pull mirrors up to date. */
export class MigrationService {
  private readonly syncing = new Set<number>();

  constructor(
    private readonly ctx: ServiceContext,
    private readonly repos: RepoService,
    private readonly box: SecretBox,
  ) {}

  async migrate(doer: User, input: MigrateInput): Promise<Repository> {
    const owner = input.ownerName
      ? await getUserByName(this.ctx.q, input.ownerName)
      : input.ownerId
        ? await getUserById(this.ctx.q, input.ownerId)
        : doer;
    if (!owner) throw notFound(`user does not exist [name: ${input.ownerName ?? input.ownerId}]`);
    if (owner.id !== doer.id && !doer.isAdmin) throw forbidden('you may only migrate repositories into your own account');
    assertValidRepoName(input.repoName);
    if (input.mirror && !this.ctx.config.mirror.enabled) throw forbidden('the site administrator has disabled the creation of new pull mirrors');
    const intervalSeconds = input.mirror ? this.intervalOf(input.mirrorInterval) : 0;
    const source = await this.checkSource(doer, input);

    let repo: Repository;
    try {
      repo = await repos.insertRepository(this.ctx.q, {
        ownerId: owner.id,
        name: input.repoName,
        description: input.description ?? '',
        isPrivate: input.private ?? false,
        isMirror: input.mirror ?? false,
        originalUrl: source.display,
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw conflict('The repository with the same name already exists.');
      throw err;
    }
    const path = this.repos.path(owner.name, repo.name);
    try {
      await this.repos.watchNew(repo, doer);
      await cloneRemote(source.url, path, input.mirror ?? false, { auth: source.auth, timeoutMs: this.ctx.config.migrations.timeoutMs, allowLocal: source.local });
      if (input.mirror) {
        await insertMirror(this.ctx.q, {
          repoId: repo.id,
          intervalSeconds,
          enablePrune: true,
          remoteAuthEnc: source.auth ? this.box.seal(JSON.stringify(source.auth)) : '',
        });
      }
      return await this.repos.syncFromGit(repo, owner, doer);
    } catch (err) {
      await repos.deleteRepository(this.ctx.q, repo.id);
      closeReaders(path);
      await removeRepo(path);
      // Git only ever saw the address without credentials, so its words are safe to repeat.
      throw invalid(`migration failed: ${(err as Error).message.replace(/\s+/g, ' ').slice(0, 500)}`);
    }
  }

  private intervalOf(text: string | undefined): number {
    return mirrorIntervalSeconds(this.ctx.config.mirror, text);
  }

  private async checkSource(doer: User, input: MigrateInput): Promise<Source> {
    const addr = input.cloneAddr.trim();
    const given = input.authToken
      ? { username: 'oauth2', password: input.authToken }
      : input.authUsername || input.authPassword
        ? { username: input.authUsername ?? '', password: input.authPassword ?? '' }
        : null;
    if (addr.startsWith('/')) {
      if (!doer.isAdmin || !this.ctx.config.security.importLocalPaths) throw forbidden("You don't have permission to import local repositories.");
      if (!existsSync(addr)) throw invalid(`[CloneAddr]: local path does not exist: ${addr}`);
      return { url: addr, display: addr, local: true, auth: null };
    }
    return { ...(await checkRemoteAddress(this.ctx.config.migrations, addr, given)), local: false };
  }

  // ---- mirrors

  mirrorsOf(repoIds: number[]): Promise<Map<number, Mirror>> {
    return getMirrors(this.ctx.q, repoIds);
  }

  async setMirrorInterval(rc: RepoContext, text: string): Promise<void> {
    if (!rc.repo.isMirror) throw invalid('the repository is not a mirror');
    if (!rc.perm.isAdmin) throw forbidden('only repository admins may change settings');
    await updateMirrorSettings(this.ctx.q, rc.repo.id, { intervalSeconds: this.intervalOf(text) });
  }

  /** Fetches a mirror from its origin now (POST mirror-sync). */
  async requestSync(rc: RepoContext): Promise<void> {
    if (!rc.repo.isMirror) throw badRequest('Repository is not a mirror');
    if (!rc.perm.canWrite && !rc.perm.isAdmin) throw forbidden('User permission denied for writing.');
    await this.sync(rc.repo);
  }

  /** Syncs one mirror; concurrent requests for the same repository share nothing and skip. */
  async sync(repo: Repository): Promise<void> {
    if (this.syncing.has(repo.id)) return;
    this.syncing.add(repo.id);
    try {
      const owner = await getUserById(this.ctx.q, repo.ownerId);
      const mirror = (await getMirrors(this.ctx.q, [repo.id])).get(repo.id);
      if (!owner || !mirror) return;
      const auth = mirror.remoteAuthEnc ? (JSON.parse(this.box.open(mirror.remoteAuthEnc)) as RemoteAuth) : null;
      const path = this.repos.path(owner.name, repo.name);
      const before = await this.repos.refs(owner, repo);
      await fetchMirror(path, mirror.enablePrune, { auth, timeoutMs: this.ctx.config.migrations.timeoutMs });
      await this.repos.syncFromGit(repo, owner, null, refChanges(before, await this.repos.refs(owner, repo)));
      await markMirrorSynced(this.ctx.q, repo.id, mirror.intervalSeconds);
    } finally {
      this.syncing.delete(repo.id);
    }
  }

  /** Syncs the mirrors that are due; one failing mirror does not stop the others. */
  async syncDue(onError: (repoId: number, err: unknown) => void): Promise<number> {
    const due = await dueMirrors(this.ctx.q, Math.floor(Date.now() / 1000), 20);
    let synced = 0;
    for (const mirror of due) {
      const repo = await repos.getRepositoryById(this.ctx.q, mirror.repoId);
      if (!repo) continue;
      try {
        await this.sync(repo);
        synced += 1;
      } catch (err) {
        // Try again at the next interval rather than at every tick.
        await markMirrorSynced(this.ctx.q, repo.id, mirror.intervalSeconds);
        onError(repo.id, err);
      }
    }
    return synced;
  }
}
