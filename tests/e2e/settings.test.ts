/**
 * The settings page in Chromium: a population typed in for a year is what the overview's cost per
 * citizen divides by; a bad value is refused with a clear message and nothing saved. The demo
 * city's original figure is restored at the end so other tests see the demo unchanged.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { contextWith } from '../support/auth';
import { launchBrowser } from '../support/browser';
import { figure } from '../support/figures';

describe('municipality settings in Chromium', () => {
  let browser: Browser;
  let page: Page;
  let original = '';
  const baseUrl = inject('baseUrl');
  const section = () => page.getByTestId('settings-999001');
  const input2024 = () => section().locator('input[name="population-2024"]');

  beforeAll(async () => {
    browser = await launchBrowser();
    // Settings are for importers and admins (tests/e2e/access.test.ts proves the others are refused).
    page = await (await contextWith(browser, baseUrl, inject('sessions').importer)).newPage();
  });
  afterAll(async () => {
    if (original && page) {
      await page.goto(baseUrl + '/settings');
      await input2024().fill(original);
      await section().getByRole('button', { name: '保存' }).click();
      await page.waitForURL(/saved=999001/);
    }
    await browser?.close();
  });

  async function overviewPerCitizen(): Promise<{ total: number; perCitizen: number }> {
    await page.goto(baseUrl + '/?year=2024');
    return {
      total: figure(await page.getByTestId('kpi-total-cost').textContent()),
      perCitizen: figure(await page.getByTestId('kpi-cost-per-citizen').textContent()),
    };
  }

  it('lists the demo city’s years with the imported populations', async () => {
    const response = await page.goto(baseUrl + '/settings');
    expect(response?.status()).toBe(200);
    await expect(section().locator('h2').textContent()).resolves.toBe('桜ヶ丘市（999001）');
    original = await input2024().inputValue();
    expect(figure(original)).toBeGreaterThan(10_000);
    const row = section().locator('tr:has(input[name="population-2024"])');
    await expect(row.locator('td').last().textContent()).resolves.toMatch(/^取込 #\d+$/);
  });

  it('uses a typed population for cost per citizen', async () => {
    await page.goto(baseUrl + '/settings');
    await input2024().fill('２００，０００');
    await section().getByRole('button', { name: '保存' }).click();
    await page.waitForURL(/saved=999001&changed=1/);
    await expect(section().getByRole('status').textContent()).resolves.toBe('桜ヶ丘市: 1年度分の人口を保存しました。');
    await expect(input2024().inputValue()).resolves.toBe('200,000');
    const row = section().locator('tr:has(input[name="population-2024"])');
    await expect(row.locator('td').last().textContent()).resolves.toBe('手入力');

    const { total, perCitizen } = await overviewPerCitizen();
    expect(perCitizen).toBe(Math.round((total * 1000) / 200_000));
  });

  it('refuses a value that is not a whole number, saving nothing', async () => {
    await page.goto(baseUrl + '/settings');
    await input2024().fill('20万');
    await section().getByRole('button', { name: '保存' }).click();
    await page.waitForURL(/invalid=/);
    await expect(section().getByRole('alert').textContent()).resolves.toBe(
      '令和6年度 (2024)の人口「20万」は正の整数で入力してください（例: 101,381）。何も保存していません。',
    );
    await expect(input2024().inputValue()).resolves.toBe('200,000');
  });

  it('an emptied year has no cost per citizen, and the overview says where to enter it', async () => {
    await page.goto(baseUrl + '/settings');
    await input2024().fill('');
    await section().getByRole('button', { name: '保存' }).click();
    await page.waitForURL(/saved=999001&changed=1/);
    const row = section().locator('tr:has(input[name="population-2024"])');
    await expect(row.locator('td').last().textContent()).resolves.toBe('未設定');

    await page.goto(baseUrl + '/?year=2024');
    await expect(page.getByTestId('kpi-cost-per-citizen').textContent()).resolves.toBe('人口未登録');
    await page.getByRole('link', { name: '設定で人口を入力 →' }).click();
    await page.waitForURL(/\/settings$/);
  });
});
