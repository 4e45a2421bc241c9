import { runGit } from './command.js';

export const MIN_GIT_VERSION = '2.30.0';

/** The system git's version, e.g. "2.39.5". */
export async function gitVersion(): Promise<string> {
  const out = (await runGit(['--version'])).toString();
  const match = /git version (\d+\.\d+(?:\.\d+)?)/.exec(out);
  if (!match) throw new Error(`unrecognised git version: ${out.trim()}`);
  return match[1]!;
}

export function versionAtLeast(version: string, minimum: string): boolean {
  const a = version.split('.').map(Number);
  const b = minimum.split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  }
  return true;
}

/** Refuses to go on without a git that is new enough. */
export async function assertGit(): Promise<string> {
  let version: string;
  try {
    version = await gitVersion();
  } catch (err) {
    throw new Error(`git is required but could not be run: ${(err as Error).message}`);
  }
  if (!versionAtLeast(version, MIN_GIT_VERSION)) throw new Error(`git ${version} is too old: Samovar needs ${MIN_GIT_VERSION} or newer`);
  return version;
}
