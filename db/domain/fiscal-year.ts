/**
 * Fiscal years (年度). A Japanese fiscal year starts on 1 April; Hyoka stores it as the integer
 * Western year in which it starts (令和4年度 = 2022) and shows it as officials write it.
 */
import { isMissing, normalizeWidth, type Message, type Parsed } from './cell-text';

export type Era = '大正' | '昭和' | '平成' | '令和';
export type EraLetter = 'T' | 'S' | 'H' | 'R';

/** Fiscal years Hyoka accepts, in Western years. */
export const MIN_FISCAL_YEAR = 1900;
export const MAX_FISCAL_YEAR = 2100;

interface EraInfo {
  era: Era;
  letter: EraLetter;
  /** The calendar year of 元年: 令和N = firstYear − 1 + N. */
  firstYear: number;
  /** The highest era year read: the era's last calendar year (令和: up to MAX_FISCAL_YEAR). */
  lastYear: number;
  /**
   * The first fiscal year named in this era. A fiscal year takes the era in force on 1 April,
   * so 昭和元年 (one week of 1926) names no fiscal year: FY1926 is 大正15年度, FY1927 昭和2年度.
   * FY2019 began under 平成 but was renamed 令和元年度 by the government itself.
   */
  firstFiscalYear: number;
}

// Newest first, so the first era starting at or before a year is the one it falls in.
const ERAS: readonly EraInfo[] = [
  { era: '令和', letter: 'R', firstYear: 2019, lastYear: MAX_FISCAL_YEAR - 2018, firstFiscalYear: 2019 },
  { era: '平成', letter: 'H', firstYear: 1989, lastYear: 31, firstFiscalYear: 1989 },
  { era: '昭和', letter: 'S', firstYear: 1926, lastYear: 64, firstFiscalYear: 1927 },
  { era: '大正', letter: 'T', firstYear: 1912, lastYear: 15, firstFiscalYear: 1913 },
];

const fail = (ja: string, en: string): { ok: false; error: Message } => ({ ok: false, error: { ja, en } });

const notAFiscalYear = (shown: string) =>
  fail(`「${shown}」は年度として読めません（例: 令和4年度, R4, 2022）`, `"${shown}" is not a fiscal year (e.g. 令和4年度, R4, 2022)`);

const KANJI_DIGITS = '一二三四五六七八九';

