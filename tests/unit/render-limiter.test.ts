import { describe, expect, it } from 'vitest';
import { RenderLimiter, renderLimitsFromEnv } from '@/app/lib/render-limiter';

describe('RenderLimiter', () => {
  it('hands out `concurrency` slots at once, then queues in arrival order', async () => {
    const limiter = new RenderLimiter(2, 3);
    const order: number[] = [];
    const slots = [0, 1, 2, 3, 4].map((i) => limiter.acquire()!.then((release) => (order.push(i), release)));
    await Promise.resolve();
    await Promise.resolve();
    expect(order).toEqual([0, 1]);
    expect(limiter.state).toEqual({ running: 2, waiting: 3 });
    (await slots[0]!)();
    await slots[2];
    expect(order).toEqual([0, 1, 2]);
    expect(limiter.state).toEqual({ running: 2, waiting: 2 });
    (await slots[1]!)();
    (await slots[2]!)();
    await slots[4];
    expect(order).toEqual([0, 1, 2, 3, 4]);
    (await slots[3]!)();
    (await slots[4]!)();
    expect(limiter.state).toEqual({ running: 0, waiting: 0 });
  });

  it('refuses once the line is full', () => {
    const limiter = new RenderLimiter(1, 1);
    expect(limiter.acquire()).not.toBeNull();
    expect(limiter.acquire()).not.toBeNull();
    expect(limiter.acquire()).toBeNull();
  });

  it('a slot released twice counts once', async () => {
    const limiter = new RenderLimiter(1, 5);
    const release = await limiter.acquire()!;
    release();
    release();
    expect(limiter.state).toEqual({ running: 0, waiting: 0 });
  });
});

describe('HYOKA_RENDER_CONCURRENCY, HYOKA_RENDER_QUEUE', () => {
  it.each<[Record<string, string | undefined>, { concurrency: number; queueLimit: number }]>([
    [{}, { concurrency: 2, queueLimit: 32 }],
    [
      { HYOKA_RENDER_CONCURRENCY: '4', HYOKA_RENDER_QUEUE: '0' },
      { concurrency: 4, queueLimit: 0 },
    ],
    [
      { HYOKA_RENDER_CONCURRENCY: '0', HYOKA_RENDER_QUEUE: '-1' },
      { concurrency: 2, queueLimit: 32 },
    ],
    [
      { HYOKA_RENDER_CONCURRENCY: 'many', HYOKA_RENDER_QUEUE: '2.5' },
      { concurrency: 2, queueLimit: 32 },
    ],
  ])('%j → %j', (env, expected) => {
    expect(renderLimitsFromEnv(env)).toEqual(expected);
  });
});
