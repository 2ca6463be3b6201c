/**
 * Runs before every page and route handler:
 * 0. An address with a NUL character (`%00`) is answered 400: no query could use it.
 * 1. HYOKA_VIEW=login: every page and export needs a logged-in user (any role). The session is
 *    checked for real (better-auth, in the database), not just the cookie's presence. With the
 *    default HYOKA_VIEW=open nobody is turned away here; protected actions check their own role.
 * 2. Dashboard pages are answered from the page cache (app/lib/page-cache.ts) while the data has
 *    not changed (the version from db/queries/data-version.ts DataVersionSource, which never
 *    waits behind render queries); otherwise rendered once, through the app itself, and kept. A URL with parameters
 *    the page does not read is redirected to the same URL without them (app/lib/page-params.ts).
 */
import { getSessionCookie } from 'better-auth/cookies';
import { NextResponse, type NextRequest } from 'next/server';
import { COOKIE_PREFIX } from '@/db/auth/auth';
import { getDbHandle } from '@/db/client';
import { type DataVersionSource, openDataVersionSource } from '@/db/queries/data-version';
import { currentUser, viewMode, type CurrentUser } from '@/app/lib/auth';
import { LOCALE_COOKIE } from '@/app/lib/i18n';
import { safeRedirect } from '@/app/lib/safe-redirect';
import { hasNulCharacter, NUL_MESSAGE } from '@/app/lib/url-guard';
import { cacheBytesFromEnv, FILL_HEADER, fillToken, isCacheableRequest, PageCache, pageCacheKey } from '@/app/lib/page-cache';
import { pageFamily, withoutUnknownParams } from '@/app/lib/page-params';
import { RenderLimiter, renderLimitsFromEnv } from '@/app/lib/render-limiter';

/** Reachable without a session: the login page and the auth endpoints it posts to. */
const PUBLIC = [/^\/login(\/|$)/, /^\/api\/auth\//, /^\/locale(\/|$)/];

export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (hasNulCharacter(request.nextUrl)) {
    return new NextResponse(NUL_MESSAGE, { status: 400, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
  }
  const hasSession = getSessionCookie(request, { cookiePrefix: COOKIE_PREFIX }) !== null;
  let user: CurrentUser | null = null;
  if (viewMode() === 'login' && !PUBLIC.some((p) => p.test(pathname))) {
    user = hasSession ? await currentUser(request.headers) : null;
    if (!user) {
      if (request.method !== 'GET' && request.method !== 'HEAD') return new NextResponse('ログインが必要です / Login required', { status: 401 });
      const login = new URL('/login', request.url);
      login.searchParams.set('next', safeRedirect(pathname + search));
      return NextResponse.redirect(login);
    }
  }

  const cache = pageCache();
  if (cache.maxBytes === 0 || !isCacheableRequest(request.method, pathname, request.headers)) return NextResponse.next();
  const canonical = withoutUnknownParams(pageFamily(pathname)!, request.nextUrl);
  // Temporary, so that a parameter a later version reads is not dropped by a browser's memory.
  if (canonical !== null) return NextResponse.redirect(new URL(canonical, request.url), 307);
  try {
    if (!user && hasSession) user = await currentUser(request.headers);
    const locale = request.cookies.get(LOCALE_COOKIE)?.value === 'en' ? 'en' : 'ja';
    const key = pageCacheKey(request.nextUrl, request.headers, { userId: user?.id ?? null, name: user?.name ?? null, role: user?.role ?? null, locale });
    const version = await (await dataVersionSource()).current();
    return (await cache.serve(key, version, () => renderThrough(request))).response;
  } catch (error) {
    // The cache is an optimisation: if it cannot answer, the page renders as if it were not there.
    console.error('page cache:', error);
    return NextResponse.next();
  }
}

const cacheKey = Symbol.for('hyoka.pageCache');
type GlobalWithCache = typeof globalThis & { [cacheKey]?: PageCache };

function pageCache(): PageCache {
  const g = globalThis as GlobalWithCache;
  if (!g[cacheKey]) {
    const { concurrency, queueLimit } = renderLimitsFromEnv(process.env);
    g[cacheKey] = new PageCache(cacheBytesFromEnv(process.env.HYOKA_PAGE_CACHE_MB), new RenderLimiter(concurrency, queueLimit));
  }
  return g[cacheKey];
}

const versionKey = Symbol.for('hyoka.dataVersionSource');
type GlobalWithVersion = typeof globalThis & { [versionKey]?: Promise<DataVersionSource> };

/** One per process, beside the app's connection (getDbHandle): asked by every cacheable request. */
function dataVersionSource(): Promise<DataVersionSource> {
  const g = globalThis as GlobalWithVersion;
  if (!g[versionKey]) {
    g[versionKey] = getDbHandle()
      .then((handle) => openDataVersionSource(handle))
      .catch((error) => {
        delete g[versionKey];
        throw error;
      });
  }
  return g[versionKey];
}

/**
 * The page as the app renders it for this viewer: the same request, sent to this server again
 * with FILL_HEADER so that the proxy lets it through. Uncompressed, so what is kept can be sent
 * to any client.
 */
function renderThrough(request: NextRequest): Promise<Response> {
  const origin = process.env.__NEXT_PRIVATE_ORIGIN || request.nextUrl.origin;
  const headers = new Headers(request.headers);
  for (const name of ['host', 'connection', 'content-length', 'accept-encoding']) headers.delete(name);
  headers.set(FILL_HEADER, fillToken());
  headers.set('accept-encoding', 'identity');
  return fetch(new URL(request.nextUrl.pathname + request.nextUrl.search, origin), { headers, redirect: 'manual', cache: 'no-store' });
}

export const config = {
  // Not the build's static files and icons: they hold no data. Not the upload route: Next would
  // buffer its whole body for the proxy; the route checks its user itself.
  matcher: ['/((?!_next/static|_next/image|icon.svg|favicon.ico|imports/upload$).*)'],
};
