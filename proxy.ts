/**
 * HYOKA_VIEW=login: every page and export needs a logged-in user (any role). The session is
 * checked for real (better-auth, in the database), not just the cookie's presence. With the
 * default HYOKA_VIEW=open this does nothing; protected actions check their own role either way.
 */
import { NextResponse, type NextRequest } from 'next/server';
import { currentUser, viewMode } from '@/app/lib/auth';

/** Reachable without a session: the login page and the auth endpoints it posts to. */
const PUBLIC = [/^\/login(\/|$)/, /^\/api\/auth\//, /^\/locale(\/|$)/];

export async function proxy(request: NextRequest) {
  if (viewMode() === 'open') return NextResponse.next();
  const { pathname, search } = request.nextUrl;
  if (PUBLIC.some((p) => p.test(pathname))) return NextResponse.next();
  if (await currentUser(request.headers)) return NextResponse.next();
  if (request.method !== 'GET' && request.method !== 'HEAD') return new NextResponse('ログインが必要です / Login required', { status: 401 });
  const login = new URL('/login', request.url);
  login.searchParams.set('next', pathname + search);
  return NextResponse.redirect(login);
}

export const config = {
  // Not the build's static files and icons: they hold no data.
  matcher: ['/((?!_next/static|_next/image|icon.svg|favicon.ico).*)'],
};
