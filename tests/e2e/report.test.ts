/**
 * The briefing pack for the evaluation committee (/report) printed to PDF by Chromium, as a
 * planning division would hand it out, against the app on PGlite and on PostgreSQL: reached from
 * the overview, it prints on A4 with the cover first, then the overview, one page per まちづくり目標
 * (its name at the top), the watchlist with its header repeated on every page it runs over, and
 * the data-quality summary; every page carries its number and the date of the data in the footer.
 * The pages are read back with poppler's pdfinfo and pdftotext.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, waitForPanels } from '../support/browser';

const SERVERS = [
  ['PGlite', inject('baseUrl')],
  ['PostgreSQL', inject('postgresBaseUrl')],
] as const;

/** A4 in points, as pdfinfo reports it. */
const A4 = { width: 595.28, height: 841.89 };

function pdfPages(file: string): { count: number; size: { width: number; height: number } } {
  const info = execFileSync('/usr/bin/pdfinfo', [file], { encoding: 'utf8' });
  const count = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
  const [, w, h] = /^Page size:\s+([\d.]+) x ([\d.]+) pts/m.exec(info) ?? [];
  return { count, size: { width: Number(w), height: Number(h) } };
}

/** Each page's text, its lines trimmed and the empty ones left out. */
function pageLines(file: string, count: number): string[][] {
  return Array.from({ length: count }, (_, i) =>
    execFileSync('/usr/bin/pdftotext', ['-f', String(i + 1), '-l', String(i + 1), '-layout', file, '-'], { encoding: 'utf8' })
      .split('\n')
      .map((l) => l.trim().replace(/\s+/g, ' '))
      .filter((l) => l !== ''),
  );
}

