/**
 * Filter state lives in the URL so every view can be linked, bookmarked and printed.
 * These helpers read Next's searchParams and write links that keep the other filters.
 */
export type SearchParams = Record<string, string | string[] | undefined>;

export function param(params: SearchParams, key: string): string | undefined {
  const v = params[key];
  const s = Array.isArray(v) ? v[0] : v;
  return s === '' ? undefined : s;
}

/** An integer that fits PostgreSQL's `integer` (ids, years, pages); anything else is no value. */
export function intParam(params: SearchParams, key: string): number | undefined {
  const s = param(params, key);
  if (s === undefined || !/^-?\d{1,10}$/.test(s)) return undefined;
  const n = Number(s);
  return n >= -2147483648 && n <= 2147483647 ? n : undefined;
}

/** `href('/projects', params, { page: 2 })`: the same filters with some changed (undefined removes). */
export function href(path: string, params: SearchParams, changes: Record<string, string | number | undefined> = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    const s = Array.isArray(v) ? v[0] : v;
    if (s !== undefined && s !== '' && !(k in changes)) q.set(k, s);
  }
  for (const [k, v] of Object.entries(changes)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}
