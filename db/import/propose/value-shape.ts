/**
 * What a column's values look like, from a sample: the proposer uses it to tell a money column
 * from a year column or a verdict column when the header alone does not say.
 */
import { parseFiscalYear } from '../../domain/fiscal-year';
import { isMissing, normalizeWidth, parseQuantity } from '../../domain/numbers';
import { DIRECTION_WORDS, KIND_WORDS } from '../row-reader';

export type Shape = 'empty' | 'fiscal-year' | 'money' | 'number' | 'percent' | 'grade' | 'verdict' | 'code' | 'text';

const MONEY_UNITS = new Set(['円', '千円', '万円', '百万円', '千万円', '億円']);
// Grade letters (A–F, S) or marks, as a cell alone.
const GRADE = /^(?:[A-FSN]|[◎○〇△×✕])$/;
// A code with leading zeros or letters and digits: 0086, K-01, 2024-001.
const CODE = /^(?:0\d+|[A-Z]{1,4}[-_]?\d+|\d+[-_]\d+)$/;
// Bare era years (7 = 令和7) are years only beside an era column, so not counted here.
const YEARISH = /(年度|^FY|^[RHS]\d{1,2}$|^(?:19|20)\d\d$|令和|平成|昭和)/;

function isYear(v: string): boolean {
  const s = normalizeWidth(v).trim();
  if (!YEARISH.test(s)) return false;
  const parsed = parseFiscalYear(s);
  return parsed.ok && parsed.value !== null;
}

/** The shape of a column from its values (all of them or a sample): the strictest that fits all. */
export function shapeOf(values: readonly string[]): Shape {
  const filled = values.map((v) => v.trim()).filter((v) => !isMissing(v));
  if (filled.length === 0) return 'empty';
  const norm = filled.map((v) => normalizeWidth(v).trim());
  if (filled.every(isYear)) return 'fiscal-year';
  if (norm.every((v) => GRADE.test(v.toUpperCase()))) return 'grade';
  if (norm.every((v) => CODE.test(v.toUpperCase()))) return 'code';
  const quantities = norm.map((v) => parseQuantity(v));
  if (quantities.every((q) => q.ok)) {
    const units = quantities.map((q) => (q.ok ? (q.value?.unit ?? null) : null));
    if (units.every((u) => u === '%')) return 'percent';
    if (units.some((u) => u !== null && MONEY_UNITS.has(u)) && units.every((u) => u === null || MONEY_UNITS.has(u))) return 'money';
    return 'number';
  }
  // Few distinct short words repeated down the column: a verdict (妥当, 見直し, 現状通り).
  const distinct = new Set(norm);
  const short = norm.every((v) => v.length <= 24 && !/[。、]/.test(v));
  if (short && distinct.size <= Math.max(2, Math.min(10, filled.length / 3))) return 'verdict';
  return 'text';
}

/** Money in 円 rather than 千円: amounts a city's 千円 column would never hold, or whole thousands of yen. */
export function looksLikeYen(values: readonly string[]): boolean {
  const numbers = values
    .map((v) => parseQuantity(v))
    .flatMap((q) => (q.ok && q.value && q.value.unit === null ? [Number(q.value.value)] : []))
    .filter((n) => Number.isFinite(n) && n > 0);
  if (numbers.length === 0) return false;
  const sorted = [...numbers].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  // 1億 千円 = 1000億円 for one project: plausible only as yen.
  if (sorted[sorted.length - 1]! >= 1e8 && median >= 1e6) return true;
  return median >= 1e6 && numbers.every((n) => n % 1000 === 0);
}

/** The largest figure, for the amount cap (1兆円 = 1e12 円). */
export function largestFigure(values: readonly string[]): number {
  let max = 0;
  for (const v of values) {
    const q = parseQuantity(v);
    if (q.ok && q.value) max = Math.max(max, Number(q.value.value));
  }
  return max;
}

/** Is every filled value one of these words (ignoring width and spaces)? False for a column with none. */
function onlyWords(values: readonly string[], words: Readonly<Record<string, unknown>>): boolean {
  const filled = values.map((v) => normalizeWidth(v).replace(/\s+/g, '')).filter((v) => !isMissing(v));
  return filled.length > 0 && filled.every((v) => Object.hasOwn(words, v));
}

/** Values that are only an indicator's kind (アクティビティ / アウトプット / アウトカム, 活動 / 成果…). */
export const isIndicatorKindColumn = (values: readonly string[]) => onlyWords(values, KIND_WORDS);

/** Values that are only an indicator's direction (上向き / 下向き, 増加 / 減少, 高い方が良い…). */
export const isIndicatorDirectionColumn = (values: readonly string[]) => onlyWords(values, DIRECTION_WORDS);

/** Why a field is proposed: the alias table, a known wording, a similar header, the values' shape, or nothing (the user's choice). */
export type ProposalReason = 'alias' | 'hint' | 'similar' | 'shape' | 'none';
