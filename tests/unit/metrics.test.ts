import { describe, expect, it } from 'vitest';
import {
  attainment,
  costPerCitizenYen,
  indicatorMeasure,
  indicatorTrend,
  median,
  projectAttainment,
  shareImproved,
  totalCost,
  unitCostYen,
} from '../../db/domain/metrics';

describe('attainment', () => {
  it.each([
    // target, actual, direction, expected
    [2, 3, 'higher', 1.5], // the seed sheet, R3: 3 ÷ 2
    [3, 4, 'higher', 4 / 3], // R4: 4 ÷ 3
    [100, 80, 'higher', 0.8],
    [100, 0, 'higher', 0],
    [10, 5, 'lower', 2], // lower is better: target ÷ actual
    [10, 20, 'lower', 0.5],
    [10, 0, 'lower', 2], // reached zero: counts as the cap
    [0, 5, 'higher', null], // no target: undefined, never Infinity
    [0, 0, 'lower', null],
    [null, 5, 'higher', null],
    [5, null, 'higher', null],
    [-10, -5, 'higher', 0.5],
  ] as const)('target %s, actual %s, %s is better → %s', (target, actual, direction, expected) => {
    expect(attainment(target, actual, direction)).toBe(expected);
  });
});

describe('indicatorTrend', () => {
  it.each([
    // actual, previous, two years back, direction, cumulative, expected
    [12, 10, null, 'higher', false, 1], // more is better and it rose
    [8, 10, null, 'higher', false, -1],
    [10, 10, null, 'higher', false, 0], // unchanged: not improved, not worse
    [8, 10, null, 'lower', false, 1], // fewer (e.g. accidents) is better
    [12, 10, null, 'lower', false, -1],
    [0, 3, null, 'lower', false, 1],
    [0.3, 0.1 + 0.2, null, 'higher', false, 0], // binary noise is no change
    [4811.12, 4811.12, 4811.12, 'higher', false, 0],
    [null, 10, 8, 'higher', false, null], // no actual this year
    [10, null, 8, 'higher', false, null], // nothing to compare with
    // Cumulative (累計): by the increment. 100 → 130 → 150: +20 after +30 is a slowdown.
    [150, 130, 100, 'higher', true, -1],
    [170, 130, 100, 'higher', true, 1], // +40 after +30
    [160, 130, 100, 'higher', true, 0], // +30 after +30
    [150, 130, 100, 'lower', true, 1], // a running total of harm growing more slowly
    [150, 130, null, 'higher', true, null], // the increment before needs two years back
    [0.6, 0.4, 0.1, 'higher', true, -1], // +0.2 after +0.3 (floating point: 0.6 + 0.1 vs 0.8)
  ] as const)('actual %s, previous %s, before %s, %s is better, cumulative %s → %s', (actual, previous, before, direction, cumulative, expected) => {
    expect(indicatorTrend(actual, previous, before, direction, cumulative)).toBe(expected);
  });
});

describe('shareImproved', () => {
  it.each([
    [[1, 1, -1, 0], 0.5], // unchanged counts as not improved
    [[1, null], 1], // an indicator without a comparison is left out
    [[-1, 0], 0],
    [[null, null], null],
    [[], null],
  ] as const)('%j → %s', (trends, expected) => {
    expect(shareImproved([...trends])).toBe(expected);
  });
});

describe('indicatorMeasure', () => {
  it.each([
    [12, 0, 'attainment'], // targets and actuals: attainment
    [12, 40, 'attainment'], // both: attainment stays the measure
    [0, 40, 'trend'], // actuals only (大船渡市): the previous-year trend
    [0, 0, 'attainment'], // neither: attainment, shown as no data
  ] as const)('with attainment %s, with trend %s → %s', (withAttainment, withTrend, expected) => {
    expect(indicatorMeasure(withAttainment, withTrend)).toBe(expected);
  });
});

describe('projectAttainment', () => {
  it.each([
    [[1.5], 1.5],
    [[1, 0.5], 0.75],
    [[5, 1], 1.5], // 500 % is capped at 200 % for the mean
    [[null, 0.9], 0.9], // undefined indicators are left out, not counted as 0
    [[null, null], null],
    [[], null],
  ] as const)('%j → %s', (values, expected) => {
    expect(projectAttainment([...values])).toBe(expected);
  });
});

describe('median', () => {
  it.each([
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2.5],
    [[null, 7], 7],
    [[], null],
  ] as const)('%j → %s', (values, expected) => {
    expect(median([...values])).toBe(expected);
  });
});

describe('costs', () => {
  it.each([
    [0, 818, 818],
    [1200, 857, 2057],
    [null, 818, 818],
    [500, null, 500],
  ] as const)('total cost of 事業費 %s + 人件費 %s = %s 千円', (project, staff, expected) => {
    expect(totalCost(project, staff)).toBe(expected);
  });

  it.each([
    [818, 101_381, 8.07],
    [857, 101_119, 8.48],
    [5_000_000, 100_000, 50_000],
  ] as const)('%s 千円 per %s citizens ≈ %s 円', (total, population, expected) => {
    expect(costPerCitizenYen(total, population)).toBeCloseTo(expected, 2);
    expect(unitCostYen(total, population)).toBeCloseTo(expected, 2);
  });

  it.each([[null], [0], [-5]] as const)('population %s gives no cost per citizen', (population) => {
    expect(costPerCitizenYen(818, population)).toBeNull();
    expect(unitCostYen(818, population)).toBeNull();
  });
});
