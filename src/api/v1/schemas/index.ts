import type { TSchema } from 'typebox';
import { APIError } from './common.js';
import * as branch from './branch.js';
import * as contents from './contents.js';
import * as misc from './misc.js';
import * as repo from './repo.js';
import * as token from './token.js';
import { CreateUserOption, EditUserOption, RenameUserOption, User } from './user.js';

/** Every named schema: registered once, referenced by routes, listed under `definitions`. */
export const SHARED_SCHEMAS: TSchema[] = [
  APIError,
  User,
  CreateUserOption,
  EditUserOption,
  RenameUserOption,
  token.AccessToken,
  token.CreateAccessTokenOption,
  token.TwoFactorEnrolment,
  token.TwoFactorOption,
  misc.ServerVersion,
  misc.GeneralAPISettings,
  misc.GeneralUISettings,
  misc.GeneralRepoSettings,
  misc.GeneralAttachmentSettings,
  misc.MarkdownOption,
  repo.Permission,
  repo.InternalTracker,
  repo.ExternalTracker,
  repo.ExternalWiki,
  repo.Repository,
  repo.RepoSearchResults,
  repo.CreateRepoOption,
  repo.EditRepoOption,
  branch.PayloadUser,
  branch.PayloadCommitVerification,
  branch.PayloadCommit,
  branch.Branch,
  branch.CreateBranchRepoOption,
  branch.UpdateBranchRepoOption,
  contents.FileLinksResponse,
  contents.ContentsResponse,
  contents.CommitUser,
  contents.CommitMeta,
  contents.FileCommitResponse,
  contents.FileResponse,
  contents.FilesResponse,
  contents.FileDeleteResponse,
  contents.Identity,
  contents.CommitDateOptions,
  contents.CreateFileOptions,
  contents.UpdateFileOptions,
  contents.DeleteFileOptions,
  contents.ChangeFileOperation,
  contents.ChangeFilesOptions,
];
