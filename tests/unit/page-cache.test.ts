import { describe, expect, it } from 'vitest';
import { cacheBytesFromEnv, FILL_HEADER, fillToken, isCacheableRequest, PageCache, pageCacheKey, STATUS_HEADER, type Viewer } from '@/app/lib/page-cache';
import { pageFamily, withoutUnknownParams } from '@/app/lib/page-params';
import { RenderLimiter } from '@/app/lib/render-limiter';

/** Lets the copy being kept finish (it completes a few microtasks after the client's copy). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

const anonymous: Viewer = { userId: null, name: null, role: null, locale: 'ja' };

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
    ['GET', '/search', true],
    ['GET', '/report', true],
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
    expect(isCacheableRequest('GET', '/', new Headers({ [FILL_HEADER]: fillToken() }))).toBe(false);
  });

  it.each(['fill', '1', 'off', '', 'x'.repeat(43)])('a forged fill header (%j) is served from the cache like any request', (value) => {
    expect(isCacheableRequest('GET', '/', new Headers({ [FILL_HEADER]: value }))).toBe(true);
  });

  it('the fill secret is random and long', () => {
    expect(fillToken()).toMatch(/^[\w-]{43}$/);
    expect(fillToken()).toBe(fillToken());
  });
});

describe('the cache key holds only the parameters the page reads, in one order', () => {
  const key = (path: string) => pageCacheKey(new URL(`http://x${path}`), new Headers(), anonymous);
  it.each<[string, string]>([
    ['/?nocache=1', '/'],
    ['/?year=2024&nocache=2', '/?year=2024'],
    ['/?year=2024&municipality=999001', '/?municipality=999001&year=2024'],
    ['/policies/1?x=1&year=2024', '/policies/1?year=2024'],
    ['/projects?page=2&municipality=1&utm_source=mail', '/projects?municipality=1&page=2'],
    ['/projects?q=&municipality=1', '/projects?municipality=1'],
    ['/projects?year=2024&year=1999', '/projects?year=2024'],
    ['/projects/0086?municipality=1&year=2024', '/projects/0086?municipality=1'],
    ['/watchlist?rules=poor&rules=attainment&foo=1', '/watchlist?rules=attainment,poor'],
    ['/watchlist?rules=poor,attainment,poor', '/watchlist?rules=attainment&rules=poor'],
    ['/watchlist?x-hyoka-page-cache=1&costUp=30', '/watchlist?costUp=30'],
    ['/compare?policy=1&year=2024&b=2', '/compare?year=2024&policy=1'],
    ['/quality?check=grade&page=2&_rsc=abc', '/quality?page=2&check=grade'],
    ['/report?year=2024&page=2&municipality=999001', '/report?municipality=999001&year=2024'],
  ])('%s = %s', (a, b) => {
    expect(key(a)).toBe(key(b));
  });

  it.each<[string, string]>([
    ['/?year=2024', '/?year=2023'],
    ['/projects?page=2', '/projects?page=3'],
    ['/projects?q=a', '/projects?q=b'],
    ['/watchlist?rules=poor', '/watchlist?rules=attainment'],
    ['/watchlist?attainment=70', '/watchlist?costUp=70'],
    ['/quality?page=2', '/quality?page=3'],
    ['/compare?policy=1', '/compare?policy=2'],
    ['/policies/1', '/policies/2'],
    ['/policies/1?page=2', '/policies/1?page=3'],
    ['/report?year=2024', '/report?year=2023'],
  ])('%s ≠ %s', (a, b) => {
    expect(key(a)).not.toBe(key(b));
  });
});

describe('URLs with parameters no page reads are redirected without them', () => {
  it.each<[string, string | null]>([
    ['/?nocache=1', '/'],
    ['/?year=2024&nocache=1&municipality=1', '/?year=2024&municipality=1'],
    ['/?year=2024', null],
    ['/projects?page=2&q=a', null],
    ['/projects/0086?municipality=1&page=2', '/projects/0086?municipality=1'],
    ['/watchlist?rules=poor&rules=attainment&costUp=30&attainment=70', null],
    ['/quality?check=grade&_rsc=abc', null],
    ['/quality?check=grade&_rsc=abc&z=1', '/quality?check=grade&_rsc=abc'],
  ])('%s → %s', (path, expected) => {
    const url = new URL(`http://x${path}`);
    expect(withoutUnknownParams(pageFamily(url.pathname)!, url)).toBe(expected);
  });
});

describe('the cache key holds everything a page depends on', () => {
  const url = new URL('http://x/projects?municipality=1&page=2');
  const base = pageCacheKey(url, new Headers(), anonymous);
  it.each<[string, string]>([
    ['another query', pageCacheKey(new URL('http://x/projects?municipality=1&page=3'), new Headers(), anonymous)],
    ['another locale', pageCacheKey(url, new Headers(), { ...anonymous, locale: 'en' })],
    ['a logged-in user', pageCacheKey(url, new Headers(), { userId: 'u1', name: '山田', role: 'viewer', locale: 'ja' })],
    ['a React Server Components request', pageCacheKey(url, new Headers({ rsc: '1' }), anonymous)],
    ['a prefetch', pageCacheKey(url, new Headers({ rsc: '1', 'next-router-prefetch': '1' }), anonymous)],
  ])('%s gets its own key', (_, other) => {
    expect(other).not.toBe(base);
  });

  it('the same user under a new name gets another key (the header shows the name)', () => {
    expect(pageCacheKey(url, new Headers(), { userId: 'u1', name: '山田', role: 'viewer', locale: 'ja' })).not.toBe(
      pageCacheKey(url, new Headers(), { userId: 'u1', name: '山田 太郎', role: 'viewer', locale: 'ja' }),
    );
  });

  it('the same user with another role gets another key', () => {
    expect(pageCacheKey(url, new Headers(), { userId: 'u1', name: '山田', role: 'viewer', locale: 'ja' })).not.toBe(
      pageCacheKey(url, new Headers(), { userId: 'u1', name: '山田', role: 'admin', locale: 'ja' }),
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

describe('PageCache with a render limiter', () => {
  /** A render that answers only when `finish()` is called, streaming its body then. */
  function heldRender() {
    const started: string[] = [];
    const finishers: (() => void)[] = [];
    const render = (name: string) => async () => {
      started.push(name);
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode(`<p>${name}`));
          finishers.push(() => {
            controller.enqueue(new TextEncoder().encode('</p>'));
            controller.close();
          });
        },
      });
      return new Response(stream, { status: 200, headers: { 'content-type': 'text/html' } });
    };
    return {
      render,
      started,
      finishAll: () => {
        for (const finish of finishers.splice(0)) finish();
      },
    };
  }

  it('renders at most `concurrency` pages at once, the next in line after', async () => {
    const cache = new PageCache(1024 * 1024, new RenderLimiter(2, 10));
    const held = heldRender();
    const answers = ['a', 'b', 'c', 'd'].map((k) => cache.serve(k, 'v', held.render(k)));
    await settle();
    expect(held.started).toEqual(['a', 'b']);
    const [a, b] = await Promise.all(answers.slice(0, 2));
    held.finishAll();
    expect(await a!.response.text()).toBe('<p>a</p>');
    expect(await b!.response.text()).toBe('<p>b</p>');
    await settle();
    expect(held.started).toEqual(['a', 'b', 'c', 'd']);
    held.finishAll();
    const rest = await Promise.all(answers.slice(2));
    expect(await Promise.all(rest.map((r) => r.response.text()))).toEqual(['<p>c</p>', '<p>d</p>']);
  });

  it('beyond the line it answers 503 with Retry-After, in Japanese and English', async () => {
    const cache = new PageCache(1024 * 1024, new RenderLimiter(1, 2));
    const held = heldRender();
    const answers = ['a', 'b', 'c'].map((k) => cache.serve(k, 'v', held.render(k)));
    const refused = await cache.serve('d', 'v', held.render('d'));
    expect(refused.status).toBe('busy');
    expect(refused.response.status).toBe(503);
    expect(refused.response.headers.get('retry-after')).toBe('5');
    expect(refused.response.headers.get(STATUS_HEADER)).toBe('busy');
    const text = await refused.response.text();
    expect(text).toContain('混み合っています');
    expect(text).toContain('try again');
    expect(held.started).toEqual(['a']);
    for (let i = 0; i < 3; i++) {
      held.finishAll();
      await settle();
    }
    held.finishAll();
    expect((await Promise.all(answers)).map((a) => a.status)).toEqual(['miss', 'miss', 'miss']);
  });

  it('a stored page is answered while every slot is busy', async () => {
    const cache = new PageCache(1024 * 1024, new RenderLimiter(1, 1));
    await (await cache.serve('kept', 'v', renderer('<p>kept</p>').render)).response.text();
    await settle();
    const held = heldRender();
    const slow = cache.serve('a', 'v', held.render('a'));
    const queued = cache.serve('b', 'v', held.render('b'));
    await settle();
    const hit = await cache.serve('kept', 'v', renderer('never').render);
    expect(hit.status).toBe('hit');
    expect(await hit.response.text()).toBe('<p>kept</p>');
    held.finishAll();
    await (await slow).response.text();
    await settle();
    held.finishAll();
    await (await queued).response.text();
  });

  it('a failed render gives its slot back', async () => {
    const cache = new PageCache(1024 * 1024, new RenderLimiter(1, 0));
    await expect(cache.serve('a', 'v', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect((await cache.serve('b', 'v', renderer('b').render)).status).toBe('miss');
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
