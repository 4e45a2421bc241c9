import type { Readable } from 'node:stream';
import { runGit, spawnGit } from './command.js';

export type EntryType = 'blob' | 'tree' | 'commit';

export interface TreeEntry {
  /** Octal mode: 100644, 100755, 120000 (symlink), 040000 (tree), 160000 (submodule). */
  mode: string;
  type: EntryType;
  oid: string;
  /** Bytes, for blobs; 0 otherwise. */
  size: number;
  /** Full path from the repository root. */
  path: string;
}

function parseLsTree(out: Buffer): TreeEntry[] {
  const entries: TreeEntry[] = [];
  for (const record of out.toString('utf8').split('\0')) {
    if (!record) continue;
    // "<mode> SP <type> SP <oid> SP+ <size> TAB <path>"
    const tab = record.indexOf('\t');
    const [mode, type, oid, size] = record.slice(0, tab).split(/ +/);
    entries.push({ mode: mode!, type: type as EntryType, oid: oid!, size: size === '-' ? 0 : Number(size), path: record.slice(tab + 1) });
  }
  return entries;
}

/** The entry at `path` in a commit's tree, or null. An empty path is the root tree. */
export async function entryAt(repoPath: string, commit: string, path: string): Promise<TreeEntry | null> {
  if (path === '') {
    const oid = (await runGit(['rev-parse', '--end-of-options', `${commit}^{tree}`], { cwd: repoPath })).toString().trim();
    return { mode: '040000', type: 'tree', oid, size: 0, path: '' };
  }
  const out = await runGit(['ls-tree', '-l', '-z', '--full-tree', '--end-of-options', commit, '--', path], { cwd: repoPath });
  return parseLsTree(out).find((e) => e.path === path) ?? null;
}

/** The entries of a directory (non-recursive), with sizes, from one git call. */
export async function listDirectory(repoPath: string, commit: string, dir: string): Promise<TreeEntry[]> {
  const args = ['ls-tree', '-l', '-z', '--full-tree', '--end-of-options', commit];
  if (dir) args.push('--', `${dir}/`);
  return parseLsTree(await runGit(args, { cwd: repoPath }));
}

/** Every entry below a tree, recursively (trees included), from one git call. */
export async function listTreeRecursive(repoPath: string, treeish: string): Promise<TreeEntry[]> {
  return parseLsTree(await runGit(['ls-tree', '-r', '-t', '-l', '-z', '--end-of-options', treeish], { cwd: repoPath }));
}

/** The last commit (from `commit` back) that touched `path`. */
export async function lastCommitOf(repoPath: string, commit: string, path: string): Promise<string | null> {
  const out = (await runGit(['log', '-1', '--format=%H', '--end-of-options', commit, '--', path || '.'], { cwd: repoPath })).toString().trim();
  return out || null;
}

/**
 * The last commit touching each of `paths` (entries of one directory), found in a single
 * `git log` walk that stops as soon as every path has been seen.
 */
export function lastCommitsOf(repoPath: string, commit: string, dir: string, paths: string[]): Promise<Map<string, string>> {
  return new Promise((resolve, reject) => {
    const wanted = new Set(paths);
    const found = new Map<string, string>();
    const child = spawnGit(['log', '--format=%x01%H', '--name-only', '-z', '--no-renames', '--end-of-options', commit, '--', dir || '.'], { cwd: repoPath });
    let current = '';
    let rest = '';
    const finish = () => {
      child.stdout.removeAllListeners('data');
      if (child.exitCode === null) child.kill('SIGTERM');
      resolve(found);
    };
    child.stdout.on('data', (chunk: Buffer) => {
      const parts = (rest + chunk.toString('utf8')).split(/\0|\n/);
      rest = parts.pop() ?? '';
      for (const part of parts) {
        if (part.startsWith('\x01')) {
          current = part.slice(1);
          continue;
        }
        if (!part) continue;
        // A changed file "dir/sub/x" touches the entry "dir/sub".
        const entry = dir ? `${dir}/${part.slice(dir.length + 1).split('/')[0]}` : part.split('/')[0]!;
        if (wanted.has(entry) && !found.has(entry)) {
          found.set(entry, current);
          if (found.size === wanted.size) return finish();
        }
      }
    });
    child.stderr.resume();
    child.once('error', reject);
    child.once('close', () => resolve(found));
  });
}

/** Streams a blob's bytes without holding them in memory. */
export function streamBlob(repoPath: string, oid: string): Readable {
  const child = spawnGit(['cat-file', 'blob', oid], { cwd: repoPath });
  child.stdin.end();
  child.stderr.resume();
  return child.stdout;
}

/** Every file below the given paths of a commit (recursively), from one git call. */
export async function listFilesUnder(repoPath: string, commit: string, paths: string[]): Promise<TreeEntry[]> {
  return parseLsTree(await runGit(['ls-tree', '-r', '-l', '-z', '--full-tree', '--end-of-options', commit, '--', ...paths], { cwd: repoPath }));
}
