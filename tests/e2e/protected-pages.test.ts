/**
 * Protected pages leak nothing to those they refuse. An importer uploads two files carrying a
 * unique marker — in the file name, in a cell an error report quotes, in a pending upload's
 * preview rows — then every import and settings page is requested over HTTP as anonymous, viewer,
 * importer and admin, as a document and as an RSC request (`RSC: 1`), on PGlite, on PostgreSQL
 * and with HYOKA_VIEW=login: a refused response (redirect, 401, 403) carries none of the marker,
 * and the roles allowed do see it (so the marker is really there to leak).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { contextWith, type Sessions } from '../support/auth';
import { launchBrowser } from '../support/browser';
import { startApp, type RunningApp } from '../support/global-app';

type Who = 'anonymous' | 'viewer' | 'importer' | 'admin';
const WHO: readonly Who[] = ['anonymous', 'viewer', 'importer', 'admin'];
const MARK = `Zq${Date.now().toString(36)}Leak`;
/** What only the settings form shows: its section per municipality (the demo city's code). */
const SETTINGS_MARK = 'settings-999001';
const HEADER = '市区町村コード,市区町村名,年度,事業番号,事業名,人口,部名,課名,事業費合計,人件費合計';

interface Planted {
  failed: number;
  pending: number;
}

/** Uploads, as the importer in Chromium, a file refused for a cell quoting MARK and a valid one left pending. */
async function plant(baseUrl: string, importerSession: string): Promise<Planted> {
  const dir = mkdtempSync(join(tmpdir(), 'hyoka-leak-'));
  const browser = await launchBrowser();
  try {
    const page = await (await contextWith(browser, baseUrl, importerSession)).newPage();
    const upload = async (name: string, rows: string[]) => {
      const file = join(dir, name);
      writeFileSync(file, [HEADER, ...rows].join('\n') + '\n');
      await page.goto(baseUrl + '/imports');
      await page.setInputFiles('input[name="file"]', file);
      await page.getByRole('button', { name: '内容を確認する' }).click();
      await page.waitForURL(/\/imports\?batch=\d+/);
      return Number(new URL(page.url()).searchParams.get('batch'));
    };
    const failed = await upload(`${MARK}-broken.csv`, [`999301,もれ町,令和6年度,L-01,検査事業,5000,総務部,総務課,${MARK}千円,100`]);
    const pending = await upload(`${MARK}-pending.csv`, [`999301,もれ町,令和6年度,L-02,${MARK}事業,5000,総務部,総務課,1200,100`]);
    return { failed, pending };
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

interface ProtectedPath {
  path: string;
  allowed: readonly Who[];
  mark: string;
  /** The body is a workbook (zipped): the mark is looked for in its cells. */
  xlsx?: boolean;
}

function protectedPaths(planted: Planted): ProtectedPath[] {
  const importers = ['importer', 'admin'] as const;
  return [
    { path: '/imports', allowed: importers, mark: MARK },
    { path: `/imports?batch=${planted.failed}`, allowed: importers, mark: MARK },
    { path: `/imports?batch=${planted.pending}`, allowed: importers, mark: MARK },
    { path: `/imports/${planted.failed}`, allowed: importers, mark: MARK },
    { path: `/imports/${planted.pending}`, allowed: importers, mark: MARK },
    { path: `/imports/${planted.failed}/original`, allowed: importers, mark: MARK },
    { path: `/imports/${planted.failed}/export`, allowed: importers, mark: MARK },
    { path: `/imports/${planted.failed}/export?format=xlsx`, allowed: importers, mark: MARK, xlsx: true },
    { path: '/settings', allowed: importers, mark: SETTINGS_MARK },
    { path: '/admin/users', allowed: ['admin'], mark: 'etsuran@test.example' },
  ];
}

/**
 * GET without following redirects — except Next's own cache-busting one: an RSC request without
 * the `_rsc` parameter it expects is sent (307) to the same URL with it, as a browser would follow.
 */
async function request(url: string, headers: Record<string, string>): Promise<Response> {
  const response = await fetch(url, { redirect: 'manual', headers });
  const location = response.headers.get('location');
  if (!headers.RSC || response.status !== 307 || !location) return response;
  const next = new URL(location, url);
  if (!next.searchParams.has('_rsc') || next.pathname !== new URL(url).pathname) return response;
  return fetch(next, { redirect: 'manual', headers });
}

/** Every cell's text of every sheet of a workbook, one line per row. */
async function workbookText(bytes: ArrayBuffer): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes);
  const lines: string[] = [];
  for (const sheet of workbook.worksheets) sheet.eachRow((row) => lines.push((row.values as unknown[]).map((v) => (v == null ? '' : String(v))).join('\t')));
  return lines.join('\n');
}

