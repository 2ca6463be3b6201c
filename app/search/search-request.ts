/** The search page's URL: `/search?q=子育て 支援&page=2`, read here once. */
import { intParam, param, type SearchParams } from '@/app/lib/search-params';

/** Every URL parameter the search page reads (the page cache keys it on them alone). */
export const SEARCH_PARAMS = ['q', 'page'] as const;

/** Queries longer than this are cut: the terms are capped anyway (db/domain/search-text.ts). */
export const MAX_QUERY_CHARS = 200;

export function readSearchRequest(params: SearchParams): { q: string; page: number } {
  return {
    q: [...(param(params, 'q') ?? '').trim()].slice(0, MAX_QUERY_CHARS).join(''),
    page: Math.max(1, intParam(params, 'page') ?? 1),
  };
}
