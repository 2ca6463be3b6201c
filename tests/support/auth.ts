/**
 * The e2e test users — one per role, created by tests/support/global-app.ts through the real
 * `npm run user:create` script before each app starts — and helpers to act as them: the session
 * cookie for raw HTTP requests, or a Chromium context that carries it.
 */
import { spawnSync } from 'node:child_process';
import type { Browser, BrowserContext } from 'playwright-core';
import type { Role } from '../../db/domain/access';

export interface TestUser {
  role: Role;
  email: string;
  name: string;
  password: string;
}

export const TEST_USERS: Record<Role, TestUser> = {
  viewer: { role: 'viewer', email: 'etsuran@test.example', name: '閲覧 次郎', password: 'viewer-password-1' },
  importer: { role: 'importer', email: 'torikomi@test.example', name: '取込 太郎', password: 'importer-password-1' },
  admin: { role: 'admin', email: 'kanri@test.example', name: '管理 花子', password: 'admin-password-1' },
};

/** Session cookies (`name=value`) per role, as logged in once per app server. */
export type Sessions = Record<Role, string>;

/** Creates the user with `npm run user:create`'s script, in the database `env` points at. */
export function createTestUser(user: TestUser, env: NodeJS.ProcessEnv): void {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/user-create.ts', '--email', user.email, '--name', user.name, '--role', user.role], {
    env: { ...env, HYOKA_PASSWORD: user.password },
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`user:create failed: ${result.stderr || result.stdout}`);
}

/** Logs in through better-auth's endpoint, as the login page does; returns the session cookie. */
export async function logIn(baseUrl: string, user: Pick<TestUser, 'email' | 'password'>): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: baseUrl },
    body: JSON.stringify({ email: user.email, password: user.password }),
  });
  if (!response.ok) throw new Error(`login of ${user.email} failed: ${response.status} ${await response.text()}`);
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith('hyoka.session_token='));
  if (!cookie) throw new Error(`login of ${user.email} set no session cookie`);
  return cookie;
}

/** A Chromium context logged in with `cookie` (null: anonymous). */
export async function contextWith(
  browser: Browser,
  baseUrl: string,
  cookie: string | null,
  options: Parameters<Browser['newContext']>[0] = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'ja-JP', ...options });
  if (cookie) await setSession(context, baseUrl, cookie);
  return context;
}

/** Replaces the context's session cookie (null: none). */
export async function setSession(context: BrowserContext, baseUrl: string, cookie: string | null): Promise<void> {
  await context.clearCookies({ name: 'hyoka.session_token' });
  if (!cookie) return;
  const eq = cookie.indexOf('=');
  await context.addCookies([{ name: cookie.slice(0, eq), value: cookie.slice(eq + 1), url: baseUrl, httpOnly: true, sameSite: 'Lax' }]);
}
