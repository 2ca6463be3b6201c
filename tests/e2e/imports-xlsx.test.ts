/**
 * 大船渡市's real workbook (shared/realdata/ofunato/report.xlsx) through the upload page in
 * Chromium, with the `ofunato` profile chosen in the select, on the app on PGlite and on
 * PostgreSQL. The municipality is typed in as 999201 (name 大船渡市) instead of the profile's
 * 032034: codes sort, the overview's default city is the first, and the other e2e suites expect
 * the demo city 桜ヶ丘市 (999001) there; 999201 sorts after it.
 *
 * Expected figures come from the workbook's cells (exceljs, not Hyoka's reader): 407 projects,
 * and the 令和7 block's トータルコスト summed over all rows.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { realDataFile, realDataReady } from '../support/realdata';
import { formatThousandYen, formatYen } from '../../app/lib/format';
import { contextWith } from '../support/auth';
import { launchBrowser, waitForPanels } from '../support/browser';

const FILE = realDataFile('ofunato/report.xlsx');
const READY = realDataReady('ofunato/report.xlsx');
const CODE = '999201';
const SHOTS = process.env.HYOKA_SCREENSHOTS;
/** Populations as of 1 January 2021 … 2026 (fiscal years 2020 … 2025), written for this test. */
const POPULATION = [35_271, 34_560, 33_871, 33_166, 32_433, 31_720]; // a folder: save the pages as PNGs for review

const SERVERS = [
  ['PGlite', inject('baseUrl'), inject('sessions').importer],
  ['PostgreSQL', inject('postgresBaseUrl'), inject('postgresSessions').importer],
] as const;

/** Sum of the last block's トータルコスト(A)＋(B) (令和7) over the project rows, from the cells. */
async function expectedTotal2025(): Promise<number> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(FILE);
  const ws = wb.worksheets[0]!;
  const header = (ws.getRow(2).values as unknown[]).map((v) => String(v ?? '').replace(/\s+/g, ''));
  const last = header.lastIndexOf('トータルコスト(A)＋(B)');
  let sum = 0;
  for (let r = 3; r <= ws.rowCount; r++) {
    if (String(ws.getCell(r, 8).value ?? '').trim() === '') continue;
    sum += Number(ws.getCell(r, last).value ?? 0);
  }
  return sum;
}

