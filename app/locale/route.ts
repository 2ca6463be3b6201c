/** `GET /locale?to=en[&back=/projects?year=2024]`: remembers the language and goes back (to the referring page by default). */
import { NextResponse, type NextRequest } from 'next/server';
import { LOCALE_COOKIE } from '@/app/lib/i18n';
import { safeRedirect } from '@/app/lib/safe-redirect';

export function GET(request: NextRequest) {
  const to = request.nextUrl.searchParams.get('to') === 'en' ? 'en' : 'ja';
  // The browser's own Host (request.nextUrl says `localhost` when the server listens on 127.0.0.1).
  const back = request.nextUrl.searchParams.get('back') ?? sameSitePath(request.headers.get('referer'), request.headers.get('host'));
  // Only same-site paths: never an open redirect.
  const target = safeRedirect(back);
  // A relative Location: the browser stays on the host it used, where the cookie was set.
  const response = new NextResponse(null, { status: 303, headers: { Location: target } });
  response.cookies.set(LOCALE_COOKIE, to, { path: '/', maxAge: 60 * 60 * 24 * 365, sameSite: 'lax' });
  return response;
}

function sameSitePath(referer: string | null, host: string | null): string {
  if (!referer || !host) return '/';
  try {
    const url = new URL(referer);
    return url.host === host ? url.pathname + url.search : '/';
  } catch {
    return '/';
  }
}
