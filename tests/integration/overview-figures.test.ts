/**
 * The overview's figures (KPIs, attainment histogram, rating distributions, trends, scatter
 * points) on the hand-built city of tests/support/portfolio-city.ts, whose figures are worked
 * out by hand there and below, on both drivers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../db/client';
import { getAttainmentHistogram, getOverviewKpis, getRatingDistribution, getScatterPoints, getTrends, listMunicipalities } from '../../db/queries/overview';
import { listRatingCriteria } from '../../db/queries/rating-criteria';
import { DRIVERS, freshDatabase } from '../support/databases';
import { loadPortfolioCity } from '../support/portfolio-city';

describe.each(DRIVERS)('overview figures on %s', (driver) => {
  let handle: DbHandle;
  let municipalityId: number;
  const fy2023 = () => ({ municipalityId, fiscalYear: 2023 });

  beforeAll(async () => {
    handle = await freshDatabase(driver);
    await loadPortfolioCity(handle.db);
    const [m] = await listMunicipalities(handle.db);
    municipalityId = m!.id;
  });
  afterAll(() => handle?.close());

  it('computes the whole city’s KPIs for FY2023', async () => {
    const kpis = await getOverviewKpis(handle.db, fy2023());
    expect(kpis).toMatchObject({
      fiscalYear: 2023,
      projectCount: 10,
      population: 1000,
      costPerCitizen: 2101, // 2,101 千円 × 1000 ÷ 1,000 人
      // Indicator-years with a target: P01–P03 one each, P04 two, P05 one (its second has no
      // target), P07, P08, P10 one each = 9; at or above 100 %: P02 1.0, P03 1.2, P04 1.2, P05 2.5.
      indicatorsWithAttainment: 9,
      indicatorsAtTarget: 4,
      // 有効性: P06 has no rating, P08 only a reason → 8 graded; C: P03, P04, P10.
      effectivenessRated: 8,
      effectivenessPoor: 3,
    });
    expect(Number(kpis.totalCost)).toBe(2101);
    // Defined attainments 0.4, 0.5, 0.799, 0.8, 0.85, 1.0, 1.2, 2.0 → median (0.8 + 0.85) ÷ 2.
    expect(kpis.medianAttainment).toBeCloseTo(0.825, 10);
  });

  it('computes the same KPIs for one policy node’s subtree', async () => {
    // Goal 1: P01 P02 P03 P04 P08 P09 P10; 150 + 200 + 400 + 1,200 + 10 + 1 + 40 = 2,001 千円.
    const kpis = await getOverviewKpis(handle.db, { ...fy2023(), policyPath: '1' });
    expect(kpis).toMatchObject({
      projectCount: 7,
      costPerCitizen: 2001,
      indicatorsWithAttainment: 7,
      indicatorsAtTarget: 3,
      effectivenessRated: 6,
      effectivenessPoor: 3,
    });
    expect(Number(kpis.totalCost)).toBe(2001);
    // 0.5, 0.799, 0.8, 0.85, 1.0, 1.2 → (0.8 + 0.85) ÷ 2.
    expect(kpis.medianAttainment).toBeCloseTo(0.825, 10);
    // 施策 1/1/1/1: P01 0.8, P02 1.0, P09 undefined → median 0.9; 150 + 200 + 1 = 351 千円.
    const leaf = await getOverviewKpis(handle.db, { ...fy2023(), policyPath: '1/1/1/1' });
    expect(leaf).toMatchObject({ projectCount: 3 });
    expect(Number(leaf.totalCost)).toBe(351);
    expect(leaf.medianAttainment).toBeCloseTo(0.9, 10);
    // A path that is no node covers nothing.
    expect(await getOverviewKpis(handle.db, { ...fy2023(), policyPath: '9' })).toMatchObject({ projectCount: 0, totalCost: '0', medianAttainment: null });
  });

  it('puts projects into attainment bands, boundaries into the higher band', async () => {
    expect(await getAttainmentHistogram(handle.db, fy2023())).toEqual([
      { key: 'lt50', count: 1 }, // P07 0.4
      { key: '50-80', count: 2 }, // P10 exactly 0.5, P08 0.799
      { key: '80-100', count: 2 }, // P01 exactly 0.8, P04 0.85
      { key: '100-120', count: 1 }, // P02 exactly 1.0
      { key: 'ge120', count: 2 }, // P03 exactly 1.2, P05 2.0 (capped)
      { key: 'none', count: 2 }, // P06 (no target), P09 (no indicator)
    ]);
    // Within goal 1: P10, P08 | P01, P04 | P02 | P03 | P09.
    expect((await getAttainmentHistogram(handle.db, { ...fy2023(), policyPath: '1' })).map((b) => b.count)).toEqual([0, 2, 2, 1, 1, 1]);
    // FY2022: P11 0.75, P01 1.0.
    expect((await getAttainmentHistogram(handle.db, { municipalityId, fiscalYear: 2022 })).map((b) => b.count)).toEqual([0, 1, 0, 1, 0, 0]);
  });

  it('lists the rating scheme’s criteria and grades in order', async () => {
    const criteria = await listRatingCriteria(handle.db, municipalityId);
    expect(criteria.map((c) => [c.key, c.grades.map((g) => `${g.code}:${g.band}`).join(' ')])).toEqual([
      ['progress', 'A:good B:middle C:poor'],
      ['level', 'A:good B:middle C:poor N:not_comparable'],
      ['effectiveness', 'A:good B:middle C:poor'],
      ['efficiency', 'A:good B:middle C:poor'],
    ]);
  });

  it('counts ratings per まちづくり目標, not rated and not comparable included', async () => {
    const { groups } = await getRatingDistribution(handle.db, fy2023());
    expect(groups.map((g) => [g.node?.path ?? null, g.total])).toEqual([
      ['1', 7],
      ['2', 2],
      ['3', 0], // goal 3 has no project in FY2023
      [null, 1], // P07, outside the tree
    ]);
    const [goal1, goal2, goal3, outside] = groups;
    // Goal 1 = P01 P02 P03 P04 P08 P09 P10.
    expect(goal1!.byCriterion).toEqual({
      progress: { byGrade: { A: 3, B: 2, C: 2 }, notRated: 0 }, // A: P01 P02 P09; B: P03 P10; C: P04 P08
      level: { byGrade: { A: 3, B: 2, C: 1, N: 1 }, notRated: 0 }, // A: P01 P09 P10; B: P02 P08; C: P04; N: P03
      effectiveness: { byGrade: { A: 2, B: 1, C: 3 }, notRated: 1 }, // P08 has a reason but no grade
      efficiency: { byGrade: { A: 3, B: 2, C: 2 }, notRated: 0 }, // A: P01 P03 P09; B: P02 P10; C: P04 P08
    });
    // Goal 2 = P05 (A N A B) and P06 (no ratings at all).
    expect(goal2!.byCriterion).toEqual({
      progress: { byGrade: { A: 1, B: 0, C: 0 }, notRated: 1 },
      level: { byGrade: { A: 0, B: 0, C: 0, N: 1 }, notRated: 1 },
      effectiveness: { byGrade: { A: 1, B: 0, C: 0 }, notRated: 1 },
      efficiency: { byGrade: { A: 0, B: 1, C: 0 }, notRated: 1 },
    });
    expect(goal3!.byCriterion.progress).toEqual({ byGrade: { A: 0, B: 0, C: 0 }, notRated: 0 });
    expect(outside!.byCriterion.level).toEqual({ byGrade: { A: 0, B: 1, C: 0, N: 0 }, notRated: 0 });
  });

  it('splits a policy node’s ratings by its children', async () => {
    const { groups } = await getRatingDistribution(handle.db, { ...fy2023(), policyPath: '1' });
    // 1/1 = P01 P02 P03 P08 P09 (有効性 A B C — A → A2 B1 C1, one not rated); 1/2 = P04 P10 (C C).
    expect(groups.map((g) => [g.node?.path, g.total, g.byCriterion.effectiveness])).toEqual([
      ['1/1', 5, { byGrade: { A: 2, B: 1, C: 1 }, notRated: 1 }],
      ['1/2', 2, { byGrade: { A: 0, B: 0, C: 2 }, notRated: 0 }],
    ]);
  });

  it('keeps a 施策’s projects together as one group, their histogram within it', async () => {
    // 施策 1/1/1/2 has no children: P03 (有効性 C, 1.2) and P08 (有効性 reason only, 0.799) form one group.
    const { groups } = await getRatingDistribution(handle.db, { ...fy2023(), policyPath: '1/1/1/2' });
    expect(groups.map((g) => [g.node, g.total, g.byCriterion.effectiveness, g.byCriterion.level])).toEqual([
      [null, 2, { byGrade: { A: 0, B: 0, C: 1 }, notRated: 1 }, { byGrade: { A: 0, B: 1, C: 0, N: 1 }, notRated: 0 }],
    ]);
    expect((await getAttainmentHistogram(handle.db, { ...fy2023(), policyPath: '1/1/1/2' })).map((b) => b.count)).toEqual([0, 1, 0, 0, 1, 0]);
  });

  it('follows the KPIs over every fiscal year', async () => {
    const trends = await getTrends(handle.db, { municipalityId });
    expect(trends.map((t) => [t.fiscalYear, t.projectCount, Number(t.totalCost), t.population, t.costPerCitizen])).toEqual([
      [2022, 2, 590, 2000, 295], // P01 90 + P11 500 = 590 千円 ÷ 2,000 人 = 295 円
      [2023, 10, 2101, 1000, 2101],
    ]);
    expect(trends[0]!.medianAttainment).toBeCloseTo(0.875, 10); // (0.75 + 1.0) ÷ 2
    expect(trends[1]!.medianAttainment).toBeCloseTo(0.825, 10);
    // Goal 1's subtree: FY2022 only P01 (90 千円, 1.0).
    const goal1 = await getTrends(handle.db, { municipalityId, policyPath: '1' });
    expect(goal1.map((t) => [t.fiscalYear, t.projectCount, Number(t.totalCost), t.medianAttainment])).toEqual([
      [2022, 1, 90, 1],
      [2023, 7, 2001, expect.closeTo(0.825, 10)],
    ]);
  });

  it('gives every project’s cost and attainment for the scatter plot', async () => {
    const points = await getScatterPoints(handle.db, fy2023());
    expect(points.map((p) => p.code)).toEqual(['P01', 'P02', 'P03', 'P04', 'P05', 'P06', 'P07', 'P08', 'P09', 'P10']);
    const byCode = new Map(points.map((p) => [p.code, p]));
    const [goal1, goal2] = (await getRatingDistribution(handle.db, fy2023())).groups;
    expect(byCode.get('P01')).toEqual({ code: 'P01', name: '保育所運営事業', groupId: goal1!.node!.id, totalCost: 150, attainment: 0.8, trend: null });
    expect(byCode.get('P04')).toMatchObject({ totalCost: 1200, attainment: expect.closeTo(0.85, 10) });
    expect(byCode.get('P05')).toMatchObject({ groupId: goal2!.node!.id, totalCost: 50, attainment: 2 });
    expect(byCode.get('P06')).toMatchObject({ totalCost: 30, attainment: null });
    expect(byCode.get('P07')).toMatchObject({ groupId: null, totalCost: 20, attainment: 0.4 });
    // Scoped to 施策 1/1/1/2: P03 and P08.
    expect((await getScatterPoints(handle.db, { ...fy2023(), policyPath: '1/1/1/2' })).map((p) => [p.code, p.totalCost])).toEqual([
      ['P03', 400],
      ['P08', 10],
    ]);
  });
});
