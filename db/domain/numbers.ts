/**
 * Japanese numbers as officials write them in evaluation sheets: full-width digits, thousands
 * separators, △/▲ for negatives, a unit glued to the figure (818千円, 0.1人, 133.3%), a baseline
 * with its year in brackets (2団体 (令和2年度)). Values come back as exact decimal strings, never
 * floats: money is stored as exact numerics, and 0.1 + 0.2 must not leak into a 千円 column.
 */
import { isMissing, normalizeWidth, type Message, type Parsed } from './cell-text';
import { parseFiscalYear } from './fiscal-year';

export { isMissing, normalizeWidth, type Message, type Parsed } from './cell-text';

/** Money units Hyoka reads, with the power of ten that takes each to 千円. */
const PLACES_TO_THOUSAND_YEN = { 円: -3, 千円: 0, 万円: 1, 百万円: 3, 千万円: 4, 億円: 5 } as const;
export type MoneyUnit = keyof typeof PLACES_TO_THOUSAND_YEN;

const fail = (ja: string, en: string): { ok: false; error: Message } => ({ ok: false, error: { ja, en } });
const missing = { ok: true, value: null } as const;

/** Shown text of a cell in messages: as written, so the official can find it in the sheet. */
const quote = (raw: string) => raw.trim();

const PLAIN_DECIMAL = /^(\d+|\d{1,3}(?:,\d{3})+)?(?:\.(\d+))?$/;
const COMMA_DECIMAL = /^[\d,]+(?:\.\d+)?$/;
const SCIENTIFIC = /^(?:\d+\.?\d*|\.\d+)e[+-]?\d+$/i;

/** Canonical form: no leading zeros, no trailing fractional zeros, no "-0". */
function canonical(negative: boolean, int: string, frac: string): string {
  const i = int.replace(/^0+/, '') || '0';
  const f = frac.replace(/0+$/, '');
  const body = f === '' ? i : `${i}.${f}`;
  return negative && body !== '0' ? `-${body}` : body;
}

/** parseDecimal on already-normalised text; `shown` is what messages quote. */
function decimalFrom(s: string, shown: string): Parsed<string> {
  let negative = false;
  let body = s;
  if (body.startsWith('△') || body.startsWith('▲')) {
    // Accounting marks for a negative figure; a space after them is common in printed tables.
    negative = true;
    body = body.slice(1).trimStart();
  } else if (body.startsWith('-') || body.startsWith('+')) {
    negative = body.startsWith('-');
    body = body.slice(1);
  }

  const m = PLAIN_DECIMAL.exec(body);
  if (m && (m[1] !== undefined || m[2] !== undefined)) {
    return { ok: true, value: canonical(negative, (m[1] ?? '').replaceAll(',', ''), m[2] ?? '') };
  }
  if (COMMA_DECIMAL.test(body)) {
    return fail(`「${shown}」の桁区切り（,）の位置が正しくありません（例: 1,234,567）`, `"${shown}" has misplaced thousands separators (e.g. 1,234,567)`);
  }
  if (SCIENTIFIC.test(body)) {
    return fail(
      `「${shown}」は指数表記です。数字をそのまま書いてください（例: 100000）`,
      `"${shown}" is in scientific notation; write the number out in full (e.g. 100000)`,
    );
  }
  return fail(`「${shown}」は数値として読めません（例: 1,234、△12、0.5）`, `"${shown}" is not a number (e.g. 1,234, △12, 0.5)`);
}

/** An exact canonical decimal string: '１，２３４' → '1234', '△12' → '-12', '0.10' → '0.1'. */
export function parseDecimal(raw: string | null | undefined): Parsed<string> {
  if (raw === null || raw === undefined || isMissing(raw)) return missing;
  return decimalFrom(normalizeWidth(raw), quote(raw));
}

// A sign, then digits with separators; the rest of the cell is the unit.
const QUANTITY = /^([+\-△▲]?\s*[\d.,]+)(.*)$/s;
// A unit holds no digits — except square/cubic metres, which NFKC spells m2/m3 (㎡, ㎥, ㎢).
const UNIT = /^(?:\D*|\D*m[23])$/;

export type Quantity = { value: string; unit: string | null };

/** parseQuantity on already-normalised, non-missing text; `shown` is what messages quote. */
function quantityFrom(s: string, shown: string): Parsed<Quantity> {
  // 1.2E+05 would otherwise read as 1.2 with the "unit" E+05: say what it really is.
  if (SCIENTIFIC.test(s)) {
    const number = decimalFrom(s, shown);
    if (!number.ok) return number;
  }
  const m = QUANTITY.exec(s);
  const unit = m?.[2]?.trim() ?? '';
  if (!m?.[1] || !UNIT.test(unit)) {
    return fail(
      `「${shown}」は数量として読めません。数値の後に単位を書いてください（例: 818千円、0.1人、133.3%）`,
      `"${shown}" is not a quantity: write the number, then the unit (e.g. 818千円, 0.1人, 133.3%)`,
    );
  }
  const number = decimalFrom(m[1].trim(), shown);
  if (!number.ok) return number;
  if (number.value === null) return missing;
  return { ok: true, value: { value: number.value, unit: unit === '' ? null : unit } };
}

