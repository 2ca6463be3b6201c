/**
 * The policy tree and drill-down queries on the hand-built city of
 * tests/support/portfolio-city.ts (figures worked out by hand there and below), on both drivers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../db/client';
import { listMunicipalities } from '../../db/queries/overview';
import { findPolicyNode, getChildFigures, getPolicyTree, getProjectsInScope, pageProjectsInScope, type PolicyTreeNode } from '../../db/queries/policies';
import { DRIVERS, freshDatabase } from '../support/databases';
import { loadPortfolioCity } from '../support/portfolio-city';

/** `path count cost` for a node and everything below it, depth first. */
function flatten(nodes: PolicyTreeNode[]): string[] {
  return nodes.flatMap((n) => [`${n.path} ${n.projectCount} ${Number(n.totalCost)}`, ...flatten(n.children)]);
}

describe.each(DRIVERS)('policy queries on %s', (driver) => {
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

  it('builds the tree with each subtree’s project count and total cost', async () => {
    const tree = await getPolicyTree(handle.db, municipalityId, 2023);
    expect(tree.map((g) => [g.path, g.name, g.pillar])).toEqual([
      ['1', '子育て', '子育て・教育'],
      ['2', '福祉', null],
      ['3', '環境', null],
    ]);
    expect(flatten(tree)).toEqual([
      '1 7 2001', // 761 + 1,240
      '1/1 5 761', // P01 150, P02 200, P09 1, P03 400, P08 10
      '1/1/1 5 761',
      '1/1/1/1 3 351', // P01 P02 P09
      '1/1/1/2 2 410', // P03 P08
      '1/2 2 1240', // P04 1,200, P10 40
      '1/2/2 2 1240',
      '1/2/2/3 2 1240',
      '2 2 80', // P05 50, P06 30, on the goal itself
      '3 0 0', // P11 was evaluated in FY2022 only
      '3/3 0 0',
      '3/3/3 0 0',
      '3/3/3/4 0 0',
    ]);
    // FY2022: P01 (90) under 1/1/1/1 and P11 (500) under 3/3/3/4.
    expect(flatten(await getPolicyTree(handle.db, municipalityId, 2022)).filter((line) => !line.endsWith(' 0 0'))).toEqual([
      '1 1 90',
      '1/1 1 90',
      '1/1/1 1 90',
      '1/1/1/1 1 90',
      '3 1 500',
      '3/3 1 500',
      '3/3/3 1 500',
      '3/3/3/4 1 500',
    ]);
  });

  it('finds a node with its ancestors, or nothing', async () => {
    const node = await findPolicyNode(handle.db, municipalityId, '1/1/1/2');
    expect(node).toMatchObject({ path: '1/1/1/2', level: 4, number: '2', name: '学童保育', childCount: 0 });
    expect(node!.ancestors.map((a) => [a.path, a.name])).toEqual([
      ['1', '子育て'],
      ['1/1', '保育'],
      ['1/1/1', '保育サービス'],
    ]);
    // The 政策の柱 above goal 1 is not a breadcrumb step.
    expect(await findPolicyNode(handle.db, municipalityId, '1')).toMatchObject({ level: 1, ancestors: [], childCount: 2 });
    expect(await findPolicyNode(handle.db, municipalityId, '9/9')).toBeNull();
  });

  it('gives the まちづくり目標 side by side for the whole city, adding up to it', async () => {
    const goals = await getChildFigures(handle.db, fy2023());
    expect(
      goals.map((g) => [
        g.node?.path ?? null,
        g.node?.parentName ?? null,
        g.projectCount,
        Number(g.totalCost),
        g.costPerCitizen,
        g.effectivenessRated,
        g.effectivenessPoor,
      ]),
    ).toEqual([
      ['1', '子育て・教育', 7, 2001, 2001, 6, 3],
      ['2', null, 2, 80, 80, 1, 0], // P05 A, P06 not rated
      ['3', null, 0, 0, 0, 0, 0], // no project this year, still listed
      [null, null, 1, 20, 20, 1, 0], // P07 outside the tree
    ]);
    expect(goals.map((g) => g.medianAttainment)).toEqual([expect.closeTo(0.825, 10), 2, null, 0.4]);
    // 7 + 2 + 0 + 1 = 10 projects and 2,001 + 80 + 0 + 20 = 2,101 千円: the whole city.
  });

  it('gives a node’s children side by side, adding up to the node', async () => {
    const children = await getChildFigures(handle.db, { ...fy2023(), policyPath: '1' });
    expect(children.map((c) => [c.node?.path, c.node?.parentName, c.projectCount, Number(c.totalCost), c.effectivenessRated, c.effectivenessPoor])).toEqual([
      ['1/1', '子育て', 5, 761, 4, 1], // 有効性 P01 A, P02 B, P03 C, P09 A; P08 not graded
      ['1/2', '子育て', 2, 1240, 2, 2], // P04 C, P10 C
    ]);
    // 1/1: 0.799, 0.8, 1.0, 1.2 → (0.8 + 1.0) ÷ 2; 1/2: 0.5, 0.85 → 0.675.
    expect(children.map((c) => c.medianAttainment)).toEqual([expect.closeTo(0.9, 10), expect.closeTo(0.675, 10)]);

    const measures = await getChildFigures(handle.db, { ...fy2023(), policyPath: '1/1/1' });
    expect(measures.map((c) => [c.node?.path, c.projectCount, Number(c.totalCost)])).toEqual([
      ['1/1/1/1', 3, 351],
      ['1/1/1/2', 2, 410],
    ]);
    // A 施策 has no children, nor has goal 2, whose projects sit on the goal itself.
    expect(await getChildFigures(handle.db, { ...fy2023(), policyPath: '1/1/1/1' })).toEqual([]);
    expect(await getChildFigures(handle.db, { ...fy2023(), policyPath: '2' })).toEqual([]);
  });

  it('lists the projects under a node with cost, attainment and ratings', async () => {
    const projects = await getProjectsInScope(handle.db, { ...fy2023(), policyPath: '1/1/1' });
    expect(projects.map((p) => [p.code, p.policy?.path, Number(p.totalCost), p.attainment])).toEqual([
      ['P01', '1/1/1/1', 150, 0.8],
      ['P02', '1/1/1/1', 200, 1],
      ['P03', '1/1/1/2', 400, 1.2],
      ['P08', '1/1/1/2', 10, expect.closeTo(0.799, 10)],
      ['P09', '1/1/1/1', 1, null],
    ]);
    expect(projects[0]!).toMatchObject({ name: '保育所運営事業', policy: { number: '1', name: '保育所の運営' } });
    expect(projects[2]!.ratings).toEqual({
      progress: { code: 'B', band: 'middle' },
      level: { code: 'N', band: 'not_comparable' },
      effectiveness: { code: 'C', band: 'poor' },
      efficiency: { code: 'A', band: 'good' },
    });
    // P08: a reason without a grade is no grade.
    expect(Object.keys(projects[3]!.ratings)).toEqual(expect.arrayContaining(['progress', 'level', 'efficiency']));
    expect(projects[3]!.ratings.effectiveness).toBeUndefined();
    // The whole city includes P07, outside the tree, and P06 without any rating.
    const all = await getProjectsInScope(handle.db, fy2023());
    expect(all).toHaveLength(10);
    expect(all.find((p) => p.code === 'P07')).toMatchObject({ policy: null, totalCost: '20.000' });
    expect(all.find((p) => p.code === 'P06')!.ratings).toEqual({});
  });

  it('pages the projects under a node by code, with the total over every page', async () => {
    const codes = (rows: { code: string }[]) => rows.map((r) => r.code);
    const first = await pageProjectsInScope(handle.db, { ...fy2023(), policyPath: '1/1/1' }, 1, 2);
    expect([codes(first.rows), first.total, first.page, first.pageCount]).toEqual([['P01', 'P02'], 5, 1, 3]);
    expect(first.rows[0]).toEqual({
      code: 'P01',
      name: '保育所運営事業',
      policy: { path: '1/1/1/1', number: '1', name: '保育所の運営' },
      totalCost: expect.any(String),
      attainment: 0.8,
    });
    expect(Number(first.rows[0]!.totalCost)).toBe(150);
    const last = await pageProjectsInScope(handle.db, { ...fy2023(), policyPath: '1/1/1' }, 3, 2);
    expect([codes(last.rows), last.page]).toEqual([['P09'], 3]);
    // Past the end: the last page; the whole city's ten projects in one page of the default size.
    expect((await pageProjectsInScope(handle.db, { ...fy2023(), policyPath: '1/1/1' }, 9, 2)).page).toBe(3);
    const all = await pageProjectsInScope(handle.db, fy2023());
    expect([all.rows.length, all.total, all.pageCount]).toEqual([10, 10, 1]);
    expect(codes(all.rows)).toEqual(codes(await getProjectsInScope(handle.db, fy2023())));
  });
});
