import { describe, expect, it } from 'vitest';
import { codesAttribute, dotsPath, nearest, readDots } from '../../app/components/charts/scatter-marks';

describe('dotsPath and readDots', () => {
  it.each([
    { points: [], d: '' },
    { points: [{ x: 1.4, y: 2.6 }], d: 'M1 3h0' },
    {
      points: [
        { x: 9999.5, y: 0 },
        { x: 0, y: 388.49 },
      ],
      d: 'M10000 0h0M0 388h0',
    },
  ])('writes $points as $d', ({ points, d }) => {
    expect(dotsPath(points)).toBe(d);
  });

  it('reads the points back in order with their codes, scaled to pixels', () => {
    const codes = ['0001', 'A 2', '児童/3'];
    const d = dotsPath([
      { x: 0, y: 10 },
      { x: 5000, y: 20 },
      { x: 10000, y: 30 },
    ]);
    expect(codesAttribute(codes)).toBe('0001 A%202 %E5%85%90%E7%AB%A5%2F3');
    expect(readDots(d, codesAttribute(codes), 0.1, 2)).toEqual([
      { code: '0001', x: 0, y: 20 },
      { code: 'A 2', x: 500, y: 40 },
      { code: '児童/3', x: 1000, y: 60 },
    ]);
  });

  it('ignores points without a code rather than naming them wrongly', () => {
    expect(readDots('M1 1h0M2 2h0', 'only')).toEqual([{ code: 'only', x: 1, y: 1 }]);
  });
});

describe('nearest', () => {
  const points = [
    { code: 'a', x: 0, y: 0 },
    { code: 'b', x: 10, y: 0 },
    { code: 'c', x: 10, y: 0 },
  ];
  it.each([
    { at: [1, 1], reach: 12, want: 'a' },
    { at: [6, 0], reach: 12, want: 'b' }, // nearer b; b before its twin c
    { at: [5, 0], reach: 12, want: 'a' }, // a tie goes to the first
    { at: [30, 30], reach: 12, want: null }, // out of reach
    { at: [0, 12], reach: 12, want: 'a' }, // exactly at the reach
  ])('at $at within $reach: $want', ({ at, reach, want }) => {
    expect(nearest(points, at[0]!, at[1]!, reach)?.code ?? null).toBe(want);
  });
});
