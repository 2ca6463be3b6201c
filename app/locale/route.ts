/** `GET /locale?to=en[&back=/projects?year=2024]`: remembers the language and goes back (to the referring page by default). */
import { NextResponse, type NextRequest } from 'next/server';
import { LOCALE_COOKIE } from '@/app/lib/i18n';

export function GET(request: NextRequest) {
  const to = request.nextUrl.searchParams.get('to') === 'en' ? 'en' : 'ja';
  const back = request.nextUrl.searchParams.get('back') ?? sameSitePath(request.headers.get('referer'), request.nextUrl.origin);
  // Only same-site paths: never an open redirect.
  const target = back.startsWith('/') && !back.startsWith('//') ? back : '/';
  const response = NextResponse.redirect(new URL(target, request.url), 303);
  response.cookies.set(LOCALE_COOKIE, to, { path: '/', maxAge: 60 * 60 * 24 * 365, sameSite: 'lax' });
  return response;
}

function sameSitePath(referer: string | null, origin: string): string {
  if (!referer) return '/';
  try {
    const url = new URL(referer);
    return url.origin === origin ? url.pathname + url.search : '/';
  } catch {
    return '/';
  }
}
