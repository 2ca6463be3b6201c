/**
 * Text from imports is data, never markup or formulas. tests/fixtures/imports-ui/hostile-text.csv
 * (はしばみ町 999301, 令和6年度, one project H-01 without indicators, so it is on the watchlist)
 * holds `<script>` and `<img onerror>` payloads in 事業名, 事業内容 and 所管部長による総評, and
 * formula-looking text in 部名 (`=cmd|' /C calc'!A0`) and 課名 (`@課`). Every payload would set
 * `window.__xss` if it ran.
 *
 * Through the real import page, then on the project sheet, the project list and the watchlist:
 * the text is visible verbatim, no element the payload names exists, no script ran, no dialog
 * opened. The two CSV downloads keep the text but neutralise the formulas, in UTF-8 with BOM and
 * in Shift_JIS, and the Japanese reads back intact; their .xlsx twins hold the same text cells. On both servers (PGlite, PostgreSQL).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { contextWith } from '../support/auth';
import { launchBrowser } from '../support/browser';

const FIXTURE = join(process.cwd(), 'tests/fixtures/imports-ui/hostile-text.csv');
const [, row] = Papa.parse<string[]>(readFileSync(FIXTURE, 'utf8').trim()).data;
const NAME = row![4]!;
const DEPARTMENT = row![6]!;
const SECTION = row![7]!;
const CONTENT = row![8]!;
const REVIEW = row![11]!;
const CITY = '999301';

const SERVERS = [
  ['PGlite', inject('baseUrl'), inject('sessions').importer],
  ['PostgreSQL', inject('postgresBaseUrl'), inject('postgresSessions').importer],
] as const;

// Imported by the test importer (uploads need the role); the pages are then read in the same session.
describe.each(SERVERS)('imported script payloads in Chromium, app on %s', (_driver, baseUrl, importerSession) => {
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];
  const dialogs: string[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await (await contextWith(browser, baseUrl, importerSession)).newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('dialog', async (d) => {
      dialogs.push(d.message());
      await d.dismiss();
    });
  });
  afterAll(() => browser?.close());

  /** Nothing the payloads would do has happened on the current page. */
  async function nothingRan() {
    expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
    // No element the payloads spell out exists: not an <img src=x>, <svg onload>, or an injected
    // <script> / <b> with their text.
    expect(await page.locator('img[src="x"], svg[onload], [onerror], [onload]').count()).toBe(0);
    // (Next's inline RSC payload carries the text as an escaped JSON string: data, not a script.)
    expect(await page.evaluate(() => [...document.scripts].filter((s) => /^window\.__xss=/.test(s.textContent ?? '')).length)).toBe(0);
    expect(await page.locator('b', { hasText: '太字' }).count()).toBe(0);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
  }

  it('imports the sheet through the import page, showing the payloads as text in the preview', async () => {
    await page.goto(baseUrl + '/imports');
    await page.setInputFiles('input[name="file"]', FIXTURE);
    await page.getByRole('button', { name: '内容を確認する' }).click();
    await page.waitForURL(/\/imports\?batch=\d+/);
    await expect(page.getByTestId('fact-rows').first().innerText()).resolves.toBe('1行');
    await nothingRan();
    await page.getByRole('button', { name: 'この内容で取り込む' }).click();
    await page.waitForURL(/\/imports\?done=\d+/);
    await nothingRan();
  });

  it('the project sheet shows name, content and review verbatim, and runs nothing', async () => {
    const response = await page.goto(`${baseUrl}/projects/H-01?municipality=${CITY}`);
    expect(response?.status()).toBe(200);
    const sheet = page.getByTestId('project-sheet');
    await expect(sheet.locator('h1').innerText()).resolves.toContain(NAME);
    const text = await sheet.innerText();
    for (const value of [NAME, CONTENT, REVIEW, DEPARTMENT, SECTION]) expect(text).toContain(value);
    await nothingRan();
  });

  it('the project list shows the name and department verbatim, and runs nothing', async () => {
    await page.goto(`${baseUrl}/projects?municipality=${CITY}&year=2024`);
    const table = page.getByTestId('project-table');
    await expect(table.locator('tbody tr').count()).resolves.toBe(1);
    const rowText = await table.locator('tbody tr').first().innerText();
    expect(rowText).toContain(NAME);
    expect(await page.getByTestId('cell-department').first().innerText()).toContain(DEPARTMENT);
    await nothingRan();
  });

  it('the watchlist lists it by its name verbatim, and runs nothing', async () => {
    await page.goto(`${baseUrl}/watchlist?municipality=${CITY}&year=2024`);
    const rows = page.locator('[data-testid="watch-row"]');
    await expect(rows.count()).resolves.toBe(1);
    await expect(rows.first().locator('.watch-name a').innerText()).resolves.toBe(NAME);
    await nothingRan();
  });

  it('both CSV downloads keep the text, neutralise the formulas, and keep Japanese readable', async () => {
    const get = async (path: string) => {
      const res = await page.request.get(baseUrl + path);
      expect(res.status()).toBe(200);
      expect(res.headers()['content-disposition']).toMatch(/^attachment;/);
      expect(res.headers()['x-content-type-options']).toBe('nosniff');
      return res.body();
    };
    const records = (text: string) => Papa.parse<string[]>(text, { skipEmptyLines: true }).data;
    for (const [path, nameAt, departmentAt, sectionAt] of [
      [`/projects/export?municipality=${CITY}&year=2024`, 3, 4, 5],
      [`/watchlist/export?municipality=${CITY}&year=2024`, 2, 3, 4],
    ] as const) {
      const utf8 = await get(path);
      expect([...utf8.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const sjis = await get(`${path}&encoding=sjis`);
      const fromUtf8 = records(utf8.subarray(3).toString('utf8'));
      const fromSjis = records(iconv.decode(sjis, 'cp932'));
      expect(fromSjis).toEqual(fromUtf8);
      expect(fromUtf8[0]).toContain('事業名');
      expect(fromUtf8).toHaveLength(2);
      const cells = fromUtf8[1]!;
      expect([cells[nameAt], cells[departmentAt], cells[sectionAt]]).toEqual([NAME, `'${DEPARTMENT}`, `'${SECTION}`]);
      // The workbook twin holds the very same text cells, as strings, never formulas.
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load((await get(`${path}&format=xlsx`)) as unknown as ArrayBuffer);
      const xlsxRow = workbook.worksheets[0]!.getRow(2);
      for (const at of [nameAt, departmentAt, sectionAt]) {
        expect(xlsxRow.getCell(at + 1).type).toBe(ExcelJS.ValueType.String);
        expect(xlsxRow.getCell(at + 1).value).toBe(cells[at]);
      }
    }
  });
});
