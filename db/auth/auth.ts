/**
 * Hyoka's better-auth instance over our drizzle database (either driver): email + password
 * (hashed by the library, sign-up closed — users are created by an admin or by
 * `npm run user:create`), database sessions that expire, and the admin plugin for roles and user
 * management. The role rules themselves live in db/domain/access.ts.
 */
import { betterAuth, type BetterAuthPlugin } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { APIError, createAuthMiddleware } from 'better-auth/api';
import { hashPassword, verifyPassword } from 'better-auth/crypto';
import { admin } from 'better-auth/plugins/admin';
import { adminAc, defaultAc } from 'better-auth/plugins/admin/access';
import type { Db } from '../client';
import { CLIENT_ADDRESS_HEADER } from './client-address';
import { checkName } from './names';
import { MIN_PASSWORD_LENGTH, passwordProblem } from './password-policy';
import { authAccounts, authRateLimits, authSessions, authUsers, authVerifications } from './schema';
import { authSecret } from './secret';
import { dbKey } from './db-key';
import { accountKey, accountWaitSeconds, clearFailures, recordFailure, waitMessage } from './throttle';

/** A working day and then some; a session used within the last hour is extended (sliding). */
export const SESSION_EXPIRES_IN_SECONDS = 12 * 60 * 60;
const SESSION_UPDATE_AGE_SECONDS = 60 * 60;
export { MIN_PASSWORD_LENGTH };
export const COOKIE_PREFIX = 'hyoka';

