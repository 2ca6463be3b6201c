/**
 * Trust in who is logged in and who did what, on both drivers: sign-in throttled per address
 * (the address from X-Forwarded-For only through a trusted proxy) and per account with back-off,
 * shared through the database; unknown emails cost a password hash too; the password policy and
 * name rules on every path; better-auth's own update endpoints closed; imports and rollbacks
 * carry the user's id and show the current name; the activity log.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listActivity } from '../../db/activity';
import { parseTrustedProxies, setClientAddress } from '../../db/auth/client-address';
import { createAuth, type Auth } from '../../db/auth/auth';
import { changeOwnPassword, createUser, renameUser, resetPassword, setUserRole } from '../../db/auth/users';
import { savePopulations } from '../../db/queries/settings';
import { queryRows, type DbHandle } from '../../db/client';
import { attributeImport } from '../../db/import/attribution';
import { loadCsvFile } from '../../db/import/load';
import { rollbackBatch } from '../../db/import/rollback';
import { getImportBatch, listImportBatches } from '../../db/queries/imports';
import { DRIVERS, freshDatabase } from '../support/databases';

const PASSWORD = 'correct horse battery';

/** An HTTP server in front of auth.handler that sets the client address as scripts/serve.ts does. */
async function serve(auth: Auth, trusted: string): Promise<{ url: string; server: Server }> {
  const proxies = parseTrustedProxies(trusted);
  const server = createServer(async (req, res) => {
    setClientAddress(req, proxies);
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
    const response = await auth.handler(
      new Request(`http://${req.headers.host}${req.url}`, { method: req.method, headers, body: req.method === 'POST' ? Buffer.concat(chunks) : undefined }),
    );
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

function signIn(url: string, email: string, password: string, forwardedFor?: string): Promise<Response> {
  return fetch(`${url}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: url, ...(forwardedFor ? { 'X-Forwarded-For': forwardedFor } : {}) },
    body: JSON.stringify({ email, password }),
  });
}

describe.each(DRIVERS)('trust on %s', (driver) => {
  let handle: DbHandle;
  let auth: Auth;
  let hashes = 0;
  const env = { ...process.env, BETTER_AUTH_SECRET: 'test-secret-test-secret-test-secret', HYOKA_SIGNIN_PER_MINUTE: '8' };

  beforeAll(async () => {
    handle = await freshDatabase(driver);
    auth = await createAuth(handle.db, { env, onHash: () => hashes++ });
    await createUser(auth, { email: 'kanri@city.example', name: '管理 花子', password: PASSWORD, role: 'admin' });
    await createUser(auth, { email: 'torikomi@city.example', name: '取込 太郎', password: PASSWORD, role: 'importer' });
    await createUser(auth, { email: 'etsuran@city.example', name: '閲覧 次郎', password: PASSWORD, role: 'viewer' });
  });
  afterAll(() => handle?.close());

  it('does not let X-Forwarded-For from an untrusted peer reset the per-address limit', async () => {
    const { url, server } = await serve(auth, '');
    try {
      const statuses: number[] = [];
      // Different unknown accounts, so only the per-address limit (8 a minute here) can stop them.
      for (let i = 0; i < 10; i++) statuses.push((await signIn(url, `nobody${i}@city.example`, 'wrong password!', `203.0.113.${i}`)).status);
      expect(statuses.slice(0, 8).every((s) => s === 401)).toBe(true);
      expect(statuses.slice(8)).toEqual([429, 429]);
    } finally {
      server.close();
    }
  });

  it('uses X-Forwarded-For through a trusted proxy: each client has its own limit', async () => {
    await handle.db.execute(sql`delete from auth_rate_limits`);
    const { url, server } = await serve(auth, '127.0.0.1');
    try {
      for (let i = 0; i < 9; i++) await signIn(url, `a${i}@city.example`, 'wrong password!', '198.51.100.7');
      expect((await signIn(url, 'b@city.example', 'wrong password!', '198.51.100.7')).status).toBe(429);
      // Another client behind the same proxy is not affected; a spoofed left-most hop is ignored.
      expect((await signIn(url, 'c@city.example', 'wrong password!', '198.51.100.7, 198.51.100.8')).status).toBe(401);
      const [row] = await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n from auth_rate_limits where key like '198.51.100.8|%'`);
      expect(row!.n).toBe(1);
    } finally {
      server.close();
    }
  });

  it('throttles one account with a doubling wait, even for the right password, and says when to retry', async () => {
    await handle.db.execute(sql`delete from auth_rate_limits`);
    const { url, server } = await serve(auth, '127.0.0.1');
    try {
      for (let i = 0; i < 5; i++) expect((await signIn(url, 'kanri@city.example', `wrong password ${i}`, `192.0.2.${i}`)).status).toBe(401);
      const locked = await signIn(url, 'kanri@city.example', PASSWORD, '192.0.2.99');
      expect(locked.status).toBe(429);
      const body = (await locked.json()) as { message: string; retryAfter: number };
      expect(body.retryAfter).toBeGreaterThan(20);
      expect(body.retryAfter).toBeLessThanOrEqual(30);
      expect(body.message).toMatch(/秒後にもう一度/);
      expect(body.message).toMatch(/Try again in \d+ seconds/);
      // The wait ends; one more failure doubles it.
      await handle.db.execute(sql`update auth_sign_in_failures set locked_until = now() - interval '1 second'`);
      expect((await signIn(url, 'kanri@city.example', 'wrong again!!', '192.0.2.50')).status).toBe(401);
      const [row] = await queryRows<{ secs: number; failures: number }>(
        handle.db,
        sql`select failures, extract(epoch from locked_until - now())::int as secs from auth_sign_in_failures where email = 'kanri@city.example'`,
      );
      expect(row!.failures).toBe(6);
      expect(row!.secs).toBeGreaterThan(50);
      expect(row!.secs).toBeLessThanOrEqual(60);
      // Another account from the same address is not locked out.
      expect((await signIn(url, 'torikomi@city.example', PASSWORD, '192.0.2.1')).status).toBe(200);
    } finally {
      server.close();
    }
  });

  it('shares both limits between two auth instances on one database (two app processes)', async () => {
    await handle.db.execute(sql`delete from auth_rate_limits`);
    await handle.db.execute(sql`delete from auth_sign_in_failures`);
    const other = await createAuth(handle.db, { env });
    const a = await serve(auth, '');
    const b = await serve(other, '');
    try {
      for (let i = 0; i < 4; i++) await signIn(a.url, `x${i}@city.example`, 'wrong password!');
      for (let i = 0; i < 4; i++) await signIn(b.url, `y${i}@city.example`, 'wrong password!');
      expect((await signIn(a.url, 'z@city.example', 'wrong password!')).status).toBe(429);
      // The count lives in the database (not in one process's memory).
      const [counted] = await queryRows<{ count: number }>(handle.db, sql`select count from auth_rate_limits where key like '%/sign-in/email'`);
      expect(Number(counted!.count)).toBe(8);
      await handle.db.execute(sql`delete from auth_rate_limits`);
      for (let i = 0; i < 3; i++) await signIn(a.url, 'etsuran@city.example', 'wrong password!');
      for (let i = 0; i < 2; i++) await signIn(b.url, 'etsuran@city.example', 'wrong password!');
      expect((await signIn(a.url, 'etsuran@city.example', PASSWORD)).status).toBe(429);
    } finally {
      a.server.close();
      b.server.close();
    }
  });

  it('hashes the password for unknown emails as for known ones', async () => {
    await handle.db.execute(sql`delete from auth_sign_in_failures`);
    hashes = 0;
    await expect(auth.api.signInEmail({ body: { email: 'nobody@city.example', password: 'wrong password!' } })).rejects.toThrow();
    const unknown = hashes;
    hashes = 0;
    await expect(auth.api.signInEmail({ body: { email: 'torikomi@city.example', password: 'wrong password!' } })).rejects.toThrow();
    expect(unknown).toBe(1);
    expect(hashes).toBe(1);
  });

  it('applies the password policy and the name rules to creating users, also through the API', async () => {
    for (const password of ['aaaaaaaaaa', 'password123', '1234567890', 'new@city.example', 'short']) {
      await expect(createUser(auth, { email: 'new@city.example', name: '新人', password, role: 'viewer' })).rejects.toThrow(/パスワード/);
    }
    await expect(createUser(auth, { email: 'new@city.example', name: '管理　花子', password: PASSWORD, role: 'viewer' })).rejects.toThrow(/別の利用者/);
    await expect(createUser(auth, { email: 'new@city.example', name: 'x'.repeat(51), password: PASSWORD, role: 'viewer' })).rejects.toThrow(/50/);
    await expect(createUser(auth, { email: 'new@city.example', name: 'a\u0007b', password: PASSWORD, role: 'viewer' })).rejects.toThrow(/制御文字/);
    const [n] = await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n from auth_users where email = 'new@city.example'`);
    expect(n!.n).toBe(0);
  });

  it('closes better-auth update-user: no renaming around the checks', async () => {
    const response = await auth.api.signInEmail({ body: { email: 'etsuran@city.example', password: PASSWORD }, asResponse: true });
    const cookie = response.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    await expect(auth.api.updateUser({ body: { name: '管理 花子' }, headers: new Headers({ cookie }) })).rejects.toThrow(/account/);
    await expect(auth.api.updateUser({ body: { name: 'x'.repeat(1_000_028) }, headers: new Headers({ cookie }) })).rejects.toThrow();
    const [row] = await queryRows<{ name: string }>(handle.db, sql`select name from auth_users where email = 'etsuran@city.example'`);
    expect(row!.name).toBe('閲覧 次郎');
  });

  it('renames with validation and uniqueness, and logs it', async () => {
    const [viewer] = await queryRows<{ id: string }>(handle.db, sql`select id from auth_users where email = 'etsuran@city.example'`);
    const actor = { id: viewer!.id, name: '閲覧 次郎' };
    await expect(renameUser(handle.db, viewer!.id, 'ＴＯＲＩＫＯＭＩ', actor)).resolves.toBe('TORIKOMI');
    await expect(renameUser(handle.db, viewer!.id, '取込　太郎', actor)).rejects.toThrow(/別の利用者/);
    await expect(renameUser(handle.db, viewer!.id, '   ', actor)).rejects.toThrow(/氏名を入力/);
    await expect(renameUser(handle.db, viewer!.id, 'y'.repeat(1_000_028), actor)).rejects.toThrow(/50/);
    await expect(renameUser(handle.db, viewer!.id, '  閲覧　次郎 ', actor)).resolves.toBe('閲覧 次郎');
    const log = await listActivity(handle.db, { kind: 'user.name', userId: viewer!.id });
    expect(log.rows.map((r) => r.detail)).toEqual([
      { userId: viewer!.id, from: 'TORIKOMI', to: '閲覧 次郎' },
      { userId: viewer!.id, from: '閲覧 次郎', to: 'TORIKOMI' },
    ]);
  });

  it('records the importing and rolling-back user by id and shows their current name', async () => {
    const [importer] = await queryRows<{ id: string }>(handle.db, sql`select id from auth_users where email = 'torikomi@city.example'`);
    const actor = { id: importer!.id, name: '取込 太郎' };
    const csv = '市区町村コード,市区町村名,年度,事業番号,事業名\n999999,信頼市,2023,P-1,事業\n';
    const outcome = await loadCsvFile(handle.db, new TextEncoder().encode(csv), { fileName: 'trust.csv', createdBy: actor.name });
    const batchId = outcome.batchId;
    await attributeImport(handle.db, batchId, 'import.committed', actor);
    await renameUser(handle.db, importer!.id, '取込 太郎（改名）', actor);
    expect((await listImportBatches(handle.db)).rows.find((r) => r.id === batchId)?.createdBy).toBe('取込 太郎(改名)');
    expect((await rollbackBatch(handle.db, batchId, actor)).ok).toBe(true);
    const batch = await getImportBatch(handle.db, batchId);
    expect(batch?.report.rolledBack?.by).toBe('取込 太郎(改名)');
    const [ids] = await queryRows<{ c: string; r: string }>(
      handle.db,
      sql`select created_by_user_id as c, rolled_back_by_user_id as r from import_batches where id = ${batchId}`,
    );
    expect(ids).toEqual({ c: importer!.id, r: importer!.id });
    const kinds = (await listActivity(handle.db, { userId: importer!.id })).rows.map((r) => r.kind);
    expect(kinds).toEqual(expect.arrayContaining(['import.committed', 'import.rolled_back', 'user.name']));
    // Checking and discarding an upload are logged too.
    await attributeImport(handle.db, batchId, 'import.checked', actor, { ok: true });
    await attributeImport(handle.db, batchId, 'import.discarded', actor);
    expect((await listActivity(handle.db, { userId: importer!.id, kind: 'import.discarded' })).total).toBe(1);
    // The user is gone: the stored name is shown.
    await handle.db.execute(sql`delete from auth_users where id = ${importer!.id}`);
    expect((await listImportBatches(handle.db)).rows.find((r) => r.id === batchId)?.createdBy).toBe('取込 太郎');
    expect((await listActivity(handle.db, { userId: importer!.id })).rows[0]?.userName).toBe('取込 太郎');
  });

  it('logs user creation, role changes, password resets and changes, and settings, with who, filterable', async () => {
    const signedIn = async (email: string, password: string) => {
      const response = await auth.api.signInEmail({ body: { email, password }, asResponse: true });
      return new Headers({
        cookie: response.headers
          .getSetCookie()
          .map((c) => c.split(';')[0])
          .join('; '),
      });
    };
    await handle.db.execute(sql`delete from auth_sign_in_failures`);
    const [admin] = await queryRows<{ id: string }>(handle.db, sql`select id from auth_users where email = 'kanri@city.example'`);
    const adminActor = { id: admin!.id, name: '管理 花子' };
    const adminHeaders = await signedIn('kanri@city.example', PASSWORD);
    const created = await createUser(auth, { email: 'shinjin@city.example', name: '新人 三郎', password: PASSWORD, role: 'viewer' }, adminHeaders, adminActor);
    await setUserRole(auth, created.id, 'importer', adminHeaders, adminActor);
    const newcomer = await signedIn('shinjin@city.example', PASSWORD);
    await expect(resetPassword(auth, created.id, 'aaaaaaaaaa', adminHeaders, adminActor)).rejects.toThrow(/推測されやすい/);
    await resetPassword(auth, created.id, 'another long phrase 77', adminHeaders, adminActor);
    // The reset ended the user's sessions.
    expect(await auth.api.getSession({ headers: newcomer })).toBeNull();
    const mine = await signedIn('shinjin@city.example', 'another long phrase 77');
    const second = await signedIn('shinjin@city.example', 'another long phrase 77');
    const user = { id: created.id, email: 'shinjin@city.example', name: '新人 三郎' };
    await expect(changeOwnPassword(auth, user, 'not the password', 'yet another phrase 88', mine)).rejects.toThrow(/現在のパスワード/);
    await expect(changeOwnPassword(auth, user, 'another long phrase 77', 'password123', mine)).rejects.toThrow(/推測されやすい/);
    await changeOwnPassword(auth, user, 'another long phrase 77', 'yet another phrase 88', mine);
    // Changing one's password ends one's other sessions.
    expect(await auth.api.getSession({ headers: second })).toBeNull();
    await handle.db.execute(sql`insert into municipalities (code, name) values ('888888', '設定町')`);
    const [town] = await queryRows<{ id: number }>(handle.db, sql`select id from municipalities where code = '888888'`);
    await savePopulations(handle.db, town!.id, [{ fiscalYear: 2024, population: 12345 }], adminActor);

    const kinds = (await listActivity(handle.db, { from: new Date(Date.now() - 60_000) })).rows.map((r) => r.kind);
    expect(kinds).toEqual(expect.arrayContaining(['user.created', 'user.role', 'user.password_reset', 'user.password_changed', 'settings.populations']));
    const roles = await listActivity(handle.db, { kind: 'user.role' });
    expect(roles.rows[0]).toMatchObject({ userId: admin!.id, userName: '管理 花子', detail: { userId: created.id, from: 'viewer', to: 'importer' } });
    const settings = await listActivity(handle.db, { kind: 'settings.populations', userId: admin!.id });
    expect(settings.rows[0]?.detail).toEqual({ municipalityId: town!.id, changes: [{ fiscalYear: 2024, from: null, to: 12345 }] });
    expect((await listActivity(handle.db, { kind: 'user.role', to: new Date(Date.now() - 3_600_000) })).total).toBe(0);
  });
});
