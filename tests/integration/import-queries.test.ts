/**
 * The import history queries (db/queries/imports.ts) on a small hand-built history, on both
 * drivers. Expected figures are worked out by hand in the comments, not by the code under test.
 *
 *   A  a.csv   alice  committed  P1 2022, P1 2023, P2 2023 → 3 new; one warning (column 備考)
 *   B  b.csv   bob    committed  P1 2023 changed, P2 2023 same, P3 2023 new → 1 new, 1 updated, 1 unchanged
 *   C  c.csv   carol  pending    no municipality columns (given as 888888 別市), a mapping file → 1 new
 *   then B is rolled back by dave: P1 2023 restored, P3 2023 removed.
 */
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../db/client';
import { loadCsvFile } from '../../db/import/load';
import { stageUpload } from '../../db/import/pending';
import { rollbackBatch } from '../../db/import/rollback';
import { getBatchCoverage, getDataSources, getImportBatch, listImportBatches } from '../../db/queries/imports';
import { listMunicipalities } from '../../db/queries/overview';
import { DRIVERS, freshDatabase } from '../support/databases';

const city = { 市区町村コード: '999999', 市区町村名: 'テスト市' };
const p1 = { 事業番号: 'P1', 事業名: '子育て支援事業', 事業費合計: '100', 一般財源: '100' };
const p2 = { 事業番号: 'P2', 事業名: '健康づくり事業', 事業費合計: '200', 一般財源: '200' };
const p3 = { 事業番号: 'P3', 事業名: '防災訓練事業', 事業費合計: '300', 一般財源: '300' };

function csv(rows: Record<string, string>[]): Uint8Array {
  const fields = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return new TextEncoder().encode(Papa.unparse({ fields, data: rows.map((r) => fields.map((f) => r[f] ?? '')) }));
}

const A = csv([
  { ...city, 年度: '令和4年度', ...p1, 備考: 'x' },
  { ...city, 年度: '令和5年度', ...p1, 備考: '' },
  { ...city, 年度: '令和5年度', ...p2, 備考: '' },
]);
const B = csv([
  { ...city, 年度: '令和5年度', ...p1, 事業費合計: '150', 一般財源: '150' },
  { ...city, 年度: '令和5年度', ...p2 },
  { ...city, 年度: '令和5年度', ...p3 },
]);
// Another city's export without municipality columns, whose project-name header needs a mapping.
const C = csv([{ 年度: '令和5年度', 事業番号: 'Q1', 事務事業の名前: '観光振興事業', 事業費合計: '10', 一般財源: '10' }]);

