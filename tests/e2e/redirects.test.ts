/**
 * No open redirect: hostile `back` targets of the language switch and `next` targets of the
 * login page, followed by Chromium itself (which strips TAB/CR/LF and reads `\` as `/`), leave
 * the browser on this site. Every request to another host is answered by a stub page, so a
 * browser that leaves shows up as a URL on that host.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { contextWith, TEST_USERS } from '../support/auth';
import { launchBrowser } from '../support/browser';

const baseUrl = inject('baseUrl');
const HOSTILE = ['/%5Cevil.example/', '/%09/evil.example/path', '/%0A/evil.example/path', '/%0D/evil.example/path', '/%5C%09evil.example', '//evil.example/'];

describe('redirect targets keep Chromium on the site', () => {
  let browser: Browser;
  let context: BrowserContext;
  const offSite: string[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    context = await contextWith(browser, baseUrl, null);
    const origin = new URL(baseUrl).origin;
    await context.route('**/*', async (route) => {
      const url = route.request().url();
      if (new URL(url).origin === origin) return route.continue();
      offSite.push(url);
      return route.fulfill({ status: 200, contentType: 'text/html', body: '<h1>evil</h1>' });
    });
  });
  afterAll(() => browser?.close());

  it.each(HOSTILE)('the language switch with back=%s', async (back) => {
    const page = await context.newPage();
    offSite.length = 0;
    await page.goto(`${baseUrl}/locale?to=ja&back=${back}`);
    expect(new URL(page.url()).origin).toBe(new URL(baseUrl).origin);
    expect(offSite).toEqual([]);
    await page.close();
  });

  it.each(HOSTILE)('logging in with next=%s', async (next) => {
    const page = await context.newPage();
    offSite.length = 0;
    await page.goto(`${baseUrl}/login?next=${next}`);
    await page.fill('input[name="email"]', TEST_USERS.viewer.email);
    await page.fill('input[name="password"]', TEST_USERS.viewer.password);
    await page.getByRole('button', { name: 'ログイン' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    expect(new URL(page.url()).origin).toBe(new URL(baseUrl).origin);
    expect(offSite).toEqual([]);
    await context.clearCookies();
    await page.close();
  });

  it('a same-site next is still where logging in goes', async () => {
    const page = await context.newPage();
    await page.goto(`${baseUrl}/login?next=${encodeURIComponent('/projects?year=2024')}`);
    await page.fill('input[name="email"]', TEST_USERS.viewer.email);
    await page.fill('input[name="password"]', TEST_USERS.viewer.password);
    await page.getByRole('button', { name: 'ログイン' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    expect(page.url()).toBe(`${baseUrl}/projects?year=2024`);
    await context.clearCookies();
    await page.close();
  });
});