describe.skipIf(!READY).each(SERVERS)('Excel workbook upload with a profile, app on %s', (driver, baseUrl, importerSession) => {
  let browser: Browser;
  let page: Page;
  let total: number;
  const errors: string[] = [];

  beforeAll(async () => {
    total = await expectedTotal2025();
    browser = await launchBrowser();
    page = await (await contextWith(browser, baseUrl, importerSession)).newPage();
    page.on('pageerror', (e) => errors.push(e.message));
  });
  afterAll(() => browser?.close());

  const shot = async (name: string) => {
    if (SHOTS && driver === 'PGlite') await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  };

  it('checks report.xlsx with the ofunato profile and shows the first rows as read', async () => {
    await page.goto(baseUrl + '/imports');
    const options = await page.getByTestId('profile-select').locator('option').allInnerTexts();
    expect(options).toEqual([
      'Hyoka標準（CSV・Excel）',
      '大船渡市 事務事業評価（Excel集計シート）',
      '行政事業レビュー 2-1（予算・執行サマリ）',
      '行政事業レビュー 3-1（目標・実績、縦持ち）',
      '行政事業レビュー 4-1（点検・評価）',
      '人口（住民基本台帳・国勢調査のCSV／Excel）',
    ]);
    await page.setInputFiles('input[name="file"]', FILE);
    await page.getByTestId('profile-select').selectOption('ofunato');
    await page.locator('.upload-options summary').click();
    await page.fill('input[name="municipalityCode"]', CODE);
    await page.fill('input[name="municipalityName"]', '大船渡市');
    await shot('imports-xlsx-form');
    await page.getByRole('button', { name: '内容を確認する' }).click();
    await page.waitForURL(/\/imports\?batch=\d+/, { timeout: 120_000 });
    await expect(page.getByTestId('preview').locator('h2').innerText()).resolves.toBe('確認結果');
    await expect(page.getByTestId('fact-encoding').innerText()).resolves.toBe('xlsx');
    await expect(page.getByTestId('fact-profile').innerText()).resolves.toBe('ofunato');
    await expect(page.getByTestId('fact-rows').innerText()).resolves.toBe('2,442行');
    const first = await page.getByTestId('first-rows').locator('tbody tr').first().locator('td').allInnerTexts();
    expect(first).toEqual(['3', '令和2年度 (2020)', '0086', '不法投棄対策事業', '市民生活部 市民環境課', '3,089', '1,120', '4,209', '—', '3']);
    const last = await page.getByTestId('first-rows').locator('tbody tr').last().locator('td').allInnerTexts();
    expect(last.slice(1, 4).concat(last.slice(7))).toEqual(['令和7年度 (2025)', '0086', '不法投棄対策事業', '3,948', '8項目', '3']);
    // The six actuals written with a note in brackets (29（4）) are warnings naming their cells.
    const warnings = page.getByTestId('preview').locator('.problems-warning tbody tr');
    await expect(warnings.count()).resolves.toBe(6);
    await expect(warnings.first().innerText()).resolves.toMatch(/CJ \(⑦成果指標 サ\)/);
    await shot('imports-xlsx-check');
  }, 180_000);

  it("commits it, and the overview shows 大船渡市 with the workbook's total, verdicts and the indicator trend in place of attainment", async () => {
    await page.getByRole('button', { name: 'この内容で取り込む' }).click();
    await page.waitForURL(/\/imports\?done=\d+/, { timeout: 120_000 });
    await page.goto(`${baseUrl}/?municipality=${CODE}&year=2025`);
    await expect(page.locator('h1').innerText()).resolves.toContain('大船渡市');
    await expect(page.getByTestId('kpi-projects').innerText()).resolves.toBe('407事業');
    await expect(page.getByTestId('kpi-total-cost').innerText()).resolves.toBe(formatThousandYen(String(total)));
    // No population in the workbook: not available, never 0.
    await expect(page.getByTestId('kpi-cost-per-citizen').innerText()).resolves.toBe('人口未登録');
    // No targets: the share of indicators improved on the previous year, labelled as such.
    await expect(page.getByTestId('kpi-share-at-target').count()).resolves.toBe(0);
    await expect(page.getByTestId('kpi-share-improved').innerText()).resolves.toMatch(/^\d+\.\d%$/);
    await expect(page.getByTestId('kpis').innerText()).resolves.toContain('前年度比で改善した指標の割合');
    await waitForPanels(page);
    const body = await page.locator('main').innerText();
    expect(body).toContain('妥当である');
    expect(body).toContain('見直し余地がある');
    // Text verdicts read once each (their code is their wording), grouped by band.
    expect(body).not.toContain('妥当である 妥当である');
    // The five-year trend, the distribution and the scatter show the share improved.
    await expect(page.getByTestId('trend-improved').locator('svg').count()).resolves.toBeGreaterThan(0);
    await expect(page.getByTestId('trend-histogram').locator('svg').count()).resolves.toBeGreaterThan(0);
    await expect(page.getByTestId('scatter-empty').count()).resolves.toBe(0);
    await expect(page.getByTestId('scatter').isVisible()).resolves.toBe(true);
    await expect(page.getByTestId('trend-cost').locator('svg').count()).resolves.toBeGreaterThan(0);
    await shot('overview-ofunato');
    expect(errors).toEqual([]);
  }, 180_000);

  it('a population CSV (Shift_JIS, as e-Stat writes it) through the same page gives cost per citizen', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hyoka-pop-'));
    const file = join(dir, 'jinko.csv');
    const rows = POPULATION.map((population, i) => `"${CODE}","大船渡市","${2021 + i}-01-01","${population.toLocaleString('en-US')}"`);
    const lines = ['"住民基本台帳人口"', '"団体コード","市区町村名","基準日","人口"', ...rows];
    writeFileSync(file, iconv.encode(`${lines.join('\r\n')}\r\n`, 'cp932'));
    await page.goto(baseUrl + '/imports');
    await page.setInputFiles('input[name="file"]', file);
    await page.getByTestId('profile-select').selectOption('population');
    await page.getByRole('button', { name: '内容を確認する' }).click();
    await page.waitForURL(/\/imports\?batch=\d+/, { timeout: 60_000 });
    await expect(page.getByTestId('fact-encoding').innerText()).resolves.toBe('Shift_JIS (CP932)');
    const figures = page.getByTestId('first-figures').locator('tbody tr');
    await expect(figures.count()).resolves.toBe(6);
    // Population as of 1 January 2021 counts for 令和2年度 (April 2020 – March 2021).
    await expect(figures.first().locator('td').allInnerTexts()).resolves.toEqual(['3', '大船渡市', '令和2年度 (2020)', '35,271', '—']);
    await shot('imports-population-check');
    await page.getByRole('button', { name: 'この内容で取り込む' }).click();
    await page.waitForURL(/\/imports\?done=\d+/, { timeout: 60_000 });
    await page.goto(`${baseUrl}/?municipality=${CODE}&year=2025`);
    await expect(page.getByTestId('kpi-cost-per-citizen').innerText()).resolves.toBe(formatYen((total * 1000) / POPULATION[5]!));
    await expect(page.getByTestId('kpi-population').innerText()).resolves.toBe('人口 31,720人（jinko.csv から取込）');
    expect(errors).toEqual([]);
  }, 120_000);

  it('the project sheet shows the trend of actuals with attainment not available', async () => {
    await page.goto(`${baseUrl}/projects/0573?municipality=${CODE}`);
    const indicator = page.getByTestId('indicator').first();
    await expect(indicator.locator('h4').innerText()).resolves.toContain('市有林面積');
    const attainment = await indicator.locator('.attainment-row td').allInnerTexts();
    expect(attainment.length).toBe(6);
    expect(attainment.every((a) => a === '—')).toBe(true);
    await indicator.getByTestId('indicator-chart').scrollIntoViewIfNeeded();
    await indicator.getByTestId('indicator-chart').locator('svg').first().waitFor({ timeout: 15_000 });
    await shot('project-sheet-ofunato');
    expect(errors).toEqual([]);
  }, 60_000);
});
