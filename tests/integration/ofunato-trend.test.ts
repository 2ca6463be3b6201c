/**
 * 大船渡市 publishes indicator actuals but no targets, and grades with its own eight verdicts.
 * Imported as it is (shared/realdata/ofunato/report.xlsx, `ofunato` profile), on both drivers:
 * the overview shows the share of indicators improved on the previous year instead of an empty
 * attainment, and the watchlist's rating rules trip on the verdicts in the 要改善 band. Every
 * expected figure is computed here straight from the workbook's cells with exceljs and plain
 * arithmetic (not through Hyoka's reader, profile or metrics).
 */
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type DbHandle } from '../../db/client';
import { importFile } from '../../db/import/load';
import { DEFAULT_THRESHOLDS, WATCH_RULE_KEYS } from '../../db/domain/watch-rules';
import { getOverviewKpis, getScatterPoints, getTrendHistogram, getTrends } from '../../db/queries/overview';
import { getWatchlist } from '../../db/queries/watchlist';
import { DRIVERS, freshDatabase } from '../support/databases';
import { realDataFile, realDataReady } from '../support/realdata';

const FILE = realDataFile('ofunato/report.xlsx');
const READY = realDataReady('ofunato/report.xlsx');
const YEARS = [2020, 2021, 2022, 2023, 2024, 2025];

/** Column of the first actual (⑤活動指標 ア) of each year block, 令和2〜7, read off the header row. */
const BLOCK_STARTS = [82, 101, 120, 139, 158, 177];
/** The six indicator slots the profile reads: name column, and offset of the actual within a block. */
const SLOTS = [
  { name: 54, offset: 0 }, // ⑤ ア
  { name: 56, offset: 1 }, // ⑤ イ
  { name: 58, offset: 2 }, // ⑤ ウ
  { name: 66, offset: 6 }, // ⑦ サ
  { name: 68, offset: 7 }, // ⑦ シ
  { name: 70, offset: 8 }, // ⑦ ス
];
/** Verdict columns ①〜⑧ and the wording that asks for a review (the second of each pair). */
const VERDICTS = [
  { column: 189, poor: '見直し余地がある', rule: 'poor' },
  { column: 191, poor: '見直し余地がある', rule: 'poor' },
  { column: 193, poor: '見直し余地がある', rule: 'poor' },
  { column: 195, poor: '向上余地がある', rule: 'poor' },
  { column: 197, poor: '影響がない', rule: 'poor' },
  { column: 199, poor: '削減余地がある', rule: 'efficiency' },
  { column: 201, poor: '削減余地がある', rule: 'efficiency' },
  { column: 203, poor: '見直し余地がある', rule: 'poor' },
] as const;

interface WorkbookProject {
  code: string;
  /** Per indicator: its actual per year (null where blank or a dash), and whether it is cumulative (累計). */
  indicators: { actuals: (number | null)[]; cumulative: boolean }[];
  verdicts: string[];
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && 'result' in v) return String(v.result ?? '');
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((t) => t.text).join('');
  return String(v);
}

/** A figure as the sheet writes it: 1,234 / ２９ / 29（4） (the leading figure); '-' and blanks are none. */
function figure(v: ExcelJS.CellValue): number | null {
  if (typeof v === 'number') return v;
  const text = cellText(v).normalize('NFKC').replace(/,/g, '').trim();
  const m = /^-?\d+(\.\d+)?/.exec(text);
  return m ? Number(m[0]) : null;
}

