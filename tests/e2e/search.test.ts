/**
 * Search from the header box in a real browser, on the demo data (three municipalities, five
 * years): a plain GET form (tried with JavaScript off), ranked hits with the words in <mark>
 * whatever width they were typed in, a hit leading to its sheet, and /projects' `q`.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from '../support/browser';

const baseUrl = inject('baseUrl');
const BOX = '事業を検索（すべての自治体・年度）';

async function hitCount(page: Page): Promise<number> {
  return Number(await page.getByTestId('search-count').getAttribute('data-count'));
}

describe('search in Chromium', () => {
  let browser: Browser;
  const errors: string[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it('searches from the header box without JavaScript, marking the words typed half-width', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, locale: 'ja-JP' });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/`);
    await page.getByRole('searchbox', { name: BOX }).fill('ｻﾎﾟｰﾀｰ');
    await Promise.all([page.waitForURL(/\/search\?q=/), page.getByRole('searchbox', { name: BOX }).press('Enter')]);
    expect(new URL(page.url()).searchParams.get('q')).toBe('ｻﾎﾟｰﾀｰ');
    await expect(page.locator('h1').textContent()).resolves.toBe('「ｻﾎﾟｰﾀｰ」の検索結果');
    expect(await hitCount(page)).toBeGreaterThan(0);
    // The demo's text says サポーター (full-width): that is what is marked.
    const marks = await page.locator('.search-hits mark').allTextContents();
    expect(marks.length).toBeGreaterThan(0);
    expect(new Set(marks)).toEqual(new Set(['サポーター']));
    await context.close();
  });

  it('finds a word inside compounds in every municipality, names first, and leads to the sheet', async () => {
    const page = await browser.newPage({ locale: 'ja-JP' });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${baseUrl}/search?q=${encodeURIComponent('育て支')}`);
    expect(await hitCount(page)).toBeGreaterThan(20);
    const hits = page.getByTestId('search-hit');
    await expect(hits.count()).resolves.toBe(20);
    // 子育て支援センター projects: the name's match ranks them first, their name marked.
    await expect(hits.first().locator('.hit-name mark').textContent()).resolves.toBe('育て支');
    const metas = await page.locator('.search-hit .hit-meta').allTextContents();
    expect(new Set(metas.map((m) => m.split(' ・ ')[0])).size).toBeGreaterThan(1);
    await expect(page.getByTestId('pagination').isVisible()).resolves.toBe(true);

    const name = (await hits.first().locator('.hit-name').textContent()) ?? '';
    await Promise.all([page.waitForURL(/\/projects\/[^/?]+\?municipality=/), hits.first().locator('.hit-name').click()]);
    await expect(page.locator('h1').textContent()).resolves.toBe(name);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('filters /projects with the same matching', async () => {
    const page = await browser.newPage({ locale: 'ja-JP' });
    await page.goto(`${baseUrl}/projects`);
    const all = Number(await page.getByTestId('project-count').getAttribute('data-count'));
    await page.goto(`${baseUrl}/projects?q=${encodeURIComponent('ｻﾎﾟｰﾀｰ')}`);
    const some = Number(await page.getByTestId('project-count').getAttribute('data-count'));
    expect(some).toBeGreaterThan(0);
    expect(some).toBeLessThan(all);
    await page.close();
  });
});
