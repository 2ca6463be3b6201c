/**
 * When a sheet's stated figures disagree with each other: one definition each, used by the
 * import's meaning checks (db/import/validate.ts, which rejects or warns) and by the
 * data-quality report (db/queries/quality.ts, which lists what was stored). The SQL twins sit
 * next to the TypeScript, as in db/domain/metrics.ts.
 */
import { sql, type SQL } from 'drizzle-orm';
import { unitCostYen } from './metrics';

/**
 * Each 千円 figure on a sheet is rounded on its own, so a sum may differ from its stated total by
 * up to this much without anyone having made a mistake: the import warns, larger is an error.
 */
export const ROUNDING_TOLERANCE_THOUSAND_YEN = 1;

/** |Σ parts − stated| rounded to 0.001 千円 (the precision money is stored in). */
export function sumDifference(stated: number, parts: readonly number[]): number {
  const sum = parts.reduce((a, b) => a + b, 0);
  return Math.abs(Math.round((sum - stated) * 1000) / 1000);
}

/**
 * The total a stated unit cost (単位当たりコスト, 円 per 対象) should have been divided from: the
 * stated トータルコスト, else 事業費 + 人件費. Cities round, and some divide the project cost only,
 * so the stated figure is checked, never used.
 */
export function unitCostBase(totalStated: number | null, projectCost: number | null, staffCost: number | null): number {
  return totalStated ?? (projectCost ?? 0) + (staffCost ?? 0);
}

/** Does a stated unit cost (円) disagree with base (千円) × 1000 ÷ count beyond rounding (1 円 or 0.5 %)? */
export function unitCostDisagrees(statedYen: number, baseThousandYen: number, count: number): boolean {
  if (!(count > 0) || !(baseThousandYen > 0)) return false;
  const computed = unitCostYen(baseThousandYen, count)!;
  return Math.abs(statedYen - computed) > Math.max(1, computed * 0.005);
}

// ── SQL twins ───────────────────────────────────────────────────────────────────────────────

/** SQL twin of `unitCostBase` (numeric 千円). */
export function unitCostBaseSql(totalStated: SQL | unknown, projectCost: SQL | unknown, staffCost: SQL | unknown): SQL<string> {
  return sql<string>`coalesce(${totalStated}, coalesce(${projectCost}, 0) + coalesce(${staffCost}, 0))`;
}

/** SQL twin of `unitCostDisagrees` (boolean; false where the count or base is not positive). */
export function unitCostDisagreesSql(statedYen: SQL | unknown, baseThousandYen: SQL | unknown, count: SQL | unknown): SQL<boolean> {
  return sql<boolean>`(coalesce(${count} > 0 and ${baseThousandYen} > 0, false) and
    abs((${statedYen})::float8 - (${baseThousandYen})::float8 * 1000 / (${count})::float8)
      > greatest(1, (${baseThousandYen})::float8 * 1000 / (${count})::float8 * 0.005))`;
}
