/**
 * Meaning checks (db/import/validate.ts), table-driven: each case changes one thing in an
 * otherwise consistent record and expects exactly the problems it should cause.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_RATING_SCHEME } from '../../db/domain/rating-scheme';
import type { SheetRecord } from '../../db/import/read-canonical';
import { currentFiscalYear, gradeKey, validateRecords } from '../../db/import/validate';

const TODAY = new Date(2025, 5, 1); // FY2025 (令和7年度)

type Evaluation = SheetRecord['evaluation'];

/** A consistent record: 事業費 1,234 = 600 + 0 + 34 + 600; 人件費 4,000; total 5,234; 120 units → 43,617 円. */
function record(patch: Partial<Omit<SheetRecord, 'evaluation'>> & { evaluation?: Partial<Evaluation> } = {}): SheetRecord {
  const { evaluation, ...rest } = patch;
  return {
    line: 2,
    municipalityCode: '019999',
    municipalityName: '見本市',
    population: 52000,
    fiscalYear: 2022,
    projectCode: '0086',
    projectName: '見守り事業',
    department: null,
    section: null,
    pillar: null,
    policy: [],
    plan: {
      budgetNames: null,
      administrativeType: null,
      legalBasis: null,
      startFiscalYear: null,
      endFiscalYear: null,
      relatedLaws: null,
      nationalPlans: null,
      individualPlans: null,
      background: null,
      purpose: null,
      targetDescription: null,
      content: null,
    },
    evaluation: {
      previousPolicy: null,
      implementationMethod: null,
      activities: null,
      projectCost: '1234',
      nationalPrefectural: '600',
      localBonds: '0',
      otherSpecific: '34',
      generalFunds: '600',
      regularStaffFte: '0.5',
      regularStaffHours: null,
      regularStaffCost: '3800',
      otherStaffFte: null,
      otherStaffHours: null,
      otherStaffCost: '200',
      staffCost: '4000',
      totalCostStated: '5234',
      targetDefinition: null,
      targetCount: '120',
      targetUnit: '件',
      unitCostStatedYen: '43617',
      review: null,
      direction: null,
      ...evaluation,
    },
    ratings: [
      { criterionKey: 'progress', grade: 'A', reason: null },
      { criterionKey: 'level', grade: 'B', reason: null },
      { criterionKey: 'effectiveness', grade: 'A', reason: null },
      { criterionKey: 'efficiency', grade: 'B', reason: null },
    ],
    indicators: [],
    ...rest,
  };
}

const validate = (r: SheetRecord) =>
  validateRecords('t.csv', [r], () => DEFAULT_RATING_SCHEME, TODAY).map((p) => [p.severity, p.line, p.column, p.value, p.message.ja, p.message.en]);

const indicator = (position: number, name: string) => ({
  position,
  name,
  unit: null,
  kind: 'outcome' as const,
  direction: 'higher' as const,
  cumulative: false,
  baselineValue: null,
  baselineFiscalYear: null,
  target: '1',
  actual: '1',
});

