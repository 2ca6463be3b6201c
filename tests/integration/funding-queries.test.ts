/**
 * Where the money comes from (db/queries/funding.ts), on both drivers, against figures summed
 * here straight from the files that were imported:
 * - the demo city (its generated rows, with some sheets' sources left blank, one sheet's
 *   事業費 left blank, and the demo's own sheets whose sources overshoot by 1千円), per year, per
 *   まちづくり目標 and for one goal's subtree;
 * - 大船渡市's workbook (shared/realdata/ofunato/report.xlsx, `--profile ofunato`), read with
 *   exceljs per year block and per 政策名, with populations typed in as on /settings.
 */
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type DbHandle } from '../../db/client';
import { DEFAULT_DEMO, generateDemoRows, toCsv } from '../../db/demo/generate';
import { COST_COLUMNS, IDENTITY_COLUMNS, POLICY_COLUMNS, POPULATION_COLUMN } from '../../db/import/format';
import { importFile, loadCsvFile } from '../../db/import/load';
import { getFundingByChild, getFundingByYear, type FundingFigures } from '../../db/queries/funding';
import { listMunicipalities } from '../../db/queries/overview';
import { savePopulations } from '../../db/queries/settings';
import { sql } from 'drizzle-orm';
import { DRIVERS, freshDatabase } from '../support/databases';
import { realDataFile, realDataReady } from '../support/realdata';

/** What one group of sheets should add up to, summed here row by row. */
interface Expected {
  projects: number;
  projectCost: number;
  national: number;
  bonds: number;
  other: number;
  general: number;
  unexplained: number;
  excess: number;
  withoutBreakdown: number;
  shortOfCost: number;
  overCost: number;
}

type Sheet = { cost: number | null; national: number | null; bonds: number | null; other: number | null; general: number | null };

function sum(sheets: Sheet[]): Expected {
  const e: Expected = {
    projects: 0,
    projectCost: 0,
    national: 0,
    bonds: 0,
    other: 0,
    general: 0,
    unexplained: 0,
    excess: 0,
    withoutBreakdown: 0,
    shortOfCost: 0,
    overCost: 0,
  };
  for (const s of sheets) {
    const parts = [s.national, s.bonds, s.other, s.general];
    const stated = parts.reduce<number>((a, v) => a + (v ?? 0), 0);
    const cost = s.cost ?? 0;
    e.projects++;
    e.projectCost += cost;
    e.national += s.national ?? 0;
    e.bonds += s.bonds ?? 0;
    e.other += s.other ?? 0;
    e.general += s.general ?? 0;
    if (cost > stated) e.unexplained += cost - stated;
    if (stated > cost) e.excess += stated - cost;
    const none = parts.every((v) => v === null);
    if (none && cost > 0) e.withoutBreakdown++;
    if (!none && cost > stated) e.shortOfCost++;
    if (stated > cost) e.overCost++;
  }
  return e;
}

/** The query's figures in the shape of `Expected` (amounts as numbers, to the yen). */
function actual(f: FundingFigures): Expected {
  const n = (v: string) => Math.round(Number(v) * 1000) / 1000;
  return {
    projects: f.projectCount,
    projectCost: n(f.projectCost),
    national: n(f.sources.nationalPrefectural),
    bonds: n(f.sources.localBonds),
    other: n(f.sources.otherSpecific),
    general: n(f.sources.generalFunds),
    unexplained: n(f.unexplained),
    excess: n(f.excess),
    withoutBreakdown: f.withoutBreakdown,
    shortOfCost: f.shortOfCost,
    overCost: f.overCost,
  };
}

const rounded = (e: Expected): Expected => Object.fromEntries(Object.entries(e).map(([k, v]) => [k, Math.round(v * 1000) / 1000])) as unknown as Expected;

// ── The demo city ───────────────────────────────────────────────────────────────────────────

const DEMO = { ...DEFAULT_DEMO, municipalities: [{ ...DEFAULT_DEMO.municipalities[0]!, projects: 60 }] };
const demo = (() => {
  const { header, rows } = generateDemoRows(DEMO);
  rows.forEach((row, i) => {
    // Sheets that give 事業費 but no source (as many cities' sheets do), and one with no 事業費.
    if (i % 11 === 3) for (const c of ['nationalPrefectural', 'localBonds', 'otherSpecific', 'generalFunds'] as const) row[COST_COLUMNS[c]] = '';
    if (i === 20) {
      row[COST_COLUMNS.projectCost] = '';
      row[COST_COLUMNS.totalCost] = '';
    }
  });
  return { header, rows };
})();
const num = (v: string | undefined) => (v === undefined || v === '' ? null : Number(v));
const demoSheet = (r: Record<string, string>): Sheet => ({
  cost: num(r[COST_COLUMNS.projectCost]),
  national: num(r[COST_COLUMNS.nationalPrefectural]),
  bonds: num(r[COST_COLUMNS.localBonds]),
  other: num(r[COST_COLUMNS.otherSpecific]),
  general: num(r[COST_COLUMNS.generalFunds]),
});
const yearOf = (r: Record<string, string>) => Number(r[IDENTITY_COLUMNS.fiscalYear]);