async function readWorkbook(): Promise<WorkbookProject[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(FILE);
  const ws = wb.worksheets[0]!;
  const header = (ws.getRow(2).values as unknown[]).map((v) => String(v ?? '').replace(/\s+/g, ''));
  // The layout this test assumes, checked against the header row.
  expect(BLOCK_STARTS.map((c) => header[c])).toEqual(Array(6).fill('⑤活動指標ア'));
  expect(VERDICTS.map((v) => header[v.column]!.slice(0, 1))).toEqual(['①', '②', '③', '④', '⑤', '⑥', '⑦', '⑧']);
  const projects: WorkbookProject[] = [];
  for (let r = 3; r <= ws.rowCount; r++) {
    const code = cellText(ws.getCell(r, 8).value).trim();
    if (code === '') continue;
    const indicators = SLOTS.flatMap((slot) => {
      const name = cellText(ws.getCell(r, slot.name).value).trim();
      // Unused slots: blank, 0, or a dash (― in one row) for a name.
      if (name === '' || name === '0' || /^[-ー―‐−－]+$/.test(name)) return [];
      return [{ actuals: BLOCK_STARTS.map((start) => figure(ws.getCell(r, start + slot.offset).value)), cumulative: name.includes('累計') }];
    });
    projects.push({ code, indicators, verdicts: VERDICTS.map((v) => cellText(ws.getCell(r, v.column).value).trim()) });
  }
  return projects;
}

/** +1 better, −1 worse, 0 the same, null not comparable: year index k against k − 1 (higher is better throughout). */
function change(actuals: (number | null)[], cumulative: boolean, k: number): number | null {
  if (k < 1) return null;
  const [now, before] = [actuals[k], actuals[k - 1]];
  if (now === null || now === undefined || before === null || before === undefined) return null;
  let a = now;
  let b = before;
  if (cumulative) {
    const older = k >= 2 ? actuals[k - 2] : null;
    if (older === null || older === undefined) return null;
    // Increments, in exact hundred-thousandths (the sheet's figures have at most four decimals).
    a = Math.round((now - before) * 1e5);
    b = Math.round((before - older) * 1e5);
  }
  return a === b ? 0 : a > b ? 1 : -1;
}

/** Per project, for year index k: comparable indicators, improved, worse this year and the year before. */
function projectTrend(p: WorkbookProject, k: number) {
  const changes = p.indicators.map((i) => change(i.actuals, i.cumulative, k));
  const previous = p.indicators.map((i) => change(i.actuals, i.cumulative, k - 1));
  return {
    comparable: changes.filter((c) => c !== null).length,
    improved: changes.filter((c) => c === 1).length,
    worsenedTwice: changes.filter((c, n) => c === -1 && previous[n] === -1).length,
  };
}

