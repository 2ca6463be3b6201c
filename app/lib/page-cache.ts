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
 * - the key holds only the URL parameters the page reads (app/lib/page-params.ts), in one order,
 *   so `?nocache=N` cannot make a page render again; the proxy redirects such URLs;
 * - concurrent requests for a page not yet stored wait for one render instead of starting fifty,
 *   and renders of different pages wait for one of a few slots (app/lib/render-limiter.ts), a
 *   bounded line beyond which they are refused with 503; stored pages never wait;
 * - the first requester gets the render as it streams (the KPIs before the charts), and a copy
 *   is kept; only complete 200 answers without cookies are kept;
 * - bounded by bytes (HYOKA_PAGE_CACHE_MB, default 128; 0 turns the cache off), least recently
 *   used first out.
 * Only read-only dashboard pages are kept; imports, settings, users, login and exports never are.
 */

import { randomBytes, timingSafeEqual } from 'node:crypto';
import { canonicalQuery, pageFamily } from './page-params';
import type { RenderLimiter } from './render-limiter';

/**
 * The header a fill request carries, so that the proxy lets it through to the real render. Its
 * value is this process's secret (fillToken): a client sending the header is served as any other.
 */
export const FILL_HEADER = 'x-hyoka-page-cache';
/** On every answer of a cacheable page: hit, miss (rendered now), bypass (not kept) or busy (503). */
export const STATUS_HEADER = 'x-hyoka-cache';

const fillTokenKey = Symbol.for('hyoka.pageCacheFillToken');
type GlobalWithToken = typeof globalThis & { [fillTokenKey]?: string };

/** A random secret made once per process, known only to the proxy that sends and checks it. */
export function fillToken(): string {
  const g = globalThis as GlobalWithToken;
  return (g[fillTokenKey] ??= randomBytes(32).toString('base64url'));
}

/** Whether a request is the proxy's own fill request (constant time, so the secret cannot be guessed byte by byte). */
export function isFillRequest(headers: Headers, token: string = fillToken()): boolean {
  const sent = headers.get(FILL_HEADER);
  if (sent === null) return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The request headers Next varies React Server Component answers on. */
const RSC_HEADERS = ['rsc', 'next-router-state-tree', 'next-router-prefetch', 'next-router-segment-prefetch', 'next-url'];

/** Response headers that describe one transfer, not the page. */
const HOP_HEADERS = new Set(['connection', 'content-encoding', 'content-length', 'date', 'keep-alive', 'set-cookie', 'transfer-encoding']);

export function isCacheablePath(pathname: string): boolean {
  return pageFamily(pathname) !== undefined;
}

export function isCacheableRequest(method: string, pathname: string, headers: Headers): boolean {
  return method === 'GET' && !isFillRequest(headers) && isCacheablePath(pathname);
}

export interface Viewer {
  /** The logged-in user's id, or null for an anonymous viewer. */
  userId: string | null;
  /** Shown in the header: a renamed user must not see their old name. */
  name: string | null;
  role: string | null;
  locale: string;
}

export function pageCacheKey(url: URL, headers: Headers, viewer: Viewer): string {
  const rsc = RSC_HEADERS.map((name) => headers.get(name) ?? '').join('\u0001');
  const who = viewer.userId === null ? 'anonymous' : [viewer.userId, viewer.role ?? '', viewer.name ?? ''].join('\u0001');
  const family = pageFamily(url.pathname);
  const query = family ? canonicalQuery(family, url.searchParams) : url.search;
  return [`${url.pathname}?${query}`, viewer.locale, who, rsc].join('\u0000');
}

export interface StoredPage {
  status: number;
  headers: [string, string][];
  body: Uint8Array;
}

export type PageStatus = 'hit' | 'miss' | 'bypass' | 'busy';

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

  /** `limiter`: the slots renders wait for; without one, renders start at once. */
  constructor(
    readonly maxBytes: number,
    private readonly limiter?: RenderLimiter,
  ) {}

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
      const again = await this.limited(render);
      return again ? this.passThrough(again) : busy();
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

    let rendered: Response | null;
    try {
      rendered = await this.limited(render);
    } catch (error) {
      finish(null);
      throw error;
    }
    if (!rendered) {
      finish(null);
      return busy();
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

  /** The render, once a slot is free; null when the line is full. The slot is held until its body has streamed. */
  private async limited(render: () => Promise<Response>): Promise<Response | null> {
    if (!this.limiter) return render();
    const slot = this.limiter.acquire();
    if (!slot) return null;
    const release = await slot;
    try {
      return releasedAtEnd(await render(), release);
    } catch (error) {
      release();
      throw error;
    }
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

/** Every render slot is taken and the line is full: come back in a few seconds. */
function busy(): { response: Response; status: PageStatus } {
  const response = new Response(
    'ただいま混み合っています。数秒後にもう一度お試しください。\nThe server is busy rendering other pages. Please try again in a few seconds.\n',
    { status: 503, headers: { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '5', 'cache-control': 'no-store', [STATUS_HEADER]: 'busy' } },
  );
  return { response, status: 'busy' };
}

/** The same response, calling `release` once its body has been read to the end, failed or been cancelled. */
function releasedAtEnd(response: Response, release: () => void): Response {
  if (!response.body) {
    release();
    return response;
  }
  const reader = response.body.getReader();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) {
          release();
          controller.close();
        } else controller.enqueue(value);
      } catch (error) {
        release();
        controller.error(error);
      }
    },
    cancel(reason) {
      release();
      return reader.cancel(reason);
    },
  });
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
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
