/**
 * The watchlist and the data-quality report are paged on the server (25 watchlist rows, 50 findings a page), with the
 * totals of every page intact, on both drivers. P町 (999811) has 230 projects in FY2023, each
 * with one indicator that has an actual (5) but no target, one with a target but no actual yet, and
 * no grades at all, so each one:
 *   - trips the watchlist's noIndicator (no computable attainment) and notRated rules → 230 listed;
 *   - has one noTarget finding in the quality report → 230 findings (with check=noTarget).
 * 230 = 9 × 25 + 5 watchlist rows (ten pages) = 4 × 50 + 30 findings (five pages), the last one short.
 */
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../db/client';
import { DEFAULT_THRESHOLDS, WATCH_RULE_KEYS } from '../../db/domain/watch-rules';
import { canonicalHeader } from '../../db/import/format';
import { loadCsvFile } from '../../db/import/load';
import { listMunicipalities } from '../../db/queries/overview';
import { getQualityReport, QUALITY_PAGE_SIZE } from '../../db/queries/quality';
import { getWatchlist, WATCHLIST_PAGE_SIZE, type WatchlistQuery } from '../../db/queries/watchlist';
import { DRIVERS, freshDatabase } from '../support/databases';

const PROJECTS = 230;

const ROWS: Record<string, string>[] = Array.from({ length: PROJECTS }, (_, i) => ({
  市区町村コード: '999811',
  市区町村名: 'P町',
  年度: '2023',
  人口: '1000',
  事業番号: `P${String(i + 1).padStart(3, '0')}`,
  事業名: `事業${i + 1}`,
  部名: '総務部',
  課名: '総務課',
  // Different costs, so the worst-first order (severity, then total cost) is one order.
  事業費合計: String(1000 + i),
  一般財源: String(1000 + i),
  指標1名: '相談件数',
  指標1単位: '件',
  指標1目標値: '',
  指標1実績値: '5',
  // A target without an actual yet: the town does set targets, so its actuals without one are
  // findings, not a city-wide practice; attainment is still not computable.
  指標2名: '研修回数',
  指標2単位: '回',
  指標2目標値: '4',
  指標2実績値: '',
}));

describe.each(DRIVERS)('long lists paged on the server, on %s', (driver) => {
  let handle: DbHandle;
  let query: WatchlistQuery;
  let municipalityId: number;

  beforeAll(async () => {
    handle = await freshDatabase(driver);
    const header = canonicalHeader(2);
    const csv = Papa.unparse({ fields: header, data: ROWS.map((r) => header.map((h) => r[h] ?? '')) });
    const result = await loadCsvFile(handle.db, new TextEncoder().encode(csv), { fileName: 'paging.csv' });
    expect(result.rows).toBe(PROJECTS);
    municipalityId = (await listMunicipalities(handle.db))[0]!.id;
    query = { municipalityId, fiscalYear: 2023, rules: WATCH_RULE_KEYS, thresholds: DEFAULT_THRESHOLDS };
  });
  afterAll(() => handle?.close());

  it('the watchlist: 25 rows a page, the totals of all pages, the pages adding up to the whole list', async () => {
    expect(WATCHLIST_PAGE_SIZE).toBe(25);
    const all = await getWatchlist(handle.db, query);
    expect(all.rows).toHaveLength(PROJECTS);
    expect(all.listedCount).toBe(PROJECTS);

    const pages = await Promise.all([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((page) => getWatchlist(handle.db, query, { page })));
    expect(pages.map((p) => p.rows.length)).toEqual([25, 25, 25, 25, 25, 25, 25, 25, 25, 5]);
    for (const [i, p] of pages.entries()) {
      expect(p.page).toBe(i + 1);
      expect(p.pageCount).toBe(10);
      expect(p.listedCount).toBe(PROJECTS);
      expect(p.evaluatedCount).toBe(PROJECTS);
      expect(p.counts.noIndicator).toBe(PROJECTS);
      expect(p.counts.notRated).toBe(PROJECTS);
    }
    expect(pages.flatMap((p) => p.rows.map((r) => r.projectCode))).toEqual(all.rows.map((r) => r.projectCode));
    // Worst first by cost within one severity: P230 (1,229 千円) heads the list.
    expect(pages[0]!.rows[0]!.projectCode).toBe('P230');
  });

  it('the watchlist: a page past the last shows the last; filters still narrow the total', async () => {
    const past = await getWatchlist(handle.db, query, { page: 99 });
    expect(past.page).toBe(10);
    expect(past.rows).toHaveLength(5);
    const noRules = await getWatchlist(handle.db, { ...query, rules: ['attainment'] }, { page: 1 });
    expect(noRules.listedCount).toBe(0);
    expect(noRules.rows).toHaveLength(0);
    expect(noRules.pageCount).toBe(1);
    expect(noRules.counts.noIndicator).toBe(PROJECTS);
  });

  it('the quality report: 50 findings a page, counts over every page', async () => {
    expect(QUALITY_PAGE_SIZE).toBe(50);
    const scope = { municipalityId, fiscalYear: 2023, check: 'noTarget' as const };
    const all = await getQualityReport(handle.db, scope);
    expect(all.findings).toHaveLength(PROJECTS);
    expect(all.listedCount).toBe(PROJECTS);

    const pages = await Promise.all([1, 2, 3, 4, 5].map((page) => getQualityReport(handle.db, scope, { page })));
    expect(pages.map((p) => p.findings.length)).toEqual([50, 50, 50, 50, 30]);
    for (const p of pages) {
      expect(p.pageCount).toBe(5);
      expect(p.listedCount).toBe(PROJECTS);
      expect(p.affectedCount).toBe(PROJECTS);
      expect(p.evaluatedCount).toBe(PROJECTS);
      expect(p.counts.noTarget).toBe(PROJECTS);
    }
    expect(pages.flatMap((p) => p.findings.map((f) => f.projectCode))).toEqual(all.findings.map((f) => f.projectCode));
    expect((await getQualityReport(handle.db, scope, { page: 7 })).page).toBe(5);
  });
});
