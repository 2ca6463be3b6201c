/**
 * Populations typed into the settings page: listed per municipality and year with their source,
 * only changed years written, and cost per citizen follows them. Both drivers.
 * The seed sheet has no population column: R3 total 818千円, R4 857千円 (see seed-sheet.test.ts).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../db/client';
import { loadCsvFile } from '../../db/import/load';
import { getOverviewKpis } from '../../db/queries/overview';
import { listMunicipalityPopulations, savePopulations } from '../../db/queries/settings';
import { DRIVERS, freshDatabase } from '../support/databases';

const SEED = readFileSync('tests/fixtures/seed/isehara-40-106.csv');

describe.each(DRIVERS)('municipality settings on %s', (driver) => {
  let handle: DbHandle;
  let municipalityId: number;

  beforeAll(async () => {
    handle = await freshDatabase(driver);
    await loadCsvFile(handle.db, SEED, { fileName: 'seed.csv' });
    municipalityId = (await listMunicipalityPopulations(handle.db))[0]!.id;
  });
  afterAll(() => handle?.close());

  it('lists each evaluated year, population not set yet', async () => {
    expect(await listMunicipalityPopulations(handle.db)).toEqual([
      {
        id: municipalityId,
        code: '142140',
        name: '伊勢原市',
        years: [
          { fiscalYear: 2021, population: null, source: null, evaluations: 1 },
          { fiscalYear: 2022, population: null, source: null, evaluations: 1 },
        ],
      },
    ]);
    const kpis = await getOverviewKpis(handle.db, { municipalityId, fiscalYear: 2022 });
    expect(Number(kpis.totalCost)).toBe(857);
    expect(kpis).toMatchObject({ population: null, costPerCitizen: null });
  });

  it('saves typed populations, and cost per citizen divides by them', async () => {
    const changed = await savePopulations(handle.db, municipalityId, [
      { fiscalYear: 2021, population: 101_381 },
      { fiscalYear: 2022, population: 100_000 },
    ]);
    expect(changed).toBe(2);
    const [m] = await listMunicipalityPopulations(handle.db);
    expect(m!.years.map((y) => [y.fiscalYear, y.population, y.source])).toEqual([
      [2021, 101_381, 'settings'],
      [2022, 100_000, 'settings'],
    ]);
    // 857千円 × 1,000 ÷ 100,000人 = 8.57円; 818千円 × 1,000 ÷ 101,381人 = 8.06857…円.
    expect((await getOverviewKpis(handle.db, { municipalityId, fiscalYear: 2022 })).costPerCitizen).toBeCloseTo(8.57, 10);
    expect((await getOverviewKpis(handle.db, { municipalityId, fiscalYear: 2021 })).costPerCitizen).toBeCloseTo(8.0686, 4);
  });

  it('writes only what changed, and an empty field unsets the year', async () => {
    expect(await savePopulations(handle.db, municipalityId, [{ fiscalYear: 2021, population: 101_381 }])).toBe(0);
    expect(
      await savePopulations(handle.db, municipalityId, [
        { fiscalYear: 2021, population: 101_381 },
        { fiscalYear: 2022, population: null },
      ]),
    ).toBe(1);
    const [m] = await listMunicipalityPopulations(handle.db);
    expect(m!.years.map((y) => [y.fiscalYear, y.population, y.source])).toEqual([
      [2021, 101_381, 'settings'],
      [2022, null, null],
    ]);
  });

  it('keeps a population for a year without evaluations (entered ahead of the import)', async () => {
    expect(await savePopulations(handle.db, municipalityId, [{ fiscalYear: 2023, population: 99_000 }])).toBe(1);
    const [m] = await listMunicipalityPopulations(handle.db);
    expect(m!.years.at(-1)).toEqual({ fiscalYear: 2023, population: 99_000, source: 'settings', evaluations: 0 });
  });
});
