/**
 * The one-line explanations from stored figures, on the hand-built city of
 * tests/support/portfolio-city.ts, on both drivers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../db/client';
import { getExplanationYears, getExplanations } from '../../db/queries/explain';
import { listMunicipalities } from '../../db/queries/overview';
import { DRIVERS, freshDatabase } from '../support/databases';
import { loadPortfolioCity } from '../support/portfolio-city';

describe.each(DRIVERS)('project explanations on %s', (driver) => {
  let handle: DbHandle;
  let municipalityId: number;

  beforeAll(async () => {
    handle = await freshDatabase(driver);
    await loadPortfolioCity(handle.db);
    municipalityId = (await listMunicipalities(handle.db))[0]!.id;
  });
  afterAll(() => handle?.close());

  it('reads each project’s years up to the year explained', async () => {
    const years = await getExplanationYears(handle.db, municipalityId, 2023, ['P01', 'P06', 'P11']);
    // P01: FY2022 90 千円, 5 ÷ 5 = 1.0, population 2,000; FY2023 150 千円, 4 ÷ 5 = 0.8, population 1,000.
    expect(years.get('P01')).toEqual([
      { fiscalYear: 2022, attainment: 1, totalCost: 90, population: 2000 },
      { fiscalYear: 2023, attainment: expect.closeTo(0.8, 10), totalCost: 150, population: 1000 },
    ]);
    expect(years.get('P06')).toEqual([{ fiscalYear: 2023, attainment: null, totalCost: 30, population: 1000 }]);
    expect((await getExplanationYears(handle.db, municipalityId, 2022, ['P01'])).get('P01')).toHaveLength(1);
  });

  it('says in one line how each project stands', async () => {
    const ja = await getExplanations(handle.db, municipalityId, 2023, ['P01', 'P02', 'P06', 'P11'], 'ja');
    // P01: missed (0.8) after a met year; 45 円 (90 千円 ÷ 2,000) → 150 円 per citizen = +233 %.
    expect(ja.get('P01')).toBe('達成率80.0%で目標に届かず、市民1人当たりコストも前年比+233%');
    expect(ja.get('P02')).toBe('達成率100.0%で目標を達成（前年度との比較なし）');
    expect(ja.get('P06')).toBe('達成率を計算できる指標がない（前年度との比較なし）');
    expect(ja.has('P11')).toBe(false); // not evaluated in FY2023
    const en = await getExplanations(handle.db, municipalityId, 2023, ['P01'], 'en');
    expect(en.get('P01')).toBe('Target missed (80.0%), and cost per citizen up 233% on the year before');
    expect((await getExplanations(handle.db, municipalityId, 2023, [], 'ja')).size).toBe(0);
  });
});
