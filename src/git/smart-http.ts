import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { spawnGit } from './command.js';

export type GitService = 'upload-pack' | 'receive-pack';

export function parseService(name: string | undefined): GitService | null {
  return name === 'git-upload-pack' ? 'upload-pack' : name === 'git-receive-pack' ? 'receive-pack' : null;
}

/** Protocol v2 is asked for through the Git-Protocol header (passed to git as GIT_PROTOCOL). */
export function isProtocolV2(gitProtocol: string | undefined): boolean {
  return Boolean(gitProtocol && /(^|:)version=2(:|$)/.test(gitProtocol));
}

function pktLine(text: string): Buffer {
  const length = (text.length + 4).toString(16).padStart(4, '0');
  return Buffer.from(`${length}${text}`);
}

/** The "# service=…" preamble smart HTTP puts before a v0/v1 ref advertisement (v2 has none). */
export function servicePreamble(service: GitService): Buffer {
  return Buffer.concat([pktLine(`# service=git-${service}\n`), Buffer.from('0000')]);
}

// Only the safe Git-Protocol values reach git: "version=2" and the like, colon-separated.
const sanitizeProtocol = (value: string | undefined) => (value && /^[A-Za-z0-9=:._-]{1,100}$/.test(value) ? value : undefined);

/** Streams the ref advertisement of `git <service> --advertise-refs`. */
export function advertiseRefs(repoPath: string, service: GitService, gitProtocol?: string): ChildProcessWithoutNullStreams {
  const protocol = sanitizeProtocol(gitProtocol);
  return spawnGit([service, '--stateless-rpc', '--advertise-refs', repoPath], { env: protocol ? { GIT_PROTOCOL: protocol } : {} });
}

/** Starts one stateless RPC exchange: the request body goes to stdin, the response comes from stdout. */
export function serviceRpc(repoPath: string, service: GitService, gitProtocol?: string): ChildProcessWithoutNullStreams {
  const protocol = sanitizeProtocol(gitProtocol);
  return spawnGit([service, '--stateless-rpc', repoPath], { env: protocol ? { GIT_PROTOCOL: protocol } : {} });
}
