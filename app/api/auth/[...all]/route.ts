/**
 * better-auth's endpoints (sign-in, sign-out, session, the admin plugin's user management) under
 * /api/auth. Sign-up is closed in db/auth/auth.ts; the library checks the Origin of every POST
 * against the app's own origin and HYOKA_TRUSTED_ORIGINS, and rate-limits sign-in.
 */
import { getAuth } from '@/app/lib/auth';

async function handle(request: Request): Promise<Response> {
  return (await getAuth()).handler(request);
}

export { handle as GET, handle as POST };
