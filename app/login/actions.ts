'use server';
/** Logging out: better-auth ends the session in the database and clears the cookie (nextCookies). */
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { getAuth } from '@/app/lib/auth';

export async function signOutAction(): Promise<void> {
  const auth = await getAuth();
  try {
    await auth.api.signOut({ headers: await headers() });
  } catch {
    // No session (already logged out, or expired): nothing to end.
  }
  redirect('/login');
}
