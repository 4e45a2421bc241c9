import { readObject } from './cat-file.js';
import { runGit } from './command.js';

export interface Signature {
  name: string;
  email: string;
  /** Unix seconds. */
  when: number;
  /** "+0200" style offset, as recorded. */
  tz: string;
}

export interface CommitObject {
  id: string;
  tree: string;
  parents: string[];
  author: Signature;
  committer: Signature;
  message: string;
  /** The signature block, when the commit is signed. */
  gpgsig: string;
}

function parseSignature(text: string): Signature {
  const match = /^(.*) <([^>]*)> (\d+) ([+-]\d{4})$/.exec(text);
  if (!match) return { name: text, email: '', when: 0, tz: '+0000' };
  return { name: match[1]!, email: match[2]!, when: Number(match[3]), tz: match[4]! };
}

export function parseCommit(id: string, content: Buffer): CommitObject {
  const text = content.toString('utf8');
  const split = text.indexOf('\n\n');
  const headers = split < 0 ? text : text.slice(0, split);
  const commit: CommitObject = { id, tree: '', parents: [], author: parseSignature(''), committer: parseSignature(''), message: split < 0 ? '' : text.slice(split + 2), gpgsig: '' };
  let last = '';
  for (const line of headers.split('\n')) {
    if (line.startsWith(' ') && last === 'gpgsig') {
      commit.gpgsig += `\n${line.slice(1)}`;
      continue;
    }
    const space = line.indexOf(' ');
    const key = line.slice(0, space);
    const value = line.slice(space + 1);
    last = key;
    if (key === 'tree') commit.tree = value;
    else if (key === 'parent') commit.parents.push(value);
    else if (key === 'author') commit.author = parseSignature(value);
    else if (key === 'committer') commit.committer = parseSignature(value);
    else if (key === 'gpgsig' || key === 'gpgsig-sha256') commit.gpgsig = value;
  }
  return commit;
}

/** Reads a commit through the repository's long-lived cat-file process. */
export async function readCommit(repoPath: string, commitId: string): Promise<CommitObject | null> {
  const object = await readObject(repoPath, commitId);
  return object?.type === 'commit' ? parseCommit(object.oid, object.content) : null;
}

export type RefKind = 'branch' | 'tag' | 'commit';

/** What a user-given ref names (branch before tag before commit), and its commit. */
export async function resolveRefKind(repoPath: string, ref: string): Promise<{ kind: RefKind; commitId: string } | null> {
  if (!ref || ref.startsWith('-') || /[\s\0]/.test(ref)) return null;
  const out = (await runGit(['for-each-ref', '--format=%(refname)%00%(objectname)%00%(*objectname)', `refs/heads/${ref}`, `refs/tags/${ref}`], { cwd: repoPath })).toString();
  const rows = out.split('\n').filter(Boolean).map((l) => l.split('\0'));
  const branch = rows.find((r) => r[0] === `refs/heads/${ref}`);
  if (branch) return { kind: 'branch', commitId: branch[1]! };
  const tag = rows.find((r) => r[0] === `refs/tags/${ref}`);
  if (tag) return { kind: 'tag', commitId: tag[2] || tag[1]! };
  if (!/^[0-9a-f]{4,64}$/i.test(ref)) return null;
  try {
    const id = (await runGit(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`], { cwd: repoPath })).toString().trim();
    return id ? { kind: 'commit', commitId: id } : null;
  } catch {
    return null;
  }
}
