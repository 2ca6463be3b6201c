/**
 * The profile language's row handling, as pure functions: keepRows (empty / equals / matches)
 * and mergeRows (identical repeats collapse, blank repeats add nothing, sums, conflicts named).
 */
import { describe, expect, it } from 'vitest';
import { mergeRowsOfOneKey } from '../../db/import/merge-rows';
import { compileRowFilter } from '../../db/import/row-filter';
import type { RowCondition } from '../../db/import/profiles/schema';

const HEADER = ['会計区分', '予算年度', 'メモ'];
const resolve = (ref: unknown) => (typeof ref === 'string' ? HEADER.indexOf(ref) : null);
const filter = (conditions: RowCondition[]) => {
  const compiled = compileRowFilter(conditions, resolve, (v) => v.trim() === '-');
  if (!compiled || 'error' in compiled) throw new Error('not compiled');
  return compiled.filter;
};

describe('keepRows', () => {
  it.each([
    [
      'empty',
      [{ column: '会計区分', empty: true as const }],
      [
        ['', '2024', 'x'],
        [' - ', '2024', 'x'],
      ],
      [['一般会計', '2024', 'x']],
    ],
    ['equals (width-insensitive)', [{ column: '予算年度', equals: '2024' }], [['a', '２０２４', '']], [['a', '2023', '']]],
    ['matches', [{ column: 'メモ', matches: '^合計' }], [['', '', '合計行']], [['', '', '内訳']]],
    [
      'every condition',
      [
        { column: '会計区分', empty: true as const },
        { column: '予算年度', equals: '2024' },
      ],
      [['', '2024', '']],
      [
        ['', '2023', ''],
        ['一般会計', '2024', ''],
      ],
    ],
  ])('%s', (_name, conditions, kept, dropped) => {
    const keep = filter(conditions as RowCondition[]);
    for (const row of kept) expect(keep(row)).toBe(true);
    for (const row of dropped) expect(keep(row)).toBe(false);
  });

  it('a bad pattern is an error naming the profile key', () => {
    const compiled = compileRowFilter([{ column: 'メモ', matches: '(' }], resolve, () => false);
    expect(compiled && 'error' in compiled && compiled.error.ja).toContain('keepRows[0].matches');
  });
});

const H = ['年度', '事業番号', '事業名', '事業費合計', '今後の方向性'];
const row = (line: number, values: string[]) => ({ line, values, labels: values.map(() => null) });

describe('mergeRows', () => {
  it.each([
    [
      'identical repeats collapse',
      [row(2, ['2024', '1', 'A', '100', '継続']), row(3, ['2024', '1', 'A', '100', '継続'])],
      [],
      ['2024', '1', 'A', '100', '継続'],
    ],
    ['a blank repeat adds nothing', [row(2, ['2024', '1', 'A', '100', '継続']), row(3, ['2024', '1', '', '', ''])], [], ['2024', '1', 'A', '100', '継続']],
    [
      'a repeat fills what the first left blank',
      [row(2, ['2024', '1', 'A', '', '継続']), row(3, ['2024', '1', 'A', '100', ''])],
      [],
      ['2024', '1', 'A', '100', '継続'],
    ],
    [
      'sums where the profile says so',
      [row(2, ['2024', '1', 'A', '100', '']), row(3, ['2024', '1', 'A', '1,250', ''])],
      ['事業費合計'],
      ['2024', '1', 'A', '1350', ''],
    ],
  ])('%s', (_name, rows, sum, expected) => {
    const merged = mergeRowsOfOneKey('t.csv', H, rows, sum);
    expect(merged.problems).toEqual([]);
    expect(merged.rows.map((r) => r.values)).toEqual([expected]);
    expect(merged.rows[0]!.line).toBe(2);
  });

  it('leaves rows of different years or projects alone', () => {
    const rows = [row(2, ['2023', '1', 'A', '1', '']), row(3, ['2024', '1', 'A', '2', '']), row(4, ['2024', '2', 'B', '3', ''])];
    expect(mergeRowsOfOneKey('t.csv', H, rows, []).rows).toHaveLength(3);
  });

  it('a difference the profile does not settle is an error naming the rows and the keys', () => {
    const merged = mergeRowsOfOneKey('t.csv', H, [row(2, ['2024', '1', 'A', '100', '']), row(3, ['2024', '1', 'A', '200', ''])], []);
    expect(merged.problems).toHaveLength(1);
    expect(merged.problems[0]!.message.ja).toContain('2・3行目');
    expect(merged.problems[0]!.message.ja).toContain('mergeRows.sum');
    expect(merged.problems[0]!.message.en).toContain('keepRows');
  });

  it('a sum of a cell that is not a number is an error', () => {
    const merged = mergeRowsOfOneKey('t.csv', H, [row(2, ['2024', '1', 'A', '100', '']), row(3, ['2024', '1', 'A', '百', ''])], ['事業費合計']);
    expect(merged.problems[0]!.message.en).toContain('mergeRows.sum');
  });
});
