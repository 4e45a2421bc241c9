import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runGit } from './command.js';
import { updateRefs } from './refs.js';

export interface Signature {
  name: string;
  email: string;
  /** Unix seconds; now when absent. */
  when?: number;
}

export interface FileChange {
  path: string;
  /** New content; null deletes the file. */
  content: Buffer | null;
  /** '100644' (default) or '100755'. */
  mode?: string;
}

export interface CommitRequest {
  branch: string;
  /** The commit the branch must still point at, or null for a new branch (or an empty repository). */
  parentId: string | null;
  /** When creating a new branch from another commit, its parent; defaults to parentId. */
  baseId?: string | null;
  changes: FileChange[];
  message: string;
  author: Signature;
  committer: Signature;
}

/** The branch no longer pointed where the commit expected (a concurrent push), or already existed. */
export class RefUpdateError extends Error {}

const signatureEnv = (prefix: 'AUTHOR' | 'COMMITTER', s: Signature): Record<string, string> => ({
  [`GIT_${prefix}_NAME`]: s.name,
  [`GIT_${prefix}_EMAIL`]: s.email,
  ...(s.when ? { [`GIT_${prefix}_DATE`]: `@${s.when} +0000` } : {}),
});

/**
 * Writes a commit from file changes without a work tree: blobs go in, a temporary index builds
 * the tree, and the branch moves only if it still points at `parentId` (a concurrent push wins
 * cleanly). Returns the new commit id.
 */
export async function commitChanges(repoPath: string, request: CommitRequest): Promise<string> {
  const indexFile = join(tmpdir(), `samovar-index-${randomBytes(8).toString('hex')}`);
  const env = { GIT_INDEX_FILE: indexFile };
  const base = request.baseId === undefined ? request.parentId : request.baseId;
  try {
    if (base) await runGit(['read-tree', base], { cwd: repoPath, env });
    else await runGit(['read-tree', '--empty'], { cwd: repoPath, env });
    // One index-info batch for all paths: "<mode> <oid>\t<path>", mode 0 removes the path.
    const lines: string[] = [];
    for (const change of request.changes) {
      if (change.content === null) {
        lines.push(`0 ${'0'.repeat(40)}\t${change.path}`);
        continue;
      }
      const oid = (await runGit(['hash-object', '-w', '--stdin'], { cwd: repoPath, input: change.content })).toString().trim();
      lines.push(`${change.mode ?? '100644'} ${oid}\t${change.path}`);
    }
    await runGit(['update-index', '-z', '--index-info'], { cwd: repoPath, env, input: lines.map((l) => `${l}\0`).join('') });
    const tree = (await runGit(['write-tree'], { cwd: repoPath, env })).toString().trim();
    return await writeCommit(repoPath, { branch: request.branch, tree, parents: base ? [base] : [], expectedOldId: request.parentId, message: request.message, author: request.author, committer: request.committer });
  } finally {
    await rm(indexFile, { force: true });
  }
}

export interface WriteCommitRequest {
  branch: string;
  tree: string;
  parents: string[];
  /** The branch must still point here (null: must not exist yet). */
  expectedOldId: string | null;
  message: string;
  author: Signature;
  committer: Signature;
}

/** Writes a commit of an existing tree and moves the branch to it, if the branch did not move meanwhile. */
export async function writeCommit(repoPath: string, request: WriteCommitRequest): Promise<string> {
  const commit = (
    await runGit(['commit-tree', request.tree, ...request.parents.flatMap((p) => ['-p', p]), '-F', '-'], {
      cwd: repoPath,
      input: request.message,
      env: { ...signatureEnv('AUTHOR', request.author), ...signatureEnv('COMMITTER', request.committer) },
    })
  ).toString().trim();
  try {
    await updateRefs(repoPath, [{ ref: `refs/heads/${request.branch}`, oldId: request.expectedOldId ?? '', newId: commit }]);
  } catch (err) {
    throw new RefUpdateError(`refs/heads/${request.branch} moved or exists: ${(err as Error).message}`);
  }
  return commit;
}
