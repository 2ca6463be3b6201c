/**
 * One column model per export, shared by the CSV and the .xlsx writer so the two files cannot
 * drift: each column names its Japanese and English header, the kind of value it holds and how
 * to read that value from a row. The kind decides both the CSV text and the workbook cell.
 */
import { plainDecimal, safeCell } from './cells';

/**
 * - `text`: a string, neutralised against formulas in both files.
 * - `money`: 千円 as the exact decimal string the database holds.
 * - `yen`: a yen amount (cost per citizen), rounded to 0.01 円.
 * - `percent`: a ratio as a fraction (1.333 = 133.3 %), rounded to 0.1 %.
 * - `integer`, `year`: whole numbers (a fiscal year is written 2024, no separators).
 * - `decimal`: an exact decimal string of any unit; a non-numeric string is kept as text.
 */
export type ColumnKind = 'text' | 'money' | 'yen' | 'percent' | 'integer' | 'year' | 'decimal';

export type ColumnValue = string | number | null | undefined;

export interface Column<R> {
  ja: string;
  en: string;
  kind: ColumnKind;
  value: (row: R) => ColumnValue;
}

const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

function finite(value: ColumnValue): number | null {
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) && value !== '' ? n : null;
}

/** Rounded to `digits`; a tiny fall rounds to 0.0, not -0.0 (Excel has no negative zero). */
function fixed(value: number, digits: number): string {
  const text = value.toFixed(digits);
  return /^-0\.?0*$/.test(text) ? text.slice(1) : text;
}

/** The CSV cell of a value: numbers without separators or units, text through `safeCell`. */
export function csvCell(kind: ColumnKind, value: ColumnValue): string {
  if (value === null || value === undefined) return '';
  switch (kind) {
    case 'money':
    case 'decimal':
      return PLAIN_NUMBER.test(String(value)) ? plainDecimal(String(value)) : safeCell(String(value));
    case 'yen':
      return finite(value) === null ? '' : fixed(finite(value)!, 2);
    case 'percent':
      return finite(value) === null ? '' : fixed(finite(value)! * 100, 1);
    case 'integer':
    case 'year':
      return finite(value) === null ? safeCell(String(value)) : String(finite(value));
    default:
      return safeCell(String(value));
  }
}

/**
 * The workbook cell of a value: the number the CSV cell reads as (a percentage as its fraction,
 * so 133.3 in the CSV is 1.333 shown as 133.3%), or the very same text the CSV cell holds —
 * formula-like text keeps the CSV's leading apostrophe, so a row copied between the two files
 * (or pasted back into a CSV) stays safe. Money beyond a double's 15 digits loses precision here
 * only; the CSV keeps it exact.
 */
export function xlsxCell(kind: ColumnKind, value: ColumnValue): string | number | null {
  const text = csvCell(kind, value);
  if (text === '') return null;
  if (kind === 'text' || !PLAIN_NUMBER.test(text)) return text;
  // `133.3e-2` parses to the double nearest 1.333, where 133.3 / 100 would be 1.3330000000000002.
  return Number(kind === 'percent' ? `${text}e-2` : text);
}

/**
 * Excel number formats as Japanese offices print figures: 1,234千円, 8円, 133.3%, 2024. The
 * unit stays in the cell's format (the value stays a plain number for sums and filters), as on
 * the dashboard; the header names it too, as the CSV's does.
 */
export const NUMBER_FORMATS: Record<ColumnKind, string | undefined> = {
  text: undefined,
  money: '#,##0"千円"',
  yen: '#,##0"円"',
  percent: '0.0%',
  integer: '#,##0',
  year: '0',
  decimal: undefined, // figures of any unit and precision: Excel's General shows them as written
};

export function csvRecord<R>(columns: Column<R>[], row: R): string[] {
  return columns.map((c) => csvCell(c.kind, c.value(row)));
}

export function csvHeader<R>(columns: Column<R>[]): string[] {
  return columns.map((c) => safeCell(c.ja));
}
