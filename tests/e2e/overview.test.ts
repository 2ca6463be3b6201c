/**
 * The overview in a real browser on the demo city: KPIs that agree with each other, charts
 * drawn as SVG, and every chart element a link to the view behind it.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openJapanesePage } from '../support/browser';
import { figure } from '../support/figures';

describe('overview page in Chromium', () => {
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];
  const baseUrl = inject('baseUrl');

  beforeAll(async () => {
    ({ browser, page } = await openJapanesePage(errors));
  });
  afterAll(() => browser?.close());

  it('shows the latest fiscal year’s KPIs, each with the year before', async () => {
    const response = await page.goto(baseUrl + '/');
    expect(response?.status()).toBe(200);
    await expect(page.locator('h1').textContent()).resolves.toMatch(/桜ヶ丘市 令和6年度 \(2024\) 事務事業評価の概要/);
    const projects = figure(await page.getByTestId('kpi-projects').textContent());
    expect(projects).toBeGreaterThan(500);
    const totalText = await page.getByTestId('kpi-total-cost').textContent();
    expect(totalText).toMatch(/^[\d,]+千円$/);
    const perCitizenText = await page.getByTestId('kpi-cost-per-citizen').textContent();
    expect(perCitizenText).toMatch(/^[\d,]+円$/);
    // Cost per citizen is the total cost over the population shown beside it (to the yen).
    const population = figure(
      await page
        .locator('.kpi', { has: page.getByTestId('kpi-cost-per-citizen') })
        .locator('.kpi-note')
        .textContent(),
    );
    expect(population).toBeGreaterThan(10_000);
    expect(figure(perCitizenText)).toBe(Math.round((figure(totalText) * 1000) / population));
    await expect(page.getByTestId('kpi-median-attainment').textContent()).resolves.toMatch(/^\d+\.\d%$/);
    await expect(page.getByTestId('kpi-share-at-target').textContent()).resolves.toMatch(/^\d+\.\d%$/);
    // Every KPI is compared with 令和5年度, with a signed change.
    for (const id of ['kpi-projects', 'kpi-total-cost', 'kpi-cost-per-citizen', 'kpi-share-at-target', 'kpi-median-attainment']) {
      await expect(page.getByTestId(`${id}-previous`).textContent()).resolves.toMatch(/^前年度 .+[+−±][\d.]+(%|pt)$/);
    }
    await expect(page.locator('.subtitle').textContent()).resolves.toContain('比較: 令和5年度 (2023)');
    expect(errors).toEqual([]);
  });

  it('draws cost per citizen as SVG bars, one per まちづくり目標, agreeing with the table', async () => {
    const bars = page.locator('[data-testid="goal-chart"] svg rect.bar');
    await bars.first().waitFor({ state: 'visible', timeout: 15_000 });
    expect(await bars.count()).toBe(6);
    const ticks = await page.locator('[data-testid="goal-chart"] svg .category-tick').allTextContents();
    expect(ticks).toHaveLength(6);
    expect(ticks[0]).toBe('1 子育て・教育');
    // The value printed on each bar is the table's per-citizen column, goal by goal.
    const labels = await page.locator('[data-testid="goal-chart"] svg .value-label').allTextContents();
    const column = await page.locator('[data-testid="children-table"] tbody tr td:nth-child(4)').allTextContents();
    expect(labels).toEqual(column);
    // The goals' projects add up to the city's.
    const counts = await page.locator('[data-testid="children-table"] tbody tr td:nth-child(2)').allTextContents();
    expect(counts.map(figure).reduce((a, b) => a + b, 0)).toBe(figure(await page.getByTestId('kpi-projects').textContent()));
  });

  it('follows a goal’s bar to its policy page, with the same figures', async () => {
    await page.goto(baseUrl + '/');
    const row = page.locator('[data-testid="children-table"] tbody tr[data-path="2"]');
    const [name, count, cost] = await Promise.all([
      row.locator('td').nth(0).textContent(),
      row.locator('td').nth(1).textContent(),
      row.locator('td').nth(2).textContent(),
    ]);
    const bar = page.locator('[data-testid="goal-chart"] svg a.chart-link').nth(1);
    await bar.waitFor({ state: 'visible', timeout: 15_000 });
    await Promise.all([page.waitForURL(/\/policies\/2\?/), bar.click()]);
    expect(new URL(page.url()).searchParams.get('year')).toBe('2024');
    await expect(page.locator('h1').textContent()).resolves.toContain(name!.trim());
    await expect(page.getByTestId('kpi-projects').textContent()).resolves.toBe(count!.trim() + '事業');
    await expect(page.getByTestId('kpi-total-cost').textContent()).resolves.toBe(cost!.trim());
    expect(errors).toEqual([]);
  });

  it('links each attainment band to the filtered project list; the bands add up to the projects', async () => {
    await page.goto(baseUrl + '/');
    const links = page.locator('[data-testid="attainment-histogram"] svg a.chart-link');
    await links.first().waitFor({ state: 'attached', timeout: 15_000 });
    const hrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    const bands = hrefs.map((h) => new URL(h!, baseUrl).searchParams.get('attainment'));
    // Empty bands have no link; the demo city has projects in these.
    expect(bands).toEqual(expect.arrayContaining(['50-80', '80-100', '100-120', 'ge120']));
    for (const h of hrefs) expect(new URL(h!, baseUrl).searchParams.get('year')).toBe('2024');
    const counts = await page.locator('[data-testid="attainment-histogram"] svg .value-label').allTextContents();
    expect(counts).toHaveLength(6); // five bands and "no data"
    expect(counts.map(figure).reduce((a, b) => a + b, 0)).toBe(figure(await page.getByTestId('kpi-projects').textContent()));
    // The 80–100 % band: the project list behind it holds exactly the band's projects.
    const band = links.nth(1);
    const expected = await band.getAttribute('href');
    expect(new URL(expected!, baseUrl).searchParams.get('attainment')).toBe('80-100');
    await Promise.all([page.waitForURL((url) => url.pathname === '/projects'), band.click()]);
    expect(page.url()).toBe(new URL(expected!, baseUrl).href);
    await expect(page.getByTestId('project-count').getAttribute('data-count')).resolves.toBe(String(figure(counts[2])));
  });

  it('shows every rating criterion for the city, and one by goal at a time, each segment a link', async () => {
    await page.goto(baseUrl + '/');
    const overall = page.getByTestId('ratings-overall');
    await expect(overall.locator('svg .category-tick').allTextContents()).resolves.toEqual(['進捗状況', '実施水準', '有効性', '効率性']);
    const overallRatings = new Set(
      (await overall.locator('svg a.chart-link').evaluateAll((as) => as.map((a) => a.getAttribute('href')!))).map((h) =>
        new URL(h, baseUrl).searchParams.get('rating'),
      ),
    );
    for (const key of ['progress', 'level', 'effectiveness', 'efficiency']) expect(overallRatings).toContain(`${key}:A`);
    for (const key of ['progress', 'level', 'effectiveness', 'efficiency']) {
      // The criterion switch leads to the same page with that criterion split by goal.
      const switchHrefs = await page.locator('#rating-criteria a').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
      const to = switchHrefs.find((h) => (new URL(h, baseUrl).searchParams.get('criterion') ?? 'progress') === key);
      await page.goto(new URL(to!, baseUrl).href);
      await expect(page.locator('#rating-criteria a[aria-current="true"]').count()).resolves.toBe(1);
      const chart = page.getByTestId(`ratings-${key}`);
      await expect(chart.locator('figcaption li').last().textContent()).resolves.toBe('未評価');
      // 全体 and the six goals.
      await expect(chart.locator('svg .category-tick').allTextContents()).resolves.toEqual(expect.arrayContaining(['全体', '1 子育て・教育', '6 自治力']));
      const hrefs = await chart.locator('svg a.chart-link').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
      const ratings = new Set(hrefs.map((h) => new URL(h, baseUrl).searchParams.get('rating')));
      expect(ratings).toContain(`${key}:A`);
      expect(ratings).toContain(`${key}:none`); // the demo city leaves a few projects unrated
      expect(hrefs.some((h) => new URL(h, baseUrl).searchParams.get('policy') === '1')).toBe(true);
    }
    // A segment's count (in its accessible name) is the number of projects its link lists:
    // goal 5's 有効性 C, then everything not rated on 進捗状況.
    for (const [key, policy, grade] of [
      ['effectiveness', '5', 'C'],
      ['progress', null, 'none'],
    ] as const) {
      await page.goto(`${baseUrl}/?criterion=${key}`);
      const href = `/projects?municipality=999001&year=2024${policy ? `&policy=${policy}` : ''}&rating=${key}%3A${grade}`;
      const segment = page.getByTestId(`ratings-${key}`).locator(`svg a.chart-link[href="${href}"]`);
      await segment.waitFor({ state: 'attached', timeout: 15_000 });
      const n = figure((await segment.getAttribute('aria-label'))!.match(/([\d,]+)件/)![1]);
      expect(n).toBeGreaterThan(0);
      await Promise.all([page.waitForURL((url) => url.pathname === '/projects'), segment.dispatchEvent('click')]);
      await expect(page.getByTestId('project-count').getAttribute('data-count')).resolves.toBe(String(n));
    }
  });

  it('plots every project with cost and attainment as light marks, a click on a dot opening its sheet', async () => {
    await page.goto(baseUrl + '/');
    const section = page.locator('section', { has: page.getByTestId('scatter') });
    const series = page.locator('[data-testid="scatter"] svg[data-scatter-points] path[data-codes]');
    await series.first().waitFor({ state: 'attached', timeout: 15_000 });
    const shown = figure((await section.locator('.caption').textContent())!.match(/([\d,]+)事業を表示/)![1]!);
    expect(shown).toBeGreaterThan(500);
    // One dot (a zero-length segment of its series' path) and one code per project, and no link element per dot.
    const marks = await series.evaluateAll((paths) =>
      paths.map((p) => ({ dots: (p.getAttribute('d')!.match(/M/g) ?? []).length, codes: p.getAttribute('data-codes')!.split(' ') })),
    );
    expect(marks.reduce((n, m) => n + m.dots, 0)).toBe(shown);
    expect(marks.every((m) => m.dots === m.codes.length)).toBe(true);
    expect(new Set(marks.flatMap((m) => m.codes)).size).toBe(shown);
    await expect(page.locator('[data-testid="scatter"] svg a').count()).resolves.toBe(0);
    // One legend entry (and colour) per goal.
    await expect(section.locator('.legend li').count()).resolves.toBe(6);
    // The text alternative: the counts either side of 100 % and the same projects as a list.
    const [reached, below] = (await page.getByTestId('scatter-alternative').textContent())!.match(/100%以上 ([\d,]+)事業、100%未満 ([\d,]+)事業/)!.slice(1);
    expect(figure(reached!) + figure(below!)).toBe(shown);
    await expect(page.getByTestId('scatter-list').getAttribute('href')).resolves.toBe('/projects?municipality=999001&year=2024&sort=totalCost&dir=desc');

    // Pointing at the first dot names its project; clicking opens its sheet.
    await page.getByTestId('scatter').scrollIntoViewIfNeeded();
    const dot = await series.first().evaluate((p) => {
      const svg = (p as SVGPathElement).ownerSVGElement!;
      const box = svg.getBoundingClientRect();
      const view = svg.viewBox.baseVal;
      const [, x, y] = p.getAttribute('d')!.match(/M(\d+) (\d+)/)!;
      const code = decodeURIComponent(p.getAttribute('data-codes')!.split(' ')[0]!);
      return { x: box.left + (Number(x) * box.width) / view.width, y: box.top + (Number(y) * box.height) / view.height, code };
    });
    await page.mouse.move(dot.x, dot.y);
    await expect(page.locator('[data-testid="scatter"] [role="tooltip"] strong').textContent()).resolves.toBe(dot.code);
    await Promise.all([page.waitForURL((url) => url.pathname.startsWith('/projects/')), page.mouse.click(dot.x, dot.y)]);
    expect(page.url()).toBe(new URL(`/projects/${encodeURIComponent(dot.code)}?municipality=999001`, baseUrl).href);
    await expect(page.locator('h1').textContent()).resolves.toContain(dot.code);
  });

  it('switches fiscal year through the URL and through a trend point', async () => {
    await page.goto(baseUrl + '/?year=2022');
    await expect(page.locator('h1').textContent()).resolves.toContain('令和4年度 (2022)');
    await expect(page.locator('select[name="year"]').inputValue()).resolves.toBe('2022');
    const points = page.locator('[data-testid="trend-cost"] svg a.chart-link');
    await points.first().waitFor({ state: 'attached', timeout: 15_000 });
    expect(await points.count()).toBe(5); // 令和2年度 … 令和6年度
    await Promise.all([page.waitForURL(/year=2020/), points.first().dispatchEvent('click')]);
    await expect(page.locator('h1').textContent()).resolves.toContain('令和2年度 (2020)');
    // The first year has nothing to compare with.
    await expect(page.getByTestId('kpi-projects-previous').count()).resolves.toBe(0);
  });

  it('reads in English with the locale cookie', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    await context.addCookies([{ name: 'hyoka-locale', value: 'en', url: baseUrl }]);
    const en = await context.newPage();
    await en.goto(baseUrl + '/');
    await expect(en.locator('html').getAttribute('lang')).resolves.toBe('en');
    await expect(en.locator('h1').textContent()).resolves.toBe('桜ヶ丘市 FY2024 project evaluation overview');
    await expect(en.locator('.kpi dt').allTextContents()).resolves.toEqual([
      'Projects evaluated',
      'Total cost (project + staff)',
      'Cost per citizen',
      'Indicators at or above target',
      'Attainment (median project)',
      // The funding-mix panel's figures.
      'Project cost',
      'General funds (the city’s own money)',
      'Cost per citizen',
      'General funds per citizen',
    ]);
    await expect(en.getByTestId('kpi-projects-previous').textContent()).resolves.toMatch(/^Previous year /);
    await expect(en.locator('[data-panel="histogram"] > h2').textContent()).resolves.toBe('Attainment distribution');
    await expect(en.getByTestId('ratings-overall').locator('figcaption li').last().textContent()).resolves.toBe('Not rated');
    const ticks = en.locator('[data-testid="attainment-histogram"] svg .category-tick');
    await ticks.first().waitFor({ state: 'attached', timeout: 15_000 });
    await expect(ticks.first().textContent()).resolves.toBe('Under 50%');
    await context.close();
  });
});
