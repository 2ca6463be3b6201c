/**
 * The project list and the project sheet in a real browser, on the demo city (桜ヶ丘市, FY2020–2024):
 * filtering through the form, sorting, paging, following a row to its sheet, both CSV downloads
 * (checked against the table), the sheet's print layout and the English locale.
 */
import { readFile } from 'node:fs/promises';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { LOCALE_COOKIE } from '../../app/lib/i18n';
import { openJapanesePage } from '../support/browser';

const baseUrl = inject('baseUrl');
const DEPARTMENT = '子ども部';

/** The table's rows as the page shows them. */
async function tableRows(page: Page) {
  return page.locator('[data-testid="project-table"] tbody tr').evaluateAll((trs) =>
    trs.map((tr) => ({
      code: tr.getAttribute('data-code') ?? '',
      name: tr.querySelector('td.name')?.textContent ?? '',
      department: tr.querySelector('[data-testid="cell-department"] .dept')?.textContent ?? '',
      totalCost: Number(tr.querySelector('[data-testid="cell-total-cost"]')?.getAttribute('data-value')),
      attainment: tr.querySelector('[data-testid="cell-attainment"]')?.textContent ?? '',
      attainmentValue: tr.querySelector('[data-testid="cell-attainment"]')?.getAttribute('data-value') ?? '',
    })),
  );
}

async function projectCount(page: Page): Promise<number> {
  return Number(await page.getByTestId('project-count').getAttribute('data-count'));
}

/** Clicks a download link and returns the file's bytes and suggested name. */
async function download(page: Page, testId: string): Promise<{ bytes: Buffer; name: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  const path = await file.path();
  return { bytes: await readFile(path), name: file.suggestedFilename() };
}

