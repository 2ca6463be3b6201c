/** How the CLI reports many warnings: grouped by column, with examples and where the rest are. */
import { describe, expect, it } from 'vitest';
import { WARNINGS_LISTED, groupByColumn, warningLines, type Problem } from '../../db/import/problems';

const warning = (line: number, column: string | null, ja = `${column}の注意`, en = `note on ${column}`): Problem => ({
  severity: 'warning',
  file: 'city.csv',
  line,
  column,
  value: null,
  message: { ja, en },
});

describe('groupByColumn', () => {
  const cases: [name: string, problems: Problem[], examples: number, expected: [column: string | null, count: number, lines: number[]][]][] = [
    ['nothing', [], 3, []],
    ['one column', [warning(2, 'A'), warning(3, 'A')], 3, [['A', 2, [2, 3]]]],
    [
      'most frequent first',
      [warning(2, 'A'), warning(3, 'B'), warning(4, 'B')],
      3,
      [
        ['B', 2, [3, 4]],
        ['A', 1, [2]],
      ],
    ],
    [
      'a tie keeps the order met',
      [warning(2, 'B'), warning(3, 'A'), warning(4, 'A'), warning(5, 'B')],
      3,
      [
        ['B', 2, [2, 5]],
        ['A', 2, [3, 4]],
      ],
    ],
    ['examples capped, count not', [2, 3, 4, 5, 6].map((l) => warning(l, 'A')), 2, [['A', 5, [2, 3]]]],
    [
      'no column is a group of its own',
      [warning(2, null), warning(3, 'A'), warning(4, null)],
      3,
      [
        [null, 2, [2, 4]],
        ['A', 1, [3]],
      ],
    ],
  ];
  it.each(cases)('%s', (_name, problems, examples, expected) => {
    expect(groupByColumn(problems, examples).map((g) => [g.column, g.count, g.examples.map((p) => p.line)])).toEqual(expected);
  });
});

describe('warningLines', () => {
  it('says nothing when there is nothing', () => {
    expect(warningLines([])).toEqual([]);
  });

  it(`lists up to ${WARNINGS_LISTED} warnings one by one, Japanese then English`, () => {
    const few = Array.from({ length: WARNINGS_LISTED }, (_, i) => warning(i + 2, '事業費合計'));
    const lines = warningLines(few);
    expect(lines).toHaveLength(2 * WARNINGS_LISTED);
    expect(lines[0]).toBe('  注意 / warning: city.csv, 行 2, 事業費合計: 事業費合計の注意');
    expect(lines[1]).toBe('    note on 事業費合計');
  });

  const many = [
    ...Array.from({ length: 30 }, (_, i) => warning(i + 2, 'トータルコスト')),
    ...Array.from({ length: 5 }, (_, i) => warning(i + 100, '単位当たりコスト')),
    warning(200, null, '行全体の注意', 'note on the row'),
  ];

  it('sums more up by column, the most frequent first, with the first three of each and how many more', () => {
    const lines = warningLines(many, { batchId: 12 });
    expect(lines[0]).toBe('  注意 36件（列ごとに先頭の例） / 36 warnings (by column, the first of each):');
    expect(lines.filter((l) => /^ {2}\S/.test(l) && !l.startsWith('  注意') && !l.startsWith('  すべて'))).toEqual([
      '  トータルコスト: 30件 / 30 warnings',
      '  単位当たりコスト: 5件 / 5 warnings',
      '  ファイル・行全体 / file or row: 1件 / 1 warning',
    ]);
    expect(lines).toContain('    注意 / warning: city.csv, 行 4, トータルコスト: トータルコストの注意');
    expect(lines).not.toContain('    注意 / warning: city.csv, 行 5, トータルコスト: トータルコストの注意');
    expect(lines).toContain('    …ほか27件 / 27 more');
    expect(lines).toContain('    …ほか2件 / 2 more');
    expect(lines.filter((l) => l.includes('ほか'))).toHaveLength(2);
    expect(lines.at(-1)).toContain('取込 #12 の報告（/imports/12）');
    expect(lines.at(-1)).toContain('--all-warnings');
  });

  it('points a dry run (nothing stored) at --all-warnings only', () => {
    expect(warningLines(many, { batchId: null }).at(-1)).toBe('  --all-warnings ですべてを一覧表示します / --all-warnings lists every one');
  });

  it('lists every one with all', () => {
    expect(warningLines(many, { all: true })).toHaveLength(2 * many.length);
  });
});
