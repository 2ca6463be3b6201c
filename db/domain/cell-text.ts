/**
 * A cell's text before any parsing: widths unified, the markers officials use for "nothing here",
 * and the bilingual message and parse result every parser returns. Its own module so that the
 * number and fiscal-year parsers can both build on it without importing each other.
 */

/** A message for the person who wrote the sheet, in both of the app's languages. */
export interface Message {
  ja: string;
  en: string;
}

/** `value: null` — the cell holds a missing marker; `ok: false` — text is present but not valid. */
export type Parsed<T> = { ok: true; value: T | null } | { ok: false; error: Message };

/**
 * Full-width digits, letters, punctuation and spaces → ASCII, trimmed. NFKC does the bulk, so it
 * also rewrites compatibility characters: Ⅳ → IV, ① → 1, ㎡ → m2, … → ... — harmless for the
 * numbers, codes and years this is used on. Minus-like dashes become '-' only in front of a digit,
 * where they can only be a sign: elsewhere (―, ー) they are missing markers or range separators.
 */
export function normalizeWidth(s: string): string {
  // Plain ASCII is its own NFKC form (and has no minus-like dash): the common case, made cheap.
  if (PLAIN_ASCII.test(s)) return s.trim();
  return s
    .normalize('NFKC')
    .replace(/[\u2212\u2010\u2011\uFF0D](?=\d)/g, '-')
    .trim();
}

const PLAIN_ASCII = /^[\x20-\x7e]*$/;
/** Characters a dash or dot run can start with before NFKC (full-width, vertical, leaders). */
const MARKER_START = /^\s*(?:$|[-.\u2010-\u2015\u2024-\u2026\u2212\u2500\u2501\u30fc\ufe19\ufe30-\ufe32\ufe52\ufe58\ufe63\uff0d\uff0e\uff70])/;

// After normalizeWidth: full-width － is already '-', halfwidth ｰ is already ー.
const DASH_MARKER = /^[-\u2010\u2011\u2013\u2014\u2015\u2212\u2500\u2501ー]+$/;
// NFKC turns … into "..." and ‥ into "..".
const ELLIPSIS_MARKER = /^\.{2,}$/;
const WORD_MARKERS = new Set(['該当なし', '該当無し', 'なし', '無し', 'N/A', '#N/A', 'NA']);

/** True for an empty cell or one of the markers officials use for "nothing here" (―, 該当なし, N/A…). */
export function isMissing(raw: string | null | undefined): boolean {
  if (raw === null || raw === undefined) return true;
  // A long value is "not stated" only as a run of dashes or dots (the word markers are short):
  // anything else is a value, known without normalising the whole text.
  if (raw.length > 12 && !MARKER_START.test(raw)) return false;
  const s = normalizeWidth(raw);
  return s === '' || DASH_MARKER.test(s) || ELLIPSIS_MARKER.test(s) || WORD_MARKERS.has(s.toUpperCase());
}
