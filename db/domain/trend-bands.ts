/**
 * Trend bands: where the indicators are actuals only (no targets), the overview's distribution
 * puts each project by the share of its indicators improved on the previous year
 * (db/domain/metrics.ts `shareImproved`) into one of these, instead of an attainment band.
 * A TypeScript and a SQL twin, like the attainment bands.
 *
 * None improved and all improved are bands of their own: most projects have one to three
 * indicators, so the shares cluster at 0, ½ and 1, and "none" and "all" are what a reader asks.
 */
import { sql, type SQL } from 'drizzle-orm';

export const TREND_BANDS = [
  { key: 'none-improved', label: { ja: '改善なし', en: 'None improved' } },
  { key: 'under-half', label: { ja: '半数未満が改善', en: 'Under half improved' } },
  { key: 'half-or-more', label: { ja: '半数以上が改善', en: 'Half or more improved' } },
  { key: 'all-improved', label: { ja: 'すべて改善', en: 'All improved' } },
] as const;

export type TrendBandKey = (typeof TREND_BANDS)[number]['key'];

/** Projects with no indicator comparable with the year before. */
export const NO_TREND = { key: 'none', label: { ja: '比較できる実績なし', en: 'No comparable actuals' } } as const;
export type TrendBandOrNone = TrendBandKey | typeof NO_TREND.key;

export const TREND_BAND_KEYS: readonly TrendBandOrNone[] = [...TREND_BANDS.map((b) => b.key), NO_TREND.key];

export function trendBand(share: number | null): TrendBandOrNone {
  if (share === null || !Number.isFinite(share)) return NO_TREND.key;
  if (share <= 0) return 'none-improved';
  if (share < 0.5) return 'under-half';
  if (share < 1) return 'half-or-more';
  return 'all-improved';
}

/** SQL twin of `trendBand`: the band key (text) of a share expression. */
export function trendBandSql(share: SQL | unknown): SQL<TrendBandOrNone> {
  return sql<TrendBandOrNone>`(case when (${share}) is null then 'none'
    when (${share}) <= 0 then 'none-improved'
    when (${share}) < 0.5 then 'under-half'
    when (${share}) < 1 then 'half-or-more'
    else 'all-improved' end)`;
}
