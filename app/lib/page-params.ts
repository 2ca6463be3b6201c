/**
 * The cacheable page families and the URL parameters each one reads, so that the page cache keys a
 * page on what it shows and nothing else: `?nocache=1`, `?nocache=2`, … are one page, not a
 * thousand renders. Each list comes from the module that reads those parameters for the page.
 */
import { CITY_YEAR_PARAMS, compareParams, dashboardParams, policyNodeParams } from '@/app/components/dashboard/scope-params';
import { LIST_PARAMS } from '@/app/projects/list-params';
import { QUALITY_PARAMS } from '@/app/quality/quality-request';
import { SEARCH_PARAMS } from '@/app/search/search-request';
import { WATCHLIST_PARAMS } from '@/app/watchlist/watchlist-request';

export interface PageFamily {
  path: RegExp;
  /** The parameters the page reads; each read as its first value (see search-params.ts). */
  params: readonly string[];
  /** Parameters read as a set of comma-separated values over every occurrence (the watchlist's `rules`). */
  sets?: readonly string[];
}

/** Next's cache-busting parameter of React Server Component requests (a hash of their headers). */
export const RSC_PARAM = '_rsc';

/** Read-only dashboard pages; exports and write pages are not here. */
export const PAGE_FAMILIES: readonly PageFamily[] = [
  { path: /^\/$/, params: dashboardParams.names },
  { path: /^\/policies\/.+$/, params: policyNodeParams.names },
  { path: /^\/policies$/, params: CITY_YEAR_PARAMS },
  { path: /^\/projects$/, params: LIST_PARAMS },
  // The sheet reads only which municipality's project of that code to show.
  { path: /^\/projects\/(?!export$)[^/]+$/, params: ['municipality'] },
  { path: /^\/watchlist$/, params: WATCHLIST_PARAMS, sets: ['rules'] },
  { path: /^\/compare$/, params: compareParams.names },
  { path: /^\/quality$/, params: QUALITY_PARAMS },
  { path: /^\/search$/, params: SEARCH_PARAMS },
  // The briefing pack reads only the municipality and year (readCityYear).
  { path: /^\/report$/, params: CITY_YEAR_PARAMS },
];

export function pageFamily(pathname: string): PageFamily | undefined {
  return PAGE_FAMILIES.find((family) => family.path.test(pathname));
}

/**
 * The parameters as the page sees them, in one order: known names only, sorted; the first value
 * of each (an empty first value is no value, as `param()` reads it); set parameters as their sorted
 * distinct values. Two URLs with the same canonical query render the same page.
 */
export function canonicalQuery(family: PageFamily, params: URLSearchParams): string {
  const out = new URLSearchParams();
  for (const name of [...family.params].sort()) {
    if (family.sets?.includes(name)) {
      const values = [...new Set(params.getAll(name).flatMap((v) => v.split(',').map((s) => s.trim())))].filter((v) => v !== '').sort();
      if (values.length > 0) out.set(name, values.join(','));
      continue;
    }
    const value = params.get(name);
    if (value !== null && value !== '') out.set(name, value);
  }
  return out.toString();
}

/**
 * The same URL without the parameters the page does not read (order and values kept), or null
 * when it has none: where the proxy redirects such a request, so that it is served from the cache.
 */
export function withoutUnknownParams(family: PageFamily, url: URL): string | null {
  const known = new Set([...family.params, RSC_PARAM]);
  const params = new URLSearchParams(url.search);
  const unknown = [...new Set(params.keys())].filter((name) => !known.has(name));
  if (unknown.length === 0) return null;
  for (const name of unknown) params.delete(name);
  const search = params.toString();
  return url.pathname + (search ? `?${search}` : '');
}
