/** The watchlist CSV: formula cells neutralised, plain numbers, BOM, one record per row in order. */
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { neutraliseFormula, watchlistCsv, watchlistCsvRecords, withBom } from '../../app/watchlist/csv';
import type { WatchlistRow } from '../../db/queries/watchlist';

const criteria = [
  { key: 'progress', labelJa: '進捗状況', labelEn: 'Progress' },
  { key: 'efficiency', labelJa: '効率性', labelEn: 'Efficiency' },
];

function row(changes: Partial<WatchlistRow> = {}): WatchlistRow {
  return {
    projectCode: '40-106', projectName: '様々な主体との連携推進事業', department: '企画部', section: '経営企画課',
    goalNumber: '5', goalName: 'みんなで考え行動するまち',
    totalCost: '1300.000', previousTotalCost: '1000.000', costChange: 0.3, attainment: 0.625, previousAttainment: 0.9,
    indicatorCount: 1, indicatorsWithAttainment: 1,
    grades: [{ criterionKey: 'progress', code: 'C', band: 'poor' }],
    tripped: ['attainment', 'poor', 'costUp'], severity: 8, ...changes,
  };
}

describe('neutraliseFormula', () => {
  it.each([
    ['=HYPERLINK("http://x","y")', `'=HYPERLINK("http://x","y")`],
    ['+81-3-1234', `'+81-3-1234`],
    ['-1+2', `'-1+2`],
    ['@SUM(A1)', `'@SUM(A1)`],
    ['\t=1', `'\t=1`],
    ['\r=1', `'\r=1`],
    ['40-106', '40-106'], // a dash inside is harmless
    ['事業=1', '事業=1'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(neutraliseFormula(input)).toBe(expected);
  });

  it('writes null as an empty cell', () => {
    expect(neutraliseFormula(null)).toBe('');
  });
});

describe('watchlistCsvRecords', () => {
  it('writes the header with the city’s criteria and one record per row, numbers plain', () => {
    const { fields, data } = watchlistCsvRecords([row()], criteria);
    expect(fields).toEqual([
      '重要度', '事業番号', '事業名', '部名', '課名', 'まちづくり目標',
      'トータルコスト（千円）', '前年度トータルコスト（千円）', '前年度比（%）', '達成率（%）', '前年度達成率（%）',
      '進捗状況', '効率性', '該当ルール',
    ]);
    expect(data).toEqual([[
      '8', '40-106', '様々な主体との連携推進事業', '企画部', '経営企画課', '5 みんなで考え行動するまち',
      '1300', '1000', '30.0', '62.5', '90.0',
      'C', '', // no efficiency grade
      '達成率 62.5%、要改善評価 進捗状況C、コスト増 +30.0%',
    ]]);
  });

  it('neutralises formulas in names, departments and sections', () => {
    const [record] = watchlistCsvRecords([row({ projectName: '=1+1', department: '@部', section: '+課', projectCode: '-5' })], criteria).data;
    expect(record!.slice(1, 5)).toEqual([`'-5`, `'=1+1`, `'@部`, `'+課`]);
  });

  it('leaves missing figures empty', () => {
    const [record] = watchlistCsvRecords([row({ previousTotalCost: null, costChange: null, attainment: null, previousAttainment: null, goalName: null, section: null, tripped: ['noIndicator'], indicatorCount: 0 })], criteria).data;
    expect(record!.slice(4, 11)).toEqual(['', '', '1300', '', '', '', '']);
    expect(record!.at(-1)).toBe('指標データなし 指標未設定');
  });
});

describe('watchlistCsv and withBom', () => {
  it('round-trips through a CSV parser in the rows’ order, with CRLF and a UTF-8 BOM', () => {
    const rows = [row({ projectCode: 'B', projectName: '名前に"引用符",とカンマ' }), row({ projectCode: 'A' })];
    const csv = watchlistCsv(rows, criteria);
    expect(csv.split('\r\n')).toHaveLength(3);
    const bytes = withBom(csv);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const parsed = Papa.parse<string[]>(new TextDecoder().decode(bytes.slice(3)), { skipEmptyLines: true }).data;
    expect(parsed.slice(1).map((r) => [r[1], r[2]])).toEqual([['B', '名前に"引用符",とカンマ'], ['A', '様々な主体との連携推進事業']]);
  });
});
