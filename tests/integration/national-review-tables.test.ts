/**
 * The national government's own 2024 review tables, unedited (../shared/realdata/national-review):
 * 4-1 (verdicts) then 2-1 (costs) through the built-in profiles, into one database, on both
 * drivers. Neither erases what the other stated, 4-1 again changes nothing, and the stored costs
 * per year equal the file's own summary 執行額（合計）, summed here from the CSV itself.
 */
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type DbHandle } from '../../db/client';
import { importFile, type ImportOutcome } from '../../db/import/load';
import { DRIVERS, freshDatabase } from '../support/databases';
import { realDataFile, realDataReady } from '../support/realdata';

const COSTS = 'national-review/2-1_RS_2024_予算・執行_サマリ.csv';
const VERDICTS = 'national-review/4-1_RS_2024_点検・評価.csv';
const ready = realDataReady(COSTS, VERDICTS);
const TIMEOUT = 900_000;

type Row = Record<string, string>;
const rowsOf = (relative: string): Row[] =>
  Papa.parse<Row>(readFileSync(realDataFile(relative), 'utf8').replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;

/** 円 per 予算年度 over the summary rows (会計区分 empty), as BigInt: national totals pass 2^53. */
function expectedCostPerYear(rows: Row[]): Record<string, string> {
  const sums = new Map<string, bigint>();
  for (const r of rows) {
    if (r['会計区分'] !== '' || r['執行額（合計）'] === '') continue;
    const year = r['予算年度']!;
    sums.set(year, (sums.get(year) ?? 0n) + BigInt(r['執行額（合計）']!.replace(/\.0+$/, '')));
  }
  return Object.fromEntries([...sums].sort().map(([y, v]) => [y, v.toString()]));
}

describe.skipIf(!ready).each(DRIVERS)('national review 2-1 and 4-1 into one database on %s', (driver) => {
  let handle: DbHandle;
  const run = (relative: string, profile: string, dryRun = false): Promise<ImportOutcome> =>
    importFile(handle.db, { path: realDataFile(relative) }, { fileName: relative.split('/')[1]!, profile, dryRun });
  let verdicts: ImportOutcome;
  let costs: ImportOutcome;

  beforeAll(async () => {
    handle = await freshDatabase(driver);
    verdicts = await run(VERDICTS, 'national-review-4-1');
    costs = await run(COSTS, 'national-review-2-1');
  }, TIMEOUT);
  afterAll(() => handle?.close());

  it('loads both files unedited', () => {
    expect(verdicts.errors).toEqual([]);
    expect(verdicts.ok).toBe(true);
    expect(costs.errors).toEqual([]);
    expect(costs.ok).toBe(true);
    expect(costs.columns?.keeps).toEqual(expect.arrayContaining(['今後の方向性', '所管部長による総評', '評価']));
  });

  it('holds 5,664 projects and one evaluation per project and 予算年度 of the summary rows', async () => {
    const summary = rowsOf(COSTS).filter((r) => r['会計区分'] === '');
    const projectYears = new Set(summary.map((r) => `${r['予算事業ID']}|${r['予算年度']}`));
    const [counts] = await queryRows<{ projects: number; evaluations: number; pairs: number }>(
      handle.db,
      sql`select (select count(*)::int from projects) as projects, (select count(*)::int from evaluations) as evaluations,
                 (select count(distinct (project_id, fiscal_year))::int from evaluations) as pairs`,
    );
    expect(counts).toEqual({ projects: 5664, evaluations: projectYears.size, pairs: projectYears.size });
  });

  it('keeps the verdicts 4-1 stored after 2-1, and the costs 2-1 stored', async () => {
    const [kept] = await queryRows<{ directions: number; reviews: number; ratings: number; departments: number }>(
      handle.db,
      sql`select count(e.direction)::int as directions, count(e.review)::int as reviews,
                 (select count(*)::int from ratings) as ratings, count(p.department_id)::int as departments
          from evaluations e join projects p on p.id = e.project_id where e.fiscal_year = 2024`,
    );
    const rows = rowsOf(VERDICTS);
    const byProject = new Map(rows.map((r) => [r['予算事業ID'], r]));
    // A dash alone (ー, ―, －, -) is Hyoka's "no value", as an empty cell.
    const stated = (column: string) => [...byProject.values()].filter((r) => !/^[\s\-ー―－‐—]*$/u.test(r[column]!)).length;
    expect(kept!.directions).toBe(stated('所見を踏まえた改善点／概算要求における反映状況'));
    expect(kept!.reviews).toBe(stated('行政事業レビュー推進チームの所見の詳細'));
    expect(kept!.ratings).toBe(stated('行政事業レビュー推進チームの所見'));
    expect(kept!.departments).toBeGreaterThan(5000);
  });

  it('stores per year exactly the summary 執行額（合計） of the file (円 → 千円)', async () => {
    const stored = await queryRows<{ year: number; yen: string }>(
      handle.db,
      sql`select fiscal_year as year, (sum(project_cost) * 1000)::numeric(30, 0)::text as yen
          from evaluations where project_cost is not null group by 1 order by 1`,
    );
    expect(Object.fromEntries(stored.map((r) => [String(r.year), r.yen]))).toEqual(expectedCostPerYear(rowsOf(COSTS)));
  });

  it(
    'importing 4-1 again updates nothing',
    async () => {
      const again = await run(VERDICTS, 'national-review-4-1', true);
      expect(again.errors).toEqual([]);
      expect(again.result).toMatchObject({ inserted: 0, updated: 0 });
    },
    TIMEOUT,
  );
});
