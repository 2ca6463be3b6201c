/**
 * The dashboard's figures, one definition each. Every formula exists here twice, side by side:
 * as a pure TypeScript function (for display and unit tests) and as a SQL fragment (so queries
 * aggregate in the database). Integration tests check that the two agree.
 */
import { sql, type SQL } from 'drizzle-orm';

// Inlined, not bound: the same expression may appear in SELECT and GROUP BY.
const CAP_SQL = () => sql.raw(`${ATTAINMENT_CAP}::float8`);

export type Direction = 'higher' | 'lower';

/** Project attainment averages indicators capped here, so one runaway indicator cannot hide the rest. */
export const ATTAINMENT_CAP = 2;

/**
 * Indicator attainment as a ratio (1.5 = 150 %): actual ÷ target, or target ÷ actual when lower
 * is better. Undefined (null) where target or actual is missing or the target is zero — shown
 * as '—', never as 0 % or Infinity.
 */
export function attainment(target: number | null, actual: number | null, direction: Direction): number | null {
  if (target === null || actual === null) return null;
  if (direction === 'higher') return target === 0 ? null : actual / target;
  if (target === 0) return null;
  // Lower is better and the actual reached zero: target ÷ 0 has no value, but the project did
  // better than any finite ratio, so it counts as the cap rather than vanishing from the mean.
  if (actual === 0) return ATTAINMENT_CAP;
  return target / actual;
}

/** A project's attainment for a year: the mean of its indicators', each capped at ATTAINMENT_CAP. */
export function projectAttainment(values: (number | null)[]): number | null {
  const defined = values.filter((v): v is number => v !== null);
  if (defined.length === 0) return null;
  return defined.reduce((sum, v) => sum + Math.min(v, ATTAINMENT_CAP), 0) / defined.length;
}

/**
 * An actuals-only indicator's trend (an indicator with an actual but no target): this year's
 * actual against the year before, 1 improved, -1 worsened, 0 unchanged, null when not comparable
 * (a value missing). Higher or lower is better by the indicator's direction. A cumulative
 * indicator (累計) always grows, so it goes by its increment: this year's increase against the
 * year before's, which needs the actual of two years back too.
 */
export type Trend = -1 | 0 | 1;

/** Relative slack for `indicatorTrend` in floating point; the SQL twin compares exact decimals. */
const TREND_TOLERANCE = 1e-12;

export function indicatorTrend(
  actual: number | null,
  previous: number | null,
  beforePrevious: number | null,
  direction: Direction,
  cumulative: boolean,
): Trend | null {
  if (actual === null || previous === null) return null;
  if (cumulative && beforePrevious === null) return null;
  // Compared as sums, not differences of differences: a + c against 2b for the increments.
  const now = cumulative ? actual + beforePrevious! : actual;
  const before = cumulative ? 2 * previous : previous;
  // Decimal figures in binary (0.1 + 0.2): a hair's difference is no change.
  if (Math.abs(now - before) <= TREND_TOLERANCE * Math.max(1, Math.abs(now), Math.abs(before))) return 0;
  return now > before === (direction === 'higher') ? 1 : -1;
}

/**
 * Share of indicators improved on the previous year (「前年度比で改善した指標の割合」), of those
 * whose trend is defined; unchanged ones count as not improved. Null when none is comparable.
 */
export function shareImproved(trends: (Trend | null)[]): number | null {
  const defined = trends.filter((t): t is Trend => t !== null);
  if (defined.length === 0) return null;
  return defined.filter((t) => t === 1).length / defined.length;
}

/**
 * Which indicator measure a scope's panels show: attainment wherever any indicator has a target
 * and an actual; the previous-year trend only where none has, but actuals can be compared.
 */
export type IndicatorMeasure = 'attainment' | 'trend';

export function indicatorMeasure(withAttainment: number, withTrend: number): IndicatorMeasure {
  return withAttainment === 0 && withTrend > 0 ? 'trend' : 'attainment';
}

