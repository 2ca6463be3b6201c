/**
 * The cross-municipality benchmark and the per-project explanation in a real browser, on the
 * demo's three municipalities (桜ヶ丘市, 梅ノ木町, 浜風市; the import tests may have added towns
 * without a policy tree, which must show as unmatched and stay unranked), against the app on PGlite and on
 * PostgreSQL: the same goal found under another number in each plan, each row's figures equal to
 * that municipality's own policy page, ranks in the order of the figures; a project sheet's
 * similar projects and its one-line explanation, the same sentence the watchlist shows.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openJapanesePage } from '../support/browser';
import { figure } from '../support/figures';

const SERVERS = [
  ['PGlite', inject('baseUrl')],
  ['PostgreSQL', inject('postgresBaseUrl')],
] as const;

interface CompareRow {
  code: string;
  name: string;
  href: string;
  node: string;
  projects: number;
  cost: number;
  costRank: string;
  attainmentRank: string;
}

async function compareRows(page: Page): Promise<CompareRow[]> {
  return page.locator('[data-testid="compare-row"]').evaluateAll((trs) =>
    trs.map((tr) => {
      const text = (sel: string) => tr.querySelector(sel)?.textContent?.trim() ?? '';
      return {
        code: tr.getAttribute('data-code')!,
        name: text('th a'),
        href: tr.querySelector('th a')!.getAttribute('href')!,
        node: text('td.policy-cell'),
        projects: Number(text('[data-testid="compare-projects"]').replace(/,/g, '')),
        cost: Number(text('[data-testid="compare-cost"] b').replace(/[,円]/g, '')),
        costRank: text('[data-testid="compare-cost"] .rank'),
        attainmentRank: text('[data-testid="compare-attainment"] .rank'),
      };
    }),
  );
}

describe.each(SERVERS)('benchmark and explanations in Chromium, app on %s', (_driver, baseUrl) => {
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    ({ browser, page } = await openJapanesePage(errors));
  });
  afterAll(() => browser?.close());

  it('opens from a policy page and matches the goal by name in every municipality', async () => {
    await page.goto(baseUrl + '/policies/1?year=2024');
    await Promise.all([page.waitForURL(/\/compare\?/), page.getByTestId('compare-link').click()]);
    expect(page.url()).toContain('policy=1');
    await expect(page.locator('h1').textContent()).resolves.toBe('子どもを生み育てやすく、学びあふれるまち　他自治体との比較　令和6年度 (2024)');
    const all = await compareRows(page);
    // Towns imported by other tests have no such goal: listed, unmatched.
    for (const other of all.filter((r) => !r.code.startsWith('99900'))) expect(other.node, other.name).toBe('対応する政策なし');
    const rows = all.filter((r) => r.code.startsWith('99900'));
    expect(rows.map((r) => [r.code, r.name])).toEqual([
      ['999001', '桜ヶ丘市'],
      ['999002', '梅ノ木町'],
      ['999003', '浜風市'],
    ]);
    // The other two plans number this goal 2.
    expect(rows.map((r) => r.node)).toEqual([
      '1 子どもを生み育てやすく、学びあふれるまち',
      '2 子どもを生み育てやすく、学びあふれるまち',
      '2 子どもを生み育てやすく、学びあふれるまち',
    ]);
    // Ranks follow the figures: the cheapest per citizen is first.
    const byCost = [...rows].sort((a, b) => a.cost - b.cost);
    expect(byCost.map((r) => r.costRank)).toEqual(['3自治体中1位', '3自治体中2位', '3自治体中3位']);
    expect(rows.every((r) => /^3自治体中[123]位$/.test(r.attainmentRank))).toBe(true);
    // Every criterion's bars: one per municipality.
    const bars = page.locator('[data-testid="compare-mix"] .mix-criterion').first().locator('.mix-bar');
    expect(await bars.count()).toBe(3);
  });

  it('shows each municipality the figures of its own policy page', async () => {
    await page.goto(baseUrl + '/compare?municipality=999001&year=2024&policy=1');
    const matched = (await compareRows(page)).filter((r) => r.node !== '対応する政策なし');
    expect(matched).toHaveLength(3);
    for (const row of matched) {
      await page.goto(baseUrl + row.href);
      expect(figure(await page.getByTestId('kpi-projects').textContent()), row.name).toBe(row.projects);
      expect(figure(await page.getByTestId('kpi-cost-per-citizen').textContent()), row.name).toBe(row.cost);
    }
  });

  it('lists similar projects of other municipalities on a sheet, each opening its own sheet', async () => {
    await page.goto(baseUrl + '/projects/0002?municipality=999001');
    const section = page.getByTestId('similar-projects');
    await expect(section.locator('h2').textContent()).resolves.toBe('他自治体の類似事業');
    const similar = section.locator('[data-testid="similar-row"]');
    expect(await similar.count()).toBeGreaterThan(0);
    const municipalities = await similar.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-municipality')));
    expect(municipalities.every((m) => m !== '999001')).toBe(true);
    const first = similar.first();
    const code = (await first.getAttribute('data-code'))!;
    const municipality = (await first.getAttribute('data-municipality'))!;
    const cityName = (await first.locator('td').first().textContent())!;
    await Promise.all([page.waitForURL(new RegExp(`/projects/${code}\\?municipality=${municipality}`)), first.locator('a').click()]);
    await expect(page.locator('.sheet-kind').textContent()).resolves.toBe(`事務事業評価シート ・ ${cityName}`);
    expect(await page.getByTestId('sheet-code').textContent()).toBe(code);
  });

  it('explains each listed project in one line, the same sentence as on its sheet', async () => {
    await page.goto(baseUrl + '/watchlist');
    const rows = page.locator('[data-testid="watch-row"]');
    const checked = Math.min(3, await rows.count());
    expect(checked).toBeGreaterThan(0);
    for (let i = 0; i < checked; i++) {
      const row = rows.nth(i);
      const sentence = (await row.getByTestId('watch-explain').textContent())!;
      expect(sentence).toMatch(/^達成率|^目標|^達成率を計算できる/);
      const href = (await row.locator('.watch-name a').getAttribute('href'))!;
      const sheet = await browser.newPage({ locale: 'ja-JP' });
      await sheet.goto(baseUrl + href);
      await expect(sheet.getByTestId('project-explanation').textContent()).resolves.toBe(`令和6年度 (2024) ${sentence}`);
      await sheet.close();
    }
  });

  it('speaks English with the locale cookie', async () => {
    const en = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    await en.addCookies([{ name: 'hyoka-locale', value: 'en', url: baseUrl }]);
    const p = await en.newPage();
    await p.goto(baseUrl + '/compare?municipality=999002&year=2024');
    await expect(p.locator('h1').textContent()).resolves.toBe('Whole municipality: compared with other municipalities, FY2024');
    await expect(p.locator('[data-testid="compare-row"].selected th a').textContent()).resolves.toBe('梅ノ木町');
    await p.goto(baseUrl + '/projects/0002?municipality=999001');
    await expect(p.getByTestId('project-explanation').textContent()).resolves.toMatch(/^FY2024 (Target (met|missed)|No indicator)/);
    await en.close();
    expect(errors).toEqual([]);
  });
});
