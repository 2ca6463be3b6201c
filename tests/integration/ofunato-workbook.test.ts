/**
 * Acceptance on a real file nobody here wrote: 大船渡市's evaluation workbook
 * (shared/realdata/ofunato/report.xlsx) imported as it is with the `ofunato` profile, on both
 * drivers. Expected totals are computed here straight from the workbook's cells with exceljs
 * (not through Hyoka's reader or profile); three projects' figures were read by hand from the
 * workbook and are written out below.
 */
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { realDataFile, realDataReady } from '../support/realdata';
import { queryRows, type DbHandle } from '../../db/client';
import { importFile, type ImportOutcome } from '../../db/import/load';
import { DEFAULT_THRESHOLDS, WATCH_RULE_KEYS } from '../../db/domain/watch-rules';
import { getOverviewKpis, getRatingDistribution, getTrends } from '../../db/queries/overview';
import { getQualityReport } from '../../db/queries/quality';
import { getWatchlist } from '../../db/queries/watchlist';
import { DRIVERS, freshDatabase } from '../support/databases';
import { dec } from '../support/read-back';

const FILE = realDataFile('ofunato/report.xlsx');
const READY = realDataReady('ofunato/report.xlsx');
const YEARS = [2020, 2021, 2022, 2023, 2024, 2025];
/** tests/fixtures/imports/ofunato-population.csv (CP932, 基準日 each 31 March = the fiscal year just ended). */
const POPULATION = 'tests/fixtures/imports/ofunato-population.csv';
const POPULATIONS = [35_155, 34_571, 33_946, 33_322, 32_681, 32_040];

/** The workbook's own figures: per year block, the sum of トータルコスト over every project row. */
async function workbookFacts() {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(FILE);
  const ws = wb.worksheets[0]!;
  const header = (ws.getRow(2).values as unknown[]).map((v) => String(v ?? '').replace(/\s+/g, ''));
  const totalColumns = header.flatMap((h, i) => (h === 'トータルコスト(A)＋(B)' ? [i] : []));
  const projectRows: number[] = [];
  for (let r = 3; r <= ws.rowCount; r++) if (String(ws.getCell(r, 8).value ?? '').trim() !== '') projectRows.push(r);
  const num = (v: ExcelJS.CellValue) => (typeof v === 'number' ? v : Number(String(v ?? '0') || 0));
  const totals = totalColumns.map((c) => projectRows.reduce((sum, r) => sum + num(ws.getCell(r, c).value), 0));
  // Verdict counts of ② 公共関与の妥当性 (column GI = 191).
  const verdicts = new Map<string, number>();
  for (const r of projectRows) {
    const v = String(ws.getCell(r, 191).value ?? '');
    verdicts.set(v, (verdicts.get(v) ?? 0) + 1);
  }
  return { totalColumns, projectRows, totals, verdicts };
}