/** Median of defined values (null when there are none). */
export function median(values: (number | null)[]): number | null {
  const sorted = values.filter((v): v is number => v !== null).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** 千円. Missing parts count as zero: a sheet with no staff line has no staff cost. */
export function totalCost(projectCost: number | null, staffCost: number | null): number {
  return (projectCost ?? 0) + (staffCost ?? 0);
}

/** 円 per citizen: total cost in 千円 × 1000 ÷ population. Null when the population is unknown. */
export function costPerCitizenYen(totalCostThousandYen: number, population: number | null): number | null {
  if (population === null || population <= 0) return null;
  return (totalCostThousandYen * 1000) / population;
}

/** 円 per target unit (the sheet's 総事業費／対象数), e.g. 818 千円 ÷ 101,381 人 = 8.07 円. */
export function unitCostYen(totalCostThousandYen: number, targetCount: number | null): number | null {
  if (targetCount === null || targetCount <= 0) return null;
  return (totalCostThousandYen * 1000) / targetCount;
}

// ── The same definitions in SQL ─────────────────────────────────────────────────────────────

/** SQL twin of `attainment` (a double precision ratio, or NULL). */
export function attainmentSql(target: SQL | unknown, actual: SQL | unknown, direction: SQL | unknown): SQL<number | null> {
  return sql<number | null>`(case
    when ${target} is null or ${actual} is null then null
    when ${direction} = 'higher' then
      case when ${target} = 0 then null else (${actual})::float8 / (${target})::float8 end
    when ${target} = 0 then null
    when ${actual} = 0 then ${CAP_SQL()}
    else (${target})::float8 / (${actual})::float8
  end)`;
}

/**
 * SQL twin of the capping inside `projectAttainment`: average this over a project's indicators.
 * NULL stays NULL (so `avg` leaves undefined indicators out): SQL's `least` alone would skip the
 * NULL and return the cap.
 */
export function cappedAttainmentSql(ratio: SQL | unknown): SQL<number | null> {
  return sql<number | null>`(case when (${ratio}) is null then null else least(${ratio}, ${CAP_SQL()}) end)`;
}

/**
 * SQL twin of `indicatorTrend` (1, -1, 0 or NULL; exact numeric arithmetic, so no tolerance).
 * `cumulative` is a boolean expression.
 */
export function indicatorTrendSql(
  actual: SQL | unknown,
  previous: SQL | unknown,
  beforePrevious: SQL | unknown,
  direction: SQL | unknown,
  cumulative: SQL | unknown,
): SQL<Trend | null> {
  const now = sql`(case when ${cumulative} then ${actual} + ${beforePrevious} else ${actual} end)`;
  const before = sql`(case when ${cumulative} then 2 * ${previous} else ${previous} end)`;
  return sql<Trend | null>`(case
    when ${actual} is null or ${previous} is null then null
    when ${cumulative} and ${beforePrevious} is null then null
    when ${now} = ${before} then 0
    when (${now} > ${before}) = (${direction} = 'higher') then 1
    else -1
  end)`;
}

/** SQL twin of `totalCost`, in 千円 (numeric, exact). */
export function totalCostSql(projectCost: SQL | unknown, staffCost: SQL | unknown): SQL<string> {
  return sql<string>`(coalesce(${projectCost}, 0) + coalesce(${staffCost}, 0))`;
}

// ── Where the money comes from ──────────────────────────────────────────────────────────────

/**
 * How far one sheet's stated sources of 事業費 (国・県支出金, 地方債, その他特財, 一般財源; 千円)
 * account for it: `unexplained` is the part of 事業費 no stated source covers (no breakdown, or
 * sources that fall short), `excess` what the sources state beyond 事業費. Never rescaled, so
 * sources + unexplained − excess = 事業費. Missing values count as zero, as in `totalCost`.
 * Summed per sheet: one sheet's shortfall does not cancel another's excess.
 */
export function fundingGap(projectCost: number | null, sources: (number | null)[]): { unexplained: number; excess: number } {
  const stated = sources.reduce<number>((sum, v) => sum + (v ?? 0), 0);
  const cost = projectCost ?? 0;
  return { unexplained: Math.max(0, cost - stated), excess: Math.max(0, stated - cost) };
}

/** 円 of 一般財源 (the city's own money) per citizen: 千円 × 1000 ÷ population, as cost per citizen. */
export function generalFundsPerCitizenYen(generalFundsThousandYen: number, population: number | null): number | null {
  return costPerCitizenYen(generalFundsThousandYen, population);
}

function statedSourcesSql(sources: (SQL | unknown)[]): SQL {
  return sql`(${sql.join(
    sources.map((s) => sql`coalesce(${s}, 0)`),
    sql` + `,
  )})`;
}

/** SQL twin of `fundingGap(…).unexplained`, in 千円 (numeric, exact). */
export function unexplainedFundingSql(projectCost: SQL | unknown, sources: (SQL | unknown)[]): SQL<string> {
  return sql<string>`greatest(coalesce(${projectCost}, 0) - ${statedSourcesSql(sources)}, 0)`;
}

/** SQL twin of `fundingGap(…).excess`, in 千円 (numeric, exact). */
export function excessFundingSql(projectCost: SQL | unknown, sources: (SQL | unknown)[]): SQL<string> {
  return sql<string>`greatest(${statedSourcesSql(sources)} - coalesce(${projectCost}, 0), 0)`;
}
