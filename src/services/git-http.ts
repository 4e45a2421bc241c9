import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { advertiseRefs, isProtocolV2, servicePreamble, serviceRpc, type GitService } from '../git/smart-http.js';

export { parseService } from '../git/smart-http.js';
import type { Principal } from './auth.js';
import { forbidden, notFound, unauthorized } from './errors.js';
import { refChanges, type RepoContext, type RepoService } from './repositories.js';
import { allows } from './scopes.js';

export type { GitService };

/** A git process serving one smart-HTTP request, and what to do when it is over. */
export interface GitExchange {
  child: ChildProcessWithoutNullStreams;
  /** Bytes to send before the process output (the v0/v1 advertisement preamble). */
  preamble: Buffer | null;
  /** Resolves after the process exited and, for pushes, the database caught up. */
  finished: Promise<void>;
}

export class GitHttpService {
  constructor(private readonly repos: RepoService) {}

  /**
   * Finds the repository and checks the caller may fetch (upload-pack) or push (receive-pack).
   * Anonymous callers who need credentials get 401 (git then asks for them); signed-in callers
   * who may not see the repository get 404, those who may see but not push get 403.
   */
  async authorize(ownerName: string, repoName: string, principal: Principal | null, service: GitService): Promise<RepoContext> {
    const name = repoName.replace(/\.git$/i, '');
    const actor = principal ? { user: principal.user, publicOnly: principal.scope.publicOnly } : null;
    let rc: RepoContext;
    try {
      rc = await this.repos.get(ownerName, name, actor);
    } catch (err) {
      if (!principal) throw unauthorized('authentication required');
      throw err;
    }
    const level = service === 'receive-pack' ? 'write' : 'read';
    if (principal?.method === 'token' && !allows(principal.scope, 'repository', level)) {
      throw forbidden(`token does not have at least one of required scope(s): [${level}:repository]`);
    }
    if (service === 'receive-pack') {
      if (!principal) throw unauthorized('authentication required');
      if (rc.repo.isArchived) throw forbidden('repository is archived: pushes are refused');
      if (rc.repo.isMirror) throw forbidden('mirror repository is read-only');
      if (!rc.perm.canWrite) throw forbidden('User permission denied for writing.');
    }
    if (!rc.perm.canSee) throw notFound('repository does not exist');
    if (!rc.perm.canRead) throw forbidden('User permission denied for reading the code.');
    return rc;
  }

  advertise(rc: RepoContext, service: GitService, gitProtocol: string | undefined): GitExchange {
    const child = advertiseRefs(this.repos.path(rc.owner.name, rc.repo.name), service, gitProtocol);
    return { child, preamble: isProtocolV2(gitProtocol) ? null : servicePreamble(service), finished: exited(child) };
  }

  async rpc(rc: RepoContext, service: GitService, gitProtocol: string | undefined, principal: Principal | null): Promise<GitExchange> {
    const path = this.repos.path(rc.owner.name, rc.repo.name);
    const before = service === 'receive-pack' ? await this.repos.refs(rc.owner, rc.repo) : null;
    const child = serviceRpc(path, service, gitProtocol);
    const finished = exited(child).then(async () => {
      if (!before) return;
      // Whatever git accepted (all, some or none of the ref updates) is now the truth.
      const changes = refChanges(before, await this.repos.refs(rc.owner, rc.repo));
      if (changes.length) await this.repos.syncFromGit(rc.repo, rc.owner, principal?.user ?? null, changes);
    });
    return { child, preamble: null, finished };
  }
}

function exited(child: ChildProcessWithoutNullStreams): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('close', () => resolve());
  });
}