describe.skipIf(!READY).each(DRIVERS)('大船渡市 without targets: indicator trend and verdict bands on %s', (driver) => {
  let handle: DbHandle;
  let projects: WorkbookProject[];
  let municipalityId: number;

  beforeAll(async () => {
    projects = await readWorkbook();
    handle = await freshDatabase(driver);
    const outcome = await importFile(handle.db, new Uint8Array(readFileSync(FILE)), { fileName: 'report.xlsx', profile: 'ofunato', createdBy: 'test' });
    expect(outcome.ok).toBe(true);
    const [m] = await queryRows<{ id: number }>(handle.db, sql`select id from municipalities where code = '032034'`);
    municipalityId = m!.id;
  });
  afterAll(async () => handle?.close());

  it('the KPI is the share of indicators improved on the previous year, for every year with one', async () => {
    expect(projects).toHaveLength(407);
    const trends = await getTrends(handle.db, { municipalityId });
    const expected = YEARS.map((_, k) => {
      const perProject = projects.map((p) => projectTrend(p, k));
      return [perProject.reduce((n, t) => n + t.comparable, 0), perProject.reduce((n, t) => n + t.improved, 0)];
    });
    expect(trends.map((y) => [y.indicatorsWithTrend, y.indicatorsImproved])).toEqual(expected);
    // 令和2 has no year before it; every later year compares hundreds of indicators.
    expect(expected[0]).toEqual([0, 0]);
    expect(expected.slice(1).every(([comparable]) => comparable! > 500)).toBe(true);
    const kpis = await getOverviewKpis(handle.db, { municipalityId, fiscalYear: 2025 });
    expect([kpis.indicatorsWithTrend, kpis.indicatorsImproved]).toEqual(expected[5]);
    expect(kpis.indicatorsWithAttainment).toBe(0);
    // The median of the projects' shares improved, over projects with a comparable indicator.
    const shares = projects
      .map((p) => projectTrend(p, 5))
      .filter((t) => t.comparable > 0)
      .map((t) => t.improved / t.comparable)
      .sort((a, b) => a - b);
    const mid = shares.length >> 1;
    expect(kpis.medianTrend).toBeCloseTo(shares.length % 2 ? shares[mid]! : (shares[mid - 1]! + shares[mid]!) / 2, 12);
  });

  it('the distribution and the scatter place every project by its share improved', async () => {
    const histogram = await getTrendHistogram(handle.db, { municipalityId, fiscalYear: 2025 });
    const band = (t: ReturnType<typeof projectTrend>) =>
      t.comparable === 0
        ? 'none'
        : t.improved === 0
          ? 'none-improved'
          : t.improved * 2 < t.comparable
            ? 'under-half'
            : t.improved < t.comparable
              ? 'half-or-more'
              : 'all-improved';
    const expected = new Map<string, number>();
    for (const p of projects) expected.set(band(projectTrend(p, 5)), (expected.get(band(projectTrend(p, 5))) ?? 0) + 1);
    expect(Object.fromEntries(histogram.map((b) => [b.key, b.count]))).toEqual({
      'none-improved': expected.get('none-improved') ?? 0,
      'under-half': expected.get('under-half') ?? 0,
      'half-or-more': expected.get('half-or-more') ?? 0,
      'all-improved': expected.get('all-improved') ?? 0,
      none: expected.get('none') ?? 0,
    });
    const scatter = await getScatterPoints(handle.db, { municipalityId, fiscalYear: 2025 });
    const byCode = new Map(scatter.map((p) => [p.code, p.trend]));
    for (const p of projects) {
      const t = projectTrend(p, 5);
      expect([p.code, byCode.get(p.code)]).toEqual([p.code, t.comparable ? t.improved / t.comparable : null]);
    }
    expect(scatter.filter((p) => p.trend !== null).length).toBeGreaterThan(300);
  });

  it('the watchlist trips on verdicts in the 要改善 band and on actuals worse two years running, not on "no indicator data"', async () => {
    const watch = await getWatchlist(handle.db, { municipalityId, fiscalYear: 2025, rules: WATCH_RULE_KEYS, thresholds: DEFAULT_THRESHOLDS });
    const tripsOn = (rule: 'poor' | 'efficiency') =>
      projects.filter((p) => VERDICTS.some((v, n) => v.rule === rule && p.verdicts[n] === v.poor)).map((p) => p.code);
    const trends = projects.map((p) => ({ code: p.code, ...projectTrend(p, 5), indicators: p.indicators.length }));
    const expected = {
      attainment: 0,
      poor: tripsOn('poor').length,
      efficiency: tripsOn('efficiency').length,
      costUp: 0,
      worsening: trends.filter((t) => t.worsenedTwice > 0).length,
      noIndicator: trends.filter((t) => t.comparable === 0).length,
      notRated: 0,
    };
    expect(watch.counts).toEqual(expected);
    // 公共関与の妥当性 alone has six 見直し余地がある; every one of them is listed under the poor rule.
    expect(projects.filter((p) => p.verdicts[1] === '見直し余地がある')).toHaveLength(6);
    expect(expected.poor).toBeGreaterThanOrEqual(6);
    expect(expected.worsening).toBeGreaterThan(0);
    expect(expected.noIndicator).toBeLessThan(100);
    const listed = new Map(watch.rows.map((r) => [r.projectCode, r]));
    for (const code of tripsOn('poor')) expect(listed.get(code)?.tripped).toContain('poor');
    for (const t of trends.filter((x) => x.worsenedTwice > 0)) expect([t.code, listed.get(t.code)?.indicatorsWorsenedTwice]).toEqual([t.code, t.worsenedTwice]);
  });
});
