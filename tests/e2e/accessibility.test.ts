/**
 * axe-core (WCAG 2 A and AA) on every page, in both languages, as the role that may see it: on
 * the demo city and on 大船渡市's real workbook (its own app, imported by the CLI before the
 * server starts). And the dashboard's chart links work from the keyboard; 大船渡's city-wide
 * practice (no targets) reaches the briefing pack and the quality export.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Role } from '../../db/domain/access';
import { contextWith, createTestUser, TEST_USERS, type Sessions } from '../support/auth';
import { wcagViolations } from '../support/axe';
import { launchBrowser, waitForPanels } from '../support/browser';
import { type RunningApp, startApp } from '../support/global-app';
import { realDataFile, realDataReady } from '../support/realdata';

type Who = Role | 'anonymous';

/** Every page, and who looks at it; `from` finds the first link of that shape on the page before. */
const ROUTES: { path: string; as: Who; from?: string }[] = [
  { path: '/', as: 'viewer' },
  { path: 'a[href^="/policies/"]', as: 'viewer', from: '/' },
  { path: '/projects', as: 'viewer' },
  { path: 'table a[href^="/projects/"]', as: 'viewer', from: '/projects' },
  { path: '/watchlist', as: 'viewer' },
  { path: '/compare', as: 'viewer' },
  { path: '/quality', as: 'viewer' },
  { path: '/imports', as: 'importer' },
  { path: 'a[href^="/imports/"]', as: 'importer', from: '/imports' },
  { path: '/settings', as: 'importer' },
  { path: '/login', as: 'anonymous' },
  { path: '/admin/users', as: 'admin' },
  { path: '/admin/activity', as: 'admin' },
  { path: '/account', as: 'viewer' },
];

async function settle(page: Page) {
  // Charts loaded when they scroll into view: scroll the whole page first.
  await page.evaluate(async () => {
    for (let y = 0; y < document.body.scrollHeight; y += 600) {
      window.scrollTo(0, y);
      await new Promise((r) => setTimeout(r, 30));
    }
    window.scrollTo(0, 0);
  });
  await waitForPanels(page);
  await page.waitForLoadState('networkidle');
}

function checkEveryPage(app: () => { baseUrl: string; sessions: Sessions }) {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  for (const locale of ['ja', 'en'] as const) {
    for (const route of ROUTES) {
      it(`${route.from ? `${route.path} (from ${route.from})` : route.path} as ${route.as} in ${locale}`, async () => {
        const { baseUrl, sessions } = app();
        const context = await contextWith(browser, baseUrl, route.as === 'anonymous' ? null : sessions[route.as]);
        await context.addCookies([{ name: 'hyoka-locale', value: locale, url: baseUrl }]);
        try {
          const page = await context.newPage();
          let path = route.path;
          if (route.from) {
            await page.goto(baseUrl + route.from);
            const href = await page.locator(route.path).first().getAttribute('href');
            expect(href, `a link ${route.path} on ${route.from}`).toBeTruthy();
            path = href!;
          }
          const response = await page.goto(baseUrl + path);
          expect(response?.status(), path).toBe(200);
          await settle(page);
          expect(await page.locator('html').getAttribute('lang')).toBe(locale);
          expect(await wcagViolations(page), path).toEqual([]);
        } finally {
          await context.close();
        }
      });
    }
  }
}

describe('WCAG 2 A/AA on the demo city', () => {
  checkEveryPage(() => ({ baseUrl: inject('baseUrl'), sessions: inject('sessions') }));
});

const WORKBOOK = 'ofunato/report.xlsx';

describe.skipIf(!realDataReady(WORKBOOK))('WCAG 2 A/AA on 大船渡市’s workbook', () => {
  let app: RunningApp;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'hyoka-a11y-ofunato-'));
    const env: NodeJS.ProcessEnv = { ...process.env, HYOKA_PGLITE_DIR: join(dataDir, 'pglite'), HYOKA_DEMO: 'off', HYOKA_SIGNIN_PER_MINUTE: '1000' };
    delete env.DATABASE_URL;
    const run = (args: string[]) => {
      const result = spawnSync(process.execPath, ['--import', 'tsx', ...args], { env, encoding: 'utf8' });
      if (result.status !== 0) throw new Error(`${args[0]} failed: ${result.stderr || result.stdout}`);
    };
    run(['scripts/prepare.ts']);
    run(['scripts/import.ts', realDataFile(WORKBOOK), '--profile', 'ofunato']);
    for (const user of Object.values(TEST_USERS)) createTestUser(user, env);
    app = await startApp(env, { prepare: false });
  }, 900_000);
  afterAll(async () => {
    await app?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });
  checkEveryPage(() => app);

  it('the briefing pack and the quality export say the city sets no targets, though nothing disagrees', async () => {
    const cookie = app.sessions.viewer;
    const report = await (await fetch(`${app.baseUrl}/report?municipality=032034&year=2025`, { headers: { cookie } })).text();
    expect(report).toContain('数字の食い違いは見つかりませんでした。');
    expect(report).toMatch(/この年度は、どの指標にも目標値がありません（実績値のみ [\d,]+件）/);
    const csv = await (await fetch(`${app.baseUrl}/quality/export?municipality=032034&year=2025`, { headers: { cookie } })).text();
    const lines = csv.trim().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(',自治体全体の運用,目標値なしの実績,');
  });
});

describe('chart links from the keyboard', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it('tabs to a goal’s bar, which names its goal and figure, and Enter opens its policy page', async () => {
    const baseUrl = inject('baseUrl');
    const context = await contextWith(browser, baseUrl, null);
    try {
      const page = await context.newPage();
      await page.goto(baseUrl + '/');
      await waitForPanels(page);
      const first = page.locator('[data-testid="goal-chart"] a.chart-link').first();
      const name = await first.getAttribute('aria-label');
      expect(name).toMatch(/^1 子育て・教育: [\d,]+円$/);
      // Tab through the page until the bar has the focus (it is in the tab order).
      let focused = '';
      for (let i = 0; i < 200 && focused !== name; i++) {
        await page.keyboard.press('Tab');
        focused = await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '');
      }
      expect(focused).toBe(name);
      const href = await first.getAttribute('href');
      await Promise.all([page.waitForURL((url) => url.pathname + url.search === href), page.keyboard.press('Enter')]);
      expect(new URL(page.url()).pathname).toBe('/policies/1');
    } finally {
      await context.close();
    }
  });
});
