/**
 * The same demo city on embedded PGlite and on a real PostgreSQL server must read the same: every
 * page's visible text is compared between the two apps that tests/support/global-app.ts starts.
 * Catches driver differences (count(*) as text, numeric precision, ordering of ties) that unit
 * and single-driver tests cannot.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, waitForPanels } from '../support/browser';

/** Every page a user reaches from the menu, in a few filter states. */
const PAGES = [
  '/',
  '/?year=2022',
  '/policies',
  '/policies/1',
  '/policies/4/9/14/34?year=2021',
  '/watchlist',
  '/watchlist?year=2023&attainment=70&department=%E7%B5%8C%E6%B8%88%E9%83%A8',
];

describe('pages read the same on PGlite and PostgreSQL', () => {
  let browser: Browser;
  let page: Page;
  const pgliteUrl = inject('baseUrl');
  const postgresUrl = inject('postgresBaseUrl');

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'ja-JP' });
  });
  afterAll(() => browser?.close());

  async function mainText(url: string): Promise<string> {
    const response = await page.goto(url);
    expect(response?.status(), url).toBe(200);
    await waitForPanels(page);
    // Where the population came from depends on how each server's data was seeded, not on the driver.
    return (await page.locator('main').innerText()).replace(/（[^（）]*から取込）|（設定で入力）/g, '');
  }

  it.each(PAGES)('%s', async (path) => {
    const onPglite = await mainText(pgliteUrl + path);
    const onPostgres = await mainText(postgresUrl + path);
    // Both must show real figures, not an empty state that would trivially compare equal.
    expect(onPglite).toMatch(/\d[\d,]*千円/);
    expect(onPostgres).toBe(onPglite);
  });
});
