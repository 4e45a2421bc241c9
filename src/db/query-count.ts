import { AsyncLocalStorage } from 'node:async_hooks';
import type { LogEvent } from 'kysely';

/**
 * Counts the queries run on behalf of one unit of work (an HTTP request), for `npm run bench`:
 * whatever runs inside `countQueries.run(counter, …)` adds to that counter.
 */
export const countQueries = new AsyncLocalStorage<{ queries: number }>();

/** Kysely's log hook: called once per executed query. */
export function onQuery(event: LogEvent): void {
  if (event.level === 'query' || event.level === 'error') {
    const counter = countQueries.getStore();
    if (counter) counter.queries++;
  }
}