/** 一 … 九十九 (as in 令和四年度, 平成三十一年度); null for anything else. */
function kanjiNumber(s: string): number | null {
  const m = /^([一二三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(s);
  if (!m || s === '') return null;
  const digit = (c: string | undefined) => (c === undefined ? 0 : KANJI_DIGITS.indexOf(c) + 1);
  if (m[2] === undefined) return m[3] === undefined ? digit(m[1]) : null; // 四五 is not a number
  return (m[1] === undefined ? 1 : digit(m[1])) * 10 + digit(m[3]);
}

// 年度末 ("end of the fiscal year") still names the year: baselines are often dated that way.
const YEAR_SUFFIX = String.raw`\s*(?:年度末?|年)?`;
const WESTERN = new RegExp(String.raw`^(?:FY\s*)?(\d{4})${YEAR_SUFFIX}$`, 'i');
const ERA_YEAR = new RegExp(String.raw`^(令和|平成|昭和|大正|[RHST])\s*(元|\d+|[${KANJI_DIGITS}十]+)${YEAR_SUFFIX}$`, 'i');

/** One fiscal year in normalised text, with no bracketed alternative. */
function readYear(s: string, shown: string): Parsed<number> {
  const western = WESTERN.exec(s);
  if (western) return checkWestern(Number(western[1]), shown);

  const m = ERA_YEAR.exec(s);
  const info = m && ERAS.find((e) => e.era === m[1] || e.letter === m[1]?.toUpperCase());
  const n = !m ? null : m[2] === '元' ? 1 : /^\d+$/.test(m[2] ?? '') ? Number(m[2]) : kanjiNumber(m[2] ?? '');
  if (!info || n === null) return notAFiscalYear(shown);
  if (n < 1 || n > info.lastYear) {
    return fail(
      `「${shown}」は範囲外の年度です（${info.era}は元年〜${info.lastYear}年）`,
      `"${shown}" is out of range: ${info.era} years run from 1 to ${info.lastYear} (${info.letter}1–${info.letter}${info.lastYear})`,
    );
  }
  return { ok: true, value: info.firstYear - 1 + n };
}

function checkWestern(year: number, shown: string): Parsed<number> {
  if (!Number.isInteger(year)) return notAFiscalYear(shown);
  if (year < MIN_FISCAL_YEAR || year > MAX_FISCAL_YEAR) {
    return fail(
      `「${shown}」は範囲外の年度です（${MIN_FISCAL_YEAR}〜${MAX_FISCAL_YEAR}年度）`,
      `"${shown}" is out of range (fiscal years ${MIN_FISCAL_YEAR}–${MAX_FISCAL_YEAR})`,
    );
  }
  return { ok: true, value: year };
}

// Official documents pair the two calendars: 令和4(2022)年度, 2022(令和4)年度, 令和4年度 (2022).
const WITH_ALTERNATIVE = /^(.*?)\s*\(([^()]*)\)\s*(.*)$/;
// The sheet marks an open-ended start year with a trailing wave dash: 昭和44年度 ~ (～ is ~ after NFKC).
const TRAILING_WAVE = /\s*[~〜]$/;

/**
 * A fiscal year as the Western year it starts in: 2022, '２０２２年度', 'FY2022', '令和4年度',
 * '令和元年度', '令和四年度', 'R4', 'Ｒ０４', 'H31', '昭和44年度 ~', '令和4(2022)年度' → 2022 etc.
 * Era years beyond an era's end are rejected (平成32, 昭和65), except the sanity bound on 令和.
 */
export function parseFiscalYear(raw: string | number | null | undefined): Parsed<number> {
  if (typeof raw === 'number') return checkWestern(raw, String(raw));
  if (raw === null || raw === undefined || isMissing(raw)) return { ok: true, value: null };
  const shown = raw.trim();
  const s = normalizeWidth(raw).replace(TRAILING_WAVE, '');

  const pair = WITH_ALTERNATIVE.exec(s);
  if (!pair) return readYear(s, shown);
  // Read both calendars; the bracket must agree with the rest, or one of them is a typo.
  const main = readYear(`${pair[1]}${pair[3]}`, shown);
  const alternative = readYear(pair[2] ?? '', shown);
  if (!main.ok || !alternative.ok) return notAFiscalYear(shown);
  if (main.value !== alternative.value) {
    return fail(
      `「${shown}」は和暦と西暦が一致しません（${main.value}年度と${alternative.value}年度）`,
      `"${shown}": the two years disagree (FY${main.value} and FY${alternative.value})`,
    );
  }
  return main;
}

// Between the two ends of a period: 令和2年度～令和6年度, R2-R6, 2020〜2024, 令和2年度から令和6年度.
const RANGE_SEPARATOR = /\s*(?:~|〜|から|[-\u2010\u2013\u2014\u2015\u2212ー])\s*/;
// An end written as "still running" rather than a year.
const OPEN_END = new Set(['未定', '終期なし', '終期未定', '継続', '現在']);
// "令和2～6年度": the end borrows the start's era.
const ERA_PREFIX = /^(令和|平成|昭和|大正|[RHST])/i;
const BARE_ERA_YEAR = new RegExp(String.raw`^(?:元|\d{1,2}|[${KANJI_DIGITS}十]+)${YEAR_SUFFIX}$`);

/**
 * A period of fiscal years: '令和2年度～令和6年度' → 2020–2024, '令和2年度～' → open end
 * (to: null), 'R2-6' → 2020–2024. A single year is a one-year period.
 */
export function parseFiscalYearRange(raw: string | null | undefined): Parsed<{ from: number; to: number | null }> {
  if (raw === null || raw === undefined || isMissing(raw)) return { ok: true, value: null };
  const shown = raw.trim();
  const s = normalizeWidth(raw);
  const notARange = fail(
    `「${shown}」は年度の期間として読めません（例: 令和2年度～令和6年度, R2-R6, 2020〜2024）`,
    `"${shown}" is not a period of fiscal years (e.g. 令和2年度～令和6年度, R2-R6, 2020〜2024)`,
  );

  const separator = RANGE_SEPARATOR.exec(s);
  const start = separator ? s.slice(0, separator.index) : s;
  let end = separator ? s.slice(separator.index + separator[0].length).replace(/^\((.*)\)$/, '$1') : start;
  if (start === '') return notARange;

  const from = parseFiscalYear(start);
  if (!from.ok) return from;
  if (from.value === null) return notARange;

  const era = ERA_PREFIX.exec(start);
  if (era && BARE_ERA_YEAR.test(end)) end = era[1] + end;
  const to = OPEN_END.has(end) ? { ok: true as const, value: null } : parseFiscalYear(end);
  if (!to.ok) return to;
  if (to.value !== null && to.value < from.value) {
    return fail(`「${shown}」は終わりの年度が始まりより前です`, `"${shown}" ends before it starts`);
  }
  return { ok: true, value: { from: from.value, to: to.value } };
}

/**
 * The era and era year a fiscal year is named by: FY2019 → 令和1, FY1989 → 平成1, FY1988 → 昭和63.
 * Throws RangeError before FY1913 (明治, which Hyoka does not name) and for non-integers.
 */
export function toEra(fy: number): { era: Era; eraLetter: EraLetter; year: number } {
  const info = Number.isInteger(fy) ? ERAS.find((e) => fy >= e.firstFiscalYear) : undefined;
  if (!info) throw new RangeError(`toEra(${fy}): no era name for this fiscal year`);
  return { era: info.era, eraLetter: info.letter, year: fy - info.firstYear + 1 };
}

const hasEra = (fy: number) => Number.isInteger(fy) && fy >= (ERAS.at(-1)?.firstFiscalYear ?? Infinity);

/**
 * As officials write it: '令和4年度', '令和元年度', with `western` '令和4年度 (2022)'; in English
 * 'FY2022'. Years before any era name fall back to the Western form ('1905年度').
 */
export function formatFiscalYear(fy: number, opts: { locale?: 'ja' | 'en'; western?: boolean } = {}): string {
  if (opts.locale === 'en' || !hasEra(fy)) return opts.locale === 'en' ? `FY${fy}` : `${fy}年度`;
  const { era, year } = toEra(fy);
  const name = `${era}${year === 1 ? '元' : year}年度`;
  return opts.western ? `${name} (${fy})` : name;
}

/** The short form used in tables and axes: 'R4', 'H31' (the Western year before any era name). */
export function eraShort(fy: number): string {
  if (!hasEra(fy)) return String(fy);
  const { eraLetter, year } = toEra(fy);
  return `${eraLetter}${year}`;
}
