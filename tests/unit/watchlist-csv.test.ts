/** The watchlist CSV: formula cells neutralised, plain numbers, BOM, one record per row in order. */
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { watchlistCsv, watchlistCsvHeader, watchlistCsvRecords } from '../../app/watchlist/csv';
import { encodeCsv } from '../../db/export/projects-csv';
import type { WatchlistRow } from '../../db/queries/watchlist';

const criteria = [
  { key: 'progress', labelJa: '進捗状況', labelEn: 'Progress' },
  { key: 'efficiency', labelJa: '効率性', labelEn: 'Efficiency' },
];

function row(changes: Partial<WatchlistRow> = {}): WatchlistRow {
  return {
    projectCode: '40-106',
    projectName: '様々な主体との連携推進事業',
    department: '企画部',
    section: '経営企画課',
    goalNumber: '5',
    goalName: 'みんなで考え行動するまち',
    totalCost: '1300.500',
    previousTotalCost: '1000.000',
    costChange: 0.3006,
    attainment: 0.625,
    previousAttainment: 0.9,
    indicatorCount: 1,
    indicatorsWithAttainment: 1,
    indicatorsWithTrend: 0,
    indicatorsWorsenedTwice: 0,
    grades: [{ criterionKey: 'progress', code: 'C', band: 'poor', watchRule: 'poor' }],
    tripped: ['attainment', 'poor', 'costUp'],
    severity: 8,
    ...changes,
  };
}

describe('watchlist CSV records', () => {
  it('writes the header with the city’s criteria and one record per row, numbers plain', () => {
    expect(watchlistCsvHeader(criteria)).toEqual([
      '重要度',
      '事業番号',
      '事業名',
      '部名',
      '課名',
      'まちづくり目標',
      'トータルコスト（千円）',
      '前年度トータルコスト（千円）',
      '前年度比（%）',
      '達成率（%）',
      '前年度達成率（%）',
      '進捗状況',
      '効率性',
      '該当ルール',
    ]);
    expect(watchlistCsvRecords([row()], criteria)).toEqual([
      [
        '8',
        '40-106',
        '様々な主体との連携推進事業',
        '企画部',
        '経営企画課',
        '5 みんなで考え行動するまち',
        '1300.5',
        '1000',
        '30.1',
        '62.5',
        '90.0',
        'C',
        '', // no efficiency grade
        '達成率 62.5%、要改善評価 進捗状況C、コスト増 +30.1%',
      ],
    ]);
  });

  it('neutralises cells Excel would run as formulas, but keeps negative numbers numbers', () => {
    const [record] = watchlistCsvRecords(
      [
        row({
          projectCode: '-1+2',
          projectName: '=HYPERLINK("http://x","y")',
          department: '@部',
          section: '\t課',
          goalNumber: '+1',
          goalName: '目標',
          costChange: -0.1,
        }),
      ],
      criteria,
    );
    expect(record!.slice(1, 6)).toEqual([`'-1+2`, `'=HYPERLINK("http://x","y")`, `'@部`, `'\t課`, `'+1 目標`]);
    expect(record![8]).toBe('-10.0'); // a fall in cost stays a number
  });

  it('leaves missing figures empty', () => {
    const [record] = watchlistCsvRecords(
      [
        row({
          previousTotalCost: null,
          costChange: null,
          attainment: null,
          previousAttainment: null,
          goalName: null,
          section: null,
          tripped: ['noIndicator'],
          indicatorCount: 0,
        }),
      ],
      criteria,
    );
    expect(record!.slice(4, 11)).toEqual(['', '', '1300.5', '', '', '', '']);
    expect(record!.at(-1)).toBe('指標データなし 指標未設定');
  });
});

describe('watchlistCsv', () => {
  it('round-trips through a CSV parser in the rows’ order, CRLF, UTF-8 with a BOM', () => {
    const rows = [row({ projectCode: 'B', projectName: '名前に"引用符",とカンマ' }), row({ projectCode: 'A' })];
    const csv = watchlistCsv(rows, criteria);
    expect(csv.split('\r\n')).toEqual([expect.any(String), expect.any(String), expect.any(String), '']);
    const bytes = encodeCsv(csv, 'utf8');
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const parsed = Papa.parse<string[]>(new TextDecoder().decode(bytes.slice(3)), { skipEmptyLines: true }).data;
    expect(parsed.slice(1).map((r) => [r[1], r[2]])).toEqual([
      ['B', '名前に"引用符",とカンマ'],
      ['A', '様々な主体との連携推進事業'],
    ]);
  });
});
