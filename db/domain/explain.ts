/**
 * One line per project (事業の一言説明), generated from its figures alone, in Japanese and
 * English: how it stands against its target (and for how many years in a row) and how its cost
 * per citizen moved on the year before, joined by "while" when the two pull in opposite
 * directions — 「達成率112.0%で目標を2年連続で達成する一方、市民1人当たりコストは前年比+12%」.
 *
 * Pure and deterministic: the same figures give the same sentence, on the sheet and in the
 * watchlist. Attainment is the project attainment of db/domain/metrics.ts; met means ≥ 100 %.
 */
import { ATTAINMENT_TOLERANCE } from './watch-rules';
import { costPerCitizenYen } from './metrics';

type Locale = 'ja' | 'en';

export interface ExplainYear {
  fiscalYear: number;
  /** Project attainment (ratio), null where no indicator has one. */
  attainment: number | null;
  /** 千円. */
  totalCost: number;
  population: number | null;
}

/** A change within ±2 % reads as "about the same": cost figures drift with rounding and pay scales. */
export const COST_FLAT_BAND = 0.02;

type Standing = { kind: 'met' | 'missed'; years: number; attainment: number } | { kind: 'unknown' };
type CostMove = { basis: 'perCitizen' | 'total'; change: number } | null;

function standing(years: readonly ExplainYear[]): Standing {
  const latest = years.at(-1)!;
  if (latest.attainment === null) return { kind: 'unknown' };
  const met = (a: number | null) => a !== null && a >= 1 - ATTAINMENT_TOLERANCE;
  const kind = met(latest.attainment) ? 'met' : 'missed';
  let streak = 1;
  for (let i = years.length - 2; i >= 0; i--) {
    const y = years[i]!;
    if (y.fiscalYear !== years[i + 1]!.fiscalYear - 1 || y.attainment === null || met(y.attainment) !== (kind === 'met')) break;
    streak++;
  }
  return { kind, years: streak, attainment: latest.attainment };
}

function costMove(years: readonly ExplainYear[]): CostMove {
  const latest = years.at(-1)!;
  const previous = years.at(-2);
  if (!previous || previous.fiscalYear !== latest.fiscalYear - 1) return null;
  const now = costPerCitizenYen(latest.totalCost, latest.population);
  const before = costPerCitizenYen(previous.totalCost, previous.population);
  if (now !== null && before !== null && before > 0) return { basis: 'perCitizen', change: now / before - 1 };
  if (previous.totalCost > 0) return { basis: 'total', change: latest.totalCost / previous.totalCost - 1 };
  return null;
}

const percent = (ratio: number) => `${(ratio * 100).toFixed(1)}%`;
const signed = (ratio: number) => {
  const p = Math.round(Math.abs(ratio) * 100);
  return `${ratio > 0 ? '+' : '−'}${p}%`;
};

/**
 * The sentence for the last year of `years` (oldest first, one entry per evaluated year up to
 * the year explained). Null when there is no year.
 */
export function explainProject(years: readonly ExplainYear[], locale: Locale): string | null {
  if (years.length === 0) return null;
  const s = standing(years);
  const cost = costMove(years);
  const flat = cost !== null && Math.abs(cost.change) < COST_FLAT_BAND;
  // "while" only when the two clauses pull apart (met but dearer, missed but cheaper); a flat
  // cost and an unknown standing take no side.
  const contrast = cost !== null && !flat && s.kind !== 'unknown' && (s.kind === 'met') !== cost.change < 0;
  return locale === 'ja' ? japanese(s, cost, flat, contrast) : english(s, cost, flat, contrast);
}

function japanese(s: Standing, cost: CostMove, flat: boolean, contrast: boolean): string {
  // Each standing in three forms: on its own, joined with 「、」 (連用形), and before 一方.
  const forms =
    s.kind === 'unknown'
      ? { alone: '達成率を計算できる指標がない', and: '達成率を計算できる指標がなく', while: '達成率を計算できる指標がない一方' }
      : s.kind === 'met'
        ? s.years >= 2
          ? {
              alone: `達成率${percent(s.attainment)}で目標を${s.years}年連続で達成`,
              and: `達成率${percent(s.attainment)}で目標を${s.years}年連続で達成し`,
              while: `達成率${percent(s.attainment)}で目標を${s.years}年連続で達成する一方`,
            }
          : {
              alone: `達成率${percent(s.attainment)}で目標を達成`,
              and: `達成率${percent(s.attainment)}で目標を達成し`,
              while: `達成率${percent(s.attainment)}で目標を達成する一方`,
            }
        : s.years >= 2
          ? {
              alone: `達成率${percent(s.attainment)}で目標未達が${s.years}年連続`,
              and: `達成率${percent(s.attainment)}で目標未達が${s.years}年連続となり`,
              while: `達成率${percent(s.attainment)}で目標未達が${s.years}年連続となる一方`,
            }
          : {
              alone: `達成率${percent(s.attainment)}で目標に届かず`,
              and: `達成率${percent(s.attainment)}で目標に届かず`,
              while: `達成率${percent(s.attainment)}で目標に届かない一方`,
            };
  if (cost === null) return `${forms.alone}（前年度との比較なし）`;
  const subject = cost.basis === 'perCitizen' ? '市民1人当たりコスト' : 'トータルコスト';
  // 「も」 when both clauses point the same way (met and cheaper, missed and dearer), 「は」 otherwise.
  const particle = contrast || flat || s.kind === 'unknown' ? 'は' : 'も';
  const move = flat ? '前年並み' : `前年比${signed(cost.change)}`;
  return `${contrast ? forms.while : forms.and}、${subject}${particle}${move}`;
}

function english(s: Standing, cost: CostMove, flat: boolean, contrast: boolean): string {
  const head =
    s.kind === 'unknown'
      ? 'No indicator with a computable attainment'
      : `Target ${s.kind === 'met' ? 'met' : 'missed'}${s.years >= 2 ? ` ${s.years} years running` : ''} (${percent(s.attainment)})`;
  if (cost === null) return `${head} (no previous year to compare)`;
  const subject = cost.basis === 'perCitizen' ? 'cost per citizen' : 'total cost';
  const move = flat ? 'about the same as the year before' : `${cost.change > 0 ? 'up' : 'down'} ${Math.round(Math.abs(cost.change) * 100)}% on the year before`;
  return `${head}${contrast ? ', while' : s.kind === 'unknown' ? ';' : ', and'} ${subject} ${move}`;
}
