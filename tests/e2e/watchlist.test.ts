/**
 * The watchlist in a real browser on the demo city: the rules in words, the rows, a threshold
 * changed through the form (and the list changing exactly as the table said it would), a row's
 * link to its project sheet, and the CSV download holding exactly the listed rows.
 */
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openJapanesePage } from '../support/browser';

interface ListedRow {
  severity: number;
  code: string;
  name: string;
  href: string | null;
  rules: string[];
  /** The attainment badge's figure (62.5 for `62.5%`), when the row trips that rule. */
  attainmentBadge: number | null;
}

async function listedRows(page: Page): Promise<ListedRow[]> {
  return page.locator('[data-testid="watch-row"]').evaluateAll((trs) =>
    trs.map((tr) => {
      const text = (sel: string) => tr.querySelector(sel)?.textContent?.trim() ?? '';
      const badge = tr.querySelector('[data-rule="attainment"] b')?.textContent ?? null;
      return {
        severity: Number(text('.watch-severity')),
        code: text('.watch-code'),
        name: text('.watch-name a'),
        href: tr.querySelector('.watch-name a')?.getAttribute('href') ?? null,
        rules: [...tr.querySelectorAll('[data-rule]')].map((li) => li.getAttribute('data-rule')!),
        attainmentBadge: badge === null ? null : Number(badge.replace('%', '')),
      };
    }),
  );
}

/**
 * Every listed row over all pages of the list (25 a page), following the page links from the
 * current page, which is shown again afterwards.
 */
async function allListedRows(page: Page): Promise<ListedRow[]> {
  const start = page.url();
  const rows = await listedRows(page);
  expect(rows.length).toBeLessThanOrEqual(25);
  for (;;) {
    const next = await page
      .locator('[data-testid="pagination"] a[rel="next"]')
      .getAttribute('href', { timeout: 1000 })
      .catch(() => null);
    if (next === null) break;
    await page.goto(new URL(next, page.url()).toString());
    const more = await listedRows(page);
    expect(more.length).toBeLessThanOrEqual(25);
    rows.push(...more);
  }
  if (page.url() !== start) await page.goto(start);
  return rows;
}

const countOf = async (page: Page, testId: string) => Number((await page.getByTestId(testId).textContent())!.replace(/[^\d]/g, ''));

