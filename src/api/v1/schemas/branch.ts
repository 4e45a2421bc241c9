import { Type } from 'typebox';
import { DateTime, Int64 } from './common.js';

export const PayloadUser = Type.Object(
  { name: Type.String({ description: 'Full name of the commit author' }), email: Type.String(), username: Type.String() },
  { $id: 'PayloadUser', description: 'PayloadUser represents the author or committer of a commit' },
);

export const PayloadCommitVerification = Type.Object(
  {
    verified: Type.Boolean(),
    reason: Type.String(),
    signature: Type.String(),
    signer: Type.Union([Type.Ref('PayloadUser'), Type.Null()]),
    payload: Type.String(),
  },
  { $id: 'PayloadCommitVerification', description: 'PayloadCommitVerification represents the GPG verification of a commit' },
);

export const PayloadCommit = Type.Object(
  {
    id: Type.String({ description: 'sha1 hash of the commit' }),
    message: Type.String(),
    url: Type.String(),
    author: Type.Ref('PayloadUser'),
    committer: Type.Ref('PayloadUser'),
    verification: Type.Union([Type.Ref('PayloadCommitVerification'), Type.Null()]),
    timestamp: DateTime(),
    added: Type.Array(Type.String()),
    removed: Type.Array(Type.String()),
    modified: Type.Array(Type.String()),
  },
  { $id: 'PayloadCommit', description: 'PayloadCommit represents a commit' },
);

export const Branch = Type.Object(
  {
    name: Type.String(),
    commit: Type.Ref('PayloadCommit'),
    protected: Type.Boolean(),
    required_approvals: Int64(),
    enable_status_check: Type.Boolean(),
    status_check_contexts: Type.Array(Type.String()),
    user_can_push: Type.Boolean(),
    user_can_merge: Type.Boolean(),
    effective_branch_protection_name: Type.String(),
  },
  { $id: 'Branch', description: 'Branch represents a repository branch' },
);

export const CreateBranchRepoOption = Type.Object(
  {
    new_branch_name: Type.String({ minLength: 1, maxLength: 100, description: 'Name of the branch to create' }),
    old_branch_name: Type.Optional(Type.String({ maxLength: 100, description: 'Deprecated: name of the old branch to create from' })),
    old_ref_name: Type.Optional(Type.String({ maxLength: 100, description: 'Name of the old branch/tag/commit to create from' })),
  },
  { $id: 'CreateBranchRepoOption', description: 'CreateBranchRepoOption options when creating a branch in a repository' },
);

export const UpdateBranchRepoOption = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 100, description: 'New branch name' }) },
  { $id: 'UpdateBranchRepoOption', description: 'UpdateBranchRepoOption options when updating a branch in a repository' },
);
