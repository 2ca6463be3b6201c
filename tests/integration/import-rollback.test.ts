/**
 * Import history: a corrected re-import replaces exactly its rows, a rollback restores what the
 * batch replaced (byte for byte) and removes what it added, and a batch whose rows a later import
 * changed cannot be rolled back out of order. Both drivers.
 */
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type DbHandle } from '../../db/client';
import { importFile, loadCsvFile } from '../../db/import/load';
import { commitUpload, originalFile, stageUpload } from '../../db/import/pending';
import { rollbackBatch } from '../../db/import/rollback';
import { findProject, getProjectYears } from '../../db/queries/project-sheet';
import { DRIVERS_AND_WORKER, freshDatabase } from '../support/databases';
import { fingerprint, type Fingerprint } from '../support/fingerprint';

const FIXTURE = readFileSync('tests/fixtures/seed/isehara-40-106.csv', 'utf8');
const bytes = (text: string) => new TextEncoder().encode(text);
// R4 staff cost corrected from 857 to 858 千円 (正規職員人件費, 人件費合計, トータルコスト).
const CORRECTED = FIXTURE.replace(/,857(千円)?(?=,)/g, ',858$1');
// A second project: the seed's R4 row under another code.
const header = FIXTURE.split('\n')[0]!;
const r4 = FIXTURE.split('\n')
  .slice(1)
  .join('\n')
  .split(/\r?\n(?=142140,)/)[1]!;
const NEW_PROJECT = `${header}\n${r4.replace('142140,伊勢原市,令和4年度,40-106,', '142140,伊勢原市,令和4年度,40-999,')}`;

// The data an import writes; import_batches and import_replaced keep history and are expected to grow.
const DATA_TABLES = ['projects', 'evaluations', 'ratings', 'indicators', 'indicator_values', 'municipality_populations'];
const dataFingerprint = (handle: DbHandle) => fingerprint(handle.db, { only: DATA_TABLES });

describe.each(DRIVERS_AND_WORKER)('import history on %s', (driver) => {
  let handle: DbHandle;
  let first: number;
  let afterFirst: Fingerprint;

  beforeAll(async () => {
    handle = await freshDatabase(driver);
    first = (await loadCsvFile(handle.db, bytes(FIXTURE), { fileName: 'seed.csv' })).batchId;
    afterFirst = await dataFingerprint(handle);
  });
  afterAll(() => handle?.close());

  const totals = async (code = '40-106') => {
    const project = await findProject(handle.db, '142140', code);
    if (!project) return null;
    return (await getProjectYears(handle.db, project.id)).map((y) => Number(y.totalCost));
  };

  it('a dry run reports exact counts and writes nothing', async () => {
    const whole = await fingerprint(handle.db);
    const outcome = await importFile(handle.db, bytes(CORRECTED), { fileName: 'corrected.csv', dryRun: true });
    expect(outcome).toMatchObject({ ok: true, dryRun: true, rows: 2 });
    expect(outcome.result).toMatchObject({ inserted: 0, updated: 1, unchanged: 1 });
    // Nothing at all changed, history tables included (a dry run rolls its batch back).
    expect(await fingerprint(handle.db)).toEqual(whole);
    const [batches] = await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n from import_batches`);
    expect(batches!.n).toBe(1);
  });

  it('rolls a correction back to the figures it replaced, byte for byte', async () => {
    const corrected = await loadCsvFile(handle.db, bytes(CORRECTED), { fileName: 'corrected.csv' });
    expect(corrected).toMatchObject({ updated: 1, unchanged: 1 });
    expect(await totals()).toEqual([818, 858]);

    // The first batch's R4 row was replaced by the correction: it cannot be undone out of order.
    const refused = await rollbackBatch(handle.db, first, 'test');
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.message.ja).toContain(`#${corrected.batchId}`);
      expect(refused.message.en).toContain('roll that back first');
    }

    expect(await rollbackBatch(handle.db, corrected.batchId, 'test')).toEqual({ ok: true, restored: 1, removed: 0 });
    expect(await totals()).toEqual([818, 857]);
    expect(await dataFingerprint(handle)).toEqual(afterFirst);
    // Twice is refused: it is no longer committed.
    expect((await rollbackBatch(handle.db, corrected.batchId, 'test')).ok).toBe(false);
  });

  it('removes the projects a batch added when it is rolled back', async () => {
    const added = await loadCsvFile(handle.db, bytes(NEW_PROJECT), { fileName: 'new.csv' });
    expect(added).toMatchObject({ rows: 1, inserted: 1 });
    expect(await totals('40-999')).toEqual([857]);
    expect(await rollbackBatch(handle.db, added.batchId, 'test')).toEqual({ ok: true, restored: 0, removed: 1 });
    expect(await totals('40-999')).toBeNull();
    expect(await dataFingerprint(handle)).toEqual(afterFirst);
  });

  it('keeps every committed file and commits an upload exactly as previewed', async () => {
    const original = await originalFile(handle.db, first);
    expect(original?.bytes.toString('utf8')).toBe(FIXTURE);

    const staged = await stageUpload(handle.db, bytes(CORRECTED), { fileName: 'upload.csv', createdBy: 'staff' });
    expect(staged.pendingId).not.toBeNull();
    expect(staged.outcome.result).toMatchObject({ updated: 1, unchanged: 1 });
    expect(await totals()).toEqual([818, 857]); // staged, not yet committed

    const committed = await commitUpload(handle.db, staged.pendingId!, 'staff');
    expect(committed.status).toBe('committed');
    expect(await totals()).toEqual([818, 858]);
    const batchId = committed.status === 'committed' ? committed.outcome.result!.batchId : -1;
    expect(await commitUpload(handle.db, staged.pendingId!, 'staff')).toEqual({ status: 'already-committed', batchId }); // once only
  });
});