export interface AuthOptions {
  /** Extra plugins (the app adds next-js cookie handling for server actions). */
  plugins?: BetterAuthPlugin[];
  env?: NodeJS.ProcessEnv;
  /** Called for every password hashed (tests check that unknown emails cost a hash too). */
  onHash?: () => void;
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

/**
 * Sign-in attempts allowed per address and minute: generous (60), as a whole office may share one
 * address; guessing one account's password is stopped per account (db/auth/throttle.ts).
 */
export function signInsPerMinute(env: NodeJS.ProcessEnv): number {
  const n = Number(env.HYOKA_SIGNIN_PER_MINUTE);
  return Number.isInteger(n) && n > 0 ? n : 60;
}

/** An error better-auth returns as is, its message in Japanese and English. */
function refusal(status: 'BAD_REQUEST' | 'FORBIDDEN' | 'TOO_MANY_REQUESTS', code: string, message: { ja: string; en: string }, extra: object = {}): APIError {
  return new APIError(status, { code, message: `${message.ja} / ${message.en}`, ja: message.ja, en: message.en, ...extra });
}

/** Endpoints that set a password, and where in the body the new one is. */
const PASSWORD_FIELDS: Record<string, string> = {
  '/admin/create-user': 'password',
  '/admin/set-user-password': 'newPassword',
  '/change-password': 'newPassword',
  '/reset-password': 'newPassword',
  '/set-password': 'newPassword',
};

/** Endpoints that would change a name, an email or a role around our checks: names change only on /account and /admin/users. */
const CLOSED_PATHS = new Set(['/update-user', '/admin/update-user', '/change-email']);

/**
 * The dynamic base URL for installations without BETTER_AUTH_URL: the request's own host
 * (checked again by the origin check), loopback names listed so a local start needs no setting.
 */
function baseURL(env: NodeJS.ProcessEnv) {
  if (env.BETTER_AUTH_URL) return env.BETTER_AUTH_URL;
  return {
    allowedHosts: ['localhost', 'localhost:*', '127.0.0.1', '127.0.0.1:*', '[::1]', '[::1]:*'],
    protocol: 'http' as const,
    fallback: 'http://localhost',
  };
}

export async function createAuth(db: Db, options: AuthOptions = {}) {
  const env = options.env ?? process.env;
  const auth = betterAuth({
    appName: 'Hyoka',
    // Unset: the origin is the request's own, which is what Next's server-action check uses too.
    baseURL: baseURL(env),
    secret: await authSecret(db, env),
    trustedOrigins: trustedOrigins(env),
    database: drizzleAdapter(db, {
      provider: 'pg',
      schema: { user: authUsers, session: authSessions, account: authAccounts, verification: authVerifications, rateLimit: authRateLimits },
    }),
    emailAndPassword: {
      enabled: true,
      disableSignUp: true,
      minPasswordLength: MIN_PASSWORD_LENGTH,
      // The library's scrypt; sign-in hashes the typed password for unknown emails too, so both take as long.
      password: {
        hash: (password: string) => {
          options.onHash?.();
          return hashPassword(password);
        },
        verify: (data: { hash: string; password: string }) => {
          options.onHash?.();
          return verifyPassword(data);
        },
      },
    },
    session: { expiresIn: SESSION_EXPIRES_IN_SECONDS, updateAge: SESSION_UPDATE_AGE_SECONDS },
    // Per address (HYOKA_SIGNIN_PER_MINUTE), counted in the database so every app process shares it;
    // per account with back-off in the hooks below.
    rateLimit: { enabled: true, storage: 'database', customRules: { '/sign-in/email': { window: 60, max: signInsPerMinute(env) } } },
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        const body = (ctx.body ?? {}) as Record<string, unknown>;
        if (CLOSED_PATHS.has(ctx.path)) {
          throw refusal('FORBIDDEN', 'USE_ACCOUNT_PAGE', {
            ja: '氏名やパスワードはアカウントのページ（/account）で、他の利用者のものは利用者の管理（/admin/users）で変更してください。',
            en: 'Change your name or password on the account page (/account); administrators change other users on /admin/users.',
          });
        }
        if (ctx.path === '/sign-in/email') {
          const email = accountKey(body.email);
          const wait = email ? await accountWaitSeconds(db, email) : 0;
          if (wait > 0) throw refusal('TOO_MANY_REQUESTS', 'ACCOUNT_THROTTLED', waitMessage(wait), { retryAfter: wait });
        }
        const field = PASSWORD_FIELDS[ctx.path];
        if (field && typeof body[field] === 'string') {
          const problem = passwordProblem(body[field] as string, { email: body.email as string | undefined, name: body.name as string | undefined });
          if (problem) throw refusal('BAD_REQUEST', 'WEAK_PASSWORD', problem);
        }
        if (ctx.path === '/admin/create-user' && typeof body.name === 'string') {
          const name = checkName(body.name);
          if (!name.ok) throw refusal('BAD_REQUEST', 'INVALID_NAME', name.message);
          if (name.name !== body.name) return { context: { body: { ...body, name: name.name } } };
        }
      }),
      after: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== '/sign-in/email') return;
        const email = accountKey((ctx.body as Record<string, unknown> | undefined)?.email);
        if (!email) return;
        const returned = ctx.context.returned;
        if (returned instanceof APIError) {
          if (returned.statusCode === 401) await recordFailure(db, email);
        } else if (returned !== undefined) {
          await clearFailures(db, email);
        }
      }),
    },
    // Origin/CSRF checks on in every environment: better-auth skips them when NODE_ENV=test
    // unless told, and the e2e tests must prove what a city hall's server does.
    // Secure cookies only where the public URL is https: browsers drop them on a plain-http
    // intranet address, and the login would silently not stick.
    advanced: {
      cookiePrefix: COOKIE_PREFIX,
      useSecureCookies: (env.BETTER_AUTH_URL ?? '').startsWith('https:'),
      disableOriginCheck: false,
      disableCSRFCheck: false,
      // The only client address better-auth sees: set by scripts/serve.ts from the connection,
      // trusting X-Forwarded-For only from HYOKA_TRUSTED_PROXIES (db/auth/client-address.ts).
      ipAddress: { ipAddressHeaders: [CLIENT_ADDRESS_HEADER] },
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
  // db/auth/users.ts writes the activity log beside what better-auth changes.
  return Object.assign(auth, { [dbKey]: db });
}

export type Auth = Awaited<ReturnType<typeof createAuth>>;
