/**
 * Access control, proven against the built app over HTTP on PGlite and on PostgreSQL: every
 * protected server action and route handler is called for real — with no session, a viewer's, an
 * importer's and an admin's session cookie — and the database is read back to show that a refusal
 * changed nothing. Server actions are posted the way a browser without JavaScript posts a form
 * (the form's own hidden fields, read from the page as an importer sees it), so hiding a button
 * cannot be what protects. Cross-origin POSTs are refused by Next's server-action check and by
 * better-auth's origin check, and by the upload route's own (app/lib/same-origin.ts). Login,
 * logout and the header are checked in Chromium.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { contextWith, logIn, TEST_USERS, type Sessions } from '../support/auth';
import { launchBrowser } from '../support/browser';
import { startApp, type RunningApp } from '../support/global-app';

const SERVERS = [
  ['PGlite', inject('baseUrl'), inject('sessions')],
  ['PostgreSQL', inject('postgresBaseUrl'), inject('postgresSessions')],
] as const;

type Who = 'anonymous' | 'viewer' | 'importer' | 'admin';
const EVIL = 'http://evil.example';
const FIXTURE = 'tests/fixtures/imports-ui/midorino-r6.csv';

interface Posted {
  status: number;
  location: string;
}

describe.each(SERVERS)('access control on %s', (_driver, baseUrl, sessions: Sessions) => {
  let browser: Browser;
  let importerPage: Page;
  let adminPage: Page;
  const cookieOf = (who: Who) => (who === 'anonymous' ? null : sessions[who]);

  beforeAll(async () => {
    browser = await launchBrowser();
    importerPage = await (await contextWith(browser, baseUrl, sessions.importer)).newPage();
    adminPage = await (await contextWith(browser, baseUrl, sessions.admin)).newPage();
  });
  afterAll(() => browser?.close());

  async function get(path: string, who: Who): Promise<Response> {
    const cookie = cookieOf(who);
    return fetch(baseUrl + path, { redirect: 'manual', headers: cookie ? { cookie } : {} });
  }

  /** The hidden fields of a form as an importer's (or admin's) page renders it (action ids, bound ids). */
  async function formFields(path: string, form: string, page = importerPage): Promise<[string, string][]> {
    await page.goto(baseUrl + path);
    return page
      .locator(form)
      .first()
      .evaluate((el) =>
        [...(el as HTMLFormElement).querySelectorAll<HTMLInputElement>('input[type="hidden"]')].map((i) => [i.name, i.value] as [string, string]),
      );
  }

  /** Posts a form to `path` as a browser without JavaScript would, with `who`'s cookie. */
  async function post(path: string, fields: [string, string | File][], who: Who, origin = baseUrl): Promise<Posted> {
    const body = new FormData();
    for (const [name, value] of fields) body.append(name, value);
    const cookie = cookieOf(who);
    const response = await fetch(baseUrl + path, { method: 'POST', body, redirect: 'manual', headers: { Origin: origin, ...(cookie ? { cookie } : {}) } });
    await response.arrayBuffer();
    return { status: response.status, location: response.headers.get('location') ?? '' };
  }

  const refusedToLogin = (posted: Posted, who: 'anonymous' | 'viewer' | 'importer') => {
    expect(posted.status, JSON.stringify(posted)).toBe(303);
    const url = new URL(posted.location, baseUrl);
    expect(url.pathname).toBe('/login');
    if (who === 'anonymous') expect(url.searchParams.has('denied')).toBe(false);
    else expect(url.searchParams.get('denied')).toBeTruthy();
  };

  async function latestBatchId(): Promise<number> {
    const html = await (await get('/imports', 'importer')).text();
    return Math.max(...[...html.matchAll(/history-row-(\d+)/g)].map((m) => Number(m[1])));
  }

  async function population(code: string, year: number): Promise<string> {
    await importerPage.goto(baseUrl + '/settings');
    return importerPage.getByTestId(`settings-${code}`).locator(`input[name="population-${year}"]`).inputValue();
  }

  it('pages of importers and admins send others to the login page, saying why', async () => {
    const batch = await latestBatchId();
    const cases: [string, Who, number, RegExp | null][] = [
      ['/imports', 'anonymous', 307, /^\/login\?next=%2Fimports$/],
      ['/imports', 'viewer', 307, /^\/login\?denied=import&next=%2Fimports$/],
      ['/imports', 'importer', 200, null],
      ['/imports', 'admin', 200, null],
      [`/imports/${batch}`, 'anonymous', 307, /^\/login\?next=/],
      [`/imports/${batch}`, 'viewer', 307, /^\/login\?denied=import/],
      [`/imports/${batch}`, 'importer', 200, null],
      ['/settings', 'anonymous', 307, /^\/login\?next=%2Fsettings$/],
      ['/settings', 'viewer', 307, /^\/login\?denied=editSettings/],
      ['/settings', 'importer', 200, null],
      ['/settings', 'admin', 200, null],
      ['/admin/users', 'anonymous', 307, /^\/login\?next=%2Fadmin%2Fusers$/],
      ['/admin/users', 'viewer', 307, /^\/login\?denied=manageUsers/],
      ['/admin/users', 'importer', 307, /^\/login\?denied=manageUsers/],
      ['/admin/users', 'admin', 200, null],
      // Viewing is open by default (HYOKA_VIEW unset).
      ['/', 'anonymous', 200, null],
      ['/projects/export', 'anonymous', 200, null],
    ];
    for (const [path, who, status, location] of cases) {
      const response = await get(path, who);
      await response.arrayBuffer();
      expect(response.status, `${path} as ${who}`).toBe(status);
      if (location)
        expect(
          new URL(response.headers.get('location')!, baseUrl).pathname + new URL(response.headers.get('location')!, baseUrl).search,
          `${path} as ${who}`,
        ).toMatch(location);
    }
  });

  it('the original-file route answers 401 without a session, 403 to a viewer, the file to importers and admins', async () => {
    const batch = await latestBatchId();
    const statuses: Record<Who, number> = { anonymous: 401, viewer: 403, importer: 200, admin: 200 };
    for (const [who, status] of Object.entries(statuses) as [Who, number][]) {
      const response = await get(`/imports/${batch}/original`, who);
      const body = await response.text();
      expect(response.status, who).toBe(status);
      if (status === 200) expect(body.length).toBeGreaterThan(100);
      else expect(body).not.toContain('事業');
    }
  });

  it('saving settings is refused without the role and from another origin; an importer saves', async () => {
    const fields = await formFields('/settings', '[data-testid="settings-999001"] form');
    expect(fields.some(([name]) => name.startsWith('$ACTION_ID_'))).toBe(true);
    const before = await population('999001', 2022);
    const changed = String(Number(before.replace(/\D/g, '')) + 1);
    const submit = (who: Who, origin?: string) => post('/settings', [...fields, ['population-2022', changed]], who, origin);

    refusedToLogin(await submit('anonymous'), 'anonymous');
    refusedToLogin(await submit('viewer'), 'viewer');
    const crossOrigin = await submit('importer', EVIL);
    expect(crossOrigin.status).toBeGreaterThanOrEqual(400);
    expect(await population('999001', 2022)).toBe(before);

    const saved = await submit('importer');
    expect(saved.status).toBe(303);
    expect(saved.location).toMatch(/^\/settings\?saved=999001&changed=1/);
    expect((await population('999001', 2022)).replace(/\D/g, '')).toBe(changed);
    const restored = await post('/settings', [...fields, ['population-2022', before.replace(/\D/g, '')]], 'admin');
    expect(restored.location).toMatch(/^\/settings\?saved=999001&changed=1/);
  });

  it('checking (staging) an upload, committing and discarding it are refused without the role', async () => {
    const upload = await formFields('/imports', '[data-testid="upload-form"]');
    const file = () => new File([readFileSync(FIXTURE)], 'midorino-r6.csv', { type: 'text/csv' });
    const latest = await latestBatchId();

    // The form posts to the streaming upload route.
    refusedToLogin(await post('/imports/upload', [...upload, ['file', file()]], 'anonymous'), 'anonymous');
    refusedToLogin(await post('/imports/upload', [...upload, ['file', file()]], 'viewer'), 'viewer');
    expect((await post('/imports/upload', [...upload, ['file', file()]], 'importer', EVIL)).status).toBe(403);
    expect(await latestBatchId()).toBe(latest);

    const staged = await post('/imports/upload', [...upload, ['file', file()]], 'importer');
    expect(staged.status).toBe(303);
    const pending = Number(/batch=(\d+)/.exec(staged.location)?.[1]);
    expect(pending).toBeGreaterThan(latest);

    const preview = `/imports?batch=${pending}`;
    const commit = await formFields(preview, 'form:has(button:text-is("この内容で取り込む"))');
    const discard = await formFields(preview, 'form:has(button:text-is("破棄する"))');
    for (const who of ['anonymous', 'viewer'] as const) {
      refusedToLogin(await post(preview, commit, who), who);
      refusedToLogin(await post(preview, discard, who), who);
    }
    // Still pending, nothing imported: the preview still offers to commit.
    await importerPage.goto(baseUrl + preview);
    await expect(importerPage.getByRole('button', { name: 'この内容で取り込む' }).count()).resolves.toBe(1);
    const overview = await (await get('/?municipality=999101', 'anonymous')).text();
    expect(overview).not.toContain('みどり野町 令和6年度');

    const discarded = await post(preview, discard, 'importer');
    expect(discarded).toEqual({ status: 303, location: '/imports' });
    await importerPage.goto(baseUrl + '/imports');
    await expect(importerPage.getByTestId(`history-row-${pending}`).count()).resolves.toBe(0);
  });

  it('rolling back is refused without the role, and the batch stays committed', async () => {
    const batch = await latestBatchId();
    const rollback = await formFields(`/imports/${batch}`, '[data-testid="rollback"] form');
    for (const who of ['anonymous', 'viewer'] as const) refusedToLogin(await post(`/imports/${batch}`, [...rollback, ['confirm', 'yes']], who), who);
    await importerPage.goto(`${baseUrl}/imports`);
    await expect(importerPage.getByTestId(`history-row-${batch}`).innerText()).resolves.toContain('取込済み');
  });

  it('only an admin creates users or changes roles, through the page and through the auth API', async () => {
    const create = await formFields('/admin/users', '[data-testid="create-user"]', adminPage);
    const newUser = (email: string): [string, string][] => [
      ...create,
      ['name', '新人 三郎'],
      ['email', email],
      ['password', 'new-user-password'],
      ['role', 'importer'],
    ];
    const email = `shinjin-${_driver.toLowerCase()}@test.example`;
    for (const who of ['anonymous', 'viewer', 'importer'] as const) refusedToLogin(await post('/admin/users', newUser(email), who), who);
    // The library's own endpoint: an importer's session may not, nor an admin's from another origin.
    const api = (cookie: string, origin: string) =>
      fetch(`${baseUrl}/api/auth/admin/create-user`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: origin, cookie },
        body: JSON.stringify({ email: `api-${email}`, name: 'api', password: 'new-user-password', role: 'admin' }),
      });
    expect((await api(sessions.importer, baseUrl)).status).toBe(403);
    expect((await api(sessions.admin, EVIL)).status).toBe(403);
    let list = await (await get('/admin/users', 'admin')).text();
    expect(list).not.toContain(email);
    expect(list).not.toContain(`api-${email}`);

    const created = await post('/admin/users', newUser(email), 'admin');
    expect(created).toEqual({ status: 303, location: `/admin/users?created=${encodeURIComponent('新人 三郎')}` });
    list = await (await get('/admin/users', 'admin')).text();
    expect(list).toContain(email);
    const cookie = await logIn(baseUrl, { email, password: 'new-user-password' });
    expect((await fetch(`${baseUrl}/imports`, { redirect: 'manual', headers: { cookie } })).status).toBe(200);

    // Changing the role: refused to an importer, done by an admin (and the new user loses /imports).
    const roleFields = await formFields('/admin/users', `[data-testid="user-${email}"] form`, adminPage);
    refusedToLogin(await post('/admin/users', [...roleFields, ['role', 'viewer']], 'importer'), 'importer');
    expect((await fetch(`${baseUrl}/imports`, { redirect: 'manual', headers: { cookie } })).status).toBe(200);
    const changed = await post('/admin/users', [...roleFields, ['role', 'viewer']], 'admin');
    expect(changed.location).toMatch(/^\/admin\/users\?saved=/);
    expect((await fetch(`${baseUrl}/imports`, { redirect: 'manual', headers: { cookie } })).status).toBe(307);
  });

  it('logging in from another origin is refused; sign-up is closed', async () => {
    const signIn = await fetch(`${baseUrl}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: EVIL },
      body: JSON.stringify({ email: TEST_USERS.importer.email, password: TEST_USERS.importer.password }),
    });
    expect(signIn.status).toBe(403);
    expect(signIn.headers.getSetCookie()).toEqual([]);
    const signUp = await fetch(`${baseUrl}/api/auth/sign-up/email`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: baseUrl },
      body: JSON.stringify({ email: 'self@test.example', name: 'self', password: 'self-password-1' }),
    });
    expect(signUp.ok).toBe(false);
  });
});

describe('login, header and logout in Chromium', () => {
  const baseUrl = inject('baseUrl');
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  const nav = async (page: Page) => (await page.locator('.site-header nav a').allInnerTexts()).join(' ');

  it('anonymous: a login link, no import or settings in the menu', async () => {
    const page = await (await contextWith(browser, baseUrl, null)).newPage();
    await page.goto(baseUrl + '/');
    await expect(page.getByTestId('login-link').innerText()).resolves.toBe('ログイン');
    await expect(nav(page)).resolves.toBe('概要 政策体系 事業一覧 要注意事業 他自治体比較 データ品質');
    await page.context().close();
  });

  it.each([
    ['viewer', '閲覧者', '概要 政策体系 事業一覧 要注意事業 他自治体比較 データ品質'],
    ['importer', '取込担当', '概要 政策体系 事業一覧 要注意事業 他自治体比較 データ品質 取込 設定'],
    ['admin', '管理者', '概要 政策体系 事業一覧 要注意事業 他自治体比較 データ品質 取込 設定 利用者'],
  ] as const)('logs in as %s through the form; the header shows the name and role, the menu what the role may use', async (role, roleLabel, menu) => {
    const user = TEST_USERS[role];
    const page = await (await contextWith(browser, baseUrl, null)).newPage();
    await page.goto(baseUrl + '/login?next=%2Fwatchlist');
    await page.fill('input[name="email"]', user.email);
    await page.fill('input[name="password"]', 'not the password');
    await page.getByRole('button', { name: 'ログイン' }).click();
    await expect(page.locator('.login-form .error').innerText()).resolves.toBe('メールアドレスまたはパスワードが違います。');

    await page.fill('input[name="password"]', user.password);
    await page.getByRole('button', { name: 'ログイン' }).click();
    await page.waitForURL(/\/watchlist$/);
    await expect(page.getByTestId('account').locator('.user-name').innerText()).resolves.toBe(user.name);
    await expect(page.getByTestId('account-role').innerText()).resolves.toBe(roleLabel);
    await expect(nav(page)).resolves.toBe(menu);

    // Logging out ends the session on the server: the old cookie no longer opens anything.
    const [cookie] = (await page.context().cookies()).filter((c) => c.name === 'hyoka.session_token');
    await page.getByRole('button', { name: 'ログアウト' }).click();
    await page.waitForURL(/\/login$/);
    await expect(page.getByTestId('login-link').innerText()).resolves.toBe('ログイン');
    const replay = await fetch(`${baseUrl}/admin/users`, { redirect: 'manual', headers: { cookie: `${cookie!.name}=${cookie!.value}` } });
    expect(replay.headers.get('location')).toBe('/login?next=%2Fadmin%2Fusers');
    await page.context().close();
  });

  it('a viewer sent to the import page is told which role it needs', async () => {
    const page = await (await contextWith(browser, baseUrl, inject('sessions').viewer)).newPage();
    await page.goto(baseUrl + '/imports');
    await expect(page.getByTestId('login-denied').innerText()).resolves.toBe(
      'CSVの取込には「取込担当」または「管理者」の権限が必要です。権限のある利用者でログインしてください。',
    );
    await expect(page.getByTestId('login-current').innerText()).resolves.toBe('閲覧 次郎（閲覧者）としてログインしています。');
    await page.context().close();
  });
});

describe('HYOKA_VIEW=login (a second app on the PostgreSQL database)', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp({ ...process.env, DATABASE_URL: inject('postgresDatabaseUrl'), HYOKA_VIEW: 'login' }, { prepare: false });
  });
  afterAll(() => app?.stop());

  it('sends anonymous readers of every page and export to the login page, lets any logged-in role read', async () => {
    for (const path of ['/', '/projects', '/projects/export', '/watchlist/export', '/policies']) {
      const anonymous = await fetch(app.baseUrl + path, { redirect: 'manual' });
      expect(anonymous.status, path).toBe(307);
      const location = new URL(anonymous.headers.get('location') ?? '', app.baseUrl);
      expect(location.pathname + location.search, path).toBe(`/login?next=${encodeURIComponent(path)}`);
      const viewer = await fetch(app.baseUrl + path, { redirect: 'manual', headers: { cookie: app.sessions.viewer } });
      expect(viewer.status, path).toBe(200);
    }
    const login = await fetch(app.baseUrl + '/login');
    expect(login.status).toBe(200);
    expect(await login.text()).toContain('このダッシュボードを見るにはログインしてください。');
  });
});
