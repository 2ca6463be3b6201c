/**
 * The funding panel (財源の内訳) in a real browser on the demo city: on the overview and on a
 * policy page, its figures agree with each other and with the page's KPIs, the demo's sheets
 * whose sources overshoot 事業費 are said so, and each source is a named column beside its bar.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openJapanesePage, waitForPanels } from '../support/browser';
import { figure } from '../support/figures';

describe('funding panel in Chromium', () => {
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];
  const baseUrl = inject('baseUrl');

  beforeAll(async () => {
    ({ browser, page } = await openJapanesePage(errors));
  });
  afterAll(() => browser?.close());

  /** The panel's figures for the selected year, and its table's row for that year. */
  async function readPanel() {
    const panel = page.locator('[data-panel="funding"]');
    await expect(panel.locator('h2').textContent()).resolves.toBe('財源の内訳（事業費）');
    const current = panel.locator('[data-testid="funding-table"] tbody tr[aria-current="true"]');
    const cells = (await current.locator('td:not(.fund-mix)').allTextContents()).map(figure);
    return {
      panel,
      projectCost: figure(await panel.getByTestId('funding-project-cost').textContent()),
      general: figure(await panel.getByTestId('funding-general').textContent()),
      generalPerCitizen: figure(await panel.getByTestId('funding-general-per-citizen').textContent()),
      costPerCitizen: figure(await panel.getByTestId('funding-cost-per-citizen').textContent()),
      // 事業費, 国・県, 地方債, その他, 一般財源, 内訳なし, 一般財源/人, コスト/人
      row: cells,
    };
  }

  it('shows where the overview’s money comes from, with 一般財源 per citizen beside cost per citizen', async () => {
    const response = await page.goto(baseUrl + '/?year=2024');
    expect(response?.status()).toBe(200);
    await waitForPanels(page);
    const f = await readPanel();
    expect(f.row).toHaveLength(8);
    expect(f.row[0]).toBe(f.projectCost);
    expect(f.row[4]).toBe(f.general);
    // The sources of the demo's sheets add up to 事業費 but for its sheets one 千円 over (data quality).
    expect(f.row[1]! + f.row[2]! + f.row[3]! + f.row[4]! + f.row[5]!).toBeGreaterThanOrEqual(f.projectCost);
    await expect(f.panel.getByTestId('funding-excess').textContent()).resolves.toMatch(/件の事業で財源の合計が事業費を計[\d,]+千円上回っています/);
    // Per citizen: the same population as the KPI's.
    const population = figure(await page.getByTestId('kpi-population').textContent());
    expect(Math.abs(f.generalPerCitizen - (f.general * 1000) / population)).toBeLessThanOrEqual(1);
    expect(f.costPerCitizen).toBe(figure(await page.getByTestId('kpi-cost-per-citizen').textContent()));
    expect(f.generalPerCitizen).toBeLessThan(f.costPerCitizen);
    // The bar beside the name, then each source a column (with its swatch); this year's rows: all, then one per まちづくり目標.
    await expect(f.panel.locator('[data-testid="funding-now"] thead th').allTextContents()).resolves.toEqual([
      '範囲',
      '構成',
      '事業費',
      ' 国・県支出金',
      ' 地方債',
      ' その他特財',
      ' 一般財源',
      ' 内訳なし',
    ]);
    const goals = await page.locator('[data-testid="children-table"] tbody tr').count();
    await expect(f.panel.locator('[data-testid="funding-now"] tbody tr').count()).resolves.toBe(1 + goals);
    await expect(f.panel.locator('[data-testid="funding-now"] tbody tr').first().locator('.fund-bar > span').count()).resolves.toBe(4);
    // Five years, each but the shown one a link to its overview.
    await expect(f.panel.locator('[data-testid="funding-table"] tbody tr').count()).resolves.toBe(5);
    await expect(f.panel.locator('[data-testid="funding-table"] tbody th a').first().getAttribute('href')).resolves.toBe('/?municipality=999001&year=2020');
    expect(errors).toEqual([]);
  });

  it('shows the same panel for a policy node, its 事業費 within the city’s', async () => {
    await page.goto(baseUrl + '/?year=2024');
    await waitForPanels(page);
    const city = await readPanel();
    const response = await page.goto(baseUrl + '/policies/1?year=2024');
    expect(response?.status()).toBe(200);
    await waitForPanels(page);
    const node = await readPanel();
    expect(node.projectCost).toBeGreaterThan(0);
    expect(node.projectCost).toBeLessThan(city.projectCost);
    expect(node.row[0]).toBe(node.projectCost);
    // All, then each 基本政策 below the goal, each linked to its page.
    const children = await page.locator('[data-testid="children-table"] tbody tr').count();
    await expect(node.panel.locator('[data-testid="funding-now"] tbody tr').count()).resolves.toBe(1 + children);
    await expect(node.panel.locator('[data-testid="funding-now"] tbody th a').first().getAttribute('href')).resolves.toMatch(
      /^\/policies\/1\/\d+\?municipality=999001&year=2024$/,
    );
    expect(errors).toEqual([]);
  });
});
