/** The search page's URL: `/search?q=子育て 支援&page=2`, read here once. */
import type { SearchParams } from '@/app/lib/search-params';
import { pageParam, textParam, urlReader } from '@/app/lib/url-params';

/** Queries longer than this are cut: the terms are capped anyway (db/domain/search-text.ts). */
export const MAX_QUERY_CHARS = 200;

export const searchUrlParams = urlReader({
  q: textParam().transform((q) => [...(q ?? '').trim()].slice(0, MAX_QUERY_CHARS).join('')),
  page: pageParam(),
});

/** Every URL parameter the search page reads (the page cache keys it on them alone). */
export const SEARCH_PARAMS = searchUrlParams.names;

export function readSearchRequest(params: SearchParams | URLSearchParams): { q: string; page: number } {
  return searchUrlParams.read(params);
}