describe.each(DRIVERS)('funding figures of the demo city on %s', (driver) => {
  let handle: DbHandle;
  let municipalityId: number;
  const years = [2020, 2021, 2022, 2023, 2024];

  beforeAll(async () => {
    handle = await freshDatabase(driver);
    const result = await loadCsvFile(handle.db, new TextEncoder().encode(toCsv(demo.header, demo.rows)), { fileName: 'demo.csv', createdBy: 'test' });
    expect(result.rows).toBe(demo.rows.length);
    const [m] = await listMunicipalities(handle.db);
    municipalityId = m!.id;
  });
  afterAll(() => handle?.close());

  it('reads the fiscal year of every generated row', () => {
    // The generator writes the year as the sheets do; the test's own reading must find all five.
    expect(new Set(demo.rows.map(yearOf))).toEqual(new Set(years));
  });

  it('sums every source, the unexplained remainder and the excess per year, with 一般財源 per citizen', async () => {
    const byYear = await getFundingByYear(handle.db, { municipalityId });
    expect(byYear.map((y) => y.fiscalYear)).toEqual(years);
    for (const y of byYear) {
      const rows = demo.rows.filter((r) => yearOf(r) === y.fiscalYear);
      const expected = sum(rows.map(demoSheet));
      expect(actual(y)).toEqual(expected);
      // The cases this test set up are all there in the last year.
      if (y.fiscalYear === 2024) {
        expect(expected.withoutBreakdown).toBeGreaterThan(0);
        expect(expected.overCost).toBeGreaterThan(0);
      }
      // Nothing rescaled: sources + unexplained − excess = 事業費.
      const stated = Object.values(y.sources).reduce((a, v) => a + Number(v), 0);
      expect(stated + Number(y.unexplained) - Number(y.excess)).toBeCloseTo(Number(y.projectCost), 6);
      const population = Number(rows[0]![POPULATION_COLUMN]);
      expect(y.population).toBe(population);
      expect(y.generalFundsPerCitizen).toBeCloseTo((expected.general * 1000) / population, 6);
      const total = rows.reduce((a, r) => a + (num(r[COST_COLUMNS.projectCost]) ?? 0) + (num(r[COST_COLUMNS.staffCost]) ?? 0), 0);
      expect(y.costPerCitizen).toBeCloseTo((total * 1000) / population, 6);
    }
  });

  it('splits the last year by まちづくり目標, and narrows to one goal’s subtree', async () => {
    const children = await getFundingByChild(handle.db, { municipalityId, fiscalYear: 2024 });
    const last = demo.rows.filter((r) => yearOf(r) === 2024);
    const goals = [...new Set(last.map((r) => r[POLICY_COLUMNS.goalNumber]!))].sort((a, b) => Number(a) - Number(b));
    expect(children.map((c) => c.node?.number)).toEqual(goals);
    for (const c of children) {
      expect(c.node!.name).toBe(last.find((r) => r[POLICY_COLUMNS.goalNumber] === c.node!.number)![POLICY_COLUMNS.goal]);
      expect(actual(c)).toEqual(sum(last.filter((r) => r[POLICY_COLUMNS.goalNumber] === c.node!.number).map(demoSheet)));
    }
    const goal = children[1]!.node!;
    const subtree = await getFundingByYear(handle.db, { municipalityId, policyPath: goal.path });
    expect(subtree.map((y) => y.fiscalYear)).toEqual(years);
    for (const y of subtree) {
      expect(actual(y)).toEqual(sum(demo.rows.filter((r) => yearOf(r) === y.fiscalYear && r[POLICY_COLUMNS.goalNumber] === goal.number).map(demoSheet)));
    }
  });
});

// ── 大船渡市's workbook ───────────────────────────────────────────────────────────────────────

const FILE = realDataFile('ofunato/report.xlsx');
const READY = realDataReady('ofunato/report.xlsx');
const OFUNATO_YEARS = [2020, 2021, 2022, 2023, 2024, 2025];
/** Populations typed in as on /settings (round figures near 大船渡's; the workbook states none). */
const POPULATIONS = [36_000, 35_500, 35_000, 34_500, 34_000, 33_500];

/**
 * Per year block: each project row's 事業費 and sources (国庫 + 都道府県 as one, as Hyoka stores
 * them), and its 政策番号 (tens and ones digits; the 政策名 is spelt several ways in the workbook).
 */
