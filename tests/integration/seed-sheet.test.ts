/**
 * The real seed sheet (Isehara City, project 40-106, FY R3 and R4) loaded through the importer
 * and read back: the figures the sheet itself states must come out unchanged, on both drivers.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../db/client';
import { loadCsvFile } from '../../db/import/load';
import { findProject, getIndicatorYears, getProjectYears, getRatingYears } from '../../db/queries/project-sheet';
import { DRIVERS, freshDatabase } from '../support/databases';

const FIXTURE = 'tests/fixtures/seed/isehara-40-106.csv';

describe.each(DRIVERS)('seed sheet on %s', (driver) => {
  let handle: DbHandle;
  let projectId: number;

  beforeAll(async () => {
    handle = await freshDatabase(driver);
    const result = await loadCsvFile(handle.db, readFileSync(FIXTURE), { fileName: 'isehara-40-106.csv' });
    expect(result).toMatchObject({ rows: 2, inserted: 2, updated: 0, encoding: 'UTF-8' });
    const project = await findProject(handle.db, '142140', '40-106');
    expect(project?.name).toBe('様々な主体との連携推進事業');
    expect(project?.startFiscalYear).toBe(1969); // 昭和44年度
    projectId = project!.id;
  });
  afterAll(() => handle?.close());

  it('states total cost 818 and 857 千円 and 8 円 per target unit', async () => {
    const years = await getProjectYears(handle.db, projectId);
    expect(years.map((y) => [y.fiscalYear, Number(y.totalCost), y.unitCostYen, Number(y.targetCount)])).toEqual([
      [2021, 818, 8, 101381],
      [2022, 857, 8, 101119],
    ]);
    // 818,000 円 ÷ 101,381 人 = 8.07 円: rounding, not the truncation of a float.
    expect(years[0]!.staffCost).toMatch(/^818(\.0+)?$/);
  });

  it('attains 150 % (R3) and 133 % (R4) on its indicator', async () => {
    const values = await getIndicatorYears(handle.db, projectId);
    expect(values.map((v) => [v.name, v.fiscalYear, v.attainment])).toEqual([
      ['大学及び企業等との協定団体数(累計)', 2021, 1.5],
      ['大学及び企業等との協定団体数(累計)', 2022, 4 / 3],
    ]);
    expect(Math.round(values[1]!.attainment! * 100)).toBe(133);
  });

  it('rates 進捗状況 A, 実施水準 B, 有効性 A, 効率性 A with their reasons', async () => {
    const ratings = await getRatingYears(handle.db, projectId);
    const r4 = ratings.filter((r) => r.fiscalYear === 2022);
    expect(r4.map((r) => [r.criterionLabel, r.grade, r.band])).toEqual([
      ['進捗状況', 'A', 'good'],
      ['実施水準', 'B', 'middle'],
      ['有効性', 'A', 'good'],
      ['効率性', 'A', 'good'],
    ]);
    expect(r4[1]!.reason).toContain('厚木市が5大学');
  });

  it('replaces, never duplicates, when the same file is imported again', async () => {
    const again = await loadCsvFile(handle.db, readFileSync(FIXTURE), { fileName: 'isehara-40-106.csv' });
    expect(again).toMatchObject({ rows: 2, inserted: 0, updated: 0, unchanged: 2 });
    expect(await getProjectYears(handle.db, projectId)).toHaveLength(2);
    expect(await getRatingYears(handle.db, projectId)).toHaveLength(8);
  });

  it('updates only the corrected year when a corrected export comes in', async () => {
    // The R4 row's staff cost corrected from 857 to 858 千円: 正規職員人件費, 人件費合計 and
    // トータルコスト all read 857 in R4 only (R3 reads 818).
    const text = readFileSync(FIXTURE, 'utf8');
    const corrected = text.replace(/,857(千円)?(?=,)/g, ',858$1');
    expect(corrected.match(/,858(?:千円)?(?=,)/g)).toHaveLength(3);
    const result = await loadCsvFile(handle.db, new TextEncoder().encode(corrected), { fileName: 'corrected.csv' });
    expect(result).toMatchObject({ rows: 2, inserted: 0, updated: 1, unchanged: 1 });
    const years = await getProjectYears(handle.db, projectId);
    expect(years.map((y) => [y.fiscalYear, Number(y.totalCost)])).toEqual([
      [2021, 818],
      [2022, 858],
    ]);
  });
});
