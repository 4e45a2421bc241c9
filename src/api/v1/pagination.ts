import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config/index.js';

export interface Page {
  page: number;
  limit: number;
  offset: number;
}

/** Gitea's rules: 1-based pages; a missing or non-positive limit is the default; capped at the maximum. */
export function pageOf(query: { page?: number; limit?: number }, api: Config['api']): Page {
  const page = query.page && query.page > 0 ? query.page : 1;
  const wanted = query.limit && query.limit > 0 ? query.limit : api.defaultPagingNum;
  const limit = Math.min(wanted, api.maxResponseItems);
  return { page, limit, offset: (page - 1) * limit };
}

/** Sets X-Total-Count and a Link header (next, last, first, prev) that keeps the other query parameters. */
export function setPageHeaders(request: FastifyRequest, reply: FastifyReply, rootUrl: string, page: Page, total: number): void {
  reply.header('X-Total-Count', String(total));
  const last = Math.max(1, Math.ceil(total / page.limit));
  const url = new URL(rootUrl.replace(/\/$/, '') + request.url);
  const link = (n: number, rel: string) => {
    url.searchParams.set('page', String(n));
    return `<${url.toString()}>; rel="${rel}"`;
  };
  const links: string[] = [];
  if (page.page < last) links.push(link(page.page + 1, 'next'), link(last, 'last'));
  if (page.page > 1) links.push(link(1, 'first'), link(Math.min(page.page - 1, last), 'prev'));
  if (links.length) reply.header('Link', links.join(','));
}