async function workbookSheets(): Promise<{ policy: number | null; year: number; sheet: Sheet }[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(FILE);
  const ws = wb.worksheets[0]!;
  const header = (ws.getRow(2).values as unknown[]).map((v) => String(v ?? '').replace(/\s+/g, ''));
  const columns = (name: string) => header.flatMap((h, i) => (h === name ? [i] : []));
  const [national, prefectural, bonds, other, general, cost] = ['国庫支出金', '都道府県支出金', '地方債', 'その他', '一般財源', '事業費計（A）'].map(columns);
  const [tens] = columns('政策番号十の位');
  const [ones] = columns('政策番号一の位');
  for (const c of [national, prefectural, bonds, other, general, cost]) expect(c).toHaveLength(OFUNATO_YEARS.length);
  const value = (r: number, c: number): number | null => {
    const v = ws.getCell(r, c).value;
    // A dash is the workbook's way of writing "none".
    if (v === null || v === undefined || v === '' || v === '-') return null;
    // Money is stored to the yen (0.001 千円), as the importer documents: round each cell so.
    const n = typeof v === 'number' ? v : Number(String(v).replace(/,/g, ''));
    return Math.round(n * 1000) / 1000;
  };
  const sheets: { policy: number | null; year: number; sheet: Sheet }[] = [];
  for (let r = 3; r <= ws.rowCount; r++) {
    if (String(ws.getCell(r, 8).value ?? '').trim() === '') continue;
    const t = value(r, tens!);
    const o = value(r, ones!);
    const policy = t === null && o === null ? null : (t ?? 0) * 10 + (o ?? 0);
    OFUNATO_YEARS.forEach((year, k) => {
      const n = value(r, national![k]!);
      const p = value(r, prefectural![k]!);
      sheets.push({
        policy,
        year,
        sheet: {
          cost: value(r, cost![k]!),
          national: n === null && p === null ? null : (n ?? 0) + (p ?? 0),
          bonds: value(r, bonds![k]!),
          other: value(r, other![k]!),
          general: value(r, general![k]!),
        },
      });
    });
  }
  return sheets;
}

/** Money is stored to the yen (0.001 千円): compare amounts to the yen. */
function expectClose(got: Expected, want: Expected) {
  const g = rounded(got);
  const w = rounded(want);
  for (const k of Object.keys(w) as (keyof Expected)[]) expect(g[k], k).toBeCloseTo(w[k], 2);
}

describe.skipIf(!READY).each(DRIVERS)('funding figures of 大船渡市’s workbook on %s', (driver) => {
  let handle: DbHandle;
  let municipalityId: number;
  let sheets: Awaited<ReturnType<typeof workbookSheets>>;

  beforeAll(async () => {
    sheets = await workbookSheets();
    handle = await freshDatabase(driver);
    const outcome = await importFile(handle.db, new Uint8Array(readFileSync(FILE)), { fileName: 'report.xlsx', profile: 'ofunato', createdBy: 'test' });
    expect(outcome.ok).toBe(true);
    const [m] = await queryRows<{ id: number }>(handle.db, sql`select id from municipalities where code = '032034'`);
    municipalityId = m!.id;
    await savePopulations(
      handle.db,
      municipalityId,
      OFUNATO_YEARS.map((fiscalYear, k) => ({ fiscalYear, population: POPULATIONS[k]! })),
    );
  });
  afterAll(() => handle?.close());

  it('sums the sources of all 407 projects per year as the workbook states them, with 一般財源 per citizen', async () => {
    const byYear = await getFundingByYear(handle.db, { municipalityId });
    expect(byYear.map((y) => y.fiscalYear)).toEqual(OFUNATO_YEARS);
    for (const [k, y] of byYear.entries()) {
      const expected = sum(sheets.filter((s) => s.year === y.fiscalYear).map((s) => s.sheet));
      expect(expected.projects).toBe(407);
      expect(expected.projectCost).toBeGreaterThan(0);
      expect(expected.general).toBeGreaterThan(0);
      expectClose(actual(y), expected);
      expect(y.population).toBe(POPULATIONS[k]);
      expect(y.generalFundsPerCitizen).toBeCloseTo((expected.general * 1000) / POPULATIONS[k]!, 3);
    }
    // The workbook's sources add up to 事業費 on every sheet: nothing unexplained, nothing beyond
    // it but the yen one sub-yen sheet (1662 令和5) rounds to.
    expect(byYear.map((y) => [y.fiscalYear, y.withoutBreakdown, y.shortOfCost, y.overCost, Number(y.unexplained), Number(y.excess)])).toEqual(
      OFUNATO_YEARS.map((fy) => (fy === 2023 ? [fy, 0, 0, 1, 0, 0.001] : [fy, 0, 0, 0, 0, 0])),
    );
  });

  it('splits 令和7 by 政策 as the workbook’s 政策番号 columns do', async () => {
    const children = await getFundingByChild(handle.db, { municipalityId, fiscalYear: 2025 });
    const last = sheets.filter((s) => s.year === 2025);
    const policies = [...new Set(last.flatMap((s) => (s.policy === null ? [] : [s.policy])))].sort((a, b) => a - b);
    expect(policies.length).toBeGreaterThan(3);
    expect(children.filter((c) => c.node).map((c) => Number(c.node!.number))).toEqual(policies);
    for (const c of children) {
      const policy = c.node ? Number(c.node.number) : null;
      expectClose(actual(c), sum(last.filter((s) => s.policy === policy).map((s) => s.sheet)));
    }
    expect(children.reduce((n, c) => n + c.projectCount, 0)).toBe(407);
  });
});
