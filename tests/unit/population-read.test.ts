/** Reading population tables (db/import/population/read.ts) and matching their rows to municipalities (match.ts). */
import { describe, expect, it } from 'vitest';
import type { GridRow } from '../../db/import/grid';
import { municipalityMatcher } from '../../db/import/population/match';
import { fiscalYearOfDate, readCode, readPopulation, readPopulationRows } from '../../db/import/population/read';

const grid = (...lines: string[][]): GridRow[] => lines.map((cells, i) => ({ line: i + 1, cells }));

describe('fiscalYearOfDate: the fiscal year (April–March) containing a reference date', () => {
  it.each([
    ['2024-01-01', 2023],
    ['2024/1/1', 2023],
    ['2024-03-31', 2023],
    ['2024-04-01', 2024],
    ['２０２０年１０月１日', 2020],
    ['令和6年1月1日', 2023],
    ['令和元年10月1日', 2019],
    ['平成31年3月31日', 2018],
    ['R6.1.1', 2023],
    ['20240101', 2023],
    ['2024-01-01 00:00:00', 2023],
  ])('%s → %i', (raw, fy) => expect(fiscalYearOfDate(raw)).toBe(fy));

  it.each(['2024-02-30', '2024', '令和6年', 'yesterday', '', '1800-01-01'])('%s is no date', (raw) => expect(fiscalYearOfDate(raw)).toBeNull());
});

describe('readPopulation and readCode', () => {
  it.each([
    ['35,000', 35000],
    ['３５０００', 35000],
    ['35000人', 35000],
    [' 1 ', 1],
    ['0', null],
    ['-5', null],
    ['35000.5', null],
    ['-', null],
    ['x', null],
    ['50000000', null],
  ])('population %s → %s', (raw, value) => expect(readPopulation(raw)).toBe(value));

  it.each([
    ['03203', '03203'],
    ['032034', '032034'],
    ['０３２０３４', '032034'],
    ['3203', null],
    ['0320345', null],
    ['岩手県', null],
  ])('code %s → %s', (raw, value) => expect(readCode(raw)).toBe(value));
});