describe.each(DRIVERS)('import history queries on %s', (driver) => {
  let handle: DbHandle;
  let a: number;
  let b: number;
  let c: number;

  beforeAll(async () => {
    handle = await freshDatabase(driver);
    expect(await listImportBatches(handle.db)).toEqual({ rows: [], total: 0, page: 1, pageCount: 1, pageSize: 20 });
    a = (await loadCsvFile(handle.db, A, { fileName: 'a.csv', createdBy: 'alice' })).batchId;
    b = (await loadCsvFile(handle.db, B, { fileName: 'b.csv', createdBy: 'bob' })).batchId;
    const staged = await stageUpload(handle.db, C, {
      fileName: 'c.csv',
      createdBy: 'carol',
      mapping: { columns: { 事務事業の名前: '事業名' } },
      municipality: { code: '888888', name: '別市' },
    });
    expect(staged.outcome.errors).toEqual([]);
    c = staged.pendingId!;
  });
  afterAll(() => handle?.close());

  it('lists batches newest first with their counts, a page at a time', async () => {
    const first = await listImportBatches(handle.db, { pageSize: 2 });
    expect(first).toMatchObject({ total: 3, page: 1, pageCount: 2, pageSize: 2 });
    expect(first.rows.map((r) => [r.id, r.fileName, r.createdBy, r.status, r.rows, r.inserted, r.updated, r.unchanged, r.warnings])).toEqual([
      [c, 'c.csv', 'carol', 'pending', 1, 1, 0, 0, 0],
      [b, 'b.csv', 'bob', 'committed', 3, 1, 1, 1, 0],
    ]);
    const second = await listImportBatches(handle.db, { page: 2, pageSize: 2 });
    expect(second.rows.map((r) => [r.id, r.fileName, r.status, r.inserted, r.warnings])).toEqual([[a, 'a.csv', 'committed', 3, 1]]);
    // Every batch kept its original file: its size is the bytes uploaded.
    expect(second.rows[0]!.byteLength).toBe(A.length);
    expect(first.rows[0]!.encoding).toBe('UTF-8');
    expect(second.rows[0]!.startedAt).toBeInstanceOf(Date);
  });

  it('clamps a page out of range', async () => {
    expect((await listImportBatches(handle.db, { page: 9, pageSize: 2 })).page).toBe(2);
    expect((await listImportBatches(handle.db, { page: 0, pageSize: 2 })).page).toBe(1);
    expect((await listImportBatches(handle.db, { page: -3 })).rows).toHaveLength(3);
  });

  it('reads one batch with its report', async () => {
    const batchA = await getImportBatch(handle.db, a);
    expect(batchA).toMatchObject({ id: a, fileName: 'a.csv', status: 'committed', hasMapping: false, byteLength: A.length });
    expect(batchA!.finishedAt).toBeInstanceOf(Date);
    expect(batchA!.report.warnings.map((w) => [w.severity, w.column])).toEqual([['warning', '備考']]);
    expect(batchA!.report.rolledBack).toBeNull();

    const pending = await getImportBatch(handle.db, c);
    expect(pending).toMatchObject({ status: 'pending', createdBy: 'carol', hasMapping: true, inserted: 1 });
    expect(pending!.report).toEqual({
      errors: [],
      errorCount: 0,
      warnings: [],
      layout: 'wide',
      municipality: { code: '888888', name: '別市' },
      rolledBack: null,
      profile: 'hyoka',
      // The first rows as read, for the check page (C's one row; a mapping named its 事業名 column).
      preview: [
        {
          line: 2,
          fiscalYear: 2023,
          projectCode: 'Q1',
          projectName: '観光振興事業',
          department: null,
          section: null,
          projectCost: '10',
          staffCost: null,
          totalCost: null,
          ratings: [],
          indicators: 0,
        },
      ],
      // Population files only.
      figures: [],
      // A file owns the columns it maps: C states costs only, so a re-import keeps the rest.
      columns: { sets: ['事業費合計', '一般財源'], keeps: expect.arrayContaining(['所管部長による総評', '今後の方向性', '評価', '指標']) },
    });

    expect(await getImportBatch(handle.db, 999_999)).toBeNull();
  });

  it('says which municipality and years a batch wrote', async () => {
    // A: 2022 P1 new; 2023 P1 and P2 new.
    expect(await getBatchCoverage(handle.db, a)).toEqual([
      { municipalityCode: '999999', municipalityName: 'テスト市', fiscalYear: 2022, added: 1, replaced: 0 },
      { municipalityCode: '999999', municipalityName: 'テスト市', fiscalYear: 2023, added: 2, replaced: 0 },
    ]);
    // B: 2023 P3 new, P1 replaced; P2 unchanged is not written, so not counted.
    expect(await getBatchCoverage(handle.db, b)).toEqual([
      { municipalityCode: '999999', municipalityName: 'テスト市', fiscalYear: 2023, added: 1, replaced: 1 },
    ]);
    // A pending preview has written nothing.
    expect(await getBatchCoverage(handle.db, c)).toEqual([]);
  });

  it('names the files a municipality’s year comes from, newest first', async () => {
    const city = (await listMunicipalities(handle.db)).find((m) => m.code === '999999');
    const at = (id: number) => getImportBatch(handle.db, id).then((x) => x!.finishedAt);
    // 2023: B wrote P1 (changed) and P3; P2 was unchanged, so A's row stands. 2022: A alone.
    expect(await getDataSources(handle.db, city!.id, 2023)).toEqual([
      { fileName: 'b.csv', importedAt: await at(b), evaluations: 2 },
      { fileName: 'a.csv', importedAt: await at(a), evaluations: 1 },
    ]);
    expect(await getDataSources(handle.db, city!.id, 2022)).toEqual([{ fileName: 'a.csv', importedAt: await at(a), evaluations: 1 }]);
    expect(await getDataSources(handle.db, city!.id, 2021)).toEqual([]);
  });

  it('shows who rolled a batch back and what it undid', async () => {
    expect(await rollbackBatch(handle.db, b, 'dave')).toEqual({ ok: true, restored: 1, removed: 1 });
    const batchB = await getImportBatch(handle.db, b);
    expect(batchB!.status).toBe('rolled_back');
    expect(batchB!.report.rolledBack).toMatchObject({ by: 'dave', restored: 1, removed: 1 });
    expect(Number.isNaN(Date.parse(batchB!.report.rolledBack!.at))).toBe(false);
    // P3 was removed with the rollback; the restored P1 row is still there.
    expect(await getBatchCoverage(handle.db, b)).toEqual([
      { municipalityCode: '999999', municipalityName: 'テスト市', fiscalYear: 2023, added: 0, replaced: 1 },
    ]);
    const listed = await listImportBatches(handle.db);
    expect(listed.rows.map((r) => r.status)).toEqual(['pending', 'rolled_back', 'committed']);
    // The restored P1 row is A's again: the year now comes from A alone.
    const city = (await listMunicipalities(handle.db)).find((m) => m.code === '999999');
    expect((await getDataSources(handle.db, city!.id, 2023)).map((s) => [s.fileName, s.evaluations])).toEqual([['a.csv', 2]]);
  });
});
