import type { Config } from '../config/index.js';
import type { Db } from '../db/connect.js';
import type { Queryable } from '../models/types.js';

/** What every service needs: configuration and the database. */
export interface ServiceContext {
  config: Config;
  db: Db;
  /** The Kysely handle; inside `transaction` a transaction. */
  q: Queryable;
}

export async function transaction<T>(ctx: ServiceContext, work: (q: Queryable) => Promise<T>): Promise<T> {
  return ctx.db.kysely.transaction().execute((trx) => work(trx));
}
