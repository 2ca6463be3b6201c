import { describe, expect, it } from 'vitest';
import { cacheBytesFromEnv, FILL_HEADER, isCacheableRequest, PageCache, pageCacheKey, STATUS_HEADER, type Viewer } from '@/app/lib/page-cache';

/** Lets the copy being kept finish (it completes a few microtasks after the client's copy). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

const anonymous: Viewer = { userId: null, role: null, locale: 'ja' };

/** A render that counts its calls and answers `body`, optionally streamed in two halves. */
function renderer(body: string, init: ResponseInit = { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' } }) {
  const calls = { count: 0 };
  const render = async () => {
    calls.count++;
    const bytes = new TextEncoder().encode(body);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.slice(0, bytes.length >> 1));
        controller.enqueue(bytes.slice(bytes.length >> 1));
        controller.close();
      },
    });
    return new Response(stream, init);
  };
  return { render, calls };
}

describe('which requests the page cache answers', () => {
  it.each([
    ['GET', '/', true],
    ['GET', '/policies/1/2', true],
    ['GET', '/policies', true],
    ['GET', '/projects', true],
    ['GET', '/projects/0086', true],
    ['GET', '/watchlist', true],
    ['GET', '/compare', true],
    ['GET', '/quality', true],
    ['POST', '/', false], // server actions
    ['HEAD', '/', false],
    ['GET', '/projects/export', false],
    ['GET', '/watchlist/export', false],
    ['GET', '/quality/export', false],
    ['GET', '/imports', false],
    ['GET', '/imports/3', false],
    ['GET', '/settings', false],
    ['GET', '/admin/users', false],
    ['GET', '/login', false],
    ['GET', '/api/auth/get-session', false],
    ['GET', '/locale', false],
    ['GET', '/projects/0086/extra', false],
  ])('%s %s → %s', (method, path, expected) => {
    expect(isCacheableRequest(method, path, new Headers())).toBe(expected);
  });

  it('lets its own fill requests through to the real render', () => {
    expect(isCacheableRequest('GET', '/', new Headers({ [FILL_HEADER]: 'fill' }))).toBe(false);
  });
});

describe('the cache key holds everything a page depends on', () => {
  const url = new URL('http://x/projects?municipality=1&page=2');
  const base = pageCacheKey(url, new Headers(), anonymous);
  it.each<[string, string]>([
    ['another query', pageCacheKey(new URL('http://x/projects?municipality=1&page=3'), new Headers(), anonymous)],
    ['another locale', pageCacheKey(url, new Headers(), { ...anonymous, locale: 'en' })],
    ['a logged-in user', pageCacheKey(url, new Headers(), { userId: 'u1', role: 'viewer', locale: 'ja' })],
    ['a React Server Components request', pageCacheKey(url, new Headers({ rsc: '1' }), anonymous)],
    ['a prefetch', pageCacheKey(url, new Headers({ rsc: '1', 'next-router-prefetch': '1' }), anonymous)],
  ])('%s gets its own key', (_, other) => {
    expect(other).not.toBe(base);
  });

  it('the same user with another role gets another key', () => {
    expect(pageCacheKey(url, new Headers(), { userId: 'u1', role: 'viewer', locale: 'ja' })).not.toBe(
      pageCacheKey(url, new Headers(), { userId: 'u1', role: 'admin', locale: 'ja' }),
    );
  });

  it('headers the page does not depend on do not split the key', () => {
    expect(pageCacheKey(url, new Headers({ 'user-agent': 'a', accept: 'text/html' }), anonymous)).toBe(base);
  });
});

