/**
 * The per-evaluation rollup (db/queries/rollups.ts) stays what a full recomputation from the
 * base tables gives, after an import, a correction that changes one year, a re-import that
 * moves an indicator's direction (which changes the project's other years too) and a rollback.
 * Both drivers.
 */
import { sql } from 'drizzle-orm';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type DbHandle } from '../../db/client';
import { canonicalHeader } from '../../db/import/format';
import { loadCsvFile } from '../../db/import/load';
import { rollbackBatch } from '../../db/import/rollback';
import { refreshRollups } from '../../db/queries/rollups';
import { DRIVERS, freshDatabase } from '../support/databases';

const CITY = { 市区町村コード: '999990', 市区町村名: '集計市' };

function csv(rows: Record<string, string>[]): Uint8Array {
  const header = canonicalHeader(2);
  return new TextEncoder().encode(Papa.unparse({ fields: header, data: rows.map((r) => header.map((h) => r[h] ?? '')) }));
}

const sheet = (code: string, year: string, cost: string, target: string, actual: string, lower = false) => ({
  ...CITY,
  年度: year,
  事業番号: code,
  事業名: `${code}事業`,
  まちづくり目標番号: '1',
  まちづくり目標: '目標',
  事業費合計: cost,
  人件費合計: '10',
  有効性: 'C',
  指標1名: '指標',
  指標1目標値: target,
  指標1実績値: actual,
  ...(lower ? { 指標1方向: '低いほど良い' } : {}),
});

describe.each(DRIVERS)('evaluation rollups on %s', (driver) => {
  let handle: DbHandle;
  const stored = () =>
    queryRows<Record<string, unknown>>(
      handle.db,
      sql`select evaluation_id, project_id, municipality_id, fiscal_year, total_cost::text, attainment, indicator_count,
                 with_attainment, at_target, effectiveness_band::text, graded_count
          from evaluation_rollups order by evaluation_id`,
    );
  /** The rollup as kept, and as a full recomputation gives it. */
  const keptAndRecomputed = async (): Promise<[Record<string, unknown>[], Record<string, unknown>[]]> => {
    const kept = await stored();
    await refreshRollups(handle.db, { all: true });
    return [kept, await stored()];
  };

  beforeAll(async () => {
    handle = await freshDatabase(driver);
  });
  afterAll(() => handle?.close());

  it('is written by an import', async () => {
    await loadCsvFile(handle.db, csv([sheet('A', '2022', '100', '10', '5'), sheet('A', '2023', '200', '10', '12'), sheet('B', '2023', '50', '4', '4')]), {
      fileName: 'a.csv',
    });
    const [kept, recomputed] = await keptAndRecomputed();
    expect(kept).toEqual(recomputed);
    // Hand-computed: A 2022 = 110 千円, 5 ÷ 10 = 0.5; A 2023 = 210, 1.2 (at target); B = 60, 1.0.
    expect(kept.map((r) => [r.fiscal_year, r.total_cost, r.attainment, r.with_attainment, r.at_target, r.effectiveness_band])).toEqual([
      [2022, '110.000', 0.5, 1, 0, 'poor'],
      [2023, '210.000', 1.2, 1, 1, 'poor'],
      [2023, '60.000', 1, 1, 1, 'poor'],
    ]);
  });

  let correction = 0;
  it('follows a re-import that turns an indicator to lower-is-better, in the project’s other years too', async () => {
    correction = (await loadCsvFile(handle.db, csv([sheet('A', '2023', '300', '10', '12', true)]), { fileName: 'b.csv' })).batchId;
    const [kept, recomputed] = await keptAndRecomputed();
    expect(kept).toEqual(recomputed);
    // Lower is better now: 2023 = 10 ÷ 12; 2022 (not in the file) = 10 ÷ 5 = 2.0, capped at 2.
    const a = kept.filter((r) => r.project_id === kept[0]!.project_id).map((r) => [r.fiscal_year, r.total_cost, r.attainment]);
    expect(a).toEqual([
      [2022, '110.000', 2],
      [2023, '310.000', 10 / 12],
    ]);
  });

  it('goes back with a rollback', async () => {
    const outcome = await rollbackBatch(handle.db, correction, 'tester');
    expect(outcome.ok).toBe(true);
    const [kept, recomputed] = await keptAndRecomputed();
    expect(kept).toEqual(recomputed);
    expect(kept.map((r) => [r.fiscal_year, r.total_cost, r.attainment])).toEqual([
      [2022, '110.000', 0.5],
      [2023, '210.000', 1.2],
      [2023, '60.000', 1],
    ]);
  });
});
