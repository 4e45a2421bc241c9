import type { Readable } from 'node:stream';
import { runGit, spawnGit } from './command.js';
import type { CommitObject } from './objects.js';

export interface ChangedFile {
  path: string;
  /** Gitea's words: added, removed, modified, renamed, copied. */
  status: string;
  additions: number;
  deletions: number;
}

export interface LogEntry extends CommitObject {
  /** Present when asked for: the files the commit changed against its first parent. */
  files?: ChangedFile[];
}

const FIELDS = ['%H', '%T', '%P', '%an', '%ae', '%at', '%cn', '%ce', '%ct', '%B'];
const STATUS: Record<string, string> = { A: 'added', D: 'removed', M: 'modified', T: 'modified', R: 'renamed', C: 'copied' };

export interface LogOptions {
  rev: string;
  path?: string;
  /** Commits reachable from these are left out (Gitea's `not`). */
  not?: string[];
  skip: number;
  limit: number;
  withFiles: boolean;
}

function revArgs(o: Pick<LogOptions, 'rev' | 'not' | 'path'>): string[] {
  return ['--end-of-options', o.rev, ...(o.not ?? []).map((n) => `^${n}`), '--', ...(o.path ? [o.path] : [])];
}

/** A page of history, newest first, from one git call (with changed files and line counts if asked). */
export async function log(repoPath: string, o: LogOptions): Promise<LogEntry[]> {
  const args = ['log', '-z', `--format=%x1e${FIELDS.join('%x00')}%x00`, `--skip=${o.skip}`, `--max-count=${o.limit}`];
  if (o.withFiles) args.push('--raw', '--numstat', '--no-renames', '--no-abbrev');
  const out = (await runGit([...args, ...revArgs(o)], { cwd: repoPath })).toString('utf8');
  return out
    .split('\x1e')
    .filter(Boolean)
    .map((record) => {
      const parts = record.split('\0');
      const [id, tree, parents, an, ae, at, cn, ce, ct, message] = parts;
      const entry: LogEntry = {
        id: id!,
        tree: tree!,
        parents: parents ? parents.split(' ') : [],
        author: { name: an!, email: ae!, when: Number(at), tz: '+0000' },
        committer: { name: cn!, email: ce!, when: Number(ct), tz: '+0000' },
        message: message!,
        gpgsig: '',
      };
      if (o.withFiles) entry.files = parseFiles(parts.slice(FIELDS.length));
      return entry;
    });
}

function parseFiles(tokens: string[]): ChangedFile[] {
  const files = new Map<string, ChangedFile>();
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!.replace(/^\n/, '');
    if (token.startsWith(':')) {
      const status = token.split(' ').pop()!.charAt(0);
      const path = tokens[++i]!;
      files.set(path, { path, status: STATUS[status] ?? 'modified', additions: 0, deletions: 0 });
      continue;
    }
    const numstat = /^(\d+|-)\t(\d+|-)\t(.*)$/s.exec(token);
    if (numstat) {
      const file = files.get(numstat[3]!);
      if (file) {
        file.additions = numstat[1] === '-' ? 0 : Number(numstat[1]);
        file.deletions = numstat[2] === '-' ? 0 : Number(numstat[2]);
      }
    }
  }
  return [...files.values()];
}

export async function countCommits(repoPath: string, o: Pick<LogOptions, 'rev' | 'not' | 'path'>): Promise<number> {
  return Number((await runGit(['rev-list', '--count', ...revArgs(o)], { cwd: repoPath })).toString().trim());
}

/** Streams `git diff` (against the first parent, or the empty tree for a root commit) or `git format-patch`. */
export function diffStream(repoPath: string, commitId: string, kind: 'diff' | 'patch'): Readable {
  const args =
    kind === 'patch'
      ? ['format-patch', '--stdout', '-1', '--end-of-options', commitId]
      : ['show', '--format=', '--patch', '--no-color', '--end-of-options', commitId];
  const child = spawnGit(args, { cwd: repoPath });
  child.stdin.end();
  child.stderr.resume();
  return child.stdout;
}

export type ArchiveFormat = 'zip' | 'tar.gz' | 'bundle';

/** Streams an archive of a commit (zip, tar.gz, with `prefix/` inside) or a bundle of a ref. */
export function archiveStream(repoPath: string, target: string, format: ArchiveFormat, prefix: string): Readable {
  const args =
    format === 'bundle'
      ? ['bundle', 'create', '-', '--end-of-options', target]
      : ['archive', `--format=${format === 'zip' ? 'zip' : 'tar.gz'}`, `--prefix=${prefix}/`, '--end-of-options', target];
  const child = spawnGit(args, { cwd: repoPath });
  child.stdin.end();
  child.stderr.resume();
  return child.stdout;
}
