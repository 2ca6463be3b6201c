/**
 * The mapping step on 大船渡市's real workbook (../shared/realdata) after the city was loaded with
 * its built-in profile: the eight verdict columns are proposed as the city's stored criteria, so
 * the trial check raises none of the "not a criterion of this municipality" errors a new scheme would.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../db/client';
import { importFile } from '../../db/import/load';
import { choicesFrom, mappingStep } from '../../db/import/propose/mapping-step';
import { recordRejectedUpload } from '../../db/import/rejected';
import { DRIVERS, freshDatabase } from '../support/databases';
import { realDataFile, realDataReady } from '../support/realdata';

const FILE = 'ofunato/report.xlsx';
const ready = realDataReady(FILE);

describe.skipIf(!ready).each(DRIVERS)('mapping step on 大船渡市 once Hyoka holds the city (%s)', (driver) => {
  let handle: DbHandle;
  let batchId: number;
  const bytes = ready ? new Uint8Array(readFileSync(realDataFile(FILE))) : new Uint8Array();

  beforeAll(async () => {
    handle = await freshDatabase(driver);
    const loaded = await importFile(handle.db, bytes, { fileName: 'report.xlsx', profile: 'ofunato' });
    expect(loaded.ok).toBe(true);
    const refused = await importFile(handle.db, bytes, { fileName: 'report.xlsx', dryRun: true });
    batchId = await recordRejectedUpload(handle.db, bytes, refused, { createdBy: 'test' });
  }, 600_000);
  afterAll(() => handle?.close());

  it('proposes each verdict column as the criterion of the stored scheme it names', async () => {
    const step = await mappingStep(
      handle.db,
      batchId,
      choicesFrom((name) => ({ code: '032034', city: '大船渡市' })[name]),
    );
    const stored = step!.proposals.filter((p) => p.field?.startsWith('評価：')).map((p) => p.field);
    expect(stored).toEqual([
      '評価：政策体系との整合性',
      '評価：公共関与の妥当性',
      '評価：対象・意図の妥当性',
      '評価：成果の向上余地',
      '評価：廃止・休止の成果への影響',
      '評価：事業費の削減余地',
      '評価：人件費（延べ業務時間）の削減余地',
      '評価：受益機会・費用負担の適正化余地',
    ]);
    expect(step!.check.ok).toBe(true);
    if (!step!.check.ok) return;
    // (Other errors remain: the proposal reads 事業費計 against fewer source columns than the built-in profile.)
    const criterionErrors = step!.check.outcome.errors.filter((e) => e.message.ja.includes('評価基準'));
    expect(criterionErrors).toEqual([]);
  }, 600_000);
});
