/**
 * Hyoka's better-auth instance over our drizzle database (either driver): email + password
 * (hashed by the library, sign-up closed — users are created by an admin or by
 * `npm run user:create`), database sessions that expire, and the admin plugin for roles and user
 * management. The role rules themselves live in db/domain/access.ts.
 */
import { betterAuth, type BetterAuthPlugin } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { admin } from 'better-auth/plugins/admin';
import { adminAc, defaultAc } from 'better-auth/plugins/admin/access';
import type { Db } from '../client';
import { authAccounts, authSessions, authUsers, authVerifications } from './schema';
import { authSecret } from './secret';

/** A working day and then some; a session used within the last hour is extended (sliding). */
export const SESSION_EXPIRES_IN_SECONDS = 12 * 60 * 60;
const SESSION_UPDATE_AGE_SECONDS = 60 * 60;
export const MIN_PASSWORD_LENGTH = 10;
export const COOKIE_PREFIX = 'hyoka';

export interface AuthOptions {
  /** Extra plugins (the app adds next-js cookie handling for server actions). */
  plugins?: BetterAuthPlugin[];
  env?: NodeJS.ProcessEnv;
}

/**
 * Origins allowed to POST to the auth endpoints: BETTER_AUTH_URL's when set, else the request's
 * own host (what Next's server-action check also compares the Origin with — a cross-site page
 * cannot choose the Host its victim's browser sends), plus HYOKA_TRUSTED_ORIGINS (comma-separated).
 */
function trustedOrigins(env: NodeJS.ProcessEnv): string[] | ((request?: Request) => Promise<string[]>) {
  const extra = (env.HYOKA_TRUSTED_ORIGINS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (env.BETTER_AUTH_URL) return extra;
  return async (request?: Request) => {
    // Next hands route handlers a Request whose URL carries the Host the browser sent.
    const host = request ? request.headers.get('host') || new URL(request.url).host : null;
    // Either scheme: behind a TLS-terminating proxy the app itself sees http.
    return host ? [`http://${host}`, `https://${host}`, ...extra] : extra;
  };
}

/** Sign-in attempts allowed per address and minute: 10 unless HYOKA_SIGNIN_PER_MINUTE says otherwise. */
export function signInsPerMinute(env: NodeJS.ProcessEnv): number {
  const n = Number(env.HYOKA_SIGNIN_PER_MINUTE);
  return Number.isInteger(n) && n > 0 ? n : 10;
}

export async function createAuth(db: Db, options: AuthOptions = {}) {
  const env = options.env ?? process.env;
  return betterAuth({
    appName: 'Hyoka',
    // Unset: the origin is the request's own, which is what Next's server-action check uses too.
    baseURL: env.BETTER_AUTH_URL || undefined,
    secret: await authSecret(db, env),
    trustedOrigins: trustedOrigins(env),
    database: drizzleAdapter(db, {
      provider: 'pg',
      schema: { user: authUsers, session: authSessions, account: authAccounts, verification: authVerifications },
    }),
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: MIN_PASSWORD_LENGTH },
    session: { expiresIn: SESSION_EXPIRES_IN_SECONDS, updateAge: SESSION_UPDATE_AGE_SECONDS },
    // Guessing passwords: a handful of tries per address and minute (HYOKA_SIGNIN_PER_MINUTE).
    rateLimit: { enabled: true, customRules: { '/sign-in/email': { window: 60, max: signInsPerMinute(env) } } },
    // Origin/CSRF checks on in every environment: better-auth skips them when NODE_ENV=test
    // unless told, and the e2e tests must prove what a city hall's server does.
    // Secure cookies only where the public URL is https: browsers drop them on a plain-http
    // intranet address, and the login would silently not stick.
    advanced: {
      cookiePrefix: COOKIE_PREFIX,
      useSecureCookies: (env.BETTER_AUTH_URL ?? '').startsWith('https:'),
      disableOriginCheck: false,
      disableCSRFCheck: false,
    },
    telemetry: { enabled: false },
    plugins: [
      admin({
        defaultRole: 'viewer',
        adminRoles: ['admin'],
        // The plugin's own permissions only govern user management: importers and viewers get none.
        roles: { viewer: defaultAc.newRole({ user: [], session: [] }), importer: defaultAc.newRole({ user: [], session: [] }), admin: adminAc },
      }),
      ...(options.plugins ?? []),
    ],
  });
}

export type Auth = Awaited<ReturnType<typeof createAuth>>;
