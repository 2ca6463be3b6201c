/**
 * The data-quality report on a hand-built town whose slips are each worked out below, loaded
 * through the real importer (which accepts them as warnings), on both drivers.
 *
 * Q市 (999801, population 1,000); every sheet fully graded A/A/A/A unless said otherwise.
 *   FY2022  Q1 総務部  事業費 100, 一般財源 60 + 国県 41 = 101            → sources (1千円)
 *           Q2 総務部  整備箇所数（累計） actual 10 (target 10)
 *           Q3 総務部  利用者数 in 人, actual 50 (target 50)
 *   FY2023  Q1 総務部  clean (一般財源 100)
 *           Q2 総務部  整備箇所数（累計） actual 8 < 10                     → cumulativeDown
 *           Q3 総務部  利用者数 now in 人（延べ）                             → unitChanged
 *           Q4 財務部  100 + 50 = 150, トータルコスト stated 151            → total (1千円)
 *           Q5 財務部  100 千円 ÷ 1,000 = 100 円, stated 120 円             → unitCost
 *           Q6 財務部  指標 actual 5, no target                             → noTarget
 *           Q7 (no department) only 進捗状況 graded                         → notRated ×3 criteria
 *
 * P市 (999802) FY2023, a city whose practice is actuals without targets and no 実施水準 grade:
 *           P1, P2 actuals 7 and 9, no target; 進捗状況・有効性・効率性 graded  → one line each, no findings
 */
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../db/client';
import { describeFinding, describePractice } from '../../db/domain/quality-checks';
import { canonicalHeader } from '../../db/import/format';
import { loadCsvFile } from '../../db/import/load';
import { listMunicipalities } from '../../db/queries/overview';
import { getQualityCounts, getQualityReport } from '../../db/queries/quality';
import { DRIVERS, freshDatabase } from '../support/databases';

const city = (year: string) => ({ 市区町村コード: '999801', 市区町村名: 'Q市', 年度: year, 人口: '1000' });
const graded = { 進捗状況: 'A', 実施水準: 'A', 有効性: 'A', 効率性: 'A' };
const plain = (projectCost: string) => ({ 事業費合計: projectCost, 一般財源: projectCost });
const ind = (name: string, unit: string, target: string, actual: string) => ({ 指標1名: name, 指標1単位: unit, 指標1目標値: target, 指標1実績値: actual });
const SOUMU = { 部名: '総務部', 課名: '総務課' };
const ZAIMU = { 部名: '財務部', 課名: '財政課' };

const ROWS: Record<string, string>[] = [
  { ...city('2022'), 事業番号: 'Q1', 事業名: '財源事業', ...SOUMU, 事業費合計: '100', 一般財源: '60', 国県支出金: '41', ...graded },
  { ...city('2022'), 事業番号: 'Q2', 事業名: '整備事業', ...SOUMU, ...plain('10'), ...ind('整備箇所数（累計）', '箇所', '10', '10'), ...graded },
  { ...city('2022'), 事業番号: 'Q3', 事業名: '利用促進事業', ...SOUMU, ...plain('10'), ...ind('利用者数', '人', '50', '50'), ...graded },
  { ...city('2023'), 事業番号: 'Q1', 事業名: '財源事業', ...SOUMU, ...plain('100'), ...graded },
  { ...city('2023'), 事業番号: 'Q2', 事業名: '整備事業', ...SOUMU, ...plain('10'), ...ind('整備箇所数（累計）', '箇所', '12', '8'), ...graded },
  { ...city('2023'), 事業番号: 'Q3', 事業名: '利用促進事業', ...SOUMU, ...plain('10'), ...ind('利用者数', '人（延べ）', '50', '60'), ...graded },
  { ...city('2023'), 事業番号: 'Q4', 事業名: '合計事業', ...ZAIMU, ...plain('100'), 人件費合計: '50', トータルコスト: '151', ...graded },
  { ...city('2023'), 事業番号: 'Q5', 事業名: '単価事業', ...ZAIMU, ...plain('100'), トータルコスト: '100', 対象数: '1000', 単位当たりコスト: '120', ...graded },
  { ...city('2023'), 事業番号: 'Q6', 事業名: '実績事業', ...ZAIMU, ...plain('10'), ...ind('相談件数', '件', '', '5'), ...graded },
  { ...city('2023'), 事業番号: 'Q7', 事業名: '未評価事業', ...plain('10'), 進捗状況: 'A' },
  ...['7', '9'].map((actual, i) => ({
    市区町村コード: '999802',
    市区町村名: 'P市',
    年度: '2023',
    事業番号: `P${i + 1}`,
    事業名: `実績のみ事業${i + 1}`,
    ...plain('10'),
    ...ind('相談件数', '件', '', actual),
    進捗状況: 'A',
    有効性: 'B',
    効率性: 'A',
  })),
];

