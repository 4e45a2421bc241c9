import { randomBytes } from 'node:crypto';
import { pushMirror, type RemoteAuth } from '../git/remote.js';
import { deletePushMirror, duePushMirrors, insertPushMirror, listPushMirrors, recordPushMirrorSync, type PushMirror } from '../models/push-mirrors.js';
import { getRepositoryById } from '../models/repositories.js';
import { getUserById } from '../models/users.js';
import type { ServiceContext } from './context.js';
import { forbidden, notFound } from './errors.js';
import type { Events } from './events.js';
import { mirrorIntervalSeconds } from './migrations.js';
import { checkRemoteAddress } from './remote-address.js';
import type { RepoContext, RepoService } from './repositories.js';
import type { SecretBox } from './secrets.js';

export type { PushMirror };

export interface CreatePushMirrorInput {
  remoteAddress: string;
  remoteUsername?: string;
  remotePassword?: string;
  interval?: string;
  syncOnCommit?: boolean;
}

/** Repositories pushed, in full, to another server: on their interval, on request, or after each push. */
export class PushMirrorService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly repos: RepoService,
    private readonly box: SecretBox,
    events: Events,
    onError: (what: string, err: unknown) => void,
  ) {
    events.on('push', ({ repo }) => {
      void this.syncOnCommit(repo.id).catch((err: unknown) => onError(`push mirror of repository ${repo.id}`, err));
    });
  }

  list(rc: RepoContext): Promise<PushMirror[]> {
    this.assertAdmin(rc);
    return listPushMirrors(this.ctx.q, rc.repo.id);
  }

  async get(rc: RepoContext, name: string): Promise<PushMirror> {
    const mirror = (await this.list(rc)).find((m) => m.remoteName === name);
    if (!mirror) throw notFound(`push mirror does not exist [name: ${name}]`);
    return mirror;
  }

  async create(rc: RepoContext, input: CreatePushMirrorInput): Promise<PushMirror> {
    this.assertAdmin(rc);
    if (!this.ctx.config.mirror.enabled) throw forbidden('mirrors are disabled on this server');
    const given = input.remoteUsername || input.remotePassword ? { username: input.remoteUsername ?? '', password: input.remotePassword ?? '' } : null;
    const address = await checkRemoteAddress(this.ctx.config.migrations, input.remoteAddress, given);
    return insertPushMirror(this.ctx.q, {
      repoId: rc.repo.id,
      remoteName: `remote_mirror_${randomBytes(5).toString('hex')}`,
      remoteAddress: address.display,
      remoteAuthEnc: address.auth ? this.box.seal(JSON.stringify(address.auth)) : '',
      intervalSeconds: mirrorIntervalSeconds(this.ctx.config.mirror, input.interval),
      syncOnCommit: input.syncOnCommit ?? false,
    });
  }

  async remove(rc: RepoContext, name: string): Promise<void> {
    this.assertAdmin(rc);
    if (!(await deletePushMirror(this.ctx.q, rc.repo.id, name))) throw notFound(`push mirror does not exist [name: ${name}]`);
  }

  /** Pushes to every push mirror of the repository now; failures are recorded on each mirror. */
  async syncAll(rc: RepoContext): Promise<void> {
    for (const mirror of await this.list(rc)) await this.push(mirror);
  }

  private async syncOnCommit(repoId: number): Promise<void> {
    for (const mirror of await listPushMirrors(this.ctx.q, repoId)) if (mirror.syncOnCommit) await this.push(mirror);
  }

  async syncDue(): Promise<void> {
    for (const mirror of await duePushMirrors(this.ctx.q, Math.floor(Date.now() / 1000), 20)) await this.push(mirror);
  }

  private async push(mirror: PushMirror): Promise<void> {
    const repo = await getRepositoryById(this.ctx.q, mirror.repoId);
    const owner = repo && (await getUserById(this.ctx.q, repo.ownerId));
    if (!repo || !owner || repo.isEmpty) return;
    const auth = mirror.remoteAuthEnc ? (JSON.parse(this.box.open(mirror.remoteAuthEnc)) as RemoteAuth) : null;
    let error = '';
    try {
      await pushMirror(this.repos.path(owner.name, repo.name), mirror.remoteAddress, { auth, timeoutMs: this.ctx.config.migrations.timeoutMs });
    } catch (err) {
      error = (err as Error).message.slice(0, 1000);
    }
    await recordPushMirrorSync(this.ctx.q, mirror.id, mirror.intervalSeconds, error);
  }

  private assertAdmin(rc: RepoContext): void {
    if (!rc.perm.isAdmin) throw forbidden('only repository admins may manage push mirrors');
  }
}
