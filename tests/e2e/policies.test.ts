/**
 * The policy tree and its drill-down in a real browser on the demo city: the tree's figures,
 * a node's KPIs agreeing with its children and its project list, breadcrumbs, and the links.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openJapanesePage } from '../support/browser';
import { NODE_PROJECT_PAGE_SIZE } from '../../db/queries/policies';
import { figure } from '../support/figures';

describe('policy pages in Chromium', () => {
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];
  const baseUrl = inject('baseUrl');

  beforeAll(async () => {
    ({ browser, page } = await openJapanesePage(errors));
  });
  afterAll(() => browser?.close());

  it('lists the policy tree with each subtree’s projects, adding up level by level', async () => {
    const response = await page.goto(baseUrl + '/policies?year=2023');
    expect(response?.status()).toBe(200);
    await expect(page.locator('h1').textContent()).resolves.toBe('桜ヶ丘市 令和5年度 (2023) 政策体系');
    const goals = page.locator('[data-testid="policy-tree"] .policy-goal');
    expect(await goals.count()).toBe(6);
    // The goals' projects add up to the city's for the year (the demo city has no project outside the tree).
    const goalCounts = await goals.locator('h2 .tree-figures').allTextContents();
    await page.goto(baseUrl + '/?year=2023');
    const cityProjects = figure(await page.getByTestId('kpi-projects').textContent());
    expect(goalCounts.map(figure).reduce((a, b) => a + b, 0)).toBe(cityProjects);
    await page.goto(baseUrl + '/policies?year=2023');
    // Goal 1 = the sum of its 基本政策 (the direct children in its list).
    const goal1 = goals.first();
    const children = await goal1.locator(':scope > ul > li > .tree-entry .tree-figures').allTextContents();
    expect(children.length).toBeGreaterThan(1);
    expect(children.map(figure).reduce((a, b) => a + b, 0)).toBe(figure(await goal1.locator('h2 .tree-figures').textContent()));
    // Links keep the year.
    await expect(goal1.locator('h2 a').getAttribute('href')).resolves.toBe('/policies/1?municipality=999001&year=2023');
  });

  it('shows a goal’s children side by side, adding up to the goal, and its projects', async () => {
    await page.goto(baseUrl + '/policies/1');
    await expect(page.locator('h1').textContent()).resolves.toBe('まちづくり目標 1 子どもを生み育てやすく、学びあふれるまち');
    await expect(page.getByTestId('breadcrumb').locator('li').allTextContents()).resolves.toEqual([
      '政策体系',
      'まちづくり目標 1 子どもを生み育てやすく、学びあふれるまち',
    ]);
    const projects = figure(await page.getByTestId('kpi-projects').textContent());
    const totalCost = figure(await page.getByTestId('kpi-total-cost').textContent());
    const rows = page.locator('[data-testid="children-table"] tbody tr');
    expect(await rows.count()).toBe(3); // three 基本政策
    await expect(page.locator('[data-panel="children-table"] > h2').textContent()).resolves.toBe('基本政策別の評価');
    const counts = (await rows.locator('td:nth-child(2)').allTextContents()).map(figure);
    const costs = (await rows.locator('td:nth-child(3)').allTextContents()).map(figure);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(projects);
    expect(costs.reduce((a, b) => a + b, 0)).toBe(totalCost);
    // The chart draws one bar per child.
    const bars = page.locator('[data-testid="goal-chart"] svg rect.bar');
    await bars.first().waitFor({ state: 'visible', timeout: 15_000 });
    expect(await bars.count()).toBe(3);
    // Its projects, paged on the server (NODE_PROJECT_PAGE_SIZE a page): over every page one row
    // each, their costs adding up to the KPI, each linking to its sheet.
    const projectRows = page.locator('[data-testid="node-projects"] tbody tr');
    await expect(projectRows.first().locator('td:nth-child(2) a').getAttribute('href')).resolves.toMatch(/^\/projects\/[^/?]+\?municipality=999001$/);
    const pageCount = Math.ceil(projects / NODE_PROJECT_PAGE_SIZE);
    const codes: string[] = [];
    let listedCost = 0;
    for (let n = 1; n <= pageCount; n++) {
      if (n > 1) await page.goto(`${baseUrl}/policies/1?page=${n}`);
      const rows = await projectRows.count();
      expect(rows).toBe(n < pageCount ? NODE_PROJECT_PAGE_SIZE : projects - NODE_PROJECT_PAGE_SIZE * (pageCount - 1));
      if (pageCount > 1) await expect(page.getByTestId('page-of').textContent()).resolves.toBe(`${n} / ${pageCount}ページ`);
      codes.push(...(await projectRows.locator('td:nth-child(1)').allTextContents()));
      listedCost += (await projectRows.locator('td:nth-child(4)').allTextContents()).map(figure).reduce((a, b) => a + b, 0);
    }
    expect(new Set(codes).size).toBe(projects);
    expect(listedCost).toBe(totalCost);
    // Rating distributions (one criterion by 基本政策 on request) and the histogram link within the goal.
    await page.goto(`${baseUrl}/policies/1?criterion=progress`);
    const ratingHrefs = await page
      .getByTestId('ratings-progress')
      .locator('svg a.chart-link')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
    expect(ratingHrefs.some((h) => new URL(h, baseUrl).searchParams.get('policy') === '1/1')).toBe(true);
    const bandHref = await page.locator('[data-testid="attainment-histogram"] svg a.chart-link').first().getAttribute('href');
    expect(new URL(bandHref!, baseUrl).searchParams.get('policy')).toBe('1');
    expect(errors).toEqual([]);
    // The project list filtered to the goal holds the same projects.
    await Promise.all([page.waitForURL((url) => url.pathname === '/projects'), page.locator('.panel-head a').click()]);
    expect(new URL(page.url()).searchParams.get('policy')).toBe('1');
    await expect(page.getByTestId('project-count').getAttribute('data-count')).resolves.toBe(String(projects));
  });

  it('drills down to a 施策 through the children, with breadcrumbs back up', async () => {
    await page.goto(baseUrl + '/policies/1?year=2023');
    await Promise.all([page.waitForURL(/\/policies\/1\/1\?/), page.locator('[data-testid="children-table"] tbody tr[data-path="1/1"] a').click()]);
    await Promise.all([page.waitForURL(/\/policies\/1\/1\/1\?/), page.locator('[data-testid="children-table"] tbody tr[data-path="1/1/1"] a').click()]);
    const leafRow = page.locator('[data-testid="children-table"] tbody tr').first();
    const leafPath = await leafRow.getAttribute('data-path');
    const leafCount = (await leafRow.locator('td:nth-child(2)').textContent())!.trim();
    await Promise.all([page.waitForURL(new RegExp(`/policies/${leafPath}\\?`)), leafRow.locator('a').click()]);
    expect(new URL(page.url()).searchParams.get('year')).toBe('2023');
    await expect(page.locator('h1 .level-badge').textContent()).resolves.toBe('施策');
    await expect(page.getByTestId('kpi-projects').textContent()).resolves.toBe(`${leafCount}事業`);
    // A 施策 has no children: no breakdown table, its projects listed without a 施策 column.
    await expect(page.getByTestId('children-table').count()).resolves.toBe(0);
    await expect(page.locator('[data-testid="node-projects"] tbody tr').count()).resolves.toBe(figure(leafCount));
    // Its ratings are one row per criterion (the 施策 itself, no level below to split by), its scatter one colour without a legend.
    const ticks = page.getByTestId('ratings-overall').locator('svg .category-tick');
    await ticks.first().waitFor({ state: 'attached', timeout: 15_000 });
    await expect(ticks.allTextContents()).resolves.toEqual(['進捗状況', '実施水準', '有効性', '効率性']);
    await expect(page.locator('#rating-criteria').count()).resolves.toBe(0);
    await expect(
      page
        .locator('section', { has: page.getByTestId('scatter') })
        .locator('.legend')
        .count(),
    ).resolves.toBe(0);
    const crumbs = page.getByTestId('breadcrumb').locator('li');
    expect(await crumbs.count()).toBe(5);
    await Promise.all([page.waitForURL(/\/policies\/1\?/), crumbs.nth(1).locator('a').click()]);
    await expect(page.locator('h1').textContent()).resolves.toContain('子どもを生み育てやすく');
  });

  it('answers 404 for a path that is no node', async () => {
    const response = await page.goto(baseUrl + '/policies/99/1');
    expect(response?.status()).toBe(404);
  });

  it('reads in English with the locale cookie', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    await context.addCookies([{ name: 'hyoka-locale', value: 'en', url: baseUrl }]);
    const en = await context.newPage();
    await en.goto(baseUrl + '/policies/1/1');
    await expect(en.locator('h1 .level-badge').textContent()).resolves.toBe('Basic policy');
    await expect(en.getByTestId('breadcrumb').locator('li').first().textContent()).resolves.toBe('Policies');
    await expect(en.locator('[data-panel="children-table"] > h2').textContent()).resolves.toBe('Figures by direction');
    await expect(en.locator('#projects').textContent()).resolves.toMatch(/^Projects under this node \(\d+\)$/);
    await context.close();
  });
});
