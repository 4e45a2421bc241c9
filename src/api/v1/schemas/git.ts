import { Type } from 'typebox';
import { Int64 } from './common.js';

export const Tag = Type.Object(
  {
    name: Type.String(),
    message: Type.String(),
    id: Type.String(),
    commit: Type.Ref('CommitMeta'),
    zipball_url: Type.String(),
    tarball_url: Type.String(),
  },
  { $id: 'Tag', description: 'Tag represents a repository tag' },
);

export const CreateTagOption = Type.Object(
  { tag_name: Type.String({ minLength: 1, maxLength: 100 }), message: Type.Optional(Type.String()), target: Type.Optional(Type.String()) },
  { $id: 'CreateTagOption', description: 'CreateTagOption options when creating a tag' },
);

export const CommitStats = Type.Object({ total: Int64(), additions: Int64(), deletions: Int64() }, { $id: 'CommitStats', description: 'CommitStats is statistics for a RepoCommit' });
export const CommitAffectedFiles = Type.Object({ filename: Type.String(), status: Type.String() }, { $id: 'CommitAffectedFiles', description: 'CommitAffectedFiles store information about files affected by the commit' });

export const RepoCommit = Type.Object(
  {
    url: Type.String(),
    author: Type.Ref('CommitUser'),
    committer: Type.Ref('CommitUser'),
    message: Type.String(),
    tree: Type.Ref('CommitMeta'),
    verification: Type.Ref('PayloadCommitVerification'),
  },
  { $id: 'RepoCommit', description: 'RepoCommit contains information of a commit in the context of a repository.' },
);

export const Commit = Type.Object(
  {
    url: Type.String(),
    sha: Type.String(),
    created: Type.String(),
    html_url: Type.String(),
    commit: Type.Ref('RepoCommit'),
    author: Type.Union([Type.Ref('User'), Type.Null()]),
    committer: Type.Union([Type.Ref('User'), Type.Null()]),
    parents: Type.Array(Type.Ref('CommitMeta')),
    files: Type.Optional(Type.Array(Type.Ref('CommitAffectedFiles'))),
    stats: Type.Optional(Type.Ref('CommitStats')),
  },
  { $id: 'Commit', description: 'Commit contains information generated from a Git commit.' },
);

export const GitEntry = Type.Object(
  { path: Type.String(), mode: Type.String(), type: Type.String(), size: Int64(), sha: Type.String(), url: Type.String() },
  { $id: 'GitEntry', description: 'GitEntry represents a git tree' },
);

export const GitTreeResponse = Type.Object(
  { sha: Type.String(), url: Type.String(), tree: Type.Array(Type.Ref('GitEntry')), truncated: Type.Boolean(), page: Int64(), total_count: Int64() },
  { $id: 'GitTreeResponse', description: 'GitTreeResponse returns a git tree' },
);

export const GitBlobResponse = Type.Object(
  { content: Type.String(), encoding: Type.String(), url: Type.String(), sha: Type.String(), size: Int64() },
  { $id: 'GitBlobResponse', description: 'GitBlobResponse represents a git blob' },
);

export const GitObject = Type.Object({ type: Type.String(), sha: Type.String(), url: Type.String() }, { $id: 'GitObject', description: 'GitObject represents a Git object.' });
export const Reference = Type.Object({ ref: Type.String(), url: Type.String(), object: Type.Ref('GitObject') }, { $id: 'Reference', description: 'Reference represents a Git reference.' });

export const AnnotatedTagObject = Type.Object({ type: Type.String(), url: Type.String(), sha: Type.String() }, { $id: 'AnnotatedTagObject', description: 'AnnotatedTagObject contains meta information of the tag object' });
export const AnnotatedTag = Type.Object(
  {
    tag: Type.String(),
    sha: Type.String(),
    url: Type.String(),
    message: Type.String(),
    tagger: Type.Ref('CommitUser'),
    object: Type.Ref('AnnotatedTagObject'),
    verification: Type.Ref('PayloadCommitVerification'),
  },
  { $id: 'AnnotatedTag', description: 'AnnotatedTag represents an annotated tag' },
);
