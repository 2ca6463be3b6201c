/**
 * Hostile addresses get a clear 400/404 in Japanese and English, never a 500, and every response
 * — page, route handler, redirect, the proxy's own answers, a page served from the page cache —
 * carries the security headers (no framing by other sites, no sniffing, no full referrer).
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startApp, type RunningApp } from '../support/global-app';

const SECURITY_HEADERS: [string, string][] = [
  ['content-security-policy', "frame-ancestors 'none'"],
  ['x-frame-options', 'DENY'],
  ['x-content-type-options', 'nosniff'],
  ['referrer-policy', 'strict-origin-when-cross-origin'],
];

const SERVERS = [
  ['PGlite', inject('baseUrl'), inject('sessions').importer],
  ['PostgreSQL', inject('postgresBaseUrl'), inject('postgresSessions').importer],
] as const;

function expectSecurityHeaders(response: Response, label: string) {
  for (const [name, value] of SECURITY_HEADERS) expect(response.headers.get(name), `${label}: ${name}`).toBe(value);
}

describe.each(SERVERS)('hostile addresses on %s', (_driver, baseUrl, importer) => {
  const get = (path: string, cookie?: string) => fetch(baseUrl + path, { redirect: 'manual', headers: cookie ? { cookie } : {} });

  it.each([
    '/projects?q=%00',
    '/projects?department=%00x',
    '/?municipality=%00',
    '/watchlist?year=2024&q=a%00b',
    '/quality?department=%00',
    '/compare?policy=%00',
    '/projects/%00',
    '/projects/export?q=%00',
    '/policies/%00',
  ])('a NUL character in %s is a 400 that says why', async (path) => {
    const response = await get(path);
    expect(response.status).toBe(400);
    const body = await response.text();
    expect(body).toContain('アドレスに使えない文字');
    expect(body).toContain('The address contains a character that cannot be used');
  });

  it.each([
    ['/imports?batch=99999999999999', '/imports?batch=99999999999999'],
    ['/imports?batch=<400 digits>', `/imports?batch=${'9'.repeat(400)}`],
    ['/imports?done=99999999999999', '/imports?done=99999999999999'],
    ['/imports?page=99999999999999', '/imports?page=99999999999999'],
  ])('%s is answered without an error', async (_label, path) => {
    const response = await get(path, importer);
    expect(response.status).toBe(200);
  });

  it('an import id too large for any batch says it was not found', async () => {
    const body = await (await get('/imports?batch=99999999999999', importer)).text();
    expect(body).toContain('data-testid="preview"');
  });

  it.each([
    ['/imports/99999999999999', '/imports/99999999999999'],
    ['/imports/abc', '/imports/abc'],
    ['/projects/99999999999999999999', '/projects/99999999999999999999'],
    ['/projects/<5,000 digits>', `/projects/${'9'.repeat(5000)}`],
    ['/projects/<RLO, U+FFFF>', '/projects/%E2%80%AE%EF%BF%BF'],
    ['/projects/..%2F..%2Fetc', '/projects/..%2F..%2Fetc'],
  ])('%s is a 404', async (_label, path) => {
    const response = await get(path, importer);
    expect(response.status).toBe(404);
  });

  it.each([
    ['a page', '/projects', undefined],
    ['a page served twice (the page cache)', '/', undefined],
    ['a route handler', '/projects/export', undefined],
    ['the language switch (a redirect)', '/locale?to=ja&back=/projects', undefined],
    ['a refused protected page (a redirect)', '/imports', undefined],
    ['a refused original file (401)', '/imports/1/original', undefined],
    ['the proxy’s 400', '/projects?q=%00', undefined],
    ['a 404', '/no-such-page', undefined],
    ['a protected page', '/imports', 'importer'],
  ] as const)('%s carries the security headers', async (label, path, who) => {
    const first = await get(path, who ? importer : undefined);
    expectSecurityHeaders(first, label);
    const second = await get(path, who ? importer : undefined);
    expectSecurityHeaders(second, `${label} (again)`);
    if (path === '/') expect(second.headers.get('x-hyoka-cache')).toBe('hit');
  });
});

describe('security headers with HYOKA_VIEW=login (the proxy’s login redirect)', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp({ ...process.env, DATABASE_URL: inject('postgresDatabaseUrl'), HYOKA_VIEW: 'login' }, { prepare: false });
  });
  afterAll(() => app?.stop());

  it('the redirect to the login page and a 401 to a POST carry them', async () => {
    const redirect = await fetch(app.baseUrl + '/projects', { redirect: 'manual' });
    expect(redirect.status).toBe(307);
    expectSecurityHeaders(redirect, 'login redirect');
    const post = await fetch(app.baseUrl + '/projects', { method: 'POST', redirect: 'manual' });
    expect(post.status).toBe(401);
    expectSecurityHeaders(post, 'POST 401');
  });
});
