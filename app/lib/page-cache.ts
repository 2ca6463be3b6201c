/**
 * Rendered dashboard pages, kept in memory until the data changes.
 *
 * The figures only change when someone imports, rolls back or edits settings, yet a meeting room
 * of viewers opening the same overview would otherwise render it (1 MB of HTML and SVG, dozens
 * of aggregates) once per viewer. The proxy (proxy.ts) answers a repeated request from here:
 * - the key is everything a page's output depends on: the URL, the React Server Components
 *   request headers (client-side navigation asks for a payload, not HTML), the locale and the
 *   logged-in user (the header shows their name and what their role may do);
 * - every stored page belongs to one data version (db/queries/data-version.ts); when the version
 *   moves, the whole store is dropped, so an import shows on the very next request;
 * - concurrent requests for a page not yet stored wait for one render instead of starting fifty;
 * - the first requester gets the render as it streams (the KPIs before the charts), and a copy
 *   is kept; only complete 200 answers without cookies are kept;
 * - bounded by bytes (HYOKA_PAGE_CACHE_MB, default 128; 0 turns the cache off), least recently
 *   used first out.
 * Only read-only dashboard pages are kept; imports, settings, users, login and exports never are.
 */

/** The header a fill request carries, so that the proxy lets it through to the real render. */
export const FILL_HEADER = 'x-hyoka-page-cache';
/** On every answer of a cacheable page: hit, miss (rendered now) or bypass (not kept). */
export const STATUS_HEADER = 'x-hyoka-cache';

/** Pages whose output depends only on the key below. Exports and write pages are not here. */
const CACHEABLE_PATHS = [/^\/$/, /^\/policies(\/.*)?$/, /^\/projects$/, /^\/projects\/(?!export$)[^/]+$/, /^\/watchlist$/, /^\/compare$/, /^\/quality$/];

/** The request headers Next varies React Server Component answers on. */
const RSC_HEADERS = ['rsc', 'next-router-state-tree', 'next-router-prefetch', 'next-router-segment-prefetch', 'next-url'];

/** Response headers that describe one transfer, not the page. */
const HOP_HEADERS = new Set(['connection', 'content-encoding', 'content-length', 'date', 'keep-alive', 'set-cookie', 'transfer-encoding']);

export function isCacheablePath(pathname: string): boolean {
  return CACHEABLE_PATHS.some((pattern) => pattern.test(pathname));
}

export function isCacheableRequest(method: string, pathname: string, headers: Headers): boolean {
  return method === 'GET' && !headers.has(FILL_HEADER) && isCacheablePath(pathname);
}

export interface Viewer {
  /** The logged-in user's id, or null for an anonymous viewer. */
  userId: string | null;
  role: string | null;
  locale: string;
}

export function pageCacheKey(url: URL, headers: Headers, viewer: Viewer): string {
  const rsc = RSC_HEADERS.map((name) => headers.get(name) ?? '').join('\u0001');
  const who = viewer.userId === null ? 'anonymous' : `${viewer.userId}/${viewer.role ?? ''}`;
  return [url.pathname + url.search, viewer.locale, who, rsc].join('\u0000');
}

export interface StoredPage {
  status: number;
  headers: [string, string][];
  body: Uint8Array;
}

export type PageStatus = 'hit' | 'miss' | 'bypass';

/** Bytes from HYOKA_PAGE_CACHE_MB (megabytes, default 128; 0 or a non-number turns it off). */
export function cacheBytesFromEnv(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return 128 * 1024 * 1024;
  const mb = Number(value);
  return Number.isFinite(mb) && mb > 0 ? Math.floor(mb * 1024 * 1024) : 0;
}

export class PageCache {
  private version: string | null = null;
  /** Map order is recency order: the first entry is the least recently used. */
  private pages = new Map<string, StoredPage>();
  private bytes = 0;
  private inflight = new Map<string, Promise<StoredPage | null>>();

