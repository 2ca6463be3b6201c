/**
 * The mapping step in a real browser: a city's export Hyoka does not know — written here in
 * CP932 with a two-row header, renamed columns and A–F grades — is mapped, saved as a profile
 * and imported through the page alone; a second file with the same headers is then recognised
 * and imported without the mapping step. The national review's table 2-1 (../shared/realdata)
 * is mapped through the page too, with its row filter and the national amount cap. Screenshots of the step at 1440 and 390 wide go to
 * docs/screenshots when HYOKA_SCREENSHOTS=1.
 *
 *   row 1: 事業 | | | 担当 | 費用 | | 評価        (group headings)
 *   row 2: 番号 | 名称 | 年度 | 課 | 決算額（千円） | 職員人件費 | 総合
 *   999202 こだま町, 令和5年度: M-01 1,000 A; M-02 2,000 F; M-03 500 C  → 3 projects, 3,500千円
 *   second file, 令和6年度: the same three projects, 1,100 / 2,100 / 600
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { contextWith } from '../support/auth';
import { launchBrowser } from '../support/browser';
import { realDataFile, realDataReady } from '../support/realdata';

const dir = mkdtempSync(join(tmpdir(), 'hyoka-mapping-'));
function cp932(name: string, rows: string[][]): string {
  const path = join(dir, name);
  writeFileSync(path, iconv.encode(`${rows.map((r) => r.join(',')).join('\r\n')}\r\n`, 'cp932'));
  return path;
}
const HEADER = [
  ['事業', '', '', '担当', '費用', '', '評価'],
  ['番号', '名称', '年度', '課', '決算額（千円）', '職員人件費', '総合'],
];
const FIRST = cp932('kodama-r5.csv', [
  ...HEADER,
  ['M-01', '見守り事業', '令和5年度', '福祉課', '1000', '200', 'A'],
  ['M-02', '子育て相談', '令和5年度', '子育て課', '2000', '300', 'F'],
  ['M-03', '道路補修', '令和5年度', '道路課', '500', '100', 'C'],
]);
const SECOND = cp932('kodama-r6.csv', [
  ...HEADER,
  ['M-01', '見守り事業', '令和6年度', '福祉課', '1100', '200', 'B'],
  ['M-02', '子育て相談', '令和6年度', '子育て課', '2100', '300', 'E'],
  ['M-03', '道路補修', '令和6年度', '道路課', '600', '100', 'A'],
]);

const SERVERS = [
  ['PGlite', inject('baseUrl'), inject('sessions').importer],
  ['PostgreSQL', inject('postgresBaseUrl'), inject('postgresSessions').importer],
] as const;

// こだま町 is 999202: imports-xlsx.test.ts loads 大船渡's workbook as 999201, with its own scheme.
describe.each(SERVERS)('mapping step in Chromium, app on %s', (driver, baseUrl, importerSession) => {
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await (await contextWith(browser, baseUrl, importerSession)).newPage();
    page.on('pageerror', (e) => errors.push(e.message));
  });
  afterAll(() => browser?.close());

  async function upload(file: string) {
    await page.goto(`${baseUrl}/imports`);
    await page.setInputFiles('input[name="file"]', file);
    await page.getByRole('button', { name: '内容を確認する' }).click();
    await page.waitForURL(/\/imports\?batch=\d+/);
  }

  async function commit(): Promise<number> {
    await page.getByRole('button', { name: 'この内容で取り込む' }).click();
    await page.waitForURL(/\/imports\?done=\d+/);
    return Number(new URL(page.url()).searchParams.get('done'));
  }

  it('maps, saves and imports an unknown CP932 export with a two-row header and A–F grades', async () => {
    await upload(FIRST);
    // Hyoka's own layout cannot read it: the check fails and offers the mapping step.
    await page.getByTestId('map-link').click();
    await page.waitForURL(/\/imports\/map\?batch=\d+/);
    await page.selectOption('select[name="from"]', '1');
    await page.selectOption('select[name="to"]', '2');
    await page.getByRole('button', { name: '確認し直す' }).click();
    await page.waitForURL(/to=2/);
    const fields = await page.locator('[data-testid="map-row"] select').evaluateAll((s) => (s as HTMLSelectElement[]).map((x) => x.value));
    // 職員人件費 is the alias table's 正規職員人件費; the user says it is the whole staff cost.
    expect(fields).toEqual(['事業番号', '事業名', '年度', '課名', '事業費合計', '正規職員人件費', '評価（新しい区分）']);
    await page.selectOption('select[name="c5"]', '人件費合計');
    // Without a municipality column, the trial names the fix; then the city is typed in.
    await page.fill('input[name="code"]', '999202');
    await page.fill('input[name="city"]', 'こだま町');
    await page.fill('input[name="name"]', 'kodama-town');
    // The proposed scheme's bands are selects: C (proposed 中位) is placed in 要改善.
    expect(await page.locator('select[name="band.0.F"]').inputValue()).toBe('poor');
    expect(await page.locator('select[name="band.0.C"]').inputValue()).toBe('middle');
    await page.selectOption('select[name="band.0.C"]', 'poor');
    await page.getByRole('button', { name: '確認し直す' }).click();
    await page.waitForURL(/code=999202/);
    expect(new URL(page.url()).searchParams.get('band.0.C')).toBe('poor');
    expect(await page.locator('select[name="c5"]').inputValue()).toBe('人件費合計');
    expect(await page.locator('select[name="band.0.C"]').inputValue()).toBe('poor');
    expect(await page.getByTestId('map-check').innerText()).toContain('3件の事業・年度を読み込めます');
    if (process.env.HYOKA_SCREENSHOTS === '1' && driver === 'PGlite') {
      await page.setViewportSize({ width: 1440, height: 900 });
      await page.screenshot({ path: 'docs/screenshots/imports-mapping.png', fullPage: true });
      await page.setViewportSize({ width: 390, height: 844 });
      await page.screenshot({ path: 'docs/screenshots/imports-mapping-390.png', fullPage: true });
      await page.setViewportSize({ width: 1280, height: 900 });
    }
    await page.getByRole('button', { name: '名前を付けて保存し、取込内容を確認' }).click();
    await page.waitForURL(/\/imports\?batch=\d+/);
    const done = await commit();
    expect(done).toBeGreaterThan(0);
    await page.goto(`${baseUrl}/projects?municipality=999202`);
    const body = await page.locator('main').innerText();
    expect(body).toContain('見守り事業');
    expect(body).toContain('子育て相談');
  });

  it('recognises the next file with the same headers and imports it without the mapping step', async () => {
    await upload(SECOND);
    expect(await page.getByTestId('map-link').count()).toBe(0);
    const done = await commit();
    expect(done).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  });
});

const TABLE_2_1 = 'national-review/2-1_RS_2024_予算・執行_サマリ.csv';

/** Projects with a summary row (会計区分 empty) for 予算年度 2024, counted from the CSV itself. */
function summaryProjects2024(): number {
  const text = readFileSync(realDataFile(TABLE_2_1), 'utf8').replace(/^\uFEFF/, '');
  const { data } = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
  return new Set(data.filter((r) => (r['会計区分'] ?? '') === '' && r['予算年度'] === '2024').map((r) => r['予算事業ID'])).size;
}