function parseCsv(text: string): string[][] {
  const parsed = Papa.parse<string[]>(text.replace(/\r\n$/, ''), { newline: '\r\n' });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

describe('project list and sheet in Chromium', () => {
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    ({ browser, page } = await openJapanesePage(errors));
  });
  afterAll(() => browser?.close());

  it('lists the latest year’s projects, 30 a page, sorted by code', async () => {
    const response = await page.goto(baseUrl + '/projects');
    expect(response?.status()).toBe(200);
    await expect(page.locator('h1').textContent()).resolves.toBe('桜ヶ丘市 令和6年度 (2024) 事業一覧');
    const total = await projectCount(page);
    expect(total).toBeGreaterThan(500);
    const rows = await tableRows(page);
    expect(rows).toHaveLength(30);
    const codes = rows.map((r) => r.code);
    expect(codes).toEqual([...codes].sort());
    await expect(page.getByTestId('page-of').textContent()).resolves.toBe(`1 / ${Math.ceil(total / 30)}ページ`);
    // The municipality's four criteria as columns, each cell a grade chip or 未評価.
    const ratingHeaders = await page.locator('[data-testid="project-table"] thead th.rating-col').allTextContents();
    expect(ratingHeaders).toEqual(['進捗状況', '実施水準', '有効性', '効率性']);
    expect(errors).toEqual([]);
  });

  it('filters through the form: department and attainment band', async () => {
    await page.goto(baseUrl + '/projects');
    const all = await projectCount(page);
    await page.selectOption('select[name="department"]', DEPARTMENT);
    await page.selectOption('select[name="attainment"]', '80-100');
    await Promise.all([page.waitForURL(/attainment=80-100/), page.getByRole('button', { name: '表示' }).click()]);
    const url = new URL(page.url());
    expect(url.searchParams.get('department')).toBe(DEPARTMENT);
    expect(url.searchParams.get('attainment')).toBe('80-100');

    const count = await projectCount(page);
    expect(count).toBeGreaterThan(0);
    expect(count).toBeLessThan(all);
    await expect(page.getByTestId('project-count').textContent()).resolves.toBe(`${count}事業（全${all}事業中）`);
    const rows = await tableRows(page);
    expect(rows).toHaveLength(count);
    for (const row of rows) {
      expect(row.department).toBe(DEPARTMENT);
      // The band is on the exact ratio (99.96 % shows as 100.0 % but is in 80–100 %).
      expect(row.attainmentValue).not.toBe('');
      expect(Number(row.attainmentValue)).toBeGreaterThanOrEqual(0.8);
      expect(Number(row.attainmentValue)).toBeLessThan(1);
      expect(row.attainment).toMatch(/^\d+\.\d%$/);
    }
    // The form shows the filter it applied.
    await expect(page.locator('select[name="attainment"]').inputValue()).resolves.toBe('80-100');
    await expect(page.locator('select[name="department"]').inputValue()).resolves.toBe(DEPARTMENT);
  });

  it('sorts by a column header, then turns the order around', async () => {
    await page.goto(`${baseUrl}/projects?department=${encodeURIComponent(DEPARTMENT)}`);
    await Promise.all([page.waitForURL(/sort=totalCost/), page.locator('th a[data-sort="totalCost"]').click()]);
    expect(new URL(page.url()).searchParams.get('dir')).toBe('desc');
    const desc = (await tableRows(page)).map((r) => r.totalCost);
    expect(desc.length).toBe(30);
    expect(desc).toEqual([...desc].sort((a, b) => b - a));
    expect(desc[0]).toBeGreaterThan(desc.at(-1)!);
    await expect(page.locator('th[aria-sort="descending"]').textContent()).resolves.toContain('トータルコスト');

    await Promise.all([page.waitForURL(/dir=asc/), page.locator('th a[data-sort="totalCost"]').click()]);
    const asc = (await tableRows(page)).map((r) => r.totalCost);
    expect(asc).toEqual([...asc].sort((a, b) => a - b));
    // The department filter survived both clicks.
    expect(new URL(page.url()).searchParams.get('department')).toBe(DEPARTMENT);
  });

  it('pages on the server, keeping filter and sort', async () => {
    await page.goto(`${baseUrl}/projects?department=${encodeURIComponent(DEPARTMENT)}&sort=totalCost&dir=desc`);
    const count = await projectCount(page);
    expect(count).toBeGreaterThan(30); // so there is a second page
    const first = await tableRows(page);
    await Promise.all([page.waitForURL(/page=2/), page.locator('[data-testid="pagination"] a[rel="next"]').click()]);
    const url = new URL(page.url());
    expect(url.searchParams.get('sort')).toBe('totalCost');
    expect(url.searchParams.get('department')).toBe(DEPARTMENT);
    const second = await tableRows(page);
    expect(second).toHaveLength(Math.min(30, count - 30));
    expect(second.every((r) => r.department === DEPARTMENT)).toBe(true);
    expect(second[0]!.totalCost).toBeLessThanOrEqual(first.at(-1)!.totalCost);
    const firstCodes = new Set(first.map((r) => r.code));
    expect(second.some((r) => firstCodes.has(r.code))).toBe(false);
    await expect(page.getByTestId('page-of').textContent()).resolves.toBe(`2 / ${Math.ceil(count / 30)}ページ`);
  });

  it('downloads exactly the filtered rows, every page, as UTF-8 with BOM and as Shift_JIS', async () => {
    await page.goto(`${baseUrl}/projects?department=${encodeURIComponent(DEPARTMENT)}&sort=totalCost&dir=desc`);
    const count = await projectCount(page);
    const shown = await tableRows(page);
    for (let n = 2; n <= Math.ceil(count / 30); n++) {
      await page.goto(`${baseUrl}/projects?department=${encodeURIComponent(DEPARTMENT)}&sort=totalCost&dir=desc&page=${n}`);
      shown.push(...(await tableRows(page)));
    }
    expect(shown).toHaveLength(count);

    const utf8 = await download(page, 'export-utf8');
    expect(utf8.name).toBe('事業一覧_桜ヶ丘市_2024.csv'); // the UTF-8 filename*, ASCII fallback for old browsers
    expect([...utf8.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = utf8.bytes.subarray(3).toString('utf8');
    const [header, ...data] = parseCsv(text);
    expect(header!.slice(0, 5)).toEqual(['市区町村コード', '年度', '事業番号', '事業名', '部名']);
    expect(header!.slice(-4)).toEqual(['進捗状況', '実施水準', '有効性', '効率性']);
    expect(data).toHaveLength(count);
    const column = (name: string) => header!.indexOf(name);
    // Same rows, same order, same figures as the two pages of the table.
    expect(data.map((r) => r[column('事業番号')])).toEqual(shown.map((r) => r.code));
    expect(data.map((r) => r[column('事業名')])).toEqual(shown.map((r) => r.name));
    expect(data.map((r) => Number(r[column('トータルコスト（千円）')]))).toEqual(shown.map((r) => r.totalCost));
    expect(data.map((r) => (r[column('目標達成率（%）')] ? `${r[column('目標達成率（%）')]}%` : '—'))).toEqual(shown.map((r) => r.attainment));
    expect(new Set(data.map((r) => r[column('部名')]))).toEqual(new Set([DEPARTMENT]));
    expect(new Set(data.map((r) => r[column('年度')]))).toEqual(new Set(['2024']));

    const sjis = await download(page, 'export-sjis');
    expect(sjis.bytes[0]).not.toBe(0xef); // no BOM
    expect(iconv.decode(sjis.bytes, 'cp932')).toBe(text);
  });

  it('follows a row to the project sheet: PDCA sections, every year, charts', async () => {
    await page.goto(`${baseUrl}/projects?department=${encodeURIComponent(DEPARTMENT)}`);
    const [row] = await tableRows(page);
    await Promise.all([page.waitForURL(/\/projects\/[^/?]+\?municipality=999001/), page.locator(`tr[data-code="${row!.code}"] td.name a`).click()]);
    await expect(page.locator('h1').textContent()).resolves.toBe(`${row!.code} ${row!.name}`);
    await expect(page.getByTestId('sheet-header').textContent()).resolves.toContain(DEPARTMENT);
    for (const id of ['section-plan', 'section-do', 'section-check', 'section-action']) {
      expect(await page.getByTestId(id).isVisible()).toBe(true);
    }
    const years = await page.locator('[data-testid="cost-table"] thead th.num').allTextContents();
    expect(years).toEqual(['令和2年度 (2020)', '令和3年度 (2021)', '令和4年度 (2022)', '令和5年度 (2023)', '令和6年度 (2024)']);
    // The sheet's FY2024 total cost is the list's.
    const totals = await page.getByTestId('sheet-total-cost').allTextContents();
    expect(totals.at(-1)).toBe(`${new Intl.NumberFormat('ja-JP').format(Math.round(row!.totalCost))}千円`);
    await expect(page.locator('[data-testid="rating-table"] tbody.rating-year').count()).resolves.toBe(5);
    // Ratings history at a glance: the four criteria × five years, each a grade or 未評価.
    const history = await page
      .locator('[data-testid="rating-history"] tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
    expect(history).toHaveLength(4);
    for (const cells of history) {
      expect(cells).toHaveLength(5);
      for (const cell of cells) expect(cell).toMatch(/^([A-CN]|未評価)$/);
    }

    // Recharts loads when a chart comes into view: the last indicator's chart is text until then.
    const lastIndicatorChart = page.getByTestId('indicator-chart').last();
    await expect(lastIndicatorChart.locator('.chart-pending').count()).resolves.toBe(1);
    await expect(lastIndicatorChart.locator('svg').count()).resolves.toBe(0);
    await page.getByTestId('cost-chart').scrollIntoViewIfNeeded();
    const costBars = page.locator('[data-testid="cost-chart"] svg .recharts-bar-rectangle');
    await costBars.first().waitFor({ state: 'visible', timeout: 15_000 });
    expect(await costBars.count()).toBeGreaterThanOrEqual(5);
    const indicators = await page.getByTestId('indicator').count();
    expect(indicators).toBeGreaterThan(0);
    for (const chart of await page.getByTestId('indicator-chart').all()) {
      await chart.scrollIntoViewIfNeeded();
      await chart.locator('svg .recharts-line').waitFor({ timeout: 15_000 });
    }
    await expect(page.locator('[data-testid="indicator-chart"] svg .recharts-line').count()).resolves.toBe(indicators);
    expect(errors).toEqual([]);
  });

  it('prints the sheet on A4: no navigation, nothing wider than the paper', async () => {
    // A4 is 210 mm = 794 CSS px; the page margins are 12 mm either side.
    const print = await browser.newPage({ viewport: { width: 794, height: 1123 }, locale: 'ja-JP' });
    try {
      await print.goto(`${baseUrl}/projects/0002?municipality=999001`);
      await print.getByTestId('cost-chart').scrollIntoViewIfNeeded();
      await print.locator('[data-testid="cost-chart"] svg').first().waitFor({ timeout: 15_000 });
      expect(await print.locator('.site-header nav').isVisible()).toBe(true);
      expect(await print.locator('.sheet-tools').isVisible()).toBe(true);

      await print.emulateMedia({ media: 'print' });
      expect(await print.locator('.site-header nav').isVisible()).toBe(false);
      expect(await print.locator('.sheet-tools').isVisible()).toBe(false);
      expect(await print.locator('.site-header .locale-switch').isVisible()).toBe(false);
      const widths = await print.evaluate(() => {
        const tables = [...document.querySelectorAll('.project-sheet table')].map((t) => t.getBoundingClientRect().right);
        const charts = [...document.querySelectorAll('.project-sheet .recharts-wrapper')].map((c) => c.getBoundingClientRect().right);
        return { page: document.documentElement.scrollWidth, tables, charts };
      });
      expect(widths.page).toBeLessThanOrEqual(794);
      expect(widths.tables.length).toBeGreaterThan(2);
      for (const right of [...widths.tables, ...widths.charts]) expect(right).toBeLessThanOrEqual(794);
      // And the PDF Chromium prints is A4 portrait (595 × 842 pt).
      const pdf = (await print.pdf({ preferCSSPageSize: true })).toString('latin1');
      const boxes = [...pdf.matchAll(/\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/g)].map((m) => [Number(m[1]), Number(m[2])]);
      expect(boxes.length).toBeGreaterThan(0);
      for (const [w, h] of boxes) {
        expect(w).toBeCloseTo(595, 0);
        expect(h).toBeCloseTo(842, 0);
      }
    } finally {
      await print.close();
    }
  });

  it('speaks English when the locale cookie says so', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    await context.addCookies([{ name: LOCALE_COOKIE, value: 'en', url: baseUrl }]);
    const en = await context.newPage();
    try {
      await en.goto(`${baseUrl}/projects?attainment=ge120&sort=attainment&dir=desc`);
      await expect(en.locator('h1').textContent()).resolves.toBe('桜ヶ丘市 FY2024 projects');
      await expect(en.locator('html').getAttribute('lang')).resolves.toBe('en');
      const headers = await en.locator('[data-testid="project-table"] thead th').allTextContents();
      expect(headers.slice(0, 8).map((h) => h.replace(/[▲▼]/g, ''))).toEqual([
        'Code',
        'Project',
        'Department / section',
        'Goal › measure',
        'Total cost',
        'Per citizen',
        'vs. last year',
        'Attainment',
      ]);
      expect(headers.slice(8)).toEqual(['Progress', 'Level vs. other cities', 'Effectiveness', 'Efficiency']);
      await expect(en.locator('select[name="attainment"] option:checked').textContent()).resolves.toBe('120% and over');
      const count = await projectCount(en);
      await expect(en.getByTestId('project-count').textContent()).resolves.toMatch(new RegExp(`^${count} of \\d+ projects$`));

      await en.goto(`${baseUrl}/projects/0002?municipality=999001`);
      await expect(en.locator('#plan-title').textContent()).resolves.toMatch(/Plan/);
      const years = await en.locator('[data-testid="cost-table"] thead th.num').allTextContents();
      expect(years).toEqual(['FY2020', 'FY2021', 'FY2022', 'FY2023', 'FY2024']);
    } finally {
      await context.close();
    }
  });
});
