import { describe, expect, it } from 'vitest';
import { DEFAULT_DEMO, createRandom, demoQuirk, generateDemoRows, toCsv } from '@/db/demo/generate';
import { COST_COLUMNS, IDENTITY_COLUMNS, POLICY_COLUMNS, POPULATION_COLUMN, UNIT_COST_COLUMNS } from '@/db/import/format';

const { header, rows: allRows } = generateDemoRows();
const num = (r: Record<string, string>, c: string) => Number(r[c]);
const cityOf = (r: Record<string, string>) => r[IDENTITY_COLUMNS.municipalityCode];
const cityIndex = (r: Record<string, string>) => DEFAULT_DEMO.municipalities.findIndex((m) => m.code === cityOf(r));
const quirkOf = (r: Record<string, string>) =>
  demoQuirk(Number(r[IDENTITY_COLUMNS.projectCode]), Number(r[IDENTITY_COLUMNS.fiscalYear]), cityIndex(r), DEFAULT_DEMO);
/** The default city, 桜ヶ丘市: most tests describe it. */
const rows = allRows.filter((r) => cityOf(r) === '999001');
const latest = rows.filter((r) => r[IDENTITY_COLUMNS.fiscalYear] === String(DEFAULT_DEMO.toYear));

describe('demo generator', () => {
  it('is deterministic for a seed and different for another', () => {
    expect(generateDemoRows().rows).toEqual(allRows);
    const other = generateDemoRows({ ...DEFAULT_DEMO, seed: DEFAULT_DEMO.seed + 1 }).rows;
    expect(other[0]).not.toEqual(rows[0]);
    const r = createRandom(1);
    expect([r.next(), r.next()]).toEqual([createRandom(1).next(), expect.any(Number)]);
  });

  it('makes about 600 projects per year over five fiscal years', () => {
    const years = new Set(rows.map((r) => r[IDENTITY_COLUMNS.fiscalYear]));
    expect([...years]).toEqual(['2020', '2021', '2022', '2023', '2024']);
    const projects = new Set(rows.map((r) => r[IDENTITY_COLUMNS.projectCode]));
    expect(projects.size).toBe(600);
    expect(latest.length).toBeGreaterThan(540);
    expect(latest.length).toBeLessThan(600); // some projects ended in 2022
  });

  it('has three municipalities of different sizes, 桜ヶ丘市 first, each with its own plan numbering', () => {
    expect(DEFAULT_DEMO.municipalities.map((m) => m.code)).toEqual(['999001', '999002', '999003']);
    const sizes = DEFAULT_DEMO.municipalities.map((m) => new Set(allRows.filter((r) => cityOf(r) === m.code).map((r) => r[IDENTITY_COLUMNS.projectCode])).size);
    expect(sizes).toEqual([600, 160, 720]);
    const populationIn2020 = (code: string) => num(allRows.find((r) => cityOf(r) === code)!, POPULATION_COLUMN);
    expect(Math.abs(populationIn2020('999002') - 19_870)).toBeLessThan(500);
    expect(Math.abs(populationIn2020('999003') - 301_560)).toBeLessThan(500);
    // The same まちづくり目標 carries another number in each city (so /compare matches by name).
    const goalNumber = (code: string, goal: string) => allRows.find((r) => cityOf(r) === code && r[POLICY_COLUMNS.goal] === goal)?.[POLICY_COLUMNS.goalNumber];
    const goal = rows.find((r) => r[POLICY_COLUMNS.goalNumber] === '1')![POLICY_COLUMNS.goal]!;
    expect([goalNumber('999001', goal), goalNumber('999002', goal), goalNumber('999003', goal)]).toEqual(['1', '2', '2']);
    expect(new Set(allRows.filter((r) => cityOf(r) === '999002').map((r) => r[POLICY_COLUMNS.goal])).size).toBe(5);
  });

  it('has a few deliberate slips for the quality report, and only those', () => {
    const quirks = allRows.map(quirkOf);
    const count = (q: string) => quirks.filter((x) => x === q).length;
    for (const q of ['unitCost', 'sourcesOffByOne', 'totalOffByOne', 'unitRenamed', 'targetMissing']) expect(count(q), q).toBeGreaterThan(2);
    // 桜ヶ丘市's slips never touch a figure the dashboard computes: no target goes missing there.
    expect(rows.filter((r) => quirkOf(r) === 'targetMissing')).toHaveLength(0);
    const slipped = allRows.find((r) => quirkOf(r) === 'unitCost')!;
    const computed = ((num(slipped, COST_COLUMNS.projectCost) + num(slipped, COST_COLUMNS.staffCost)) * 1000) / num(slipped, UNIT_COST_COLUMNS.targetCount);
    expect(num(slipped, UNIT_COST_COLUMNS.unitCostYen) / computed).toBeCloseTo(1.1, 2);
  });

  it('adds up: sources to project cost, staff to total cost (except the deliberate slips)', () => {
    for (const r of allRows.filter((x) => quirkOf(x) === null)) {
      const sources =
        num(r, COST_COLUMNS.nationalPrefectural) + num(r, COST_COLUMNS.localBonds) + num(r, COST_COLUMNS.otherSpecific) + num(r, COST_COLUMNS.generalFunds);
      expect(sources).toBe(num(r, COST_COLUMNS.projectCost));
      expect(num(r, COST_COLUMNS.generalFunds)).toBeGreaterThanOrEqual(0);
      expect(num(r, COST_COLUMNS.regularStaffCost) + num(r, COST_COLUMNS.otherStaffCost)).toBe(num(r, COST_COLUMNS.staffCost));
      expect(num(r, COST_COLUMNS.projectCost) + num(r, COST_COLUMNS.staffCost)).toBe(num(r, COST_COLUMNS.totalCost));
    }
  });

  it('has believable costs: most under 50,000 千円, a tail towards 5,000,000', () => {
    const costs = latest.map((r) => num(r, COST_COLUMNS.projectCost));
    const under = costs.filter((c) => c < 50_000).length / costs.length;
    expect(under).toBeGreaterThan(0.75);
    expect(under).toBeLessThan(0.95);
    expect(Math.max(...costs)).toBeGreaterThan(1_000_000);
    expect(Math.max(...costs)).toBeLessThanOrEqual(5_000_000);
  });

  it('has one population per year, near 100,000 and drifting', () => {
    const byYear = new Map<string, Set<string>>();
    for (const r of rows) byYear.set(r[IDENTITY_COLUMNS.fiscalYear]!, (byYear.get(r[IDENTITY_COLUMNS.fiscalYear]!) ?? new Set()).add(r[POPULATION_COLUMN]!));
    const populations = [...byYear.values()].map((s) => {
      expect(s.size).toBe(1);
      return Number([...s][0]);
    });
    for (const p of populations) expect(Math.abs(p - 100_000)).toBeLessThan(3_000);
    expect(populations[0]).toBeGreaterThan(populations.at(-1)!);
  });

  it('uses six まちづくり目標 with rating mixes that differ by area', () => {
    const shareA = (goal: string) => {
      const g = latest.filter((r) => r[POLICY_COLUMNS.goalNumber] === goal);
      return g.filter((r) => r['有効性'] === 'A').length / g.length;
    };
    expect(new Set(rows.map((r) => r[POLICY_COLUMNS.goal])).size).toBe(6);
    expect(new Set(rows.map((r) => r[POLICY_COLUMNS.measure])).size).toBeGreaterThan(40);
    expect(shareA('1') - shareA('5')).toBeGreaterThan(0.15);
  });

  it('has 1–3 indicators, some lower-is-better, some missed targets', () => {
    const counts = latest.map((r) => [1, 2, 3].filter((n) => r[`指標${n}名`]).length);
    expect(Math.min(...counts)).toBe(1);
    expect(Math.max(...counts)).toBe(3);
    const lower = latest.flatMap((r) => [1, 2, 3].filter((n) => r[`指標${n}方向`] === '低いほど良い'));
    expect(lower.length).toBeGreaterThan(20);
    const missed = latest.filter((r) => num(r, '指標1実績値') < num(r, '指標1目標値') && r['指標1方向'] === '高いほど良い');
    expect(missed.length).toBeGreaterThan(50);
  });

  it('writes CSV with the canonical header and CRLF line ends', () => {
    const csv = toCsv(header, rows.slice(0, 2));
    expect(csv.split('\r\n')[0]).toBe(header.join(','));
    expect(csv.split('\r\n')).toHaveLength(3);
  });
});
