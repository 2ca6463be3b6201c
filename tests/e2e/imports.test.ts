/**
 * The import page in a real browser, against the demo database (桜ヶ丘市, code 999001). The
 * fixtures use new municipalities so the demo data does not interfere; their codes sort after the
 * demo city's, so the overview's default city (the first code) stays 桜ヶ丘市 for the other tests:
 *
 *   midorino-r6.csv            999101 みどり野町 令和6年度, population 12,000
 *                              A-01 1,200 + 300 = 1,500千円; A-02 4,500 + 900 = 5,400千円; A-03 2,500 + 600 = 3,100千円
 *                              → 3 projects, 10,000千円, 10,000,000円 ÷ 12,000人 = 833.3 → 833円 per citizen
 *   midorino-r6-correction.csv A-02 corrected to 5,000 + 900 = 5,900千円 → total 10,500千円, 875円 per citizen
 *   broken.csv                 line 3: 事業名 empty, 事業費合計 「約千円」; line 4: 令和99年度, 人件費合計 -5
 *   kawasemi-no-municipality.csv + kawasemi-mapping.json, municipality typed in as 999102 かわせみ村:
 *                              令和5年度 K-01 700 + 100, K-02 1,500 + 250 → 2 projects, 2,550千円
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { contextWith, TEST_USERS } from '../support/auth';
import { launchBrowser } from '../support/browser';

const FIXTURES = join(process.cwd(), 'tests/fixtures/imports-ui');
const fixture = (name: string) => join(FIXTURES, name);

// The same flow against the app on PGlite and on a real PostgreSQL server (each its own demo
// database), logged in as the test importer (tests/e2e/access.test.ts proves the others are refused).
const SERVERS = [
  ['PGlite', inject('baseUrl'), inject('sessions').importer],
  ['PostgreSQL', inject('postgresBaseUrl'), inject('postgresSessions').importer],
] as const;

describe.each(SERVERS)('imports page in Chromium, app on %s', (_driver, baseUrl, importerSession) => {
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];
  let firstBatch: number;
  let correctionBatch: number;

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await (await contextWith(browser, baseUrl, importerSession)).newPage();
    page.on('pageerror', (e) => errors.push(e.message));
  });
  afterAll(() => browser?.close());

  /** Chooses a file, presses 内容を確認する and waits for the check result. */
  async function upload(file: string, options: { code?: string; name?: string; mapping?: string } = {}) {
    await page.goto(baseUrl + '/imports');
    await page.setInputFiles('input[name="file"]', fixture(file));
    if (options.code || options.name || options.mapping) {
      await page.locator('.upload-options summary').click();
      if (options.code) await page.fill('input[name="municipalityCode"]', options.code);
      if (options.name) await page.fill('input[name="municipalityName"]', options.name);
      if (options.mapping) await page.setInputFiles('input[name="mapping"]', fixture(options.mapping));
    }
    await page.getByRole('button', { name: '内容を確認する' }).click();
    await page.waitForURL(/\/imports\?batch=\d+/);
  }

  const text = (testId: string) => page.getByTestId(testId).first().innerText();
  const countIn = async (section: string, key: string) =>
    (await page.getByTestId(section).getByTestId(`count-${key}`).locator('dd').innerText()).replace(/\D/g, '');

  async function commit(): Promise<number> {
    await page.getByRole('button', { name: 'この内容で取り込む' }).click();
    await page.waitForURL(/\/imports\?done=\d+/);
    return Number(new URL(page.url()).searchParams.get('done'));
  }

  async function overview(code: string) {
    await page.goto(`${baseUrl}/?municipality=${code}`);
    return {
      h1: await page.locator('h1').innerText(),
      projects: await text('kpi-projects'),
      totalCost: await text('kpi-total-cost'),
      perCitizen: await text('kpi-cost-per-citizen'),
    };
  }

  it('checks a valid file, shows what would change, commits it, and the overview shows the new city', async () => {
    await upload('midorino-r6.csv');
    const preview = page.getByTestId('preview');
    await expect(preview.locator('h2').innerText()).resolves.toBe('確認結果');
    await expect(text('fact-encoding')).resolves.toBe('UTF-8');
    await expect(text('fact-rows')).resolves.toBe('3行');
    await expect(countIn('preview', 'inserted')).resolves.toBe('3');
    await expect(countIn('preview', 'updated')).resolves.toBe('0');
    await expect(countIn('preview', 'unchanged')).resolves.toBe('0');
    // Checking wrote nothing: the city is not there yet.
    expect((await overview('999101')).h1).not.toContain('みどり野町');

    await page.goBack();
    firstBatch = await commit();
    await expect(page.getByTestId('done').locator('h2').innerText()).resolves.toBe('取込が完了しました');
    await expect(countIn('done', 'inserted')).resolves.toBe('3');
    // The history lists it as committed, by the logged-in importer.
    const row = page.getByTestId(`history-row-${firstBatch}`);
    await expect(row.innerText()).resolves.toMatch(
      new RegExp(`midorino-r6\\.csv\\s+${TEST_USERS.importer.name}[\\s\\S]*UTF-8\\s+3\\s+0\\s+0\\s+—\\s+0\\s+取込済み`),
    );

    await page.getByRole('link', { name: /みどり野町 令和6年度 \(2024\) — 概要で見る/ }).click();
    await page.waitForURL(/municipality=999101/);
    await expect(page.locator('h1').innerText()).resolves.toContain('みどり野町 令和6年度 (2024)');
    await expect(text('kpi-projects')).resolves.toMatch(/^3事業/);
    await expect(text('kpi-total-cost')).resolves.toMatch(/^10,000千円/);
    await expect(text('kpi-cost-per-citizen')).resolves.toMatch(/^833円/);
  });

  it('rejects a broken file with line-numbered errors, in Japanese and in English', async () => {
    await upload('broken.csv');
    const preview = page.getByTestId('preview');
    await expect(preview.locator('h2').innerText()).resolves.toBe('このファイルは取り込めません');
    await expect(preview.innerText()).resolves.toContain('4件のエラーがあるため、何も取り込んでいません');
    await expect(page.getByRole('button', { name: 'この内容で取り込む' }).count()).resolves.toBe(0);
    const rows = page.getByTestId('problems-error').locator('tbody tr');
    const cells = async () => (await rows.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)))) as string[][];
    expect(await cells()).toEqual([
      ['broken.csv', '3', '事業名', '（空欄）', '「事業名」が空です。この列は必須です'],
      ['broken.csv', '3', '事業費合計', '約千円', '「約千円」は数量として読めません。数値の後に単位を書いてください（例: 818千円、0.1人、133.3%）'],
      ['broken.csv', '4', '年度', '令和99年度', '「令和99年度」は範囲外の年度です（令和は元年〜82年）'],
      ['broken.csv', '4', '人件費合計', '-5', '「人件費合計」が負の金額です（-5）'],
    ]);
    await expect(countIn('preview', 'rejected')).resolves.toBe('2');

    // The locale switch comes back to the same result, now in English.
    const resultUrl = new URL(page.url());
    const backOnResult = (url: URL) => url.pathname === '/imports' && url.search === resultUrl.search;
    await page.locator('a.locale-switch').click();
    await page.waitForURL(backOnResult);
    await expect(page.getByTestId('preview').locator('h2').innerText()).resolves.toBe('This file cannot be imported');
    await expect(page.getByTestId('problems-error').locator('thead').innerText()).resolves.toMatch(/File\s+Line\s+Column\s+Value\s+Message/);
    const english = await cells();
    expect(english.map((r) => [r[1], r[2], r[4]])).toEqual([
      ['3', '事業名', '"事業名" is empty; this column is required'],
      ['3', '事業費合計', '"約千円" is not a quantity: write the number, then the unit (e.g. 818千円, 0.1人, 133.3%)'],
      ['4', '年度', '"令和99年度" is out of range: 令和 years run from 1 to 82 (R1–R82)'],
      ['4', '人件費合計', '"人件費合計" is a negative amount (-5)'],
    ]);
    await page.locator('a.locale-switch').click();
    await page.waitForURL(backOnResult);
    await expect(page.getByTestId('preview').locator('h2').innerText()).resolves.toBe('このファイルは取り込めません');

    // Nothing of it was written, and the history keeps the attempt.
    const id = Number(resultUrl.searchParams.get('batch'));
    await expect(page.getByTestId(`history-row-${id}`).innerText()).resolves.toMatch(/broken\.csv[\s\S]*—\s+—\s+—\s+2\s+0\s+エラーで中止/);
    await expect(overview('999101')).resolves.toMatchObject({ projects: expect.stringMatching(/^3事業/) });
  });

  it('discarding a check result leaves the data as it was', async () => {
    await upload('midorino-r6-correction.csv');
    await expect(countIn('preview', 'updated')).resolves.toBe('1');
    const id = Number(new URL(page.url()).searchParams.get('batch'));
    await page.getByRole('button', { name: '破棄する' }).click();
    await page.waitForURL((url) => url.pathname === '/imports' && !url.search);
    await expect(page.getByTestId(`history-row-${id}`).count()).resolves.toBe(0);
    await expect(overview('999101')).resolves.toMatchObject({ totalCost: expect.stringMatching(/^10,000千円/) });
  });

  it('imports a file without municipality columns, with the municipality and a mapping file given in the form', async () => {
    await upload('kawasemi-no-municipality.csv', { code: '999102', name: 'かわせみ村', mapping: 'kawasemi-mapping.json' });
    await expect(countIn('preview', 'inserted')).resolves.toBe('2');
    await expect(page.getByTestId('batch-facts').innerText()).resolves.toContain('999102 かわせみ村');
    await commit();
    const figures = await overview('999102');
    expect(figures.h1).toContain('かわせみ村 令和5年度 (2023)');
    expect(figures.projects).toMatch(/^2事業/);
    expect(figures.totalCost).toMatch(/^2,550千円/);
  });

  it('rolls back only in order: an earlier import is refused while a later one changed its rows', async () => {
    await upload('midorino-r6-correction.csv');
    correctionBatch = await commit();
    await expect(countIn('done', 'updated')).resolves.toBe('1');
    await expect(overview('999101')).resolves.toMatchObject({
      totalCost: expect.stringMatching(/^10,500千円/),
      perCitizen: expect.stringMatching(/^875円/),
    });

    const rollback = async (id: number) => {
      await page.goto(`${baseUrl}/imports/${id}`);
      await page.getByTestId('rollback').locator('summary').click();
      await page.getByLabel('取り消すことを確認しました').check();
      await page.getByRole('button', { name: '取り消す', exact: true }).click();
    };

    // The first import's A-02 row was rewritten by the correction: refused, with the reason.
    await rollback(firstBatch);
    const refusal = page.getByTestId('rollback-error');
    await refusal.waitFor();
    await expect(refusal.innerText()).resolves.toMatch(new RegExp(`取り消せません.*その後の取込（#${correctionBatch}）で書き換えられています`));
    await expect(overview('999101')).resolves.toMatchObject({ totalCost: expect.stringMatching(/^10,500千円/) });

    // The correction first, then the first import: みどり野町 is gone.
    await rollback(correctionBatch);
    await page.getByTestId('rolled-back').waitFor();
    await expect(page.getByTestId('rolled-back').innerText()).resolves.toContain(
      `${TEST_USERS.importer.name}が取り消しました（元に戻した行 1件・削除した行 0件）`,
    );
    await expect(overview('999101')).resolves.toMatchObject({ totalCost: expect.stringMatching(/^10,000千円/) });

    await rollback(firstBatch);
    await page.getByTestId('rolled-back').waitFor();
    await expect(page.getByTestId('rolled-back').innerText()).resolves.toContain('削除した行 3件');
    // The municipality is still known (its code may come back), but it has no sheets any more.
    await page.goto(`${baseUrl}/?municipality=999101`);
    await expect(page.locator('main').innerText()).resolves.toContain('みどり野町の評価データがまだありません');
    await expect(page.getByTestId('kpi-projects').count()).resolves.toBe(0);

    await page.goto(baseUrl + '/imports');
    await expect(page.getByTestId(`history-row-${firstBatch}`).innerText()).resolves.toContain('取消済み');
    await expect(page.getByTestId(`history-row-${correctionBatch}`).innerText()).resolves.toContain('取消済み');
  });

  it('serves the original file of a batch for download, byte for byte', async () => {
    const response = await page.request.get(`${baseUrl}/imports/${firstBatch}/original`);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-disposition']).toContain("filename*=UTF-8''midorino-r6.csv");
    const { readFileSync } = await import('node:fs');
    expect(Buffer.from(await response.body()).equals(readFileSync(fixture('midorino-r6.csv')))).toBe(true);
    expect(errors).toEqual([]);
  });
});
