/** The overview in a real browser: KPIs from the demo city, and the Recharts chart drawn as SVG. */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from '../support/browser';

describe('overview page in Chromium', () => {
  let browser: Browser;
  let page: Page;
  const baseUrl = inject('baseUrl');

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'ja-JP' });
  });
  afterAll(() => browser?.close());

  it('shows the latest fiscal year’s KPIs for the demo city', async () => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const response = await page.goto(baseUrl + '/');
    expect(response?.status()).toBe(200);
    await expect(page.locator('h1').textContent()).resolves.toMatch(/桜ヶ丘市 令和6年度 \(2024\) 事務事業評価の概要/);
    const projects = await page.getByTestId('kpi-projects').textContent();
    expect(Number(projects?.match(/^([\d,]+)事業/)?.[1]?.replace(/,/g, ''))).toBeGreaterThan(500);
    await expect(page.getByTestId('kpi-total-cost').textContent()).resolves.toMatch(/^[\d,]+千円/);
    await expect(page.getByTestId('kpi-cost-per-citizen').textContent()).resolves.toMatch(/^[\d,]+円人口 [\d,]+人/);
    await expect(page.getByTestId('kpi-median-attainment').textContent()).resolves.toMatch(/^\d+\.\d%/);
    expect(errors).toEqual([]);
  });

  it('draws the cost-per-citizen chart as SVG bars, one per まちづくり目標', async () => {
    const bars = page.locator('[data-testid="goal-chart"] svg .recharts-bar-rectangle');
    await bars.first().waitFor({ state: 'visible', timeout: 15_000 });
    expect(await bars.count()).toBe(6);
    const ticks = await page.locator('[data-testid="goal-chart"] svg .recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value').allTextContents();
    expect(ticks).toHaveLength(6);
    expect(ticks[0]).toBe('1 子育て・教育');
  });

  it('switches fiscal year through the URL', async () => {
    await page.goto(baseUrl + '/?year=2022');
    await expect(page.locator('h1').textContent()).resolves.toContain('令和4年度 (2022)');
    await expect(page.locator('select[name="year"]').inputValue()).resolves.toBe('2022');
  });
});
