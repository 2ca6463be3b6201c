import { describe, expect, it } from 'vitest';
import { rank } from '@/db/domain/ranking';
import { bigramSimilarity, comparableName } from '@/db/domain/similarity';

describe('bigramSimilarity', () => {
  it.each([
    // 保育所運営 / 保育所整備: 保育 育所 shared of 4 + 4 → 0.5
    ['保育所運営事業', '保育所整備事業', 0.5],
    ['保育所運営事業', '保育所運営事業', 1],
    // the suffix is ignored: 図書館 = 図書館
    ['図書館事業', '図書館事務', 1],
    // 保育所運営 / 保育所運営補助: 4 shared of 4 + 6
    ['保育所運営事業', '保育所運営補助事業', 0.8],
    // multiset: ああああ has ああ ×3, ああ has ×1 → 2·1 ÷ (3 + 1)
    ['ああああ', 'ああ', 0.5],
    ['学童保育', '図書館', 0],
    ['a', 'b', 0],
    ['', '', 0],
  ])('%s / %s → %d', (a, b, expected) => {
    expect(bigramSimilarity(a, b)).toBeCloseTo(expected, 10);
    expect(bigramSimilarity(b, a)).toBeCloseTo(expected, 10);
  });

  it('compares names without spaces and the shared suffix', () => {
    expect(comparableName('図書館　運営 事業')).toBe('図書館運営');
    expect(comparableName('庁舎管理事務')).toBe('庁舎管理');
  });
});

describe('rank', () => {
  it.each([
    [[300, 100, 200], 'lower', [3, 1, 2]],
    [[0.5, 0.9, 0.5], 'higher', [2, 1, 2]],
    [[1, 1, 3], 'lower', [1, 1, 3]],
    [[null, 2, 1], 'lower', [null, 2, 1]],
    [[], 'higher', []],
  ] as const)('%j best %s → %j', (values, better, expected) => {
    expect(rank(values, better)).toEqual(expected);
  });
});
