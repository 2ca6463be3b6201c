/**
 * Attainment bands: the overview's histogram and the project list's `?attainment=` filter put a
 * project's attainment for a year (db/domain/metrics.ts `projectAttainment`) into one of these.
 * Defined once, as data, with a TypeScript and a SQL twin like the metrics.
 *
 * Boundaries belong to the higher band: exactly 80 % is "80–100 %", exactly 100 % is
 * "100–120 %" (the target is reached), exactly 120 % is "120 % and over". A project whose
 * attainment is undefined (no indicator with a target) is in the `none` band ("no data").
 */
import { sql, type SQL } from 'drizzle-orm';

export interface AttainmentBand {
  /** Stable key used in URLs (`/projects?attainment=80-100`) and code. */
  key: string;
  /** Lower bound as a ratio, inclusive; null = no lower bound. */
  min: number | null;
  /** Upper bound as a ratio, exclusive; null = no upper bound. */
  max: number | null;
  label: { ja: string; en: string };
}

export const ATTAINMENT_BANDS = [
  { key: 'lt50', min: null, max: 0.5, label: { ja: '50%未満', en: 'Under 50%' } },
  { key: '50-80', min: 0.5, max: 0.8, label: { ja: '50〜80%', en: '50–80%' } },
  { key: '80-100', min: 0.8, max: 1.0, label: { ja: '80〜100%', en: '80–100%' } },
  { key: '100-120', min: 1.0, max: 1.2, label: { ja: '100〜120%', en: '100–120%' } },
  { key: 'ge120', min: 1.2, max: null, label: { ja: '120%以上', en: '120% and over' } },
] as const satisfies readonly AttainmentBand[];

export type AttainmentBandKey = (typeof ATTAINMENT_BANDS)[number]['key'];

/** Projects whose attainment is undefined. */
export const NO_ATTAINMENT = { key: 'none', label: { ja: 'データなし', en: 'No data' } } as const;
export type AttainmentBandOrNone = AttainmentBandKey | typeof NO_ATTAINMENT.key;

export const ATTAINMENT_BAND_KEYS: readonly AttainmentBandOrNone[] = [...ATTAINMENT_BANDS.map((b) => b.key), NO_ATTAINMENT.key];

export function isAttainmentBandKey(value: string | undefined): value is AttainmentBandOrNone {
  return value !== undefined && (ATTAINMENT_BAND_KEYS as readonly string[]).includes(value);
}

/**
 * Ratios are compared at 9 decimals so that floating-point noise from averaging indicators
 * (0.7999999999999999) lands in the band its percentage reads as (80.0 % → 80–100 %).
 */
const DECIMALS = 9;

export function attainmentBand(ratio: number | null): AttainmentBandOrNone {
  if (ratio === null || !Number.isFinite(ratio)) return NO_ATTAINMENT.key;
  const r = Math.round(ratio * 10 ** DECIMALS) / 10 ** DECIMALS;
  const band = ATTAINMENT_BANDS.find((b) => (b.min === null || r >= b.min) && (b.max === null || r < b.max));
  return band!.key;
}

/** SQL twin of `attainmentBand`: the band key (text) of a ratio expression. */
export function attainmentBandSql(ratio: SQL | unknown): SQL<AttainmentBandOrNone> {
  const r = sql`round((${ratio})::numeric, ${sql.raw(String(DECIMALS))})`;
  const whens = ATTAINMENT_BANDS.filter((b) => b.max !== null).map((b) => sql`when ${r} < ${sql.raw(String(b.max))} then ${sql.raw(`'${b.key}'`)}`);
  const last = ATTAINMENT_BANDS[ATTAINMENT_BANDS.length - 1]!.key;
  return sql<AttainmentBandOrNone>`(case when (${ratio}) is null then ${sql.raw(`'${NO_ATTAINMENT.key}'`)} ${sql.join(whens, sql` `)} else ${sql.raw(`'${last}'`)} end)`;
}
