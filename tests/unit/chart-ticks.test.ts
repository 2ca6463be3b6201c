import { describe, expect, it } from 'vitest';
import { logTicks, roundTicks } from '../../app/components/charts/ticks';

describe('roundTicks', () => {
  it('covers amounts from zero in round steps', () => {
    // 36,215,668千円 ≈ 362億円 at most: span 362.2 / 4 = 90.5 → step 100 (億円 = 100,000千円).
    expect(roundTicks([36_100_000, 35_800_000, 36_215_668], true)).toEqual([0, 10_000_000, 20_000_000, 30_000_000, 40_000_000]);
    expect(roundTicks([0, 7], true)).toEqual([0, 2, 4, 6, 8]);
  });

  it('fits ratios around the 100 % reference line', () => {
    // 1.003 … 1.051 with 1 included: span 0.051 / 4 = 0.01275 → step 0.02, from 1.00 to 1.06.
    expect(roundTicks([1.003, 1.02, 1.051], false, 1)).toEqual([1, 1.02, 1.04, 1.06]);
    // Below the line: 0.82 … 0.97 and 1 → step 0.05 from 0.8.
    expect(roundTicks([0.82, 0.97], false, 1)).toEqual([0.8, 0.85, 0.9, 0.95, 1]);
  });

  it('survives a single value and no values', () => {
    expect(roundTicks([null, null], true)).toBeUndefined();
    // One value 5: span taken as 5 → step 2 around it.
    expect(roundTicks([5], false)).toEqual([4, 6]);
  });
});

describe('logTicks', () => {
  it('spans the data with powers of ten', () => {
    expect(logTicks([150, 3_000, 2_400_000])).toEqual([100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000]);
    expect(logTicks([10])).toEqual([10, 100]);
  });
});
