/**
 * Number formatting as Japanese officials write it: 1,234千円, 8円, 133.3%, 令和4年度 (2022).
 * The one place the UI turns figures into text.
 */
import { formatFiscalYear } from '@/db/domain/fiscal-year';

const integer = new Intl.NumberFormat('ja-JP', { maximumFractionDigits: 0 });

/** 千円 amounts, e.g. `1,234千円`. Accepts the exact decimal strings the database returns. */
export function formatThousandYen(value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  return `${integer.format(Number(value))}千円`;
}

/**
 * Large 千円 totals also read as 億円/万円 for executives: 12,345,678千円 → 約123.5億円.
 * Returns null below 1億円, where 千円 is already readable.
 */
export function approxOku(value: string | number | null | undefined): string | null {
  if (value === null || value === undefined || value === '') return null;
  const oku = Number(value) / 100_000; // 1億円 = 100,000千円
  if (Math.abs(oku) < 1) return null;
  return `約${new Intl.NumberFormat('ja-JP', { maximumFractionDigits: 1 }).format(oku)}億円`;
}

/** 円 amounts, rounded to whole yen: `8円`, `12,345円`. */
export function formatYen(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return `${integer.format(Math.round(value))}円`;
}

/** A ratio as a percentage with one decimal: 1.3333 → `133.3%`. Undefined → `—`. */
export function formatPercent(ratio: number | null | undefined, digits = 1): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return '—';
  return `${(ratio * 100).toFixed(digits)}%`;
}

export function formatCount(value: number | null | undefined, unit = ''): string {
  if (value === null || value === undefined) return '—';
  return `${integer.format(value)}${unit}`;
}

/** `令和4年度 (2022)`: the era the sheets use, with the Western year for everyone else. */
export function formatYear(fiscalYear: number): string {
  return formatFiscalYear(fiscalYear, { western: true });
}

export function formatYearShort(fiscalYear: number): string {
  return formatFiscalYear(fiscalYear);
}

/** The fiscal year in the reader's language: `令和4年度 (2022)` or `FY2022`. */
export function formatYearIn(fiscalYear: number, locale: 'ja' | 'en'): string {
  return locale === 'en' ? formatFiscalYear(fiscalYear, { locale: 'en' }) : formatYear(fiscalYear);
}

/** A change as a signed percentage: 0.056 → `+5.6%`, -0.1 → `−10.0%`. Undefined → `—`. */
export function formatChange(ratio: number | null | undefined, digits = 1): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return '—';
  const text = Math.abs(ratio * 100).toFixed(digits);
  if (Number(text) === 0) return `±${text}%`;
  return `${ratio > 0 ? '+' : '−'}${text}%`;
}

/** Plain numbers with separators and up to `maxDigits` decimals: `0.10` → `0.1`, `101381` → `101,381`. */
export function formatNumber(value: string | number | null | undefined, unit = '', maxDigits = 2): string {
  if (value === null || value === undefined || value === '' || !Number.isFinite(Number(value))) return '—';
  return `${new Intl.NumberFormat('ja-JP', { maximumFractionDigits: maxDigits }).format(Number(value))}${unit}`;
}

/**
 * A moment as Japanese offices write it, in Japan's time whatever the server's zone:
 * `2025年4月1日 9:05` (ja) or `Apr 1, 2025, 09:05 JST` (en).
 */
export function formatDateTime(value: Date | string | null | undefined, locale: 'ja' | 'en' = 'ja'): string {
  if (value === null || value === undefined || value === '') return '—';
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return '—';
  if (locale === 'en') {
    const text = new Intl.DateTimeFormat('en-US', {
      timeZone: 'Asia/Tokyo',
      year: 'numeric',
      month: 'short',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(date);
    return `${text} JST`;
  }
  return new Intl.DateTimeFormat('ja-JP', {
    timeZone: 'Asia/Tokyo',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  }).format(date);
}

/** File sizes: `812 B`, `12.3 KB`, `4.5 MB` (1 KB = 1,024 bytes, as file managers show). */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) return '—';
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/**
 * A 千円 amount in 万円/億円 rounded for a chart axis: 100千円 → `10万円`, 10,000千円 →
 * `1,000万円`, 36,215,668千円 → `362億円`. Not for tables (use formatThousandYen).
 */
export function formatThousandYenShort(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const short = new Intl.NumberFormat('ja-JP', { maximumFractionDigits: 1 });
  if (Math.abs(value) >= 100_000) return `${short.format(value / 100_000)}億円`; // 1億円 = 100,000千円
  if (value === 0) return '0円';
  return `${short.format(value / 10)}万円`; // 1万円 = 10千円
}

/**
 * A change between two ratios in percentage points: 0.023 → `+2.3pt` (ポイント, as white papers
 * write a change of a rate). Undefined → `—`.
 */
export function formatPointChange(difference: number | null | undefined, digits = 1): string {
  if (difference === null || difference === undefined || !Number.isFinite(difference)) return '—';
  const text = Math.abs(difference * 100).toFixed(digits);
  if (Number(text) === 0) return `±${text}pt`;
  return `${difference > 0 ? '+' : '−'}${text}pt`;
}

/** A day as officials write it: 2026年12月4日 (Japan time), or Dec 4, 2026. */
export function formatDate(value: Date | null | undefined, locale: 'ja' | 'en' = 'ja'): string {
  if (!value || Number.isNaN(value.getTime())) return '—';
  return new Intl.DateTimeFormat(locale === 'ja' ? 'ja-JP' : 'en-US', { timeZone: 'Asia/Tokyo', dateStyle: 'long' }).format(value);
}
