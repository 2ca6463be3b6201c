/**
 * Population files (the `population` profile): a Shift_JIS table as e-Stat publishes it goes in
 * all or nothing as an import batch, cost per citizen follows it, a rollback restores what it
 * replaced, a checked upload is committed once and refused when the figures changed since. Both
 * drivers. The seed sheet is 伊勢原市 (142140), R3 total 818千円, R4 857千円.
 */
import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../db/client';
import { importFile, loadCsvFile } from '../../db/import/load';
import { commitUpload, stageUpload } from '../../db/import/pending';
import { rollbackBatch } from '../../db/import/rollback';
import { getOverviewKpis } from '../../db/queries/overview';
import { listMunicipalityPopulations, savePopulations } from '../../db/queries/settings';
import { DRIVERS, freshDatabase } from '../support/databases';

const SEED = readFileSync('tests/fixtures/seed/isehara-40-106.csv');

const sjis = (lines: string[]) => new Uint8Array(iconv.encode(`${lines.join('\r\n')}\r\n`, 'cp932'));

/** As e-Stat writes a 住民基本台帳 table: titles, 5-digit codes, 計/男/女 rows, a note. */
const ESTAT = sjis([
  '"住民基本台帳に基づく人口（神奈川県）"',
  '"（単位：人）"',
  '"団体コード","市区町村名","性別","基準日","人口"',
  '"14201","横浜市","計","2022-01-01","3,775,352"',
  '"14214","伊勢原市","計","2022-01-01","101,381"',
  '"14214","伊勢原市","男","2022-01-01","51,000"',
  '"14214","伊勢原市","女","2022-01-01","50,381"',
  '"14214","伊勢原市","計","2023-01-01","100,000"',
  '"注）外国人住民を含む。","","","",""',
]);

const populations = async (handle: DbHandle) => (await listMunicipalityPopulations(handle.db))[0]!.years.map((y) => [y.fiscalYear, y.population, y.source]);

