/**
 * A 100 MB file on the import page: refused before it is sent, with the page's limit in words
 * (Japanese, and English after the locale switch), the check button disabled, and nothing in the
 * history. The limit is checked in the browser (and again in the server action), before any
 * database is involved, so one server (PGlite) is enough. The CLI takes such files: see
 * tests/integration/import-malformed.test.ts.
 */
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { contextWith } from '../support/auth';
import { launchBrowser } from '../support/browser';

const baseUrl = inject('baseUrl');
const importerSession = inject('sessions').importer;
const work = mkdtempSync(join(tmpdir(), 'hyoka-upload-'));
const file = join(work, 'hundred-megabytes.csv');

describe('a 100 MB upload in Chromium', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    writeFileSync(file, '市区町村コード,市区町村名,年度,事業番号,事業名\n');
    truncateSync(file, 100 * 1024 * 1024);
    browser = await launchBrowser();
    page = await (await contextWith(browser, baseUrl, importerSession)).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    rmSync(work, { recursive: true, force: true });
  });

  const historyIds = () => page.locator('[data-testid^="history-row-"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-testid')));

  it('is refused with the limit in Japanese and English, and nothing is checked or stored', async () => {
    await page.goto(baseUrl + '/imports');
    const before = await historyIds();
    await page.setInputFiles('input[name="file"]', file);
    await expect(page.getByTestId('upload-error').innerText()).resolves.toBe('ファイルが大きすぎます（上限 50 MB）。年度ごとなどに分けて取り込んでください。');
    const submit = page.getByRole('button', { name: '内容を確認する' });
    await expect(submit.isDisabled()).resolves.toBe(true);

    await page.goto(baseUrl + '/locale?to=en&back=/imports');
    await page.waitForURL(/\/imports$/);
    await page.setInputFiles('input[name="file"]', file);
    const english = await page.getByTestId('upload-error').innerText();
    await page.goto(baseUrl + '/locale?to=ja&back=/imports');

    await page.waitForURL(/\/imports$/);
    expect(await historyIds()).toEqual(before);
    expect(english).toBe('The file is too large (limit 50 MB). Split it, e.g. by fiscal year.');
  });
});
