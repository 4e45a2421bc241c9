import { EventEmitter } from 'node:events';
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
}

export class Events extends EventEmitter<SamovarEvents> {}