describe('watchlist page in Chromium', () => {
  let browser: Browser;
  let page: Page;
  const baseUrl = inject('baseUrl');
  const errors: string[] = [];
  let at80: ListedRow[] = [];

  beforeAll(async () => {
    ({ browser, page } = await openJapanesePage(errors, { acceptDownloads: true }));
  });
  afterAll(() => browser?.close());

  it('states the rules in words and lists the projects that trip them, worst first', async () => {
    const response = await page.goto(baseUrl + '/watchlist');
    expect(response?.status()).toBe(200);
    await expect(page.locator('h1').textContent()).resolves.toBe('桜ヶ丘市 令和6年度 (2024) 要注意事業');
    await expect(page.getByTestId('rule-attainment').textContent()).resolves.toContain('80%未満');
    await expect(page.getByTestId('rule-costUp').textContent()).resolves.toContain('20%を超えて増え');
    await expect(page.getByTestId('rule-poor').textContent()).resolves.toContain('進捗状況・有効性のC');
    await expect(page.getByTestId('rule-efficiency').textContent()).resolves.toContain('効率性のC');
    await expect(page.getByTestId('rule-noIndicator').textContent()).resolves.toContain('指標がない');

    at80 = await allListedRows(page);
    expect(at80.length).toBeGreaterThan(20);
    // More than one page of 25 on the demo city: the second page continues the first.
    expect(at80.length).toBeGreaterThan(25);
    await expect(page.getByTestId('page-of').textContent()).resolves.toBe(`1 / ${Math.ceil(at80.length / 25)}ページ`);
    expect(await countOf(page, 'listed-count')).toBe(at80.length);
    await expect(page.getByTestId('watch-total').textContent()).resolves.toMatch(new RegExp(`うち ${at80.length}事業が該当`));
    // Every row trips something; severities never increase down the list.
    expect(at80.every((r) => r.rules.length > 0)).toBe(true);
    expect(at80.map((r) => r.severity)).toEqual([...at80.map((r) => r.severity)].sort((a, b) => b - a));
    // With every rule on, each rule's count is the number of rows showing its badge.
    for (const rule of ['attainment', 'poor', 'efficiency', 'costUp', 'worsening', 'noIndicator']) {
      expect(await countOf(page, `rule-count-${rule}`), rule).toBe(at80.filter((r) => r.rules.includes(rule)).length);
    }
    expect(at80.filter((r) => r.attainmentBadge !== null).every((r) => r.attainmentBadge! < 80)).toBe(true);
  });

  it('links each row to its project sheet', async () => {
    const city = encodeURIComponent(await page.locator('select[name="municipality"]').inputValue());
    expect(at80[0]!.href).toBe(`/projects/${at80[0]!.code}?municipality=${city}`);
    expect(at80.filter((r) => r.href !== `/projects/${encodeURIComponent(r.code)}?municipality=${city}`)).toEqual([]);
  });

  it('lowers the attainment threshold through the form and changes the counts as the table predicts', async () => {
    // A threshold between two displayed figures (65.05 %), so the one-decimal badges decide
    // unambiguously which projects stay below it.
    const threshold = 65.05;
    const stillBelow = (r: ListedRow) => r.attainmentBadge !== null && r.attainmentBadge < threshold;
    const below = at80.filter(stillBelow);
    expect(below.length).toBeGreaterThan(0);
    expect(below.length).toBeLessThan(at80.filter((r) => r.rules.includes('attainment')).length);
    // A row leaves the list only when attainment was its only rule and it is no longer below.
    const expectedRows = at80.filter((r) => !(r.rules.length === 1 && r.rules[0] === 'attainment' && !stillBelow(r)));

    await page.locator('input[name="attainment"]').fill(String(threshold));
    await Promise.all([page.waitForURL(/attainment=65\.05/), page.getByRole('button', { name: '表示' }).click()]);

    await expect(page.getByTestId('rule-attainment').textContent()).resolves.toContain('65.05%未満');
    await expect(page.locator('input[name="attainment"]').inputValue()).resolves.toBe('65.05');
    expect(await countOf(page, 'rule-count-attainment')).toBe(below.length);
    expect(await countOf(page, 'listed-count')).toBe(expectedRows.length);
    // Rows that no longer trip attainment lose its weight (3) and move down accordingly.
    const predicted = expectedRows.map((r) => `${r.code}:${r.rules.includes('attainment') && !stillBelow(r) ? r.severity - 3 : r.severity}`);
    const after = await allListedRows(page);
    expect(after.map((r) => `${r.code}:${r.severity}`).sort()).toEqual(predicted.sort());
    expect(after.map((r) => r.severity)).toEqual([...after.map((r) => r.severity)].sort((a, b) => b - a));

    // Now the attainment rule alone (untick the others in the form): exactly those projects, listed.
    for (const rule of ['poor', 'efficiency', 'costUp', 'worsening', 'noIndicator', 'notRated']) {
      await page.locator(`input[name="rules"][value="${rule}"]`).uncheck();
    }
    await Promise.all([page.waitForURL(/rules=attainment(&|$)/), page.getByRole('button', { name: '表示' }).click()]);
    expect(await countOf(page, 'listed-count')).toBe(below.length);
    const only = await allListedRows(page);
    expect(new Set(only.map((r) => r.code))).toEqual(new Set(below.map((r) => r.code)));
    expect(only.every((r) => r.rules.join() === 'attainment' && r.severity === 3)).toBe(true);
    // Same severity for all: ordered by total cost instead, so check the badges are all below.
    expect(only.every((r) => r.attainmentBadge! < threshold)).toBe(true);
  });

  it('downloads a CSV (UTF-8 with BOM) holding exactly the listed rows, in order', async () => {
    const shown = await allListedRows(page);
    const link = page.getByTestId('export-csv');
    expect(await link.getAttribute('href')).toMatch(/attainment=65\.05.*rules=attainment/);
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const bytes = readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...records] = Papa.parse<string[]>(bytes.subarray(3).toString('utf8'), { skipEmptyLines: true }).data;
    expect(header!.slice(0, 3)).toEqual(['重要度', '事業番号', '事業名']);
    expect(header!.at(-1)).toBe('該当ルール');
    expect(records.map((r) => [Number(r[0]), r[1], r[2]])).toEqual(shown.map((r) => [r.severity, r.code, r.name]));
    // The rules column names the same rules as the badges (達成率 62.5%、効率性 C …).
    const attainmentColumn = header!.indexOf('達成率（%）');
    records.forEach((record, i) => {
      expect(record.at(-1)!.includes('達成率 ')).toBe(shown[i]!.rules.includes('attainment'));
      if (shown[i]!.attainmentBadge !== null) expect(Number(record[attainmentColumn])).toBe(shown[i]!.attainmentBadge);
    });
  });

  it('filters by department and policy goal through the form, and says so above the list', async () => {
    await page.goto(baseUrl + '/watchlist');
    const department = (await page.locator('select[name="department"] option').nth(1).getAttribute('value'))!;
    await page.locator('select[name="department"]').selectOption(department);
    await Promise.all([page.waitForURL(/department=/), page.getByRole('button', { name: '表示' }).click()]);
    const inDepartment = await page.locator('[data-testid="watch-row"] .watch-org').allTextContents();
    const expected = at80.length; // sanity: a department is a strict part of the city
    expect(inDepartment.length).toBeGreaterThan(0);
    expect(inDepartment.length).toBeLessThan(expected);
    expect(inDepartment.every((text) => text.startsWith(department))).toBe(true);
    await expect(page.getByTestId('watch-scope').textContent()).resolves.toBe(`絞り込み: 部 = ${department}`);

    // The goal of the department's first listed project, so the narrower list is not empty.
    const goalLabel = (await page.locator('[data-testid="watch-row"] .watch-goal').first().textContent())!;
    const goalsBefore = await page.locator('[data-testid="watch-row"] .watch-goal').allTextContents();
    await page.locator('select[name="policy"]').selectOption({ label: goalLabel });
    await Promise.all([page.waitForURL(/policy=/), page.getByRole('button', { name: '表示' }).click()]);
    const goals = await page.locator('[data-testid="watch-row"] .watch-goal').allTextContents();
    expect(goals).toEqual(goalsBefore.filter((text) => text === goalLabel));
    await expect(page.getByTestId('watch-scope').textContent()).resolves.toBe(`絞り込み: 部 = ${department}、政策体系 = ${goalLabel}`);
  });

  it('lists only one rule’s projects from its count, and speaks English with the locale cookie', async () => {
    await page.getByTestId('rule-count-costUp').click();
    await page.waitForURL(/rules=costUp/);
    const rows = await listedRows(page);
    expect(rows.length).toBe(await countOf(page, 'rule-count-costUp'));
    expect(rows.every((r) => r.rules.join() === 'costUp' && r.severity === 2)).toBe(true);

    await page.context().addCookies([{ name: 'hyoka-locale', value: 'en', url: baseUrl }]);
    await page.goto(baseUrl + '/watchlist?attainment=70');
    await expect(page.locator('h1').textContent()).resolves.toMatch(/^桜ヶ丘市 .*2024.* Watchlist$/);
    await expect(page.getByTestId('rule-attainment').textContent()).resolves.toContain('is below 70%');
    await page.context().clearCookies();
    expect(errors).toEqual([]);
  });
});
