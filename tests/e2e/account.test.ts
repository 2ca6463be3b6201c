/**
 * Accounts in Chromium on the built app: an admin creates a user, is refused a weak password and
 * resets theirs; the user changes their own password on /account (the current one is required);
 * the activity page lists all of it, filters it and exports it as CSV — for admins only: anonymous
 * visitors, viewers and importers get a refusal with none of the log in it.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { contextWith, logIn } from '../support/auth';
import { launchBrowser } from '../support/browser';

const NEWCOMER = { email: 'koza@test.example', name: '口座 四郎' };
const FIRST = 'first phrase for e2e 1';
const SECOND = 'second phrase for e2e 2';
const THIRD = 'third phrase for e2e 3';

describe('accounts and the activity log in Chromium', () => {
  let browser: Browser;
  let admin: Page;
  const baseUrl = inject('baseUrl');
  const sessions = inject('sessions');

  beforeAll(async () => {
    browser = await launchBrowser();
    admin = await (await contextWith(browser, baseUrl, sessions.admin)).newPage();
  });
  afterAll(async () => {
    await browser?.close();
  });

  const signInStatus = async (password: string) =>
    (
      await fetch(`${baseUrl}/api/auth/sign-in/email`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: baseUrl },
        body: JSON.stringify({ email: NEWCOMER.email, password }),
      })
    ).status;

  it('lets an admin create a user and reset their password, refusing weak ones', async () => {
    await admin.goto(`${baseUrl}/admin/users`);
    const form = admin.getByTestId('create-user');
    await form.locator('input[name="name"]').fill(NEWCOMER.name);
    await form.locator('input[name="email"]').fill(NEWCOMER.email);
    await form.locator('input[name="password"]').fill(FIRST);
    await form.getByRole('button').click();
    await admin.waitForURL(/created=/);

    const reset = admin.getByTestId(`reset-${NEWCOMER.email}`);
    await reset.locator('input[name="password"]').fill('aaaaaaaaaa');
    await reset.getByRole('button').click();
    await admin.waitForURL(/error=/);
    await expect(admin.locator('p.warning').textContent()).resolves.toMatch(/推測されやすい.*too easy to guess/);

    await admin.getByTestId(`reset-${NEWCOMER.email}`).locator('input[name="password"]').fill(SECOND);
    await admin.getByTestId(`reset-${NEWCOMER.email}`).getByRole('button').click();
    await admin.waitForURL(/reset=/);
    expect(await signInStatus(FIRST)).toBe(401);
    expect(await signInStatus(SECOND)).toBe(200);
  });

  it('lets a user change their own password with the current one', async () => {
    const cookie = await logIn(baseUrl, { email: NEWCOMER.email, password: SECOND });
    const page = await (await contextWith(browser, baseUrl, cookie)).newPage();
    await page.goto(`${baseUrl}/account`);
    const form = page.getByTestId('change-password');
    await form.locator('input[name="current"]').fill('not my password');
    await form.locator('input[name="next"]').fill(THIRD);
    await form.getByRole('button').click();
    await page.waitForURL(/error=/);
    await expect(page.locator('p.warning').textContent()).resolves.toMatch(/現在のパスワードが違います/);

    await page.getByTestId('change-password').locator('input[name="current"]').fill(SECOND);
    await page.getByTestId('change-password').locator('input[name="next"]').fill(THIRD);
    await page.getByTestId('change-password').getByRole('button').click();
    await page.waitForURL(/saved=password/);
    await expect(page.locator('p.notice').textContent()).resolves.toMatch(/パスワードを変更しました/);
    // Still logged in here; the old password no longer works, the new one does.
    await expect(page.getByTestId('account').locator('.user-name').textContent()).resolves.toBe(NEWCOMER.name);
    expect(await signInStatus(SECOND)).toBe(401);
    expect(await signInStatus(THIRD)).toBe(200);
  });

  it('shows admins the activity, filtered, and exports it as CSV', async () => {
    await admin.goto(`${baseUrl}/admin/activity`);
    const table = admin.getByTestId('activity');
    await expect(table.locator('tr[data-kind="user.created"]').first().textContent()).resolves.toContain(NEWCOMER.email);
    await expect(table.locator('tr[data-kind="user.password_changed"]').first().textContent()).resolves.toContain(NEWCOMER.name);
    await admin.goto(`${baseUrl}/admin/activity?kind=user.password_reset`);
    const kinds = await admin
      .getByTestId('activity')
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-kind')));
    expect(kinds.length).toBeGreaterThan(0);
    expect(new Set(kinds)).toEqual(new Set(['user.password_reset']));

    const response = await fetch(`${baseUrl}/admin/activity/export?kind=user.created`, { headers: { cookie: sessions.admin } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/csv/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain('日時,種類,利用者ID,利用者,内容');
    expect(text).toContain(NEWCOMER.email);
    expect(text).not.toContain('user.password_reset');
  });

  it.each([
    ['anonymous', null, 401],
    ['viewer', 'viewer', 403],
    ['importer', 'importer', 403],
  ] as const)('refuses the activity log to %s', async (_who, role, status) => {
    const cookie = role ? sessions[role] : null;
    const exported = await fetch(`${baseUrl}/admin/activity/export`, { headers: cookie ? { cookie } : {}, redirect: 'manual' });
    expect(exported.status).toBe(status);
    const body = await exported.text();
    expect(body).not.toContain('user.');
    expect(body).not.toContain(NEWCOMER.email);
    const page = await fetch(`${baseUrl}/admin/activity`, { headers: cookie ? { cookie } : {}, redirect: 'manual' });
    const html = await page.text();
    expect(html).not.toContain(NEWCOMER.email);
    expect(html).not.toContain('data-kind=');
  });
});
