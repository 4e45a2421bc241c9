import { EventEmitter } from 'node:events';
import type { Comment } from '../models/comments.js';
import type { Issue } from '../models/issues.js';
import type { Repository } from '../models/repositories.js';
import type { User } from '../models/users.js';

export interface RefChange {
  ref: string;
  oldId: string;
  newId: string;
}

/** What happened, for whoever listens in the process (webhooks, issue references, later). */
export interface SamovarEvents {
  push: [{ repo: Repository; pusher: User | null; changes: RefChange[] }];
  'repository.created': [{ repo: Repository; doer: User }];
  'repository.deleted': [{ repo: Repository; doer: User }];
  /** An issue was opened, edited, closed or reopened (Gitea's `issues` webhook event). */
  issue: [{ repo: Repository; issue: Issue; doer: User; action: 'opened' | 'edited' | 'closed' | 'reopened' }];
  /** A comment was posted, edited or deleted (Gitea's `issue_comment` webhook event). */
  'issue.comment': [{ repo: Repository; issue: Issue; comment: Comment; doer: User; action: 'created' | 'edited' | 'deleted' }];
}

export class Events extends EventEmitter<SamovarEvents> {}