describe('PageCache', () => {
  it('renders once, then answers from memory with the same body and headers', async () => {
    const cache = new PageCache(1024 * 1024);
    const { render, calls } = renderer('<p>概要</p>');
    const first = await cache.serve('k', 'v1', render);
    expect(first.status).toBe('miss');
    expect(first.response.headers.get(STATUS_HEADER)).toBe('miss');
    expect(await first.response.text()).toBe('<p>概要</p>');
    await settle();
    expect(cache.size.pages).toBe(1);
    const second = await cache.serve('k', 'v1', render);
    expect(second.status).toBe('hit');
    expect(await second.response.text()).toBe('<p>概要</p>');
    expect(second.response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(calls.count).toBe(1);
  });

  it('drops everything when the data version moves', async () => {
    const cache = new PageCache(1024 * 1024);
    const { render, calls } = renderer('a');
    await (await cache.serve('k', 'v1', render)).response.text();
    await (await cache.serve('other', 'v1', render)).response.text();
    await settle();
    expect(cache.size.pages).toBe(2);
    const after = await cache.serve('k', 'v2', render);
    expect(after.status).toBe('miss');
    await after.response.text();
    expect(calls.count).toBe(3);
    expect(cache.size.pages).toBe(1);
  });

  it('concurrent requests for a page not yet kept wait for one render', async () => {
    const cache = new PageCache(1024 * 1024);
    const { render, calls } = renderer('x'.repeat(10_000));
    const answers = await Promise.all(Array.from({ length: 20 }, () => cache.serve('k', 'v1', render)));
    const bodies = await Promise.all(answers.map((a) => a.response.text()));
    expect(calls.count).toBe(1);
    expect(answers.filter((a) => a.status === 'miss')).toHaveLength(1);
    expect(new Set(bodies)).toEqual(new Set(['x'.repeat(10_000)]));
  });

  it.each<[string, ResponseInit]>([
    ['an error page', { status: 500 }],
    ['a redirect', { status: 307, headers: { location: '/login' } }],
    ['a not-found page', { status: 404 }],
    ['an answer that sets a cookie', { status: 200, headers: { 'set-cookie': 'hyoka.session_token=x' } }],
  ])('does not keep %s', async (_, init) => {
    const cache = new PageCache(1024 * 1024);
    const { render, calls } = renderer('body', init);
    const first = await cache.serve('k', 'v1', render);
    expect(first.status).toBe('bypass');
    expect(first.response.status).toBe(init.status);
    await first.response.text();
    expect((await cache.serve('k', 'v1', render)).status).toBe('bypass');
    expect(calls.count).toBe(2);
    expect(cache.size.pages).toBe(0);
  });

  it('keeps within its byte budget, least recently used out first', async () => {
    const cache = new PageCache(2_500);
    const page = renderer('y'.repeat(1_000));
    const read = async (key: string) => {
      await (await cache.serve(key, 'v', page.render)).response.text();
      await settle();
    };
    await read('a');
    await read('b');
    await read('a'); // a is now the most recent
    await read('c'); // evicts b
    expect(cache.size).toEqual({ pages: 2, bytes: 2_000 });
    expect((await cache.serve('a', 'v', page.render)).status).toBe('hit');
    expect((await cache.serve('b', 'v', page.render)).status).toBe('miss');
  });

  it('a page larger than the whole budget is served but not kept', async () => {
    const cache = new PageCache(100);
    const page = renderer('z'.repeat(1_000));
    await (await cache.serve('k', 'v', page.render)).response.text();
    await settle();
    expect((await cache.serve('k', 'v', page.render)).status).toBe('miss');
    expect(cache.size.pages).toBe(0);
  });

  it('with a budget of 0 it keeps nothing', async () => {
    const cache = new PageCache(0);
    const page = renderer('a');
    expect((await cache.serve('k', 'v', page.render)).status).toBe('bypass');
    expect((await cache.serve('k', 'v', page.render)).status).toBe('bypass');
  });
});

describe('HYOKA_PAGE_CACHE_MB', () => {
  it.each<[string | undefined, number]>([
    [undefined, 128 * 1024 * 1024],
    ['', 128 * 1024 * 1024],
    ['16', 16 * 1024 * 1024],
    ['0.5', 512 * 1024],
    ['0', 0],
    ['off', 0],
    ['-3', 0],
  ])('%s → %i bytes', (value, bytes) => {
    expect(cacheBytesFromEnv(value)).toBe(bytes);
  });
});