describe.each(DRIVERS)('data-quality report on %s', (driver) => {
  let handle: DbHandle;
  let municipalityId: number;
  let otherCityId: number;

  beforeAll(async () => {
    handle = await freshDatabase(driver);
    const header = canonicalHeader(1);
    const csv = Papa.unparse({ fields: header, data: ROWS.map((r) => header.map((h) => r[h] ?? '')) });
    const result = await loadCsvFile(handle.db, new TextEncoder().encode(csv), { fileName: 'quality.csv' });
    // The importer stored every row: the slips are warnings (sums 1千円 off, unit cost).
    expect(result.rows).toBe(ROWS.length);
    otherCityId = (await listMunicipalities(handle.db))[1]!.id;
    municipalityId = (await listMunicipalities(handle.db))[0]!.id;
  });
  afterAll(() => handle?.close());

  it('finds every slip of FY2023, grouped by department, in check order', async () => {
    const report = await getQualityReport(handle.db, { municipalityId, fiscalYear: 2023 });
    expect(report.findings.map((f) => [f.department, f.projectCode, f.check])).toEqual([
      ['総務部', 'Q2', 'cumulativeDown'],
      ['総務部', 'Q3', 'unitChanged'],
      ['財務部', 'Q4', 'total'],
      ['財務部', 'Q5', 'unitCost'],
      ['財務部', 'Q6', 'noTarget'],
      [null, 'Q7', 'notRated'],
    ]);
    expect(report.counts).toEqual({ sources: 0, total: 1, unitCost: 1, noTarget: 1, notRated: 1, unitChanged: 1, cumulativeDown: 1 });
    expect([report.evaluatedCount, report.affectedCount]).toEqual([7, 6]);
    const [q2, q3, q4, q5, q6, q7] = report.findings;
    expect(q2).toMatchObject({ indicator: '整備箇所数（累計）', previousYear: 2022 });
    expect([Number(q2!.previous), Number(q2!.current)]).toEqual([10, 8]);
    expect(q3).toMatchObject({ indicator: '利用者数', previousYear: 2022, previous: '人', current: '人（延べ）' });
    expect([Number(q4!.stated), Number(q4!.expected)]).toEqual([151, 150]);
    expect([Number(q5!.stated), Number(q5!.expected)]).toEqual([120, 100]); // 100 千円 × 1000 ÷ 1,000
    expect(Number(q6!.current)).toBe(5);
    expect(q7!.missing.map((m) => m.ja)).toEqual(['実施水準', '有効性', '効率性']);
    expect(describeFinding(q4!, 'ja')).toBe('トータルコスト 151千円が 事業費＋人件費 150千円 と1千円ずれています');
    expect(describeFinding(q2!, 'en')).toBe('Cumulative indicator “整備箇所数（累計）” fell from 10 (FY2022) to 8');
  });

  it('finds the FY2022 sources slip, and nothing year-on-year in a first year', async () => {
    const report = await getQualityReport(handle.db, { municipalityId, fiscalYear: 2022 });
    expect(report.findings.map((f) => [f.projectCode, f.check, Number(f.stated), Number(f.expected)])).toEqual([['Q1', 'sources', 100, 101]]);
    expect(describeFinding(report.findings[0]!, 'ja')).toBe('財源内訳の合計 101千円が事業費 100千円と1千円ずれています');
    expect(report.evaluatedCount).toBe(3);
  });

  it('narrows to a department or a check; counts keep every check of the department', async () => {
    const zaimu = await getQualityReport(handle.db, { municipalityId, fiscalYear: 2023, department: '財務部' });
    expect(zaimu.findings.map((f) => f.projectCode)).toEqual(['Q4', 'Q5', 'Q6']);
    expect([zaimu.evaluatedCount, zaimu.affectedCount]).toEqual([3, 3]);
    expect(zaimu.counts).toMatchObject({ total: 1, unitCost: 1, noTarget: 1, notRated: 0, cumulativeDown: 0 });
    const totals = await getQualityReport(handle.db, { municipalityId, fiscalYear: 2023, check: 'total' });
    expect(totals.findings.map((f) => f.projectCode)).toEqual(['Q4']);
    expect(totals.counts.cumulativeDown).toBe(1);
    expect(totals.affectedCount).toBe(1);
    expect(await getQualityCounts(handle.db, municipalityId, 2023)).toEqual({ findings: 6, affected: 6 });
  });

  it("says a city's practice in one line instead of a finding on every row", async () => {
    const report = await getQualityReport(handle.db, { municipalityId: otherCityId, fiscalYear: 2023 });
    expect(report.findings).toEqual([]);
    expect(report.counts).toMatchObject({ noTarget: 0, notRated: 0 });
    expect(report.practices).toEqual([
      { check: 'noTarget', count: 2, criteria: [] },
      { check: 'notRated', count: 2, criteria: [{ ja: '実施水準', en: 'Level vs. other cities' }] },
    ]);
    expect(report.practices.map((p) => describePractice(p, 'ja'))).toEqual([
      'この年度は、どの指標にも目標値がありません（実績値のみ 2件）。達成率の代わりに実績の推移で見てください。',
      'この年度は、「実施水準」の評価がどの事業にもついていません（2事業）。',
    ]);
    expect(await getQualityCounts(handle.db, otherCityId, 2023)).toEqual({ findings: 0, affected: 0 });
    // Q市 sets targets and grades every criterion somewhere: its slips stay findings.
    expect((await getQualityReport(handle.db, { municipalityId, fiscalYear: 2023 })).practices).toEqual([]);
  });
});
