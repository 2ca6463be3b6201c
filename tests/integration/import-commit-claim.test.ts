/**
 * Committing a checked upload (db/import/pending.ts, db/import/staged-claim.ts), on both drivers:
 * - two commits of one staged upload at once: exactly one imports, the other is told which batch
 *   the upload became, and nothing is imported twice;
 * - another import (or a rollback) of the same project-years between the check and the commit:
 *   the commit is refused, asking for a new check, and the other import's rows stay;
 * - an import of other project-years (other years, or the same years of another municipality)
 *   in between: the commit goes through.
 *
 * The demo's three towns, 30 projects each, five years. S (the staged upload) = town 1's
 * FY2023–2024 with 総評 revised.
 */
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { queryRows, type Db } from '../../db/client';
import { DEFAULT_DEMO, generateDemoRows, toCsv } from '../../db/demo/generate';
import { loadCsvFile } from '../../db/import/load';
import { commitUpload, stageUpload, type CommitResult } from '../../db/import/pending';
import { rollbackBatch } from '../../db/import/rollback';
import { DRIVERS_AND_WORKER, freshDatabase } from '../support/databases';

const { header, rows } = generateDemoRows({ ...DEFAULT_DEMO, municipalities: DEFAULT_DEMO.municipalities.map((m) => ({ ...m, projects: 30 })) });
const [town1, town2] = [...new Set(rows.map((r) => r['市区町村コード']))] as [string, string];
type Row = (typeof rows)[number];
const csv = (picked: Row[], note: string) =>
  Buffer.from('\uFEFF' + toCsv(header, note ? picked.map((r) => ({ ...r, 所管部長による総評: `${r['所管部長による総評']}${note}` })) : picked));
const of = (code: string, years: string[]) => rows.filter((r) => r['市区町村コード'] === code && years.includes(r['年度']!));

const ALL = csv(rows, '');
const STAGED = csv(of(town1, ['2023', '2024']), '（確認済み）');
const STAGED_ROWS = of(town1, ['2023', '2024']).length;
/** Overlaps S: town 1, FY2024. */
const SAME_YEARS = csv(of(town1, ['2024']), '（別の取込）');
/** Does not overlap S: town 1's FY2020, and town 2's FY2023–2024 (the same years, another town). */
const OTHER_YEARS = csv(of(town1, ['2020']), '（無関係）');
const OTHER_TOWN = csv(of(town2, ['2023', '2024']), '（無関係）');

async function reviewsLike(db: Db, marker: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from evaluations where review like ${`%${marker}`}`);
  return row!.n;
}
async function committedBatches(db: Db): Promise<number> {
  const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from import_batches where status = 'committed'`);
  return row!.n;
}
async function pendingBatches(db: Db): Promise<number> {
  const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from import_batches where status = 'pending'`);
  return row!.n;
}

describe.each(DRIVERS_AND_WORKER)('committing a checked upload on %s', (driver) => {
  let handle: Awaited<ReturnType<typeof freshDatabase>>;
  let db: Db;
  beforeEach(async () => {
    handle = await freshDatabase(driver);
    db = handle.db;
    await loadCsvFile(db, ALL, { fileName: 'all.csv', createdBy: 'base' });
  });
  afterEach(async () => {
    await handle?.close();
  });

  const stage = async () => {
    const staged = await stageUpload(db, STAGED, { fileName: 'staged.csv', createdBy: 'staff' });
    expect(staged.outcome.errors).toEqual([]);
    expect(staged.pendingId).not.toBeNull();
    return staged.pendingId!;
  };

  it('twice at once: exactly one imports, the other is told which batch it became', { timeout: 300_000 }, async () => {
    const id = await stage();
    const before = await committedBatches(db);
    const results: CommitResult[] = await Promise.all([commitUpload(db, id, 'tab 1'), commitUpload(db, id, 'tab 2')]);
    expect(await committedBatches(db)).toBe(before + 1);
    const done = results.filter((r) => r.status === 'committed');
    const again = results.filter((r) => r.status === 'already-committed');
    expect(done).toHaveLength(1);
    expect(again).toHaveLength(1);
    const batchId = done[0]!.status === 'committed' ? done[0]!.outcome.result!.batchId : -1;
    expect(again[0]).toEqual({ status: 'already-committed', batchId });
    expect(await reviewsLike(db, '（確認済み）')).toBe(STAGED_ROWS);
    expect(await pendingBatches(db)).toBe(0);
    // Later, too: the same answer, and still nothing imported.
    expect(await commitUpload(db, id, 'tab 3')).toEqual({ status: 'already-committed', batchId });
    expect(await committedBatches(db)).toBe(before + 1);
  });

  it('is refused when another import changed the same project-years since the check', { timeout: 300_000 }, async () => {
    const id = await stage();
    await loadCsvFile(db, SAME_YEARS, { fileName: 'same-years.csv', createdBy: 'other' });
    const before = await committedBatches(db);
    const result = await commitUpload(db, id, 'staff');
    expect(result.status).toBe('failed');
    const errors = result.status === 'failed' ? result.outcome.errors : [];
    expect(errors.map((e) => e.message.ja)).toEqual([expect.stringContaining('もう一度ファイルを確認')]);
    expect(errors.map((e) => e.message.en)).toEqual([expect.stringContaining('Check the file again')]);
    // Nothing of the staged file was written; the other import's rows stay.
    expect(await committedBatches(db)).toBe(before);
    expect(await reviewsLike(db, '（確認済み）')).toBe(0);
    expect(await reviewsLike(db, '（別の取込）')).toBe(of(town1, ['2024']).length);
  });

  it('is refused when a rollback changed the same project-years since the check', { timeout: 300_000 }, async () => {
    const other = await loadCsvFile(db, SAME_YEARS, { fileName: 'same-years.csv', createdBy: 'other' });
    const id = await stage();
    expect((await rollbackBatch(db, other.batchId, 'other')).ok).toBe(true);
    const result = await commitUpload(db, id, 'staff');
    expect(result.status).toBe('failed');
    expect(await reviewsLike(db, '（確認済み）')).toBe(0);
  });

  it('goes through when other project-years were imported in between', { timeout: 300_000 }, async () => {
    const id = await stage();
    await loadCsvFile(db, OTHER_YEARS, { fileName: 'other-years.csv', createdBy: 'other' });
    await loadCsvFile(db, OTHER_TOWN, { fileName: 'other-town.csv', createdBy: 'other' });
    const result = await commitUpload(db, id, 'staff');
    expect(result.status === 'committed' ? result.outcome.result : result).toMatchObject({ rows: STAGED_ROWS, updated: STAGED_ROWS });
    expect(await reviewsLike(db, '（確認済み）')).toBe(STAGED_ROWS);
    expect(await reviewsLike(db, '（無関係）')).toBe(of(town1, ['2020']).length + of(town2, ['2023', '2024']).length);
  });
});
