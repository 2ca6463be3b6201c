/**
 * The data-quality report in a real browser on the demo data (which carries a few deliberate
 * slips), against the app on PGlite and on PostgreSQL: the overview's card counts what the
 * report lists, each check's count lists exactly its rows, the department filter narrows the
 * groups, and the CSV holds exactly the listed findings.
 */
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openJapanesePage } from '../support/browser';
import { figure } from '../support/figures';

const SERVERS = [
  ['PGlite', inject('baseUrl')],
  ['PostgreSQL', inject('postgresBaseUrl')],
] as const;

const CHECKS = ['sources', 'total', 'unitCost', 'noTarget', 'notRated', 'unitChanged', 'cumulativeDown'];

describe.each(SERVERS)('data-quality report in Chromium, app on %s', (_driver, baseUrl) => {
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    ({ browser, page } = await openJapanesePage(errors, { acceptDownloads: true }));
  });
  afterAll(() => browser?.close());

  const rowChecks = () => page.locator('[data-testid="quality-row"]').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-check')!));
  /** The checks of every row over all pages (50 a page), following the page links. */
  const allRowChecks = async () => {
    const checks = await rowChecks();
    for (;;) {
      const next = await page
        .locator('[data-testid="pagination"] a[rel="next"]')
        .getAttribute('href', { timeout: 1000 })
        .catch(() => null);
      if (next === null) return checks;
      await page.goto(new URL(next, page.url()).toString());
      checks.push(...(await rowChecks()));
    }
  };

  it('is reached from the overview’s card, which counts what it lists', async () => {
    await page.goto(baseUrl + '/');
    const card = figure(await page.getByTestId('quality-card-count').textContent());
    expect(card).toBeGreaterThan(0);
    await Promise.all([page.waitForURL(/\/quality\?municipality=999001&year=2024/), page.getByTestId('quality-card').click()]);
    await expect(page.locator('h1').textContent()).resolves.toBe('桜ヶ丘市 令和6年度 (2024) データ品質');
    await expect(page.getByTestId('quality-summary').textContent()).resolves.toContain(`${card.toLocaleString('ja-JP')}件の指摘`);
    const checks = await allRowChecks();
    expect(checks.length).toBe(card);
    // Each check's count is its rows; the demo's deliberate slips show up.
    for (const key of CHECKS) expect(figure(await page.getByTestId(`check-count-${key}`).textContent()), key).toBe(checks.filter((c) => c === key).length);
    for (const key of ['sources', 'unitCost', 'unitChanged', 'notRated']) expect(checks.filter((c) => c === key).length, key).toBeGreaterThan(0);
  });

  it('lists one check’s findings from its card, in words', async () => {
    await page.goto(baseUrl + '/quality');
    const count = figure(await page.getByTestId('check-count-unitCost').textContent());
    await Promise.all([page.waitForURL(/check=unitCost/), page.getByTestId('check-unitCost').locator('a').click()]);
    const checks = await rowChecks();
    expect(checks.length).toBe(count);
    expect(checks.every((c) => c === 'unitCost')).toBe(true);
    const detail = await page.locator('[data-testid="quality-row"] td.detail').first().textContent();
    expect(detail).toMatch(/^単位当たりコスト [\d,]+円が トータルコスト÷対象数 [\d,]+円 と異なります$/);
  });

  it('narrows to one department through the form', async () => {
    await page.goto(baseUrl + '/quality');
    const all = (await rowChecks()).length;
    const department = (await page.locator('[data-testid="quality-department"]').first().getAttribute('data-department'))!;
    await page.locator('select[name="department"]').selectOption(department);
    await Promise.all([page.waitForURL(/department=/), page.getByRole('button', { name: '表示' }).click()]);
    const groups = await page.locator('[data-testid="quality-department"]').evaluateAll((s) => s.map((x) => x.getAttribute('data-department')));
    expect(groups).toEqual([department]);
    const rows = (await rowChecks()).length;
    expect(rows).toBeGreaterThan(0);
    expect(rows).toBeLessThan(all);
  });

  it('downloads exactly the listed findings as CSV (UTF-8 with BOM)', async () => {
    await page.goto(baseUrl + '/quality?municipality=999003');
    // Every page of findings (50 a page), following the page links; the export has them all.
    const shown: (string | null)[][] = [];
    for (;;) {
      const onPage = await page
        .locator('[data-testid="quality-row"]')
        .evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-code'), tr.querySelector('td.detail')!.textContent]));
      expect(onPage.length).toBeLessThanOrEqual(50);
      shown.push(...onPage);
      const next = await page
        .locator('[data-testid="pagination"] a[rel="next"]')
        .getAttribute('href', { timeout: 1000 })
        .catch(() => null);
      if (next === null) break;
      await page.goto(new URL(next, page.url()).toString());
    }
    expect(shown.length).toBeGreaterThan(0);
    // The summary counts the findings of every page, not the page's.
    const summary = (await page.getByTestId('quality-summary').textContent())!;
    expect(figure(/([\d,]+)件の指摘/.exec(summary)?.[1])).toBe(shown.length);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('quality-csv').click()]);
    const bytes = readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...records] = Papa.parse<string[]>(bytes.subarray(3).toString('utf8'), { skipEmptyLines: true }).data;
    expect(header!.slice(0, 5)).toEqual(['部名', '課名', '事業番号', '事業名', '指摘']);
    expect(records.map((r) => [r[2], r.at(-1)])).toEqual(shown);
    expect(download.suggestedFilename()).toBe('データ品質_浜風市_2024.csv');
    expect(errors).toEqual([]);
  });
});
