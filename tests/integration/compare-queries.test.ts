/**
 * The cross-municipality benchmark on three hand-built towns (tests/support/three-towns.ts, every
 * expected figure worked out there and below), on both drivers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../db/client';
import { getComparison, getSimilarProjects, listPlanNodes } from '../../db/queries/compare';
import { listMunicipalities } from '../../db/queries/overview';
import { DRIVERS, freshDatabase } from '../support/databases';
import { loadThreeTowns } from '../support/three-towns';

describe.each(DRIVERS)('cross-municipality benchmark on %s', (driver) => {
  let handle: DbHandle;
  let idOf: Record<string, number>;

  beforeAll(async () => {
    handle = await freshDatabase(driver);
    await loadThreeTowns(handle.db);
    idOf = Object.fromEntries((await listMunicipalities(handle.db)).map((m) => [m.code, m.id]));
  });
  afterAll(() => handle?.close());

  it('matches a goal by name across plans that number it differently', async () => {
    const c = (await getComparison(handle.db, idOf['999901']!, 2023, '1'))!;
    expect(c.source).toMatchObject({ level: 1, name: '子育て', path: '1' });
    expect(c.rows.map((r) => [r.municipality.code, r.node?.path ?? null, r.matched])).toEqual([
      ['999901', '1', true],
      ['999902', '2', true], // B町 numbers 子育て 2
      ['999903', null, false], // C村 has no 子育て
    ]);
  });

  it('computes each municipality’s figures over its matching node, and ranks them', async () => {
    const [a, b, c] = (await getComparison(handle.db, idOf['999901']!, 2023, '1'))!.rows;
    // A: A1 100 + A2 300 = 400 千円 ÷ 1,000 人 = 400 円; attainments 1.0, 0.8 → median 0.9.
    expect(a!.figures).toMatchObject({ projectCount: 2, totalCost: '400.000', population: 1000, costPerCitizen: 400 });
    expect(a!.figures!.medianAttainment).toBeCloseTo(0.9, 10);
    // B: B1 100 + B2 20 = 120 千円 ÷ 500 人 = 240 円; 1.2, 0.75 → median 0.975.
    expect(b!.figures).toMatchObject({ projectCount: 2, totalCost: '120.000', population: 500, costPerCitizen: 240 });
    expect(b!.figures!.medianAttainment).toBeCloseTo(0.975, 10);
    expect(c!.figures).toBeNull();
    // 有効性: A good 1 of 2 (A2 is C → poor); B good 1 of 2 (B2 is B → middle).
    expect(a!.ratingMix.find((m) => m.key === 'effectiveness')!.counts).toEqual({ good: 1, middle: 0, poor: 1, not_comparable: 0, not_rated: 0 });
    expect(b!.ratingMix.find((m) => m.key === 'effectiveness')!.counts).toEqual({ good: 1, middle: 1, poor: 0, not_comparable: 0, not_rated: 0 });
    // 進捗状況 was never graded: all not rated.
    expect(a!.ratingMix.find((m) => m.key === 'progress')!.counts.not_rated).toBe(2);
    expect([a!.effectivenessGoodShare, b!.effectivenessGoodShare]).toEqual([0.5, 0.5]);
    // Ranks: B cheaper (240 < 400) and higher attainment; 0.5 and 0.5 share first place.
    expect(a!.rank).toEqual({ costPerCitizen: 2, medianAttainment: 2, effectivenessGood: 1 });
    expect(b!.rank).toEqual({ costPerCitizen: 1, medianAttainment: 1, effectivenessGood: 1 });
    expect(c!.rank).toEqual({ costPerCitizen: null, medianAttainment: null, effectivenessGood: null });
  });

  it('compares whole municipalities, leaving one without a population unranked on cost', async () => {
    const rows = (await getComparison(handle.db, idOf['999902']!, 2023, null))!.rows;
    // A 100 + 300 + 50 = 450 千円 → 450 円; B 100 + 20 + 30 = 150 千円 ÷ 500 = 300 円; C 10 千円, no population.
    expect(rows.map((r) => [r.municipality.code, r.figures?.projectCount, r.figures?.costPerCitizen, r.rank.costPerCitizen])).toEqual([
      ['999901', 3, 450, 2],
      ['999902', 3, 300, 1],
      ['999903', 1, null, null],
    ]);
    // A municipality's own node that does not exist: no comparison.
    expect(await getComparison(handle.db, idOf['999901']!, 2023, '9')).toBeNull();
  });

  it('lists a plan’s nodes in plan order for the picker', async () => {
    const nodes = await listPlanNodes(handle.db, idOf['999902']!);
    expect(nodes.map((n) => n.path)).toEqual(['1', '2', '2/5', '2/5/5', '2/5/5/5']);
  });

  it('finds the most alike projects of the same 施策 elsewhere, with their figures', async () => {
    const similar = await getSimilarProjects(handle.db, idOf['999901']!, 'A1');
    expect(similar).toMatchObject({ method: 'bigram', nodeName: '保育所の運営', fiscalYear: 2023 });
    // 保育所運営 vs 保育所運営補助: 4 shared bigrams of 4 + 6 → 0.8; vs 学童保育: 保育 of 4 + 3 → 2/7.
    expect(similar.projects.map((p) => [p.municipality.code, p.code, p.similarity])).toEqual([
      ['999902', 'B1', expect.closeTo(0.8, 10)],
      ['999902', 'B2', expect.closeTo(2 / 7, 10)],
    ]);
    // B1: 100 千円 ÷ 500 人 = 200 円, 1.2; B2: 20 千円 → 40 円, 0.75.
    expect(similar.projects[0]).toMatchObject({ totalCost: '100.000', costPerCitizen: 200, attainment: 1.2 });
    expect(similar.projects[1]).toMatchObject({ costPerCitizen: 40, attainment: 0.75 });
    // A3 sits on a goal that B町 also has (福祉): B3 is found; C1's 環境 exists nowhere else.
    expect((await getSimilarProjects(handle.db, idOf['999901']!, 'A3')).projects.map((p) => p.code)).toEqual(['B3']);
    expect((await getSimilarProjects(handle.db, idOf['999903']!, 'C1')).projects).toEqual([]);
  });
});
