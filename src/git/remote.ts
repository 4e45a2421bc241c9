import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { runGit } from './command.js';

export interface RemoteAuth {
  username: string;
  password: string;
}

export interface RemoteOptions {
  auth?: RemoteAuth | null;
  timeoutMs: number;
  /** Let file:// and plain paths through (admin imports of local repositories). */
  allowLocal?: boolean;
}

/**
 * Environment for talking to a remote: credentials go in an http.extraHeader passed through
 * GIT_CONFIG_* variables (never in argv, where `ps` shows them, nor in stored remotes), and only
 * the http(s) and git transports are allowed (no ext:: or other helpers).
 */
function remoteEnv(options: RemoteOptions): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { GIT_ALLOW_PROTOCOL: options.allowLocal ? 'http:https:git:file' : 'http:https:git' };
  if (options.auth) {
    const basic = Buffer.from(`${options.auth.username}:${options.auth.password}`).toString('base64');
    Object.assign(env, { GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'http.extraHeader', GIT_CONFIG_VALUE_0: `Authorization: Basic ${basic}` });
  }
  return env;
}

/** Clones a remote into a new bare repository: every ref for a mirror, branches and tags otherwise. */
export async function cloneRemote(url: string, target: string, mirror: boolean, options: RemoteOptions): Promise<void> {
  await mkdir(dirname(target), { recursive: true });
  await runGit(['clone', mirror ? '--mirror' : '--bare', '--quiet', '--', url, target], { env: remoteEnv(options), timeoutMs: options.timeoutMs });
  if (!mirror) await runGit(['remote', 'remove', 'origin'], { cwd: target });
  await runGit(['config', 'core.logAllRefUpdates', 'true'], { cwd: target });
  await runGit(['config', 'uploadpack.allowFilter', 'true'], { cwd: target });
}

/** Updates a mirror from its origin, removing refs the origin no longer has when `prune`. */
export async function fetchMirror(repoPath: string, prune: boolean, options: RemoteOptions): Promise<void> {
  await runGit(['fetch', '--quiet', ...(prune ? ['--prune'] : []), 'origin'], { cwd: repoPath, env: remoteEnv(options), timeoutMs: options.timeoutMs });
}

/** Pushes every ref to a remote URL (push mirrors). */
export async function pushMirror(repoPath: string, url: string, options: RemoteOptions): Promise<void> {
  await runGit(['push', '--quiet', '--mirror', '--', url], { cwd: repoPath, env: remoteEnv(options), timeoutMs: options.timeoutMs });
}
