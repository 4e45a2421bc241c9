import { rm, mkdir, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import { runGit } from './command.js';

export type ObjectFormat = 'sha1' | 'sha256';

/** Creates an empty bare repository whose HEAD names `defaultBranch`. */
export async function initBare(repoPath: string, options: { defaultBranch: string; objectFormat: ObjectFormat }): Promise<void> {
  await mkdir(dirname(repoPath), { recursive: true });
  await runGit(['init', '--bare', '--quiet', `--object-format=${options.objectFormat}`, `--initial-branch=${options.defaultBranch}`, repoPath]);
  // Keep reflogs (recovery after bad pushes) and let clients ask for partial clones.
  await runGit(['config', 'core.logAllRefUpdates', 'true'], { cwd: repoPath });
  await runGit(['config', 'uploadpack.allowFilter', 'true'], { cwd: repoPath });
  await runGit(['config', 'uploadpack.allowAnySHA1InWant', 'true'], { cwd: repoPath });
  await runGit(['config', 'receive.advertisePushOptions', 'true'], { cwd: repoPath });
}

export async function setHead(repoPath: string, branch: string): Promise<void> {
  await runGit(['symbolic-ref', 'HEAD', `refs/heads/${branch}`], { cwd: repoPath });
}

export async function removeRepo(repoPath: string): Promise<void> {
  await rm(repoPath, { recursive: true, force: true });
}

export async function moveRepo(from: string, to: string): Promise<void> {
  await mkdir(dirname(to), { recursive: true });
  await rename(from, to);
}

/** Bytes used by the repository's objects (loose and packed), as git counts them. */
export async function repoSize(repoPath: string): Promise<number> {
  const out = (await runGit(['count-objects', '-v'], { cwd: repoPath })).toString();
  const kib = (key: string) => Number(new RegExp(`^${key}: (\\d+)$`, 'm').exec(out)?.[1] ?? 0);
  return (kib('size') + kib('size-pack') + kib('size-garbage')) * 1024;
}

/** A bare copy of another local repository (objects hard-linked, all refs), with no remote left behind. */
export async function cloneBareLocal(source: string, target: string): Promise<void> {
  await mkdir(dirname(target), { recursive: true });
  await runGit(['clone', '--bare', '--quiet', '--', source, target]);
  await runGit(['remote', 'remove', 'origin'], { cwd: target });
  await runGit(['config', 'core.logAllRefUpdates', 'true'], { cwd: target });
  await runGit(['config', 'uploadpack.allowFilter', 'true'], { cwd: target });
  await runGit(['config', 'uploadpack.allowAnySHA1InWant', 'true'], { cwd: target });
}

/** Drops every object no ref reaches any more (after refs were rewritten), reflogs included. */
export async function pruneUnreachable(repoPath: string): Promise<void> {
  await runGit(['reflog', 'expire', '--expire=now', '--all'], { cwd: repoPath });
  await runGit(['gc', '--prune=now', '--quiet'], { cwd: repoPath });
}

/** Checks a repository's object store; resolves to git's complaint, or null when healthy. */
export async function fsck(repoPath: string): Promise<string | null> {
  try {
    await runGit(['fsck', '--no-progress', '--connectivity-only'], { cwd: repoPath });
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}