const tableReady = realDataReady(TABLE_2_1);

// On both apps, so that the municipality it adds (kept after the rollback) is on both: both-drivers.test.ts compares them.
describe.skipIf(!tableReady).each(SERVERS)('mapping the national table 2-1 in Chromium, app on %s', (_driver, baseUrl, importerSession) => {
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await (await contextWith(browser, baseUrl, importerSession)).newPage();
    // Every step reads 37,981 rows (a trial import each time): minutes, not seconds, on a busy machine.
    page.setDefaultTimeout(300_000);
    page.on('pageerror', (e) => errors.push(e.message));
  });
  afterAll(() => browser?.close());

  it('maps, saves and imports the unedited file with a row filter and the national cap', async () => {
    await page.goto(`${baseUrl}/imports`);
    await page.setInputFiles('input[name="file"]', realDataFile(TABLE_2_1));
    await page.getByRole('button', { name: '内容を確認する' }).click();
    await page.waitForURL(/\/imports\?batch=\d+/);
    await page.getByTestId('map-link').click();
    await page.waitForURL(/\/imports\/map\?batch=\d+/);
    const accounts = await page.locator('select[name="keep"] option', { hasText: '会計区分' }).first().getAttribute('value');
    expect(accounts).toMatch(/^\d+$/);
    // Any code of the staff's choosing; one above the demo's keeps the other tests' default city.
    await page.fill('input[name="code"]', '999900');
    await page.fill('input[name="city"]', '国');
    await page.fill('input[name="name"]', 'national-2-1-mapped');
    await page.selectOption('select[name="keep"]', accounts!);
    await page.selectOption('select[name="keepHow"]', 'empty');
    await page.selectOption('select[name="cap"]', 'national');
    await page.getByRole('button', { name: '確認し直す' }).click();
    await page.waitForURL(/cap=national/);
    await expect(page.getByTestId('map-check').innerText()).resolves.toMatch(/問題はありません。[\d,]+件の事業・年度を読み込めます/);
    await page.getByRole('button', { name: '名前を付けて保存し、取込内容を確認' }).click();
    await page.waitForURL(/\/imports\?batch=\d+/);
    await page.getByRole('button', { name: 'この内容で取り込む' }).click();
    await page.waitForURL(/\/imports\?done=\d+/);
    const batch = Number(new URL(page.url()).searchParams.get('done'));
    await page.goto(`${baseUrl}/projects?municipality=999900&year=2024`);
    const count = Number(await page.getByTestId('project-count').getAttribute('data-count'));
    expect(count).toBe(summaryProjects2024());
    expect(count).toBeGreaterThan(5_000);
    // Rolled back, so that the other tests' pages do not carry 5,664 national projects.
    await page.goto(`${baseUrl}/imports/${batch}`);
    await page.getByTestId('rollback').locator('summary').click();
    await page.getByLabel('取り消すことを確認しました').check();
    await page.getByRole('button', { name: '取り消す', exact: true }).click();
    await page.getByTestId('rolled-back').waitFor();
    expect(errors).toEqual([]);
  }, 1_800_000);
});