describe.each(DRIVERS)('population import on %s', (driver) => {
  let handle: DbHandle;
  let municipalityId: number;

  beforeAll(async () => {
    handle = await freshDatabase(driver);
    await loadCsvFile(handle.db, SEED, { fileName: 'seed.csv' });
    municipalityId = (await listMunicipalityPopulations(handle.db))[0]!.id;
  });
  afterAll(() => handle?.close());

  it('checks an e-Stat table without writing, then imports it: dates to fiscal years, totals only', async () => {
    const check = await importFile(handle.db, ESTAT, { fileName: 'jinko.csv', profile: 'population', dryRun: true });
    expect(check.errors).toEqual([]);
    expect(check.result).toMatchObject({ rows: 2, inserted: 2, updated: 0, unchanged: 0 });
    expect(await populations(handle)).toEqual([
      [2021, null, null],
      [2022, null, null],
    ]);

    const outcome = await importFile(handle.db, ESTAT, { fileName: 'jinko.csv', profile: 'population' });
    expect(outcome).toMatchObject({ ok: true, encoding: 'Shift_JIS (CP932)', profile: 'population', errors: [] });
    expect(outcome.result).toMatchObject({ rows: 2, inserted: 2, updated: 0, unchanged: 0 });
    // Both things passed over are said: the male/female rows, and the city Hyoka does not hold.
    expect(outcome.warnings.map((w) => w.message.en)).toEqual([expect.stringContaining('not registered in Hyoka'), expect.stringContaining('2 row(s) whose')]);
    expect(outcome.warnings[0]!.message.ja).toContain('4: 14201 横浜市');
    const batch = `import:${outcome.result!.batchId}`;
    expect(await populations(handle)).toEqual([
      [2021, 101_381, batch],
      [2022, 100_000, batch],
    ]);
    // 857千円 × 1,000 ÷ 100,000人 = 8.57円.
    const kpis = await getOverviewKpis(handle.db, { municipalityId, fiscalYear: 2022 });
    expect(kpis.costPerCitizen).toBeCloseTo(8.57, 10);
    // The overview says where the figure came from.
    expect(kpis.populationSource).toBe('jinko.csv');
  });

  it('counts an unchanged file as unchanged, and a rollback restores what a later file replaced', async () => {
    const again = await importFile(handle.db, ESTAT, { fileName: 'jinko.csv', profile: 'population' });
    expect(again.result).toMatchObject({ rows: 2, inserted: 0, updated: 0, unchanged: 2 });
    const before = await populations(handle);

    const corrected = sjis(['市区町村コード,年度,人口', '142140,令和4年度,99500']);
    const outcome = await importFile(handle.db, corrected, { fileName: 'fix.csv', profile: 'population' });
    expect(outcome.result).toMatchObject({ rows: 1, inserted: 0, updated: 1, unchanged: 0 });
    expect((await populations(handle))[1]).toEqual([2022, 99_500, `import:${outcome.result!.batchId}`]);

    expect(await rollbackBatch(handle.db, outcome.result!.batchId, 'test')).toMatchObject({ ok: true });
    expect(await populations(handle)).toEqual(before);
  });

  it('refuses a file about no registered municipality, and conflicting figures, naming the lines', async () => {
    const before = await populations(handle);
    const stranger = await importFile(handle.db, sjis(['団体コード,市区町村名,年度,人口', '14201,横浜市,2022,3775352']), {
      fileName: 'yokohama.csv',
      profile: 'population',
    });
    expect(stranger.ok).toBe(false);
    expect(stranger.errors[0]!.message.ja).toContain('登録されていません');

    const twice = await importFile(handle.db, sjis(['団体コード,年度,人口', '14214,2022,100000', '142140,2022,100100']), {
      fileName: 'twice.csv',
      profile: 'population',
    });
    expect(twice.ok).toBe(false);
    expect(twice.errors.map((e) => [e.line, e.column])).toEqual([[3, '人口']]);
    expect(twice.errors[0]!.message.en).toContain('line 2');

    const unreadable = await importFile(handle.db, sjis(['団体コード,年度,人口', '14214,2022,約10万']), { fileName: 'words.csv', profile: 'population' });
    expect(unreadable.errors.map((e) => [e.file, e.line, e.column, e.value])).toEqual([['words.csv', 2, '人口', '約10万']]);
    expect(await populations(handle)).toEqual(before);
  });

  it('commits a checked upload once, and refuses it when the figures changed since the check', async () => {
    const file = sjis(['市区町村名,人口', '伊勢原市,98000']);
    const staged = await stageUpload(handle.db, file, { fileName: 'typed.csv', profile: 'population', fiscalYear: 2021 });
    expect(staged.pendingId).not.toBeNull();
    const committed = await commitUpload(handle.db, staged.pendingId!, 'test');
    expect(committed.status).toBe('committed');
    expect((await populations(handle))[0]).toEqual([2021, 98_000, `import:${committed.status === 'committed' ? committed.outcome.result!.batchId : 0}`]);
    expect(await commitUpload(handle.db, staged.pendingId!, 'test')).toMatchObject({ status: 'already-committed' });

    const stale = await stageUpload(handle.db, sjis(['市区町村名,人口', '伊勢原市,97000']), { fileName: 'stale.csv', profile: 'population', fiscalYear: 2021 });
    await savePopulations(handle.db, municipalityId, [{ fiscalYear: 2021, population: 97_500 }]);
    const refused = await commitUpload(handle.db, stale.pendingId!, 'test');
    expect(refused.status).toBe('failed');
    expect(refused.status === 'failed' && refused.outcome.errors[0]!.message.en).toContain('Since this file was checked');
    expect((await populations(handle))[0]).toEqual([2021, 97_500, 'settings']);
    expect((await getOverviewKpis(handle.db, { municipalityId, fiscalYear: 2021 })).populationSource).toBe('settings');
  });
});
