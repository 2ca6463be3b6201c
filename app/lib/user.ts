/**
 * Who is doing this (recorded on imports and rollbacks). There is no login yet: an
 * authenticating reverse proxy may say who it let in (`X-Forwarded-User`), or a `hyoka-user`
 * cookie names the person; otherwise 'local user'. The one place to replace when real auth arrives.
 */
import { cookies, headers } from 'next/headers';

export const USER_COOKIE = 'hyoka-user';
export const ANONYMOUS_USER = 'local user';

export async function currentUserName(): Promise<string> {
  // The proxy's header first: a user can set their own cookie, but not the proxy's header.
  const fromProxy = (await headers()).get('x-forwarded-user');
  const fromCookie = (await cookies()).get(USER_COOKIE)?.value;
  return cleanName(fromProxy) ?? cleanName(fromCookie) ?? ANONYMOUS_USER;
}

/** Cookie values may be percent-encoded (Japanese names); keep names short and on one line. */
function cleanName(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let name = raw;
  try {
    name = decodeURIComponent(raw);
  } catch {
    // not percent-encoded: use as is
  }
  name = name.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 80);
  return name === '' ? null : name;
}
