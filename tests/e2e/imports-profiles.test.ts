/**
 * Saved profiles in a real browser, as the importer: a city's export is mapped and saved
 * (version 1), the list at /imports/profiles shows it, its JSON is downloaded and imported back
 * as version 2 (a JSON without a municipality is refused until one is typed in), and next
 * year's file with a renamed column opens the mapping step from the saved profile, showing only
 * that column. Anonymous visitors and a viewer get no profile data from the page, the export
 * route or the import action.
 *
 *   999401 つばさ町, 令和5年度: T-01 見守り事業 1,000 A; T-02 子育て相談 2,000 C
 *   next year: 総合評価 renamed 総合判定
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { contextWith, type Sessions } from '../support/auth';
import { launchBrowser } from '../support/browser';

const dir = mkdtempSync(join(tmpdir(), 'hyoka-profiles-'));
const HEADER = '管理番号,事務事業の名称,評価年,担当課名,決算額（千円）,総合評価';
const BODY = 'T-01,見守り事業,令和5年度,福祉課,1000,A\nT-02,子育て相談,令和5年度,子育て課,2000,C\n';
const FIRST = join(dir, 'tsubasa-r5.csv');
const RENAMED = join(dir, 'tsubasa-r6.csv');
writeFileSync(FIRST, `${HEADER}\n${BODY}`);
writeFileSync(RENAMED, `${HEADER.replace('総合評価', '総合判定')}\n${BODY.replaceAll('令和5年度', '令和6年度')}`);
const NAME = 'tsubasa-town';

const SERVERS = [
  ['PGlite', inject('baseUrl'), inject('sessions')],
  ['PostgreSQL', inject('postgresBaseUrl'), inject('postgresSessions')],
] as const;

describe.each(SERVERS)('saved profiles in Chromium, app on %s', (_driver, baseUrl, sessions: Sessions) => {
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await (await contextWith(browser, baseUrl, sessions.importer)).newPage();
    page.on('pageerror', (e) => errors.push(e.message));
  });
  afterAll(() => browser?.close());

  async function upload(file: string) {
    await page.goto(`${baseUrl}/imports`);
    await page.setInputFiles('input[name="file"]', file);
    await page.getByRole('button', { name: '内容を確認する' }).click();
    await page.waitForURL(/\/imports(\/map)?\?batch=\d+/);
  }

  it('maps and saves a profile, lists it, exports its JSON and imports it back as version 2', async () => {
    await upload(FIRST);
    await page.getByTestId('map-link').click();
    await page.waitForURL(/\/imports\/map\?batch=\d+/);
    await page.fill('input[name="code"]', '999401');
    await page.fill('input[name="city"]', 'つばさ町');
    await page.fill('input[name="name"]', NAME);
    await page.getByRole('button', { name: '名前を付けて保存し、取込内容を確認' }).click();
    await page.waitForURL(/\/imports\?batch=\d+/);
    await page.getByRole('button', { name: 'この内容で取り込む' }).click();
    await page.waitForURL(/\/imports\?done=\d+/);

    // The list, reached from the import page.
    await page.goto(`${baseUrl}/imports`);
    await page.getByTestId('profiles-link').click();
    await page.waitForURL(/\/imports\/profiles$/);
    const row = page.getByTestId('profile-row').filter({ hasText: NAME });
    expect(await row.innerText()).toMatch(/つばさ町（999401）[\s\S]*第1版[\s\S]*取込 太郎/);

    // Export: a download named for the profile, the JSON the command line takes.
    const [file] = await Promise.all([page.waitForEvent('download'), row.getByTestId('profile-export').first().click()]);
    expect(file.suggestedFilename()).toBe(`profile-999401-${NAME}-v1.json`);
    const exported = JSON.parse(readFileSync((await file.path())!, 'utf8'));
    expect(exported).toMatchObject({ name: NAME, municipality: { code: '999401', name: 'つばさ町' }, layout: 'columns' });

    // A JSON without a municipality is refused, saying what to enter; nothing is saved.
    const { municipality: _drop, ...withoutCity } = exported;
    const bare = join(dir, 'bare.json');
    writeFileSync(bare, JSON.stringify(withoutCity));
    const form = page.getByTestId('profile-import');
    await form.locator('input[name="file"]').setInputFiles(bare);
    await form.getByRole('button', { name: '読み込んで保存する' }).click();
    await expect(page.getByTestId('profile-import-result').innerText()).resolves.toMatch(/自治体（municipality）がありません.*no municipality/s);
    // A broken key is named.
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, JSON.stringify({ ...exported, moneyUnit: '万円' }));
    await form.locator('input[name="file"]').setInputFiles(broken);
    await form.getByRole('button', { name: '読み込んで保存する' }).click();
    await page.getByTestId('profile-import-result').filter({ hasText: 'moneyUnit' }).waitFor();

    // With the municipality typed in, it is saved as the next version.
    await form.locator('input[name="file"]').setInputFiles(bare);
    await form.locator('input[name="code"]').fill('999401');
    await form.locator('input[name="city"]').fill('つばさ町');
    await form.getByRole('button', { name: '読み込んで保存する' }).click();
    await page
      .getByTestId('profile-import-result')
      .filter({ hasText: `「${NAME}」を第2版として保存しました` })
      .waitFor();
    await page.reload();
    const updated = page.getByTestId('profile-row').filter({ hasText: NAME });
    expect(await updated.innerText()).toContain('第2版');
    // The versions, expanded with the keyboard.
    await updated.locator('summary').focus();
    await page.keyboard.press('Enter');
    expect(await updated.getByTestId('profile-versions').locator('li').allInnerTexts()).toEqual([
      expect.stringMatching(/^第2版 — 取込 太郎/),
      expect.stringMatching(/^第1版 — 取込 太郎/),
    ]);
    // 390 px: nothing wider than the screen.
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  it("opens next year's file with a renamed column from the saved profile, showing that column only", async () => {
    await upload(RENAMED);
    expect(page.url()).toMatch(/\/imports\/map\?batch=\d+&from-profile=\d+/);
    const notice = await page.getByTestId('map-from-profile').innerText();
    expect(notice).toContain(`「${NAME}」第2版`);
    expect(await page.getByTestId('map-added').innerText()).toBe('総合判定');
    expect(await page.getByTestId('map-removed').innerText()).toBe('総合評価');
    expect(await page.getByTestId('map-row').count()).toBe(1);
    expect(await page.getByTestId('map-row').innerText()).toContain('総合判定');
    expect(await page.getByTestId('map-folded').innerText()).toContain(`ほかの5列は取込設定「${NAME}」第2版と同じです`);
    expect(await page.inputValue('input[name="code"]')).toBe('999401');
    // Saved as version 3 and checked with it: the import page offers to commit.
    await page.getByRole('button', { name: '名前を付けて保存し、取込内容を確認' }).click();
    await page.waitForURL(/\/imports\?batch=\d+/);
    await page.getByRole('button', { name: 'この内容で取り込む' }).click();
    await page.waitForURL(/\/imports\?done=\d+/);
    expect(errors).toEqual([]);
  });

  it('gives anonymous visitors and a viewer no profile data from the page, the export route or the action', async () => {
    const id = await page.goto(`${baseUrl}/imports/profiles`).then(async () => {
      const href = await page.getByTestId('profile-export').first().getAttribute('href');
      return Number(/profiles\/(\d+)\/export/.exec(href ?? '')?.[1]);
    });
    expect(id).toBeGreaterThan(0);
    const importer = await fetch(`${baseUrl}/imports/profiles/${id}/export`, { headers: { cookie: sessions.importer } });
    expect(importer.status).toBe(200);
    expect(importer.headers.get('x-content-type-options')).toBe('nosniff');
    expect(importer.headers.get('content-disposition')).toMatch(/^attachment; filename="profile-999401-tsubasa-town-v\d\.json"/);
    expect(await importer.text()).toContain(NAME);

    for (const [who, cookie, status] of [
      ['anonymous', null, 401],
      ['viewer', sessions.viewer, 403],
    ] as const) {
      const headers: Record<string, string> = cookie ? { cookie } : {};
      const listed = await fetch(`${baseUrl}/imports/profiles`, { redirect: 'manual', headers });
      const html = await listed.text();
      expect(listed.status, who).toBe(307);
      expect(listed.headers.get('location'), who).toMatch(/^\/login\?/);
      expect(html, who).not.toContain(NAME);
      const exported = await fetch(`${baseUrl}/imports/profiles/${id}/export`, { headers });
      expect(exported.status, who).toBe(status);
      expect(await exported.text(), who).not.toContain(NAME);
    }

    // The import action, posted as a browser without JavaScript would, with the form's hidden fields.
    const fields = await page
      .getByTestId('profile-import')
      .evaluate((el) =>
        [...(el as HTMLFormElement).querySelectorAll<HTMLInputElement>('input[type="hidden"]')].map((i) => [i.name, i.value] as [string, string]),
      );
    expect(fields.some(([name]) => name.startsWith('$ACTION'))).toBe(true);
    const json = JSON.stringify({
      ...JSON.parse(await (await fetch(`${baseUrl}/imports/profiles/${id}/export`, { headers: { cookie: sessions.importer } })).text()),
    });
    const versionsBefore = await page.getByTestId('profile-row').filter({ hasText: NAME }).innerText();
    for (const [who, cookie] of [
      ['anonymous', null],
      ['viewer', sessions.viewer],
    ] as const) {
      const body = new FormData();
      for (const [name, value] of fields) body.append(name, value);
      body.append('file', new File([json], 'p.json', { type: 'application/json' }));
      const posted = await fetch(`${baseUrl}/imports/profiles`, {
        method: 'POST',
        body,
        redirect: 'manual',
        headers: { Origin: baseUrl, ...(cookie ? { cookie } : {}) },
      });
      const text = await posted.text();
      expect(posted.status, who).toBe(303);
      expect(posted.headers.get('location'), who).toMatch(/^\/login\?/);
      expect(text, who).not.toContain(NAME);
    }
    await page.reload();
    expect(await page.getByTestId('profile-row').filter({ hasText: NAME }).innerText()).toBe(versionsBefore);
    // The same post with the importer's session is taken: the fields are a working action.
    const body = new FormData();
    for (const [name, value] of fields) body.append(name, value);
    body.append('file', new File([json], 'p.json', { type: 'application/json' }));
    const taken = await fetch(`${baseUrl}/imports/profiles`, { method: 'POST', body, headers: { Origin: baseUrl, cookie: sessions.importer } });
    expect(taken.status).toBe(200);
    expect(await taken.text()).toContain(`「${NAME}」を第4版として保存しました`);
  });
});
