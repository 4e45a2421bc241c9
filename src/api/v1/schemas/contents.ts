import { Type } from 'typebox';
import { Int64, ref } from './common.js';

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export const FileLinksResponse = Type.Object(
  { self: Type.String(), git: Type.String(), html: Type.String() },
  { $id: 'FileLinksResponse', description: 'FileLinksResponse contains the links for a repo\'s file' },
);

export const ContentsResponse = Type.Object(
  {
    name: Type.String(),
    path: Type.String(),
    sha: Type.String(),
    last_commit_sha: Type.String(),
    type: Type.String({ description: '`type` will be `file`, `dir`, `symlink`, or `submodule`' }),
    size: Int64(),
    encoding: Nullable(Type.String({ description: '`encoding` is populated when `type` is `file`, otherwise null' })),
    content: Nullable(Type.String({ description: '`content` is populated when `type` is `file`, otherwise null' })),
    target: Nullable(Type.String({ description: '`target` is populated when `type` is `symlink`, otherwise null' })),
    url: Type.String(),
    html_url: Type.String(),
    git_url: Type.String(),
    download_url: Nullable(Type.String()),
    submodule_git_url: Nullable(Type.String({ description: '`submodule_git_url` is populated when `type` is `submodule`, otherwise null' })),
    _links: Type.Ref('FileLinksResponse'),
  },
  { $id: 'ContentsResponse', description: 'ContentsResponse contains information about a repo\'s entry\'s (dir, file, symlink, submodule) metadata and content' },
);

export const CommitUser = Type.Object({ name: Type.String(), email: Type.String(), date: Type.String() }, { $id: 'CommitUser', description: 'CommitUser contains information of a user in the context of a commit.' });
export const CommitMeta = Type.Object({ url: Type.String(), sha: Type.String(), created: Type.String() }, { $id: 'CommitMeta', description: 'CommitMeta contains meta information of a commit in terms of API.' });

export const FileCommitResponse = Type.Object(
  {
    url: Type.String(),
    sha: Type.String(),
    created: Type.String(),
    html_url: Type.String(),
    author: Type.Ref('CommitUser'),
    committer: Type.Ref('CommitUser'),
    parents: Type.Array(Type.Ref('CommitMeta')),
    message: Type.String(),
    tree: Type.Ref('CommitMeta'),
  },
  { $id: 'FileCommitResponse', description: 'FileCommitResponse contains information generated from a Git commit for a repo\'s file.' },
);

const verification = Type.Ref('PayloadCommitVerification');
export const FileResponse = Type.Object({ content: Type.Ref('ContentsResponse'), commit: Type.Ref('FileCommitResponse'), verification }, { $id: 'FileResponse', description: 'FileResponse contains information about a repo\'s file' });
export const FilesResponse = Type.Object(
  { files: Type.Array(Type.Ref('ContentsResponse')), commit: Type.Ref('FileCommitResponse'), verification },
  { $id: 'FilesResponse', description: 'FilesResponse contains information about multiple files from a repo' },
);
export const FileDeleteResponse = Type.Object(
  { content: Type.Null(), commit: Type.Ref('FileCommitResponse'), verification },
  { $id: 'FileDeleteResponse', description: 'FileDeleteResponse contains information about a repo\'s file that was deleted' },
);

export const Identity = Type.Object(
  { name: Type.Optional(Type.String({ maxLength: 100 })), email: Type.Optional(Type.String({ maxLength: 254 })) },
  { $id: 'Identity', description: 'Identity for a person\'s identity like an author or committer' },
);
export const CommitDateOptions = Type.Object(
  { author: Type.Optional(Type.String({ format: 'date-time' })), committer: Type.Optional(Type.String({ format: 'date-time' })) },
  { $id: 'CommitDateOptions', description: 'CommitDateOptions store dates for GIT_AUTHOR_DATE and GIT_COMMITTER_DATE' },
);

const commitOptions = {
  message: Type.Optional(Type.String({ description: 'message (optional) for the commit of this file. if not supplied, a default message will be used' })),
  branch: Type.Optional(Type.String({ description: 'branch (optional) to base this file from. if not given, the default branch is used' })),
  new_branch: Type.Optional(Type.String({ description: 'new_branch (optional) will make a new branch from `branch` before creating the file' })),
  author: Type.Optional(ref(Identity)),
  committer: Type.Optional(ref(Identity)),
  dates: Type.Optional(ref(CommitDateOptions)),
  signoff: Type.Optional(Type.Boolean({ description: 'Add a Signed-off-by trailer by the committer at the end of the commit log message.' })),
};

export const CreateFileOptions = Type.Object(
  { ...commitOptions, content: Type.String({ description: 'content must be base64 encoded' }) },
  { $id: 'CreateFileOptions', description: 'CreateFileOptions options for creating files' },
);
export const UpdateFileOptions = Type.Object(
  { ...commitOptions, content: Type.String({ description: 'content must be base64 encoded' }), sha: Type.String({ description: 'sha is the SHA for the file that already exists' }), from_path: Type.Optional(Type.String({ description: 'from_path (optional) is the path of the original file which will be moved/renamed to the path in the URL' })) },
  { $id: 'UpdateFileOptions', description: 'UpdateFileOptions options for updating files' },
);
export const DeleteFileOptions = Type.Object(
  { ...commitOptions, sha: Type.String({ description: 'sha is the SHA for the file that already exists' }) },
  { $id: 'DeleteFileOptions', description: 'DeleteFileOptions options for deleting files (used for other File structs below)' },
);
export const ChangeFileOperation = Type.Object(
  {
    operation: Type.String({ enum: ['create', 'update', 'delete'], description: 'indicates what to do with the file' }),
    path: Type.String({ description: 'path to the existing or new file' }),
    content: Type.Optional(Type.String({ description: 'new or updated file content, must be base64 encoded' })),
    sha: Type.Optional(Type.String({ description: 'sha is the SHA for the file that already exists, required for update or delete' })),
    from_path: Type.Optional(Type.String({ description: 'old path of the file to move' })),
  },
  { $id: 'ChangeFileOperation', description: 'ChangeFileOperation for creating, updating or deleting a file' },
);
export const ChangeFilesOptions = Type.Object(
  { ...commitOptions, files: Type.Array(ref(ChangeFileOperation), { minItems: 1, maxItems: 1000 }) },
  { $id: 'ChangeFilesOptions', description: 'ChangeFilesOptions options for creating, updating or deleting multiple files' },
);
