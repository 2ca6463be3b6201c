import { describe, expect, it } from 'vitest';
import { attainment, costPerCitizenYen, median, projectAttainment, totalCost, unitCostYen } from '../../db/domain/metrics';

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
