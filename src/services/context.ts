import type { Config } from '../config/index.js';
import type { Db } from '../db/connect.js';
import type { Queryable } from '../models/types.js';

/** What every service needs: configuration and the database. */
export interface ServiceContext {
  config: Config;
  db: Db;
  /** The Kysely handle; inside `transaction` a transaction. */
  q: Queryable;
  /** Called after any write that may change what presented credentials grant. */
  credentialsChanged(): void;
}
