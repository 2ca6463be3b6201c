/**
 * The mapping step on the national review's table 2-1 (real file, ../shared/realdata): the
 * proposals with a row filter (会計区分 empty: the summary rows) and the national amount cap,
 * chosen as the page's form fields, read the file exactly as the hand-written built-in profile
 * does. Without the filter the per-account rows are read too, and the check refuses the file.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../db/client';
import { importFile } from '../../db/import/load';
import { choicesFrom, mappingStep } from '../../db/import/propose/mapping-step';
import { recordRejectedUpload } from '../../db/import/rejected';
import { DRIVERS, freshDatabase } from '../support/databases';
import { realDataFile, realDataReady } from '../support/realdata';

const FILE = 'national-review/2-1_RS_2024_予算・執行_サマリ.csv';
const ready = realDataReady(FILE);

describe.skipIf(!ready).each(DRIVERS)('mapping step on the national table 2-1 (%s)', (driver) => {
  let handle: DbHandle;
  let batchId: number;
  const bytes = ready ? new Uint8Array(readFileSync(realDataFile(FILE))) : new Uint8Array();
  const form = (fields: Record<string, string>) => choicesFrom((name) => fields[name]);

  beforeAll(async () => {
    handle = await freshDatabase(driver);
    // As the upload route does: the default reading fails (no municipality column), the file is kept.
    const refused = await importFile(handle.db, bytes, { fileName: '2-1.csv', dryRun: true });
    expect(refused.ok).toBe(false);
    batchId = await recordRejectedUpload(handle.db, bytes, refused, { createdBy: 'test' });
  }, 600_000);
  afterAll(() => handle?.close());

  it('reads the summary rows as the built-in profile does once the filter and cap are chosen', async () => {
    const first = await mappingStep(handle.db, batchId, form({ code: '000000', city: '国' }));
    expect(first).not.toBeNull();
    const accounts = first!.proposals.find((p) => p.header === '会計区分');
    expect(accounts).toBeDefined();
    // The per-account rows repeat a project-year with other figures: refused, not summed silently.
    expect(first!.check.ok && first!.check.outcome.errors.length).toBeGreaterThan(0);

    const step = await mappingStep(handle.db, batchId, form({ code: '000000', city: '国', keep: String(accounts!.index), keepHow: 'empty', cap: 'national' }));
    expect(step!.profile.keepRows).toEqual([{ column: '会計区分', empty: true }]);
    expect(step!.profile.amountCap).toBe('national');
    expect(step!.check.ok).toBe(true);
    if (!step!.check.ok) return;
    expect(step!.check.outcome.errors).toEqual([]);

    const builtIn = await importFile(handle.db, bytes, { fileName: '2-1.csv', profile: 'national-review-2-1', dryRun: true });
    expect(builtIn.errors).toEqual([]);
    expect(step!.check.outcome.result).toMatchObject({
      rows: builtIn.result!.rows,
      inserted: builtIn.result!.inserted,
      updated: builtIn.result!.updated,
    });
    expect(step!.check.outcome.result!.inserted).toBe(18_524);
  }, 600_000);
});
