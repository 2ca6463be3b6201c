/**
 * Who is logged in, and the server-side gate every protected server action, route handler and
 * page section goes through. The rules are db/domain/access.ts; the sessions are better-auth's
 * (db/auth/auth.ts). Hiding a button is only a courtesy: these checks are what refuse.
 */
import { nextCookies } from 'better-auth/next-js';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { createAuth, type Auth } from '@/db/auth/auth';
import { getDb } from '@/db/client';
import { safeRedirect } from '@/app/lib/safe-redirect';
import { can, isRole, viewModeFrom, type Permission, type Role, type ViewMode } from '@/db/domain/access';

export interface CurrentUser {
  id: string;
  name: string;
  email: string;
  /** null when the stored role is not one this version knows: such a user may do nothing. */
  role: Role | null;
}

const authKey = Symbol.for('hyoka.auth');
type GlobalWithAuth = typeof globalThis & { [authKey]?: Promise<Auth> };

/** The process's auth instance; nextCookies lets server actions (sign-out) set cookies. */
export function getAuth(): Promise<Auth> {
  const g = globalThis as GlobalWithAuth;
  if (!g[authKey]) {
    g[authKey] = getDb()
      .then((db) => createAuth(db, { plugins: [nextCookies()] }))
      .catch((error) => {
        delete g[authKey];
        throw error;
      });
  }
  return g[authKey];
}

export function viewMode(): ViewMode {
  return viewModeFrom(process.env.HYOKA_VIEW);
}

/** The logged-in user of this request (a valid, unexpired session), or null. */
export async function currentUser(requestHeaders?: Headers): Promise<CurrentUser | null> {
  // Headers first: during `next build` this marks the page dynamic before any database is opened.
  const source = requestHeaders ?? (await headers());
  const session = await (await getAuth()).api.getSession({ headers: source });
  if (!session) return null;
  const { id, name, email, role } = session.user as { id: string; name: string; email: string; role?: string | null };
  return { id, name, email, role: isRole(role) ? role : null };
}

export async function allows(permission: Permission): Promise<boolean> {
  return can((await currentUser())?.role, permission, viewMode());
}

/**
 * For server actions: the user, if they may do `permission`; otherwise the login page (which
 * says why), and nothing is done. `back` is where to return after logging in.
 */
export async function requirePermission(permission: Permission, back: string): Promise<CurrentUser> {
  const user = await currentUser();
  if (user && can(user.role, permission, viewMode())) return user;
  const next = encodeURIComponent(safeRedirect(back));
  redirect(user ? `/login?denied=${permission}&next=${next}` : `/login?next=${next}`);
}

/**
 * For route handlers: the user (null when anyone may, e.g. reading with HYOKA_VIEW=open), or the
 * 401/403 response to return instead.
 */
export async function authorizeRequest(request: Request, permission: Permission): Promise<{ user: CurrentUser | null } | { response: Response }> {
  if (can(null, permission, viewMode())) return { user: null };
  const user = await currentUser(request.headers);
  if (user && can(user.role, permission, viewMode())) return { user };
  const status = user ? 403 : 401;
  return {
    response: new Response(status === 401 ? 'ログインが必要です / Login required' : '権限がありません / Forbidden', {
      status,
      headers: { 'Cache-Control': 'no-store' },
    }),
  };
}
