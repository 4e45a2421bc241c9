import { runGit } from './command.js';

export interface BranchRef {
  name: string;
  commitId: string;
  /** Full commit message. */
  message: string;
  commitUnix: number;
  authorName: string;
  authorEmail: string;
  authorUnix: number;
  committerName: string;
  committerEmail: string;
}

const BRANCH_FIELDS = [
  '%(refname:lstrip=2)',
  '%(objectname)',
  '%(committerdate:unix)',
  '%(authorname)',
  '%(authoremail:trim)',
  '%(authordate:unix)',
  '%(committername)',
  '%(committeremail:trim)',
  '%(contents)',
];

/** Every branch with its head commit, from one git call. */
export async function listBranches(repoPath: string): Promise<BranchRef[]> {
  const out = await runGit(['for-each-ref', `--format=${BRANCH_FIELDS.join('%00')}%00`, 'refs/heads/'], { cwd: repoPath });
  return splitRecords(out.toString('utf8'), BRANCH_FIELDS.length).map(([name, commitId, commitUnix, authorName, authorEmail, authorUnix, committerName, committerEmail, message]) => ({
    name: name!,
    commitId: commitId!,
    commitUnix: Number(commitUnix),
    authorName: authorName!,
    authorEmail: authorEmail!,
    authorUnix: Number(authorUnix),
    committerName: committerName!,
    committerEmail: committerEmail!,
    message: message!,
  }));
}

export interface TagRef {
  name: string;
  /** The tag object for annotated tags, the commit for lightweight ones. */
  objectId: string;
  /** The commit the tag points at. */
  commitId: string;
  /** Annotation message; empty for lightweight tags. */
  message: string;
  annotated: boolean;
}

const TAG_FIELDS = ['%(refname:lstrip=2)', '%(objectname)', '%(objecttype)', '%(*objectname)', '%(contents)'];

/** Every tag, newest first by creation (tagger or committer) date, from one git call. */
export async function listTags(repoPath: string): Promise<TagRef[]> {
  const out = await runGit(['for-each-ref', '--sort=-creatordate', `--format=${TAG_FIELDS.join('%00')}%00`, 'refs/tags/'], { cwd: repoPath });
  return splitRecords(out.toString('utf8'), TAG_FIELDS.length).map(([name, objectId, type, peeled, message]) => ({
    name: name!,
    objectId: objectId!,
    commitId: type === 'tag' ? peeled! : objectId!,
    message: type === 'tag' ? message! : '',
    annotated: type === 'tag',
  }));
}

/** Resolves a ref name, full ref or (abbreviated) object id to a commit id, or null. */
export async function resolveCommit(repoPath: string, rev: string): Promise<string | null> {
  if (!isSafeRev(rev)) return null;
  try {
    const out = await runGit(['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`], { cwd: repoPath });
    return out.toString().trim() || null;
  } catch {
    return null;
  }
}

/** A revision that cannot be mistaken for an option or range syntax. */
export function isSafeRev(rev: string): boolean {
  return rev.length > 0 && rev.length <= 255 && !rev.startsWith('-') && !/[\s\0~^:?*[\\]|\.\.|@\{/.test(rev);
}

export interface RefUpdate {
  ref: string;
  oldId: string;
  newId: string;
}

/**
 * Updates refs atomically (all or none), each only if it still has its expected old value; an
 * all-zero new id deletes, an empty old id means the ref must not exist yet. Ref names are
 * validated by the caller.
 */
export async function updateRefs(repoPath: string, updates: RefUpdate[]): Promise<void> {
  const lines = updates.map((u) => {
    const zero = '0'.repeat(Math.max(u.newId.length, u.oldId.length, 40));
    if (/^0+$/.test(u.newId)) return `delete ${u.ref} ${u.oldId}`;
    return `update ${u.ref} ${u.newId} ${u.oldId || zero}`;
  });
  await runGit(['update-ref', '--stdin'], { cwd: repoPath, input: `start\n${lines.join('\n')}\nprepare\ncommit\n` });
}

/** Splits NUL-separated for-each-ref output (each record ends with NUL and a newline). */
function splitRecords(text: string, fieldCount: number): string[][] {
  const fields = text.split('\0');
  const records: string[][] = [];
  for (let i = 0; i + fieldCount <= fields.length; i += fieldCount) {
    const record = fields.slice(i, i + fieldCount);
    record[0] = record[0]!.replace(/^\n/, '');
    if (record[0]) records.push(record);
  }
  return records;
}

/** Every ref and the object it points at (tags unpeeled). */
export async function snapshotRefs(repoPath: string): Promise<Map<string, string>> {
  const out = (await runGit(['for-each-ref', '--format=%(objectname) %(refname)'], { cwd: repoPath })).toString();
  const refs = new Map<string, string>();
  for (const line of out.split('\n')) {
    const space = line.indexOf(' ');
    if (space > 0) refs.set(line.slice(space + 1), line.slice(0, space));
  }
  return refs;
}

/** git check-ref-format's rules for a branch name. */
export function isValidBranchName(name: string): boolean {
  return (
    isSafeRev(name) &&
    !name.startsWith('/') &&
    !name.endsWith('/') &&
    !name.endsWith('.') &&
    !name.endsWith('.lock') &&
    !name.includes('//') &&
    !name.split('/').some((part) => part.startsWith('.') || part.endsWith('.lock')) &&
    name !== 'HEAD' &&
    !/[\x00-\x1f\x7f]/.test(name)
  );
}

/** Creates a tag: annotated when there is a message (signed by `tagger`), lightweight otherwise. */
export async function createTag(repoPath: string, name: string, commitId: string, message: string, tagger: { name: string; email: string }): Promise<void> {
  if (!message) {
    await updateRefs(repoPath, [{ ref: `refs/tags/${name}`, oldId: '', newId: commitId }]);
    return;
  }
  await runGit(['tag', '-a', '-F', '-', '--end-of-options', name, commitId], {
    cwd: repoPath,
    input: message,
    env: { GIT_COMMITTER_NAME: tagger.name, GIT_COMMITTER_EMAIL: tagger.email },
  });
}

/** Refs under `prefix` ("refs/", "refs/heads/main", …) with the type of object each names. */
export async function listRefs(repoPath: string, prefix: string): Promise<{ ref: string; sha: string; type: string }[]> {
  const out = (await runGit(['for-each-ref', '--format=%(refname)%00%(objectname)%00%(objecttype)', '--end-of-options', prefix], { cwd: repoPath })).toString();
  return out
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [ref, sha, type] = line.split('\0');
      return { ref: ref!, sha: sha!, type: type! };
    });
}

/** The branch HEAD names, or null when HEAD is detached or unreadable. */
export async function headBranch(repoPath: string): Promise<string | null> {
  try {
    const ref = (await runGit(['symbolic-ref', '--quiet', 'HEAD'], { cwd: repoPath })).toString().trim();
    return ref.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : null;
  } catch {
    return null;
  }
}
