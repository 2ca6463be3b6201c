/**
 * One checked upload committed from two tabs at once (the same check result open twice, both
 * buttons pressed): exactly one import happens; the other tab says the upload was already
 * imported, with a link to that import. On PGlite and on PostgreSQL (where the two commits really
 * run side by side). The file is a new municipality (999301 ふたば町), so the demo data stays.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { contextWith } from '../support/auth';
import { launchBrowser } from '../support/browser';

const SERVERS = [
  ['PGlite', inject('baseUrl'), inject('sessions').importer],
  ['PostgreSQL', inject('postgresBaseUrl'), inject('postgresSessions').importer],
] as const;

const work = mkdtempSync(join(tmpdir(), 'hyoka-two-tabs-'));
const file = join(work, 'futaba-two-tabs.csv');
writeFileSync(
  file,
  [
    '市区町村コード,市区町村名,年度,事業番号,事業名,事業費合計,人件費合計,トータルコスト',
    '999301,ふたば町,令和6年度,F-01,ふたつのタブ事業,1200,300,1500',
    '999301,ふたば町,令和6年度,F-02,同時確定事業,800,200,1000',
  ].join('\n') + '\n',
);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.each(SERVERS)('one check result committed from two tabs, app on %s', (_driver, baseUrl, importerSession) => {
  let browser: Browser;
  let context: BrowserContext;
  let tabs: [Page, Page];
  const errors: string[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    context = await contextWith(browser, baseUrl, importerSession);
    tabs = [await context.newPage(), await context.newPage()];
    for (const tab of tabs) tab.on('pageerror', (e) => errors.push(e.message));
  });
  afterAll(() => browser?.close());

  it('imports once; the other tab is told it was already imported, with a link', { timeout: 120_000 }, async () => {
    const [first, second] = tabs;
    await first.goto(baseUrl + '/imports');
    await first.setInputFiles('input[name="file"]', file);
    await first.getByRole('button', { name: '内容を確認する' }).click();
    await first.waitForURL(/\/imports\?batch=\d+/);
    await second.goto(first.url());

    const pressed = tabs.map(async (tab) => {
      await tab.getByRole('button', { name: 'この内容で取り込む' }).click();
      await tab.waitForURL(/\/imports\?(done|already)=\d+/);
      return new URL(tab.url()).searchParams;
    });
    const [a, b] = await Promise.all(pressed);
    const done = [a!, b!].filter((p) => p.has('done'));
    const already = [a!, b!].filter((p) => p.has('already'));
    expect(done).toHaveLength(1);
    expect(already).toHaveLength(1);
    const batchId = Number(done[0]!.get('done'));
    expect(Number(already[0]!.get('already'))).toBe(batchId);

    const told = a!.has('already') ? first : second;
    await expect(told.getByTestId('already-committed').innerText()).resolves.toContain(
      `この確認結果は、別の操作（もう一度の押下や別のタブ）ですでに取込 #${batchId} として取り込まれています。今回は何も書き込んでいません。`,
    );
    await expect(told.getByTestId('already-committed').getByRole('link').getAttribute('href')).resolves.toBe(`/imports/${batchId}`);

    // One batch of this file in the history, and it is the one both tabs name.
    const rows = told.locator('[data-testid^="history-row-"]', { hasText: 'futaba-two-tabs.csv' });
    await told.reload();
    expect(await rows.evaluateAll((r) => r.map((x) => x.getAttribute('data-testid')))).toEqual([`history-row-${batchId}`]);
    expect(errors).toEqual([]);
  });
});