describe.skipIf(!READY).each(DRIVERS)('大船渡市 workbook with the ofunato profile on %s', (driver) => {
  let handle: DbHandle;
  let outcome: ImportOutcome;
  let facts: Awaited<ReturnType<typeof workbookFacts>>;

  beforeAll(async () => {
    facts = await workbookFacts();
    handle = await freshDatabase(driver);
    outcome = await importFile(handle.db, new Uint8Array(readFileSync(FILE)), { fileName: 'report.xlsx', profile: 'ofunato', createdBy: 'test' });
  });
  afterAll(async () => handle?.close());

  it('imports every project for six fiscal years, all or nothing, with no errors', async () => {
    expect(outcome.errors).toEqual([]);
    expect(outcome.ok).toBe(true);
    expect(facts.projectRows).toHaveLength(407);
    expect(facts.totalColumns).toHaveLength(6);
    expect(outcome.result).toMatchObject({ rows: 407 * 6, inserted: 407 * 6 });
    const [m] = await queryRows<{ code: string; name: string; projects: number }>(
      handle.db,
      sql`select m.code, m.name, count(p.id)::int as projects from municipalities m join projects p on p.municipality_id = m.id group by 1, 2`,
    );
    expect(m).toEqual({ code: '032034', name: '大船渡市', projects: 407 });
    const years = await queryRows<{ fiscal_year: number; n: number }>(
      handle.db,
      sql`select fiscal_year, count(*)::int as n from evaluations group by 1 order by 1`,
    );
    expect(years).toEqual(YEARS.map((fiscal_year) => ({ fiscal_year, n: 407 })));
    // The workbook states no population: it stays unknown (the settings page fills it).
    const pop = await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n from municipality_populations where population is not null`);
    expect(pop[0]!.n).toBe(0);
    // The only warnings are the six actuals written with a note in brackets (29（4）).
    expect(outcome.warnings.map((w) => `${w.line} ${w.column} ${w.value}`)).toHaveLength(6);
  });

  it('per year, the sum of トータルコスト over all projects equals the workbook', async () => {
    const rows = await queryRows<{ fiscal_year: number; total: string; computed: string }>(
      handle.db,
      sql`select fiscal_year, sum(total_cost_stated)::text as total, sum(project_cost + staff_cost)::text as computed
          from evaluations group by 1 order by 1`,
    );
    expect(rows.map((r) => Number(r.total))).toEqual(facts.totals);
    expect(rows.map((r) => Number(r.computed))).toEqual(facts.totals);
    expect(facts.totals.every((t) => t > 0)).toBe(true);
  });

  it('事業費 = sum of sources and トータルコスト = 事業費 + 人件費 for every row; 人件費 = hours × 4,000円', async () => {
    const sources = sql`coalesce(national_prefectural, 0) + coalesce(local_bonds, 0) + coalesce(other_specific, 0) + coalesce(general_funds, 0)`;
    const bad = await queryRows<{ n: number }>(
      handle.db,
      sql`select count(*)::int as n from evaluations
          where abs(project_cost - (${sources})) > 0.001
             or total_cost_stated <> project_cost + staff_cost
             or staff_cost <> regular_staff_hours * 4
             or project_cost is null or total_cost_stated is null`,
    );
    expect(bad[0]!.n).toBe(0);
    // Exact to the yen but for one row: 1662 令和5 (row 127) states 国庫 2710.785 + 県 1355.3925 and
    // その他 2974.8225 千円 (sub-yen amounts summing to 7041); money is stored to the yen (0.001 千円).
    const inexact = await queryRows<{ code: string; fiscal_year: number }>(
      handle.db,
      sql`select p.code, e.fiscal_year from evaluations e join projects p on p.id = e.project_id where e.project_cost <> ${sources}`,
    );
    expect(inexact).toEqual([{ code: '1662', fiscal_year: 2023 }]);
  });

  it('three projects match the figures read by hand from the workbook', async () => {
    const rows = await queryRows<Record<string, string | number | null>>(
      handle.db,
      sql`select p.code, p.name, d.name as department, s.name as section, e.fiscal_year,
                 e.national_prefectural, e.other_specific, e.general_funds, e.project_cost,
                 e.regular_staff_hours, e.staff_cost, e.total_cost_stated
          from evaluations e join projects p on p.id = e.project_id
          left join departments d on d.id = p.department_id left join sections s on s.id = p.section_id
          where p.code in ('0086', '0581', '0573') and e.fiscal_year in (2020, 2022, 2025)
          order by p.code, e.fiscal_year`,
    );
    const figures = rows.map((r) => [
      r.code,
      r.fiscal_year,
      r.department,
      r.section,
      ...['national_prefectural', 'other_specific', 'general_funds', 'project_cost', 'regular_staff_hours', 'staff_cost', 'total_cost_stated'].map((k) =>
        dec(r[k] as string | null),
      ),
    ]);
    expect(figures).toEqual([
      // 0086 不法投棄対策事業 (row 3): BY3 3089, CA3 280 h, CB3 1120, CC3 4209; DK3 2793, DO3 3913; FP3 2828.
      ['0086', 2020, '市民生活部', '市民環境課', '0', '0', '3089', '3089', '280', '1120', '4209'],
      ['0086', 2022, '市民生活部', '市民環境課', '0', '0', '2793', '2793', '280', '1120', '3913'],
      ['0086', 2025, '市民生活部', '市民環境課', '0', '0', '2828', '2828', '280', '1120', '3948'],
      // 0573 森林整備事業 (row 409): BU 13656 + BX 6326 = BY 19982, CA 1500 h, CB 6000, CC 25982; FL 12239 + FO 5761 = FP 18000, FT 24000.
      ['0573', 2020, '農林水産部', '農林課', '13656', '0', '6326', '19982', '1500', '6000', '25982'],
      ['0573', 2022, '農林水産部', '農林課', '11417', '0', '5305', '16722', '1500', '6000', '22722'],
      ['0573', 2025, '農林水産部', '農林課', '12239', '0', '5761', '18000', '1500', '6000', '24000'],
      // 0581 大船渡市魚市場運営委員会運営事業 (row 4): BW4 89 = BY4, CB4 80, CC4 169; DM4 5 h, DN4 20, DO4 20; FN4 101, FT4 181.
      ['0581', 2020, '農林水産部', '水産課', '0', '89', '0', '89', '20', '80', '169'],
      ['0581', 2022, '農林水産部', '水産課', '0', '0', '0', '0', '5', '20', '20'],
      ['0581', 2025, '農林水産部', '水産課', '0', '101', '0', '101', '20', '80', '181'],
    ]);
    const names = await queryRows<{ code: string; name: string }>(
      handle.db,
      sql`select code, name from projects where code in ('0086', '0573', '0581') order by code`,
    );
    expect(names.map((n) => n.name)).toEqual(['不法投棄対策事業', '森林整備事業', '大船渡市魚市場運営委員会運営事業']);
    // 0573's indicators for 令和4 (block DF–DX): DP409 市有林面積 4811.12; DV409 整備率 0.5; DW409 整備面積 25.34. No targets.
    const indicators = await queryRows<{ name: string; kind: string; actual: string | null; target: string | null }>(
      handle.db,
      sql`select i.name, i.kind::text as kind, v.actual::text as actual, v.target::text as target
          from indicators i join projects p on p.id = i.project_id
          left join indicator_values v on v.indicator_id = i.id and v.fiscal_year = 2022
          where p.code = '0573' order by i.position`,
    );
    expect(indicators.map((i) => [i.name.replace(/\s+/g, ''), i.kind, dec(i.actual), i.target])).toEqual([
      ['市有林面積', 'activity', '4811.12', null],
      ['整備率（市有林施業計画面積/市有林）', 'outcome', '0.5', null],
      ['整備面積', 'outcome', '25.34', null],
    ]);
  });

  it("rating distributions show the city's own verdicts, each in its band", async () => {
    const [m] = await queryRows<{ id: number }>(handle.db, sql`select id from municipalities where code = '032034'`);
    const distribution = await getRatingDistribution(handle.db, { municipalityId: m!.id, fiscalYear: 2025 });
    expect(distribution.criteria.map((c) => c.labelJa)).toHaveLength(8);
    const publicRole = distribution.criteria.find((c) => c.key === 'public_role')!;
    expect(publicRole.grades.map((g) => [g.labelJa, g.band])).toEqual([
      ['妥当である', 'good'],
      ['見直し余地がある', 'poor'],
    ]);
    const counts: Record<string, number> = {};
    for (const g of distribution.groups) for (const [code, n] of Object.entries(g.byCriterion.public_role!.byGrade)) counts[code] = (counts[code] ?? 0) + n;
    expect(counts).toEqual(Object.fromEntries(facts.verdicts));
    expect(counts).toEqual({ 妥当である: 401, 見直し余地がある: 6 });
    // Verdicts belong to the evaluated year (令和7) only; earlier years carry costs and actuals.
    const earlier = await getRatingDistribution(handle.db, { municipalityId: m!.id, fiscalYear: 2024 });
    expect(earlier.groups.reduce((n, g) => n + g.byCriterion.public_role!.notRated, 0)).toBe(407);
  });

  it('actuals without targets: attainment is not available (null, never 0) on the overview, trends and watchlist', async () => {
    const [m] = await queryRows<{ id: number }>(handle.db, sql`select id from municipalities where code = '032034'`);
    const kpis = await getOverviewKpis(handle.db, { municipalityId: m!.id, fiscalYear: 2025 });
    expect(kpis).toMatchObject({ projectCount: 407, medianAttainment: null, indicatorsWithAttainment: 0, population: null, costPerCitizen: null });
    expect(Number(kpis.totalCost)).toBe(facts.totals[5]);
    const trends = await getTrends(handle.db, { municipalityId: m!.id });
    expect(trends.map((y) => [y.fiscalYear, Number(y.totalCost), y.medianAttainment])).toEqual(YEARS.map((fy, k) => [fy, facts.totals[k], null]));
    const actuals = await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n from indicator_values where actual is not null and target is null`);
    expect(actuals[0]!.n).toBeGreaterThan(1000);
    const watch = await getWatchlist(handle.db, { municipalityId: m!.id, fiscalYear: 2025, rules: WATCH_RULE_KEYS, thresholds: DEFAULT_THRESHOLDS });
    expect(watch.evaluatedCount).toBe(407);
    expect(watch.rows.every((r) => r.attainment === null && r.previousAttainment === null)).toBe(true);
    // An attainment that cannot be computed never counts as below the threshold, nor as a fall.
    expect(watch.counts.attainment).toBe(0);
    expect(watch.counts.costUp).toBe(0);
  });

  it('data quality: no targets and ungraded earlier years are one line each, not a finding per row', async () => {
    const [m] = await queryRows<{ id: number }>(handle.db, sql`select id from municipalities where code = '032034'`);
    const [n2025] = await queryRows<{ n: number }>(
      handle.db,
      sql`select count(*)::int as n from indicator_values where fiscal_year = 2025 and actual is not null`,
    );
    const latest = await getQualityReport(handle.db, { municipalityId: m!.id, fiscalYear: 2025 });
    expect(latest.practices).toEqual([{ check: 'noTarget', count: n2025!.n, criteria: [] }]);
    expect(latest.counts.noTarget).toBe(0);
    // 令和6 carries no verdicts: one line for the year, not 407 findings.
    const earlier = await getQualityReport(handle.db, { municipalityId: m!.id, fiscalYear: 2024 });
    expect(earlier.practices.map((p) => [p.check, p.count, p.criteria.length])).toEqual([
      ['noTarget', expect.any(Number), 0],
      ['notRated', 407, 0],
    ]);
    expect(earlier.counts.notRated).toBe(0);
  });

  it('importing the same workbook again changes nothing', async () => {
    const again = await importFile(handle.db, new Uint8Array(readFileSync(FILE)), { fileName: 'report.xlsx', profile: 'ofunato', dryRun: true });
    expect(again.result).toMatchObject({ inserted: 0, updated: 0, unchanged: 407 * 6 });
  });

  it('with a population file for its six years, cost per citizen appears for every year', async () => {
    const population = await importFile(handle.db, new Uint8Array(readFileSync(POPULATION)), { fileName: 'ofunato-population.csv', profile: 'population' });
    expect(population.errors).toEqual([]);
    expect(population.result).toMatchObject({ rows: 6, inserted: 6 });
    const [m] = await queryRows<{ id: number }>(handle.db, sql`select id from municipalities where code = '032034'`);
    const kpis = await getOverviewKpis(handle.db, { municipalityId: m!.id, fiscalYear: 2025 });
    expect(kpis.population).toBe(POPULATIONS[5]);
    expect(kpis.populationSource).toBe('ofunato-population.csv');
    // 千円 × 1,000 ÷ 人: the workbook's トータルコスト over the fixture's 住民基本台帳 figure.
    const trends = await getTrends(handle.db, { municipalityId: m!.id });
    expect(trends.map((y) => y.costPerCitizen)).toEqual(YEARS.map((_, k) => expect.closeTo((facts.totals[k]! * 1000) / POPULATIONS[k]!, 6)));
  });
});
