import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

/** A connection or an open transaction: models run on either. */
export type Queryable = Kysely<Database>;

export const nowUnix = (): number => Math.floor(Date.now() / 1000);
