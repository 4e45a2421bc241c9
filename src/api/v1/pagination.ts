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

const PAGE_MARK = 'samovar-page-number';
const PAGE_PARAM = new RegExp(`[?&]page=${PAGE_MARK}(?=&|#|$)`);

/** Sets X-Total-Count and a Link header (next, last, first, prev) that keeps the other query parameters. */
export function setPageHeaders(request: FastifyRequest, reply: FastifyReply, rootUrl: string, page: Page, total: number): void {
  reply.header('X-Total-Count', String(total));
  const last = Math.max(1, Math.ceil(total / page.limit));
  if (page.page === 1 && last === 1) return;
  // The URL is parsed and printed once, with a marker where the page number goes.
  const url = new URL(rootUrl.replace(/\/$/, '') + request.url);
  url.searchParams.set('page', PAGE_MARK);
  const printed = url.toString();
  const at = printed.search(PAGE_PARAM) + '?page='.length;
  const link = (n: number, rel: string) => `<${printed.slice(0, at)}${n}${printed.slice(at + PAGE_MARK.length)}>; rel="${rel}"`;
  const links: string[] = [];
  if (page.page < last) links.push(link(page.page + 1, 'next'), link(last, 'last'));
  if (page.page > 1) links.push(link(1, 'first'), link(Math.min(page.page - 1, last), 'prev'));
  reply.header('Link', links.join(','));
}
