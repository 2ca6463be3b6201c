/**
 * The indicator trend's two definitions agree: the rollup's counts (SQL, db/queries/rollups.ts)
 * equal what `indicatorTrend` (TypeScript, db/domain/metrics.ts) gives for the same actuals, for
 * higher- and lower-is-better, cumulative, gapped and targeted indicators; and the watchlist's
 * worsening rule trips on two years' worsening. Both drivers.
 *
 * | project | indicator                | 2020 | 2021 | 2022 | 2023 | trend 2021 / 2022 / 2023 |
 * |---------|--------------------------|------|------|------|------|--------------------------|
 * | T1      | higher is better         | 10   | 12   | 11   | 9    | +1 / −1 / −1 (twice)     |
 * | T2      | lower is better          | 5    | 4    | 4    | 6    | +1 / 0 / −1              |
 * | T3      | 累計 (cumulative)        | 100  | 130  | 150  | 180  | — / −1 (+20 < +30) / +1  |
 * | T4      | has targets (10)         | 8    | 9    | 7    | 6    | — (attainment instead)   |
 * | T5      | actual missing in 2022   | 3    | 4    |      | 5    | +1 / — / —               |
 */
import { sql } from 'drizzle-orm';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type DbHandle } from '../../db/client';
import { indicatorTrend, type Direction } from '../../db/domain/metrics';
import { DEFAULT_THRESHOLDS, WATCH_RULE_KEYS } from '../../db/domain/watch-rules';
import { canonicalHeader } from '../../db/import/format';
import { loadCsvFile } from '../../db/import/load';
import { getOverviewKpis } from '../../db/queries/overview';
import { getWatchlist } from '../../db/queries/watchlist';
import { DRIVERS, freshDatabase } from '../support/databases';

const CITY = { 市区町村コード: '999980', 市区町村名: '推移市' };
const YEARS = [2020, 2021, 2022, 2023];

const PROJECTS: { code: string; name: string; direction: Direction; target: string; actuals: (number | null)[] }[] = [
  { code: 'T1', name: '利用者数', direction: 'higher', target: '', actuals: [10, 12, 11, 9] },
  { code: 'T2', name: '事故件数', direction: 'lower', target: '', actuals: [5, 4, 4, 6] },
  { code: 'T3', name: '累計整備箇所数', direction: 'higher', target: '', actuals: [100, 130, 150, 180] },
  { code: 'T4', name: '参加者数', direction: 'higher', target: '10', actuals: [8, 9, 7, 6] },
  { code: 'T5', name: '相談件数', direction: 'higher', target: '', actuals: [3, 4, null, 5] },
];

function csv(): Uint8Array {
  const header = canonicalHeader(1);
  const rows = PROJECTS.flatMap((p) =>
    YEARS.map((year, k) => ({
      ...CITY,
      年度: String(year),
      事業番号: p.code,
      事業名: `${p.code}事業`,
      まちづくり目標番号: '1',
      まちづくり目標: '目標',
      事業費合計: '100',
      人件費合計: '10',
      有効性: 'B',
      指標1名: p.name,
      指標1目標値: p.target,
      指標1実績値: p.actuals[k] === null ? '' : String(p.actuals[k]),
      ...(p.direction === 'lower' ? { 指標1方向: '低いほど良い' } : {}),
    })),
  );
  return new TextEncoder().encode(Papa.unparse({ fields: header, data: rows.map((r) => header.map((h) => (r as Record<string, string>)[h] ?? '')) }));
}

/** The TypeScript twin's verdict for project p in year index k (null for a targeted indicator). */
function expectedTrend(p: (typeof PROJECTS)[number], k: number) {
  if (p.target !== '' || k < 1) return null;
  const at = (n: number) => (n >= 0 ? (p.actuals[n] ?? null) : null);
  return indicatorTrend(at(k), at(k - 1), at(k - 2), p.direction, p.name.includes('累計'));
}

describe.each(DRIVERS)('indicator trend on %s', (driver) => {
  let handle: DbHandle;
  let municipalityId: number;

  beforeAll(async () => {
    handle = await freshDatabase(driver);
    await loadCsvFile(handle.db, csv(), { fileName: 'trend.csv' });
    const [m] = await queryRows<{ id: number }>(handle.db, sql`select id from municipalities where code = ${CITY.市区町村コード}`);
    municipalityId = m!.id;
  });
  afterAll(() => handle?.close());

  it('rolls up what indicatorTrend says, year by year', async () => {
    const rows = await queryRows<{
      code: string;
      fiscal_year: number;
      with_trend: number;
      improved: number;
      worsened: number;
      worsened_twice: number;
      trend: number | null;
    }>(
      handle.db,
      sql`select p.code, r.fiscal_year, r.with_trend, r.improved, r.worsened, r.worsened_twice, r.trend
          from evaluation_rollups r join projects p on p.id = r.project_id order by p.code, r.fiscal_year`,
    );
    const expected = PROJECTS.flatMap((p) =>
      YEARS.map((fiscal_year, k) => {
        const t = expectedTrend(p, k);
        const twice = t === -1 && expectedTrend(p, k - 1) === -1;
        return {
          code: p.code,
          fiscal_year,
          with_trend: t === null ? 0 : 1,
          improved: t === 1 ? 1 : 0,
          worsened: t === -1 ? 1 : 0,
          worsened_twice: twice ? 1 : 0,
          trend: t === null ? null : t === 1 ? 1 : 0,
        };
      }),
    );
    expect(rows.map((r) => ({ ...r, fiscal_year: Number(r.fiscal_year), trend: r.trend === null ? null : Number(r.trend) }))).toEqual(expected);
    // The table above, by hand: T1 worse twice in 2023, T3 slower in 2022 then faster in 2023.
    expect(YEARS.map((_, k) => expectedTrend(PROJECTS[0]!, k))).toEqual([null, 1, -1, -1]);
    expect(YEARS.map((_, k) => expectedTrend(PROJECTS[1]!, k))).toEqual([null, 1, 0, -1]);
    expect(YEARS.map((_, k) => expectedTrend(PROJECTS[2]!, k))).toEqual([null, null, -1, 1]);
    expect(YEARS.map((_, k) => expectedTrend(PROJECTS[4]!, k))).toEqual([null, 1, null, null]);
  });

  it('the KPI keeps attainment as the measure where a target exists, and counts the rest', async () => {
    const kpis = await getOverviewKpis(handle.db, { municipalityId, fiscalYear: 2023 });
    // 2023: T1 −1, T2 −1, T3 +1 comparable; T4 has a target; T5 has no 2022 actual.
    expect([kpis.indicatorsWithTrend, kpis.indicatorsImproved, kpis.indicatorsWithAttainment]).toEqual([3, 1, 1]);
  });

  it('the watchlist flags two years of worsening, and no indicator data only where nothing can be computed', async () => {
    const watch = await getWatchlist(handle.db, { municipalityId, fiscalYear: 2023, rules: WATCH_RULE_KEYS, thresholds: DEFAULT_THRESHOLDS });
    const tripped = Object.fromEntries(watch.rows.map((r) => [r.projectCode, r.tripped]));
    expect(tripped.T1).toContain('worsening');
    expect(watch.counts.worsening).toBe(1);
    // T5 has an actual in 2023 but none in 2022: neither attainment nor a trend.
    expect(watch.rows.filter((r) => r.tripped.includes('noIndicator')).map((r) => r.projectCode)).toEqual(['T5']);
  });
});
