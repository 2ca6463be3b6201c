/**
 * better-auth over our drizzle schema on both drivers: users created through the one create-user
 * path, passwords stored only as the library's hash, sign-in and sessions that expire, roles
 * validated, sign-up closed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type DbHandle } from '../../db/client';
import { createAuth, SESSION_EXPIRES_IN_SECONDS, type Auth } from '../../db/auth/auth';
import { authSecret } from '../../db/auth/secret';
import { countUsers, createUser, findUserByEmail, listUsers } from '../../db/auth/users';
import { sql } from 'drizzle-orm';
import { DRIVERS_AND_WORKER, freshDatabase } from '../support/databases';

const PASSWORD = 'correct horse battery';

describe.each(DRIVERS_AND_WORKER)('users and sessions on %s', (driver) => {
  let handle: DbHandle;
  let auth: Auth;
  const env = { ...process.env, BETTER_AUTH_SECRET: '' };

  beforeAll(async () => {
    handle = await freshDatabase(driver);
    auth = await createAuth(handle.db, { env });
  });
  afterAll(() => handle?.close());

  it('creates an admin and an importer; the password is stored only as a hash', async () => {
    expect(await countUsers(handle.db)).toBe(0);
    const admin = await createUser(auth, { email: 'Kanri@City.example', name: '管理 花子', password: PASSWORD, role: 'admin' });
    expect(admin).toMatchObject({ email: 'kanri@city.example', name: '管理 花子', role: 'admin' });
    await createUser(auth, { email: 'torikomi@city.example', name: '取込 太郎', password: PASSWORD, role: 'importer' });
    expect((await listUsers(handle.db)).map((u) => [u.email, u.role])).toEqual([
      ['kanri@city.example', 'admin'],
      ['torikomi@city.example', 'importer'],
    ]);
    expect(await countUsers(handle.db)).toBe(2);
    const [account] = await queryRows<{ password: string }>(handle.db, sql`select password from auth_accounts where user_id = ${admin.id}`);
    expect(account!.password).not.toContain(PASSWORD);
    expect(account!.password).toMatch(/^[0-9a-f]+:[0-9a-f]+$/); // better-auth's scrypt salt:hash
  });

  it('refuses an unknown role, a short password and a second user with the same email', async () => {
    await expect(createUser(auth, { email: 'x@city.example', name: 'x', password: PASSWORD, role: 'root' as 'admin' })).rejects.toThrow();
    await expect(createUser(auth, { email: 'x@city.example', name: 'x', password: 'short', role: 'viewer' })).rejects.toThrow();
    await expect(createUser(auth, { email: 'TORIKOMI@city.example', name: 'again', password: PASSWORD, role: 'viewer' })).rejects.toThrow();
    expect(await findUserByEmail(handle.db, 'x@city.example')).toBeNull();
  });

  it('signs in with the right password only, and the session expires after the configured time', async () => {
    await expect(auth.api.signInEmail({ body: { email: 'torikomi@city.example', password: 'wrong password!' } })).rejects.toThrow();
    const before = Date.now();
    const response = await auth.api.signInEmail({ body: { email: 'torikomi@city.example', password: PASSWORD }, asResponse: true });
    expect(response.status).toBe(200);
    const cookie = response.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    expect(cookie).toContain('hyoka.session_token=');
    const session = await auth.api.getSession({ headers: new Headers({ cookie }) });
    expect(session?.user).toMatchObject({ name: '取込 太郎', role: 'importer' });
    const lifetime = new Date(session!.session.expiresAt).getTime() - before;
    expect(lifetime).toBeGreaterThan((SESSION_EXPIRES_IN_SECONDS - 60) * 1000);
    expect(lifetime).toBeLessThanOrEqual((SESSION_EXPIRES_IN_SECONDS + 60) * 1000);

    // An expired session is no session.
    await handle.db.execute(sql`update auth_sessions set expires_at = now() - interval '1 second'`);
    expect(await auth.api.getSession({ headers: new Headers({ cookie }) })).toBeNull();
  });

  it('has sign-up closed: users exist only when an admin or the CLI creates them', async () => {
    await expect(auth.api.signUpEmail({ body: { email: 'self@city.example', name: 'self', password: PASSWORD } })).rejects.toThrow();
    expect(await findUserByEmail(handle.db, 'self@city.example')).toBeNull();
  });

  it('keeps one generated signing secret per database, and a configured one wins', async () => {
    const first = await authSecret(handle.db, env);
    expect(first).toHaveLength(43);
    expect(await authSecret(handle.db, env)).toBe(first);
    expect(await authSecret(handle.db, { ...env, BETTER_AUTH_SECRET: 'configured-secret' })).toBe('configured-secret');
  });
});
