import { describe, expect, it } from 'vitest';
import { fundingGap, generalFundsPerCitizenYen } from '../../db/domain/metrics';

describe('fundingGap', () => {
  it.each([
    // 事業費, [国・県, 地方債, その他, 一般財源], unexplained, excess
    [19_982, [13_656, 0, 0, 6_326], 0, 0], // 大船渡 0573 令和2: the sources add up
    [1_000, [null, null, null, null], 1_000, 0], // no breakdown at all: the whole cost is unexplained
    [1_000, [600, null, null, 300], 100, 0], // sources short of the cost: the rest, not rescaled
    [1_000, [600, 0, 0, 401], 0, 1], // sources over the cost by rounding
    [null, [200, 0, 0, 300], 0, 500], // no 事業費 stated: every stated source is beyond it
    [null, [null, null, null, null], 0, 0],
    [0, [0, 0, 0, 0], 0, 0],
  ] as const)('事業費 %s, sources %j → unexplained %s, excess %s', (cost, sources, unexplained, excess) => {
    expect(fundingGap(cost, [...sources])).toEqual({ unexplained, excess });
  });

  it('sources + unexplained − excess is always the project cost (missing as zero)', () => {
    for (const [cost, sources] of [
      [1_000, [600, null, null, 300]],
      [500, [700, 0, 0, 0]],
      [null, [1, 2, 3, 4]],
    ] as const) {
      const { unexplained, excess } = fundingGap(cost, [...sources]);
      const stated = sources.reduce<number>((s, v) => s + (v ?? 0), 0);
      expect(stated + unexplained - excess).toBe(cost ?? 0);
    }
  });
});

describe('generalFundsPerCitizenYen', () => {
  it.each([
    [6_326, 36_000, 175.72], // 6,326 千円 × 1000 ÷ 36,000 人
    [0, 36_000, 0],
    [1_000, null, null], // no population: unknown, never 0
    [1_000, 0, null],
  ] as const)('%s 千円 over %s people → %s 円', (general, population, expected) => {
    const yen = generalFundsPerCitizenYen(general, population);
    if (expected === null) expect(yen).toBeNull();
    else expect(yen).toBeCloseTo(expected, 2);
  });
});