/** A figure with an optional trailing unit: '818千円' → 818 千円, '133.3％' → 133.3 %, '1,234' → no unit. */
export function parseQuantity(raw: string | null | undefined): Parsed<Quantity> {
  if (raw === null || raw === undefined || isMissing(raw)) return missing;
  return quantityFrom(normalizeWidth(raw), quote(raw));
}

// The year in brackets at the end: 2団体 (令和2年度). NFKC has already made （） into ().
const BASELINE = /^(.*?)\s*\((.*)\)$/s;

/** The sheet's 現状値: a quantity and, in brackets, the fiscal year it was measured in. */
export function parseBaseline(raw: string | null | undefined): Parsed<Quantity & { fiscalYear: number | null }> {
  if (raw === null || raw === undefined || isMissing(raw)) return missing;
  const s = normalizeWidth(raw);
  const m = BASELINE.exec(s);
  const figure = m ? (m[1] ?? '') : s;
  // No figure at all ("― (令和2年度)"): a year alone is no baseline.
  if (isMissing(figure)) return missing;
  const quantity = quantityFrom(figure, quote(raw));
  if (!quantity.ok) return quantity;
  if (quantity.value === null) return missing;
  const year = m ? parseFiscalYear(m[2]) : missing;
  if (!year.ok) return year;
  return { ok: true, value: { ...quantity.value, fiscalYear: year.value } };
}

/**
 * Moves the decimal point of an exact decimal string: places > 0 multiplies by 10^places,
 * places < 0 divides. Done on the digits, so no float rounding ever enters a money column.
 */
export function shiftDecimal(value: string, places: number): string {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(value);
  if (!m || !Number.isInteger(places)) {
    throw new RangeError(`shiftDecimal(${JSON.stringify(value)}, ${places}): expected a decimal string and an integer`);
  }
  const int = m[2] ?? '';
  const digits = int + (m[3] ?? '');
  const point = int.length + places;
  // Pad with zeros on whichever side the point moves past the digits.
  const padded = point <= 0 ? '0'.repeat(1 - point) + digits : digits.padEnd(point, '0');
  const at = Math.max(point, 1);
  return canonical(m[1] === '-', padded.slice(0, at), padded.slice(at));
}

/** Money in 千円 (the unit Hyoka stores), exact: '818,000円' → '818', '1.25百万円' → '1250'. */
export function toThousandYen(raw: string | null | undefined, defaultUnit: MoneyUnit = '千円'): Parsed<string> {
  const quantity = parseQuantity(raw);
  if (!quantity.ok) return quantity;
  if (quantity.value === null) return missing;
  const unit = quantity.value.unit ?? defaultUnit;
  if (!Object.hasOwn(PLACES_TO_THOUSAND_YEN, unit)) {
    const shown = quote(raw ?? '');
    const units = Object.keys(PLACES_TO_THOUSAND_YEN).join('、');
    return fail(
      `「${shown}」の単位「${unit}」は金額の単位ではありません（${units}）`,
      `"${shown}" has the unit "${unit}", which is not money (${units.replaceAll('、', ', ')})`,
    );
  }
  return { ok: true, value: shiftDecimal(quantity.value.value, PLACES_TO_THOUSAND_YEN[unit as MoneyUnit]) };
}

/** A percentage as its number: '133.3%', '133.3％' and '133.3' all → '133.3'. */
export function parsePercent(raw: string | null | undefined): Parsed<string> {
  const quantity = parseQuantity(raw);
  if (!quantity.ok) return quantity;
  if (quantity.value === null) return missing;
  if (quantity.value.unit !== null && quantity.value.unit !== '%') {
    const shown = quote(raw ?? '');
    return fail(`「${shown}」は割合として読めません（例: 133.3%）`, `"${shown}" is not a percentage (e.g. 133.3%)`);
  }
  return { ok: true, value: quantity.value.value };
}

/**
 * A population typed into the settings form: '101,381', '１０１３８１' or '' (unset).
 * Whole people only, and below 50 million (no Japanese municipality comes close).
 */
export function parsePopulationInput(raw: string): { ok: true; value: number | null } | { ok: false } {
  if (raw.trim() === '') return { ok: true, value: null };
  const parsed = parseDecimal(raw.replace(/人$/, ''));
  if (!parsed.ok || parsed.value === null || !/^\d+$/.test(parsed.value)) return { ok: false };
  const value = Number(parsed.value);
  return value > 0 && value < 50_000_000 ? { ok: true, value } : { ok: false };
}
