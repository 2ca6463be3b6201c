/**
 * Files near the upload limit (50 MB) on the import page:
 * - 100 MB: refused before it is sent, with the page's limit in words (Japanese, and English after
 *   the locale switch), the check button disabled, and nothing in the history.
 * - 49 MB: sent (streamed to disk by app/imports/upload/route.ts), checked and shown for commit.
 * - 51 MB without JavaScript (so the browser sends it): the server cuts it off at the limit and
 *   answers with the form and the same message — a redirect, never a 500 — and stores nothing.
 * The 49 MB file is 40 padding columns the importer ignores (one warning each) over ~70 rows, so
 * its check stays quick. One server (PGlite) is enough: the limit is met before any database.
 * The CLI takes larger files: see tests/integration/import-malformed.test.ts.
 */
import { closeSync, mkdtempSync, openSync, rmSync, statSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
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
const MB = 1024 * 1024;

/** A valid Hyoka CSV of just over `megabytes` MB (under the next MB): padding columns carry the size. */
function paddedCsv(path: string, megabytes: number): void {
  const padding = Array.from({ length: 40 }, (_, i) => `余白${String(i + 1).padStart(2, '0')}`);
  const cells = padding.map(() => 'x'.repeat(19_000)).join(',');
  const fd = openSync(path, 'w');
  let size = 0;
  const write = (line: string) => (size += writeSync(fd, line + '\n'));
  write(['市区町村コード', '市区町村名', '年度', '事業番号', '事業名', '事業費合計', '人件費合計', 'トータルコスト', ...padding].join(','));
  for (let i = 1; size < megabytes * MB; i++) {
    const code = `Y-${String(i).padStart(3, '0')}`;
    const row = `999401,よはく町,令和6年度,${code},余白事業${i},100,50,150,`;
    const left = megabytes * MB - size - row.length;
    // The last row is cut so that the file ends just past the size asked for.
    write(row + (left < cells.length ? padding.map(() => 'x'.repeat(Math.max(1, Math.ceil(left / 40)))).join(',') : cells));
  }
  closeSync(fd);
}

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

  const historyOf = (p: Page) => p.locator('[data-testid^="history-row-"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-testid')));

  it('takes a 49 MB file: sent, checked, and shown for commit', { timeout: 300_000 }, async () => {
    const big = join(work, 'forty-nine-megabytes.csv');
    paddedCsv(big, 49);
    const size = statSync(big).size;
    expect(size).toBeGreaterThan(49 * MB);
    expect(size).toBeLessThan(50 * MB);
    const started = Date.now();
    await page.goto(baseUrl + '/imports');
    await page.setInputFiles('input[name="file"]', big);
    await expect(page.getByTestId('upload-error').count()).resolves.toBe(0);
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/imports/upload'), { timeout: 240_000 }),
      page.getByRole('button', { name: '内容を確認する' }).click(),
    ]);
    expect(response.status()).toBe(303);
    await page.waitForURL(/\/imports\?batch=\d+/, { timeout: 240_000 });
    console.log(`49 MB upload (${size.toLocaleString('en-US')} bytes): sent and checked in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    await expect(page.getByRole('button', { name: 'この内容で取り込む' }).isVisible()).resolves.toBe(true);
    await expect(page.getByTestId('preview').innerText()).resolves.toContain('forty-nine-megabytes.csv');
    // Not imported: discarded again, so the demo data stays as it was.
    await page.getByRole('button', { name: '破棄する' }).click();
    await page.waitForURL((url) => url.pathname === '/imports' && !url.search);
    rmSync(big);
  });

  it('refuses a 51 MB file sent without JavaScript with the form and its message, not a 500', { timeout: 300_000 }, async () => {
    const over = join(work, 'fifty-one-megabytes.csv');
    paddedCsv(over, 51);
    const noScript = await (await contextWith(browser, baseUrl, importerSession, { javaScriptEnabled: false })).newPage();
    await noScript.goto(baseUrl + '/imports');
    const before = await historyOf(noScript);
    await noScript.setInputFiles('input[name="file"]', over);
    const [response] = await Promise.all([
      noScript.waitForResponse((r) => r.url().endsWith('/imports/upload'), { timeout: 240_000 }),
      noScript.getByRole('button', { name: '内容を確認する' }).click(),
    ]);
    expect(response.status()).toBe(303);
    await noScript.waitForURL(/\/imports\?upload=too-large/);
    await expect(noScript.getByTestId('upload-error').innerText()).resolves.toBe(
      'ファイルが大きすぎます（上限 50 MB）。年度ごとなどに分けて取り込んでください。',
    );
    expect(await historyOf(noScript)).toEqual(before);
    await noScript.context().close();
    rmSync(over);
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