  constructor(readonly maxBytes: number) {}

  get size(): { pages: number; bytes: number } {
    return { pages: this.pages.size, bytes: this.bytes };
  }

  /**
   * The page for `key` at data version `version`: stored, or rendered once by `render` (a
   * `fetch` of the same URL marked with FILL_HEADER, in the proxy). Returns the answer to send
   * and how it was obtained; `bypass` answers are the render's own, passed on unchanged.
   */
  async serve(key: string, version: string, render: () => Promise<Response>): Promise<{ response: Response; status: PageStatus }> {
    if (version !== this.version) this.reset(version);
    const stored = this.pages.get(key);
    if (stored) {
      this.pages.delete(key);
      this.pages.set(key, stored);
      return { response: toResponse(stored), status: 'hit' };
    }
    const pending = this.inflight.get(key);
    if (pending) {
      const page = await pending;
      if (page) return { response: toResponse(page), status: 'hit' };
      return this.passThrough(await render());
    }

    // Registered before the render starts, so that requests arriving during it wait for it.
    let settle!: (page: StoredPage | null) => void;
    const filling = new Promise<StoredPage | null>((resolve) => (settle = resolve));
    this.inflight.set(key, filling);
    const finish = (page: StoredPage | null) => {
      if (this.inflight.get(key) === filling) this.inflight.delete(key);
      if (page && this.version === version) this.store(key, page);
      settle(page);
    };

    let rendered: Response;
    try {
      rendered = await render();
    } catch (error) {
      finish(null);
      throw error;
    }
    if (!this.keeps(rendered)) {
      finish(null);
      return this.passThrough(rendered);
    }
    // One branch streams to this requester; the other is collected for the store and for anyone
    // who asked for the same page meanwhile.
    const [toClient, toStore] = rendered.body!.tee();
    collect(toStore).then(
      (body) => finish({ status: rendered.status, headers: pageHeaders(rendered.headers), body }),
      () => finish(null),
    );
    const headers = new Headers(pageHeaders(rendered.headers));
    headers.set(STATUS_HEADER, 'miss');
    return { response: new Response(toClient, { status: rendered.status, headers }), status: 'miss' };
  }

  private keeps(response: Response): boolean {
    return this.maxBytes > 0 && response.status === 200 && response.body !== null && !response.headers.has('set-cookie');
  }

  private passThrough(response: Response): { response: Response; status: PageStatus } {
    const headers = new Headers(response.headers);
    headers.delete('content-encoding');
    headers.delete('content-length');
    headers.set(STATUS_HEADER, 'bypass');
    return { response: new Response(response.body, { status: response.status, statusText: response.statusText, headers }), status: 'bypass' };
  }

  private reset(version: string): void {
    this.version = version;
    this.pages.clear();
    this.bytes = 0;
    // In-flight renders of the old version finish for their requesters but are not stored.
    this.inflight.clear();
  }

  private store(key: string, page: StoredPage): void {
    if (page.body.byteLength > this.maxBytes) return;
    this.pages.set(key, page);
    this.bytes += page.body.byteLength;
    for (const [oldKey, old] of this.pages) {
      if (this.bytes <= this.maxBytes) break;
      this.pages.delete(oldKey);
      this.bytes -= old.body.byteLength;
    }
  }
}

function pageHeaders(headers: Headers): [string, string][] {
  return [...headers].filter(([name]) => !HOP_HEADERS.has(name.toLowerCase()));
}

/**
 * Next compresses what the proxy answers (and drops any content-encoding the proxy sets), so the
 * body is kept as the app rendered it, uncompressed.
 */
function toResponse(page: StoredPage): Response {
  const headers = new Headers(page.headers);
  headers.set(STATUS_HEADER, 'hit');
  return new Response(page.body as BodyInit, { status: page.status, headers });
}

async function collect(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let length = 0;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    length += value.byteLength;
  }
  const body = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}
