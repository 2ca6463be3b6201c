/**
 * A rejected web upload is kept as a `failed` batch: its errors (file, line, column, value, ja/en
 * message), how many rows had errors, and the original file — and nothing else is written.
 * Both drivers. The file below is checked by hand:
 *
 *   line 2  R1 ok
 *   line 3  R2 事業名 empty, 事業費合計 「abc」          → 2 errors, 1 row
 *   line 4  R3 年度 令和99年度                          → 1 error, 1 row
 *   → 3 errors on 2 rows; 3 rows read
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type DbHandle } from '../../db/client';
import { importFile } from '../../db/import/load';
import { originalFile } from '../../db/import/pending';
import { countDataRows, recordRejectedUpload, rejectedRowCount } from '../../db/import/rejected';
import { getBatchCoverage, getImportBatch, listImportBatches } from '../../db/queries/imports';
import { DRIVERS, freshDatabase } from '../support/databases';

const BROKEN = new TextEncoder().encode(
  [
    '市区町村コード,市区町村名,年度,事業番号,事業名,事業費合計',
    '777777,検査町,令和5年度,R1,道路維持事業,100',
    '777777,検査町,令和5年度,R2,,abc',
    '777777,検査町,令和99年度,R3,公園管理事業,50',
  ].join('\n'),
);

describe('rejected row counts', () => {
  const problem = (line: number | null) => ({ severity: 'error' as const, file: 'f.csv', line, column: null, value: null, message: { ja: '', en: '' } });
  it('counts rows with errors once, and every row when an error concerns the whole file', () => {
    expect(rejectedRowCount([problem(3), problem(3), problem(7)], 10)).toBe(2);
    expect(rejectedRowCount([problem(3), problem(null)], 10)).toBe(10);
    expect(rejectedRowCount([], 10)).toBe(0);
  });
  it('counts the data rows of a file as written: header excluded, blank lines skipped, quoted newlines kept in their row', () => {
    expect(countDataRows(BROKEN)).toBe(3);
    expect(countDataRows(new TextEncoder().encode('a,b\n1,"x\ny"\n\n2,z\n'))).toBe(2);
    expect(countDataRows(new TextEncoder().encode('a,b\n'))).toBe(0);
  });
});

describe.each(DRIVERS)('rejected uploads on %s', (driver) => {
  let handle: DbHandle;
  let id: number;

  beforeAll(async () => {
    handle = await freshDatabase(driver);
    const outcome = await importFile(handle.db, BROKEN, { fileName: 'broken.csv', dryRun: true });
    expect(outcome.ok).toBe(false);
    id = await recordRejectedUpload(handle.db, BROKEN, outcome, { createdBy: 'erin', municipality: { code: '777777' } });
  });
  afterAll(() => handle?.close());

  it('keeps the errors with where they are, in both languages', async () => {
    const batch = await getImportBatch(handle.db, id);
    expect(batch).toMatchObject({ status: 'failed', fileName: 'broken.csv', createdBy: 'erin', encoding: 'UTF-8', rows: 3, rejected: 2, inserted: 0 });
    expect(batch!.report.errorCount).toBe(3);
    expect(batch!.report.errors.map((p) => [p.line, p.column, p.value])).toEqual([
      [3, '事業名', ''],
      [3, '事業費合計', 'abc'],
      [4, '年度', '令和99年度'],
    ]);
    for (const p of batch!.report.errors) {
      expect(p.message.ja).toMatch(/[ぁ-んァ-ン一-龠]/);
      expect(p.message.en).toMatch(/^[\x20-\x7e\u3000-\u9fff\u2013]+$/);
    }
    expect(batch!.report.municipality).toEqual({ code: '777777' });
    expect((await listImportBatches(handle.db)).rows.map((r) => [r.id, r.status, r.rejected])).toEqual([[id, 'failed', 2]]);
  });

  it('keeps the original file and writes no data', async () => {
    const original = await originalFile(handle.db, id);
    expect(original?.fileName).toBe('broken.csv');
    expect(Buffer.from(original!.bytes).equals(Buffer.from(BROKEN))).toBe(true);
    expect(await getBatchCoverage(handle.db, id)).toEqual([]);
    const [counts] = await queryRows<{ projects: number; municipalities: number }>(
      handle.db,
      sql`select (select count(*) from projects)::int as projects, (select count(*) from municipalities)::int as municipalities`,
    );
    expect(counts).toEqual({ projects: 0, municipalities: 0 });
  });
});