describe('validateRecords', () => {
  it('accepts a consistent record without a word', () => {
    expect(validate(record())).toEqual([]);
  });

  it.each<[string, Parameters<typeof record>[0], unknown[][]]>([
    [
      'sources 1千円 short of 事業費: rounding, a warning',
      { evaluation: { generalFunds: '599' } },
      [
        [
          'warning',
          2,
          '事業費合計',
          '1234',
          '「事業費合計」1,234千円が 国県支出金 + 地方債 + その他特財 + 一般財源 の合計 1,233千円と一致しません（差 1千円）。端数処理による差とみなして取り込みます',
          '"事業費合計" 1,234 does not equal 国県支出金 + 地方債 + その他特財 + 一般財源 = 1,233 (thousand yen; difference 1); treated as rounding and imported',
        ],
      ],
    ],
    [
      'sources 100千円 short of 事業費: an error',
      { evaluation: { generalFunds: '500' } },
      [
        [
          'error',
          2,
          '事業費合計',
          '1234',
          '「事業費合計」1,234千円が 国県支出金 + 地方債 + その他特財 + 一般財源 の合計 1,134千円と一致しません（差 100千円）',
          '"事業費合計" 1,234 does not equal 国県支出金 + 地方債 + その他特財 + 一般財源 = 1,134 (thousand yen; difference 100)',
        ],
      ],
    ],
    [
      'fractional 千円 (from 円 figures) that add up exactly',
      { evaluation: { projectCost: '1234.5', generalFunds: '600.5', totalCostStated: '5234.5', unitCostStatedYen: '43621' } },
      [],
    ],
    [
      'only the total stated: nothing to check against',
      { evaluation: { nationalPrefectural: null, localBonds: null, otherSpecific: null, generalFunds: null } },
      [],
    ],
    [
      'staff parts that do not add up to 人件費',
      { evaluation: { otherStaffCost: '300' } },
      [
        [
          'error',
          2,
          '人件費合計',
          '4000',
          '「人件費合計」4,000千円が 正規職員人件費 + その他職員人件費 の合計 4,100千円と一致しません（差 100千円）',
          '"人件費合計" 4,000 does not equal 正規職員人件費 + その他職員人件費 = 4,100 (thousand yen; difference 100)',
        ],
      ],
    ],
    [
      'トータルコスト ≠ 事業費 + 人件費',
      { evaluation: { totalCostStated: '6234', unitCostStatedYen: '51950' } },
      [
        [
          'error',
          2,
          'トータルコスト',
          '6234',
          '「トータルコスト」6,234千円が 事業費合計 + 人件費合計 の合計 5,234千円と一致しません（差 1,000千円）',
          '"トータルコスト" 6,234 does not equal 事業費合計 + 人件費合計 = 5,234 (thousand yen; difference 1,000)',
        ],
      ],
    ],
    [
      'トータルコスト checked against the staff parts when 人件費 is not stated',
      { evaluation: { staffCost: null, totalCostStated: '5000', unitCostStatedYen: null } },
      [
        [
          'error',
          2,
          'トータルコスト',
          '5000',
          '「トータルコスト」5,000千円が 事業費合計 + 人件費合計 の合計 5,234千円と一致しません（差 234千円）',
          '"トータルコスト" 5,000 does not equal 事業費合計 + 人件費合計 = 5,234 (thousand yen; difference 234)',
        ],
      ],
    ],
    [
      'a stated unit cost off by more than 0.5 %: a warning',
      { evaluation: { unitCostStatedYen: '40000' } },
      [
        [
          'warning',
          2,
          '単位当たりコスト',
          '40000',
          '「単位当たりコスト」40,000円が トータルコスト÷対象数 = 43,617円 と異なります',
          '"単位当たりコスト" 40,000 yen differs from total cost ÷ target count = 43,617 yen',
        ],
      ],
    ],
    [
      'an FTE count that must be hours',
      { evaluation: { regularStaffFte: '1500' } },
      [
        [
          'error',
          2,
          '正規職員人数',
          '1500',
          '「正規職員人数」1500人は職員数としてありえません（0〜200人。時間数なら「業務時間」の列に入れてください）',
          '"正規職員人数" 1500 is not a plausible staff count (0–200; hours belong in the hours column)',
        ],
      ],
    ],
    ['200 FTE is still plausible', { evaluation: { regularStaffFte: '200' } }, []],
    [
      'a negative target count',
      { evaluation: { targetCount: '-5', unitCostStatedYen: null } },
      [['error', 2, '対象数', '-5', '「対象数」が負の数です（-5）', '"対象数" is negative (-5)']],
    ],
    ['a population of zero', { population: 0 }, [['error', 2, '人口', '0', '人口は1以上でなければなりません（0）', 'Population must be at least 1 (0)']]],
    ['the current fiscal year is fine', { fiscalYear: 2025 }, []],
    [
      'a fiscal year not started yet',
      { fiscalYear: 2026 },
      [
        [
          'error',
          2,
          '年度',
          '2026',
          '令和8年度（2026）はまだ始まっていない年度です（今年度は令和7年度）',
          'FY2026 has not started yet (the current fiscal year is FY2025)',
        ],
      ],
    ],
    ['FY1926 is the earliest', { fiscalYear: 1926 }, []],
    [
      'FY1925 is too early',
      { fiscalYear: 1925 },
      [
        [
          'error',
          2,
          '年度',
          '1925',
          '大正14年度（1925）は評価の年度として古すぎます（1926年度以降にしてください）',
          'FY1925 is too early for an evaluation (FY1926 or later)',
        ],
      ],
    ],
    [
      'one indicator twice in a row',
      { indicators: [indicator(1, '訪問件数'), indicator(2, '訪問件数')] },
      [['error', 2, '指標2名', '訪問件数', '指標「訪問件数」が同じ行に2回あります', 'Indicator "訪問件数" appears twice in the row']],
    ],
  ])('%s', (_, patch, expected) => {
    expect(validate(record(patch))).toEqual(expected);
  });

  it.each([
    ['A', 'A'],
    ['Ａ', 'A'],
    [' a ', 'A'],
    ['計画どおり', 'A'],
    ['計画通り', 'A'],
    ['計画どおり(A)', 'A'],
    ['計画どおり（Ａ）', 'A'],
    ['A(計画どおり)', 'A'],
    ['A:計画どおり', 'A'],
    ['As planned', 'A'],
    ['概ね計画どおり', 'B'],
    ['計画どおり進捗せず', 'C'],
  ])('progress grade %j is stored as %j', (text, code) => {
    const r = record();
    r.ratings[0]!.grade = text;
    expect(validate(r)).toEqual([]);
    expect(r.ratings[0]!.grade).toBe(code);
  });

  it.each([
    ['progress', 'D', '進捗状況', 'A（計画どおり）、B（概ね計画どおり）、C（計画どおり進捗せず）', 'A (As planned), B (Mostly as planned), C (Behind plan)'],
    ['effectiveness', '計画どおり', '有効性', 'A（高い）、B（普通）、C（低い）', 'A (High), B (Average), C (Low)'],
    [
      'level',
      '同程度',
      '実施水準',
      'A（他市より高い水準で実施）、B（他市と同水準で実施）、C（他市より低い水準で実施）、N（一律に比較できない事業）',
      'A (Higher than other cities), B (Same as other cities), C (Lower than other cities), N (Not comparable)',
    ],
  ])('%s grade %j is refused, listing the allowed grades', (key, grade, column, allowedJa, allowedEn) => {
    const r = record();
    r.ratings.find((x) => x.criterionKey === key)!.grade = grade;
    expect(validate(r)).toEqual([
      [
        'error',
        2,
        column,
        grade,
        `「${column}」の評価「${grade}」はこの自治体の評価基準にありません（使える値: ${allowedJa}）`,
        `"${grade}" is not a grade of "${column}" in this municipality's scheme (allowed: ${allowedEn})`,
      ],
    ]);
  });

  it("refuses a grade of a criterion the scheme does not have, naming the scheme's criteria and the fix", () => {
    const r = record();
    r.ratings.push({ criterionKey: 'new-1', column: '総合', grade: 'A' } as (typeof r.ratings)[number]);
    expect(validate(r)).toEqual([
      [
        'error',
        2,
        '総合',
        'A',
        '「総合」はこの自治体の評価基準にない評価項目です（この自治体の項目: 進捗状況、実施水準、有効性、効率性）。列をそのどれかに対応付けるか、無視してください',
        '"総合" is not a criterion of this municipality\'s rating scheme (its criteria: 進捗状況, 実施水準, 有効性, 効率性). Map the column to one of them, or ignore it',
      ],
    ]);
  });

  it('reports every record of a file with its own line', () => {
    const problems = validateRecords(
      't.csv',
      [record({ line: 2 }), record({ line: 7, population: 0 }), record({ line: 9, fiscalYear: 2030 })],
      () => DEFAULT_RATING_SCHEME,
      TODAY,
    );
    expect(problems.map((p) => [p.file, p.line, p.column])).toEqual([
      ['t.csv', 7, '人口'],
      ['t.csv', 9, '年度'],
    ]);
  });
});

describe('currentFiscalYear', () => {
  it.each([
    [new Date(2025, 2, 31), 2024], // 31 March: still the year that began last April
    [new Date(2025, 3, 1), 2025],
    [new Date(2025, 11, 31), 2025],
    [new Date(2026, 0, 1), 2025],
  ])('%s → FY%i', (date, fy) => {
    expect(currentFiscalYear(date)).toBe(fy);
  });
});

describe('gradeKey', () => {
  it.each([
    ['Ａ', 'A'],
    [' b ', 'B'],
    ['計画通り', '計画どおり'],
    ['計画 どおり（Ａ）', '計画どおり(A)'],
  ])('%j → %j', (text, key) => {
    expect(gradeKey(text)).toBe(key);
  });
});
