import { describe, expect, it } from 'vitest';
import { parsePopulationInput } from '../../db/domain/numbers';

describe('parsePopulationInput (settings form)', () => {
  it.each([
    ['101381', 101_381],
    ['101,381', 101_381],
    ['１０１，３８１', 101_381],
    [' 99000 ', 99_000],
    ['101,381人', 101_381],
    ['', null],
    ['   ', null],
  ])('%j → %j', (raw, value) => {
    expect(parsePopulationInput(raw)).toEqual({ ok: true, value });
  });

  it.each(['0', '-5', '△5', '1.5', 'abc', '12万', '50000000', '1e5'])('%j is refused', (raw) => {
    expect(parsePopulationInput(raw)).toEqual({ ok: false });
  });
});
