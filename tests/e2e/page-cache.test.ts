/**
 * The page cache (app/lib/page-cache.ts, proxy.ts) on the real server: a repeated page is answered
 * from memory, never across locales or users, and a write to the database by anyone — here a
 * statement from another process, as `npm run import` or psql would be — shows on the very next
 * request. Runs on the PostgreSQL app, because only there can a second process write while the
 * app is serving; the PGlite app goes through the same proxy in every other e2e test.
 */
import postgres from 'postgres';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, waitForPanels } from '../support/browser';
import { TEST_USERS } from '../support/auth';

const base = inject('postgresBaseUrl');
const sessions = inject('postgresSessions');

async function get(path: string, cookie?: string): Promise<{ status: string | null; body: string }> {
  const response = await fetch(base + path, { headers: cookie ? { cookie } : {} });
  expect(response.status, path).toBe(200);
  return { status: response.headers.get('x-hyoka-cache'), body: await response.text() };
}

/** The cost-per-citizen KPI as the HTML shows it. */
const costPerCitizen = (html: string) => /data-testid="kpi-cost-per-citizen"[^>]*>([^<]+)</.exec(html)?.[1];

describe('page cache', () => {
  let sql: postgres.Sql;
  beforeAll(() => {
    sql = postgres(inject('postgresDatabaseUrl'), { max: 1, onnotice: () => {} });
  });
  afterAll(() => sql?.end());

  it('answers a repeated page from memory, byte for byte', async () => {
    const path = '/?year=2021&municipality=page-cache-test-1';
    const first = await get(path);
    expect(first.status).toBe('miss');
    const second = await get(path);
    expect(second.status).toBe('hit');
    expect(second.body).toBe(first.body);
    expect(costPerCitizen(second.body)).toMatch(/\d+円/);
  });

  it('keeps each locale and each user apart', async () => {
    const path = '/?year=2021&municipality=page-cache-test-2';
    const japanese = await get(path);
    const english = await get(path, 'hyoka-locale=en');
    expect(english.status).toBe('miss');
    expect(english.body).toContain('Overview');
    expect(japanese.body).not.toContain('>Overview<');

    const viewer = await get(path, sessions.viewer);
    expect(viewer.status).toBe('miss');
    expect(viewer.body).toContain(TEST_USERS.viewer.name);
    const admin = await get(path, sessions.admin);
    expect(admin.status).toBe('miss');
    expect(admin.body).toContain(TEST_USERS.admin.name);
    expect(admin.body).not.toContain(TEST_USERS.viewer.name);
    expect((await get(path)).body).not.toContain(TEST_USERS.viewer.name);
    expect((await get(path, sessions.viewer)).status).toBe('hit');
  });

  it('a write from another process shows on the next request', async () => {
    const path = '/?year=2022&municipality=page-cache-test-3';
    await get(path);
    const before = await get(path);
    expect(before.status).toBe('hit');
    const shown = costPerCitizen(before.body);
    try {
      await sql`update municipality_populations set population = population * 2`;
      const after = await get(path);
      expect(after.status).toBe('miss');
      expect(costPerCitizen(after.body)).not.toBe(shown);
    } finally {
      await sql`update municipality_populations set population = population / 2`;
    }
    const restored = await get(path);
    expect(restored.status).toBe('miss');
    expect(costPerCitizen(restored.body)).toBe(shown);
  });

  it('a forged fill header gets the cached answer, not a render', async () => {
    const path = '/?year=2021&municipality=page-cache-test-5';
    const first = await get(path);
    for (const value of ['fill', '1', first.body.slice(0, 43)]) {
      const forged = await fetch(base + path, { headers: { 'x-hyoka-page-cache': value } });
      expect(forged.status).toBe(200);
      expect(forged.headers.get('x-hyoka-cache'), value).toBe('hit');
      expect(await forged.text()).toBe(first.body);
    }
  });

  it('parameters no page reads are redirected away, so the cached page answers', async () => {
    const path = '/?year=2021&municipality=page-cache-test-6';
    const first = await get(path);
    for (let n = 1; n <= 5; n++) {
      const redirected = await fetch(`${base}${path}&nocache=${n}`, { redirect: 'manual' });
      expect(redirected.status).toBe(307);
      const location = new URL(redirected.headers.get('location')!, base);
      expect(location.pathname + location.search).toBe(path);
      await redirected.arrayBuffer();
      const followed = await fetch(`${base}${path}&nocache=${n}`);
      expect(followed.headers.get('x-hyoka-cache')).toBe('hit');
      expect(await followed.text()).toBe(first.body);
    }
    // The same parameters in another order are the same page.
    const reordered = await fetch(`${base}/?municipality=page-cache-test-6&year=2021`);
    expect(reordered.headers.get('x-hyoka-cache')).toBe('hit');
    await reordered.arrayBuffer();
  });

  it('exports, imports and settings are never cached', async () => {
    for (const path of ['/projects/export', '/imports', '/settings', '/login']) {
      const response = await fetch(base + path, { headers: { cookie: sessions.admin } });
      expect(response.headers.get('x-hyoka-cache'), path).toBeNull();
      await response.arrayBuffer();
    }
  });

  describe('in Chromium', () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchBrowser();
    });
    afterAll(() => browser?.close());

    it('a page served from memory works like a rendered one: charts, tooltips, links', async () => {
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'ja-JP' });
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      const path = '/?year=2023&municipality=page-cache-test-4';
      const statuses: (string | undefined)[] = [];
      for (let i = 0; i < 2; i++) {
        const response = await page.goto(base + path);
        statuses.push(response?.headers()['x-hyoka-cache']);
        await waitForPanels(page);
      }
      expect(statuses).toEqual(['miss', 'hit']);
      expect(await page.locator('svg .chart-link').count()).toBeGreaterThan(5);
      // Client-side navigation from the cached page still works (an RSC request, its own key).
      await page.locator('nav a[href^="/projects"]').first().click();
      await page.waitForURL(/\/projects/);
      await expect.poll(() => page.locator('table tbody tr').count()).toBeGreaterThan(0);
      expect(errors).toEqual([]);
      await page.close();
    });
  });
});