async function checkEveryRole(baseUrl: string, sessions: Sessions, planted: Planted) {
  for (const { path, allowed, mark, xlsx } of protectedPaths(planted)) {
    for (const who of WHO) {
      for (const rsc of [false, true]) {
        const headers: Record<string, string> = {};
        if (who !== 'anonymous') headers.cookie = sessions[who];
        if (rsc) headers.RSC = '1';
        const response = await request(baseUrl + path, headers);
        const label = `${who} ${rsc ? 'RSC ' : ''}${path} → ${response.status}`;
        const allowedHere = allowed.includes(who as 'admin');
        const body = xlsx && allowedHere && response.status === 200 ? await workbookText(await response.arrayBuffer()) : await response.text();
        if (allowedHere) {
          expect(response.status, label).toBe(200);
          expect(body, label).toContain(mark);
        } else {
          // A document gets a redirect or a 401; an RSC request a redirect to the login page in its payload.
          if (response.status === 200) expect(rsc && body.includes('/login?'), label).toBe(true);
          else expect([303, 307, 401, 403], label).toContain(response.status);
          expect(body, label).not.toContain(mark);
          expect(body, label).not.toContain(MARK);
        }
      }
    }
  }
}

const SERVERS = [
  ['PGlite', inject('baseUrl'), inject('sessions')],
  ['PostgreSQL', inject('postgresBaseUrl'), inject('postgresSessions')],
] as const;

describe.each(SERVERS)('protected pages leak nothing on %s', (_driver, baseUrl, sessions: Sessions) => {
  let planted: Planted;
  beforeAll(async () => {
    planted = await plant(baseUrl, sessions.importer);
  });

  it('refuses anonymous users and viewers without any of the protected content, shows it to importers and admins', async () => {
    await checkEveryRole(baseUrl, sessions, planted);
  });

  it('links the problem downloads, CSV and .xlsx side by side, from the batch page', async () => {
    const html = await (await fetch(`${baseUrl}/imports/${planted.failed}`, { headers: { cookie: sessions.importer } })).text();
    expect(html).toMatch(
      new RegExp(`href="/imports/${planted.failed}/export"[^>]*>[^<]*CSV[\\s\\S]{0,400}href="/imports/${planted.failed}/export\\?format=xlsx"`),
    );
  });

  it('answers an import report export for a batch id that is not a number or not there with a 404 in both languages', async () => {
    for (const id of ['99999999999999', '999999999', 'abc', '-1', '1.5']) {
      for (const format of ['', '?format=xlsx']) {
        const response = await fetch(`${baseUrl}/imports/${id}/export${format}`, { redirect: 'manual', headers: { cookie: sessions.importer } });
        const body = await response.text();
        expect(response.status, `${id}${format}`).toBe(404);
        expect(body, `${id}${format}`).toMatch(/取込.*見つかりません/);
        expect(body, `${id}${format}`).toMatch(/not found/i);
      }
    }
  });
});

describe('protected pages leak nothing with HYOKA_VIEW=login (a second app on the PostgreSQL database)', () => {
  let app: RunningApp;
  let planted: Planted;
  beforeAll(async () => {
    app = await startApp({ ...process.env, DATABASE_URL: inject('postgresDatabaseUrl'), HYOKA_VIEW: 'login' }, { prepare: false });
    planted = await plant(app.baseUrl, app.sessions.importer);
  });
  afterAll(() => app?.stop());

  it('refuses anonymous users and viewers without any of the protected content', async () => {
    await checkEveryRole(app.baseUrl, app.sessions, planted);
  });
});