describe.each(SERVERS)('briefing pack printed to PDF in Chromium, app on %s', (_driver, baseUrl) => {
  let browser: Browser;
  let page: Page;
  let dir: string;
  const errors: string[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'ja-JP' });
    // The pack renders seven dashboards at once: slow on a busy machine the first time (then cached).
    page.setDefaultTimeout(120_000);
    page.on('pageerror', (e) => errors.push(e.message));
    dir = mkdtempSync(join(tmpdir(), 'hyoka-report-'));
  });
  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('prints the cover, the overview, one page per goal, the watchlist and data quality on A4', async () => {
    await page.goto(baseUrl + '/?year=2024');
    await Promise.all([page.waitForURL(/\/report\?municipality=999001&year=2024$/), page.getByTestId('report-link').click()]);
    await waitForPanels(page, 60_000);
    const goals = await page.getByTestId('report-goal-name').allTextContents();
    // The demo city's plan has six まちづくり目標 (see tests/e2e/policies.test.ts).
    expect(goals).toHaveLength(6);
    const dataDate = (await page.getByTestId('report-data-date').textContent())!;
    expect(dataDate).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日$/);
    const watchRows = await page.locator('[data-testid="report-watch-table"] [data-testid="report-watch-row"]').count();
    expect(watchRows).toBe(30);

    const file = join(dir, 'report.pdf');
    // No footer template: the page's own @page rules draw the footer, as when printed from the browser's dialog.
    writeFileSync(file, await page.pdf({ preferCSSPageSize: true, printBackground: true }));
    const { count, size } = pdfPages(file);
    expect(size.width).toBeCloseTo(A4.width, 0);
    expect(size.height).toBeCloseTo(A4.height, 0);
    const pages = pageLines(file, count);
    // Each section begins a page of its own, in order; find where each starts.
    const startOf = (heading: RegExp) => pages.findIndex((lines) => lines.slice(0, 3).some((l) => heading.test(l)));
    expect(pages[0]!.join('\n')).toContain('評価委員会資料');
    expect(pages[0]!.join('\n')).toContain('桜ヶ丘市 令和6年度 (2024)');
    expect(pages[0]!.join('\n')).toContain(`データ時点 ${dataDate}`);
    const overview = startOf(/^1\. 全体の概要$/);
    const goalPages = goals.map((name, i) => {
      // The kicker and the goal's name are the first lines of its page.
      const at = pages.findIndex((lines) => lines[0] === `まちづくり目標 ${i + 1} / 6` && lines[1] === name);
      expect(at, name).toBeGreaterThan(0);
      return at;
    });
    const watchlist = startOf(/^3\. 要注意事業 上位30件$/);
    const quality = startOf(/^4\. データ品質$/);
    expect(overview).toBe(1);
    // One page per goal, one after the other, after the overview.
    expect(goalPages[0]).toBeGreaterThan(overview);
    expect(goalPages).toEqual(goalPages.map((_, i) => goalPages[0]! + i));
    expect(watchlist).toBe(goalPages.at(-1)! + 1);
    expect(quality).toBeGreaterThan(watchlist);
    // The page count: the sections and nothing after the data-quality summary's page.
    expect(count).toBe(quality + 1);
    // The watchlist's header on every page its table runs over.
    for (const lines of pages.slice(watchlist, quality)) expect(lines.some((l) => /^順位 事業番/.test(l))).toBe(true);
    // Every page's footer: the date of the data and its number of the total.
    pages.forEach((lines, i) => {
      const footer = lines.slice(-2).join(' ');
      expect(footer, `page ${i + 1}`).toContain(`データ時点 ${dataDate}`);
      expect(footer, `page ${i + 1}`).toMatch(new RegExp(`(^| )${i + 1} / ${count}$`));
    });
    expect(errors).toEqual([]);
  }, 300_000);

  it('is one valid document: no id twice, every reference to an id resolves', async () => {
    await page.goto(`${baseUrl}/report?municipality=999001&year=2024`);
    await waitForPanels(page, 60_000);
    const { ids, references, duplicates, dangling } = await page.evaluate(idProblems);
    // The pack repeats the dashboard's panels once per goal: their ids and aria references are many.
    expect(ids).toBeGreaterThan(20);
    expect(references).toBeGreaterThan(20);
    expect(duplicates).toEqual([]);
    expect(dangling).toEqual([]);
  }, 300_000);

  it('is titled with what it is, the city and the year, in the reader’s language', async () => {
    await page.goto(`${baseUrl}/report?municipality=999001&year=2024`);
    await expect(page.title()).resolves.toBe('評価委員会資料 — 桜ヶ丘市 令和6年度 (2024)');
    const context = await browser.newContext();
    await context.addCookies([{ name: 'hyoka-locale', value: 'en', url: baseUrl }]);
    const en = await context.newPage();
    en.setDefaultTimeout(120_000);
    await en.goto(`${baseUrl}/report?municipality=999001&year=2024`);
    await expect(en.title()).resolves.toBe('Evaluation committee briefing — 桜ヶ丘市 FY2024');
    await context.close();
  }, 300_000);
});

/**
 * In the browser: how many ids and id references the document has, the ids used more than once,
 * and the references (aria-labelledby, aria-describedby, url(#…) in any attribute, href="#…")
 * that name no element.
 */
function idProblems(): { ids: number; references: number; duplicates: string[]; dangling: string[] } {
  const counts = new Map<string, number>();
  for (const el of document.querySelectorAll('[id]')) counts.set(el.id, (counts.get(el.id) ?? 0) + 1);
  const refs: string[] = [];
  for (const el of document.querySelectorAll('*')) {
    for (const name of el.getAttributeNames()) {
      const value = el.getAttribute(name) ?? '';
      if (name === 'aria-labelledby' || name === 'aria-describedby') refs.push(...value.split(/\s+/).filter(Boolean));
      if ((name === 'href' || name === 'xlink:href') && value.startsWith('#') && value.length > 1) refs.push(decodeURIComponent(value.slice(1)));
      for (const m of value.matchAll(/url\(\s*['"]?#([^'")\s]+)/g)) refs.push(m[1]!);
    }
  }
  return {
    ids: counts.size,
    references: refs.length,
    duplicates: [...counts].filter(([, n]) => n > 1).map(([id, n]) => `${id} ×${n}`),
    dangling: [...new Set(refs)].filter((id) => document.getElementById(id) === null),
  };
}