describe('readPopulationRows', () => {
  it('reads an e-Stat style table: title lines, 5-digit codes, a 性別 column, dates, notes below', () => {
    const t = readPopulationRows(
      'pop.csv',
      grid(
        ['住民基本台帳に基づく人口', '', '', '', ''],
        ['（単位：人）', '', '', '', ''],
        ['団体コード', '市区町村名', '性別', '基準日', '人口（人）'],
        ['03203', '大船渡市', '計', '2024-01-01', '33,871'],
        ['03203', '大船渡市', '男', '2024-01-01', '16,500'],
        ['03203', '大船渡市', '女', '2024-01-01', '17,371'],
        ['', '', '', '', ''],
        ['注1) 外国人住民を含む', '', '', '', ''],
      ),
    );
    expect(t.records).toEqual([{ line: 4, code: '03203', name: '大船渡市', fiscalYear: 2023, population: 33871 }]);
    expect(t.problems.map((p) => [p.severity, p.line, p.column])).toEqual([['warning', 3, '性別']]);
    expect(t.problems[0]!.message.ja).toContain('2行');
  });

  it('splits a 地域 cell holding code and name, as e-Stat writes it', () => {
    const t = readPopulationRows(
      'census.csv',
      grid(['地域', '調査年月日', '総数'], ['03203 大船渡市', '2020年10月1日', '35,609'], ['０３２１０　陸前高田市', '2020年10月1日', '18,262']),
    );
    expect(t.records.map((r) => [r.code, r.name, r.fiscalYear, r.population])).toEqual([
      ['03203', '大船渡市', 2020, 35609],
      ['03210', '陸前高田市', 2020, 18262],
    ]);
    expect(t.problems).toEqual([]);
  });

  it('takes a 年度 column as the fiscal year, in any form the fiscal-year parser reads', () => {
    const t = readPopulationRows(
      'p.csv',
      grid(['市区町村コード', '年度', '人口'], ['032034', '令和4年度', '34500'], ['032034', 'R5', '33900'], ['032034', '2024', '33300']),
    );
    expect(t.records.map((r) => [r.fiscalYear, r.population])).toEqual([
      [2022, 34500],
      [2023, 33900],
      [2024, 33300],
    ]);
    expect(t.problems).toEqual([]);
  });

  it('takes a bare calendar year as that fiscal year, and warns once that it did', () => {
    const t = readPopulationRows('census.csv', grid(['地域コード', '地域', '年', '総人口'], ['03203', '大船渡市', '2020年', '35,609']));
    expect(t.records).toEqual([{ line: 2, code: '03203', name: '大船渡市', fiscalYear: 2020, population: 35609 }]);
    expect(t.problems).toHaveLength(1);
    expect(t.problems[0]).toMatchObject({ severity: 'warning', column: '年' });
    expect(t.problems[0]!.message.en).toContain('1 January');
  });

  it('uses the fiscal year given when the file has no year column, and refuses without one', () => {
    const rows = grid(['市区町村名', '人口'], ['大船渡市', '34000']);
    expect(readPopulationRows('p.csv', rows, 2022).records).toEqual([{ line: 2, code: null, name: '大船渡市', fiscalYear: 2022, population: 34000 }]);
    const refused = readPopulationRows('p.csv', rows);
    expect(refused.records).toEqual([]);
    expect(refused.problems[0]).toMatchObject({ severity: 'error', line: 1 });
    expect(refused.problems[0]!.message.ja).toContain('--fiscal-year');
  });

  it('names the line, column and value of every row it cannot read', () => {
    const t = readPopulationRows(
      'p.csv',
      grid(
        ['団体コード', '市区町村名', '年度', '人口'],
        ['3203', '大船渡市', '2023', '33000'],
        ['03203', '大船渡市', '2023', '-'],
        ['03203', '大船渡市', '二千', '33000'],
        ['03203', '大船渡市', '2022', '3.5万'],
      ),
    );
    expect(t.records).toEqual([]);
    expect(t.problems.map((p) => [p.line, p.column, p.value])).toEqual([
      [2, '団体コード', '3203'],
      [3, '人口', '-'],
      [4, '年度', '二千'],
      [5, '人口', '3.5万'],
    ]);
    for (const p of t.problems) {
      expect(p.severity).toBe('error');
      expect(p.message.ja).not.toBe('');
      expect(p.message.en).not.toBe('');
    }
  });

  it('refuses a sheet without a population header, saying what header to add', () => {
    const t = readPopulationRows('p.csv', grid(['事業名', '事業費'], ['道路', '100']));
    expect(t.records).toEqual([]);
    expect(t.problems).toHaveLength(1);
    expect(t.problems[0]!.message.ja).toContain('人口');
  });
});

describe('municipalityMatcher', () => {
  const match = municipalityMatcher([
    { id: 1, code: '032034', name: '大船渡市' },
    { id: 2, code: '03202', name: '宮古市' },
    { id: 3, code: '132063', name: '府中市' },
    { id: 4, code: '342068', name: '府中市' },
  ]);
  it.each([
    ['5 digits against a stored 6', '03203', '大船渡市', { id: 1, nameDiffers: null }],
    ['6 digits against a stored 6', '032034', null, { id: 1, nameDiffers: null }],
    ['6 digits against a stored 5', '032026', '宮古市', { id: 2, nameDiffers: null }],
    ['prefecture before the name', '03203', '岩手県大船渡市', { id: 1, nameDiffers: null }],
    ['a code whose name differs', '03203', '陸前高田市', { id: 1, nameDiffers: '大船渡市' }],
    ['name only', null, '大船渡市', { id: 1, nameDiffers: null }],
    ['an unknown code', '03201', '盛岡市', { id: null, reason: 'unknown' }],
    ['an unknown name', null, '盛岡市', { id: null, reason: 'unknown' }],
    ['a name two cities share', null, '府中市', { id: null, reason: 'ambiguous' }],
  ])('%s', (_, code, name, expected) => expect(match(code, name)).toEqual(expected));
});
