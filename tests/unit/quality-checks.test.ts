import { describe, expect, it } from 'vitest';
import { QUALITY_CSV_HEADER, qualityCsv, qualityExportRows } from '@/app/quality/csv';
import { sumDifference, unitCostBase, unitCostDisagrees } from '@/db/domain/consistency';
import { QUALITY_CHECKS, QUALITY_CHECK_KEYS, describeFinding, isQualityCheckKey, type FindingFacts } from '@/db/domain/quality-checks';
import type { QualityFinding } from '@/db/queries/quality';

const base: FindingFacts = { check: 'sources', indicator: null, stated: null, expected: null, previousYear: null, previous: null, current: null, missing: [] };

describe('describeFinding', () => {
  it.each<[Partial<FindingFacts>, string, string]>([
    [
      { check: 'sources', stated: '45489.000', expected: '45490.000' },
      '財源内訳の合計 45,490千円が事業費 45,489千円と1千円ずれています',
      'Sources add up to 45,490 but the project cost is 45,489 (thousand yen; off by 1)',
    ],
    [
      { check: 'total', stated: '151', expected: '150' },
      'トータルコスト 151千円が 事業費＋人件費 150千円 と1千円ずれています',
      'Stated total 151 vs project + staff 150 (thousand yen; off by 1)',
    ],
    [
      { check: 'unitCost', stated: '568', expected: '516' },
      '単位当たりコスト 568円が トータルコスト÷対象数 516円 と異なります',
      'Stated unit cost 568 yen vs total cost ÷ target count 516 yen',
    ],
    [
      { check: 'noTarget', indicator: '相談件数', current: '5.0000' },
      '指標「相談件数」に実績値 5 がありますが、目標値がありません',
      'Indicator “相談件数” has an actual (5) but no target',
    ],
    [
      {
        check: 'notRated',
        missing: [
          { ja: '有効性', en: 'Effectiveness' },
          { ja: '効率性', en: 'Efficiency' },
        ],
      },
      '評価がついていない項目: 有効性、効率性',
      'No grade for: Effectiveness, Efficiency',
    ],
    [
      { check: 'unitChanged', indicator: '利用者数', previousYear: 2023, previous: '人', current: '人（延べ）' },
      '指標「利用者数」の単位が 令和5年度の「人」から「人（延べ）」に変わっています',
      'Indicator “利用者数” was measured in “人” in FY2023, now in “人（延べ）”',
    ],
    [
      { check: 'cumulativeDown', indicator: '整備数（累計）', previousYear: 2019, previous: '81', current: '77' },
      '累計の指標「整備数（累計）」の実績値が 令和元年度の 81 から 77 に減っています',
      'Cumulative indicator “整備数（累計）” fell from 81 (FY2019) to 77',
    ],
  ])('%j', (facts, ja, en) => {
    expect(describeFinding({ ...base, ...facts }, 'ja')).toBe(ja);
    expect(describeFinding({ ...base, ...facts }, 'en')).toBe(en);
  });

  it('defines every check once, with words in both languages', () => {
    expect(QUALITY_CHECKS.map((c) => c.key)).toEqual([...QUALITY_CHECK_KEYS]);
    for (const c of QUALITY_CHECKS) expect(c.label.ja && c.label.en && c.describe.ja && c.describe.en).toBeTruthy();
    expect(isQualityCheckKey('total')).toBe(true);
    expect(isQualityCheckKey('drop table')).toBe(false);
    expect(isQualityCheckKey(undefined)).toBe(false);
  });
});

describe('the import’s consistency definitions', () => {
  it.each([
    [100, [60, 41], 1],
    [818, [818], 0],
    [0.1, [0.05, 0.05], 0],
    [10, [12.5], 2.5],
  ])('sumDifference(%d, %j) = %d', (stated, parts, expected) => expect(sumDifference(stated, parts)).toBe(expected));

  it.each([
    // 100 千円 ÷ 1,000 = 100 円: 120 is off, 100.4 within 1 円, 100.5 within 0.5 % of larger figures
    [120, 100, 1000, true],
    [100.9, 100, 1000, false],
    [101.1, 100, 1000, true],
    [10_040, 10_000, 1000, false], // 10,000 円, 0.4 %
    [10_060, 10_000, 1000, true], // 0.6 %
    [5, 100, 0, false], // no count: nothing to compare
  ])('unitCostDisagrees(%d, %d, %d) = %s', (stated, baseCost, count, expected) => expect(unitCostDisagrees(stated, baseCost, count)).toBe(expected));

  it('divides the stated total, else project + staff', () => {
    expect(unitCostBase(150, 100, 40)).toBe(150);
    expect(unitCostBase(null, 100, 40)).toBe(140);
    expect(unitCostBase(null, null, null)).toBe(0);
  });
});

describe('quality CSV', () => {
  it('writes one safe record per finding with the sentence in Japanese', () => {
    const finding: QualityFinding = {
      ...base,
      check: 'total',
      stated: '151.000',
      expected: '150.000',
      projectCode: 'Q4',
      projectName: '=HYPERLINK("x")',
      department: '財務部',
      section: null,
    };
    const lines = qualityCsv([finding]).split('\r\n');
    expect(lines[0]).toBe(QUALITY_CSV_HEADER.join(','));
    expect(lines[1]).toBe(
      `財務部,,Q4,"'=HYPERLINK(""x"")",トータルコスト≠事業費＋人件費,,151,150,,,,トータルコスト 151千円が 事業費＋人件費 150千円 と1千円ずれています`,
    );
    expect(lines).toHaveLength(3);
  });

  it('lists city-wide practices after the findings, naming the city instead of a project', () => {
    const rows = qualityExportRows({ findings: [], practices: [{ check: 'noTarget', count: 1429, criteria: [] }] });
    const lines = qualityCsv(rows).split('\r\n');
    expect(lines[1]).toBe(
      ',,,自治体全体の運用,目標値なしの実績,,,,,,,"この年度は、どの指標にも目標値がありません（実績値のみ 1,429件）。達成率の代わりに実績の推移で見てください。"',
    );
    expect(lines).toHaveLength(3);
  });
});
