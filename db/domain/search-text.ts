/**
 * The search's idea of "the same text": NFKC (ｶﾞｯｺｳ = ガッコウ, ＡＢＣ１ = abc1) and lowercase, as the
 * generated `search_text` columns hold it in SQL (lower(normalize(…, NFKC)), migration 0007).
 * Queries are split into terms on spaces; every term must match somewhere. Japanese needs no
 * spaces: a term matches anywhere inside a word (子育て matches 子育て支援事業).
 */

/** Terms beyond these are ignored: a pasted paragraph should not become a hundred LIKEs. */
export const MAX_TERMS = 8;
export const MAX_TERM_CHARS = 64;

export function normalizeSearchText(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** `"子育て　ＳＤＧｓ  子育て"` → ['子育て', 'sdgs']: normalised, split on any space, deduplicated. */
export function searchTerms(query: string | undefined): string[] {
  if (!query) return [];
  const terms = normalizeSearchText(query)
    .split(/\s+/u)
    .filter((t) => t !== '')
    .map((t) => [...t].slice(0, MAX_TERM_CHARS).join(''));
  return [...new Set(terms)].slice(0, MAX_TERMS);
}

/** `50%_off` → `%50\%\_off%`: a LIKE pattern matching the term literally anywhere (escape `\`). */
export function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Longest term answered by the n-gram index (migration 0008): shorter than any trigram. */
export const NGRAM_MAX_CHARS = 2;

/**
 * Whether the n-gram index can answer `term` (one or two characters): `search_ngrams` holds
 * every such piece of the text, except where U+001F, its own cutting mark, falls.
 */
export function isNgramTerm(term: string): boolean {
  const chars = [...term].length;
  return chars >= 1 && chars <= NGRAM_MAX_CHARS && !term.includes('\u001f');
}

export interface TextSegment {
  text: string;
  match: boolean;
}

/**
 * A character with the marks that NFKC may fold into it (combining marks, the half-width
 * ﾞ and ﾟ): normalised as a unit so that ｶﾞ becomes ガ, as whole-string NFKC does.
 */
const CLUSTER = /.[\p{M}\uFF9E\uFF9F]*/gsu;

/**
 * The normalised text and, for each of its UTF-16 units, the [start, end) in the original text
 * of the character it came from: a match found in the normalised text is marked in the original.
 */
function normalizedWithMap(text: string): { normalized: string; starts: number[]; ends: number[] } {
  let normalized = '';
  const starts: number[] = [];
  const ends: number[] = [];
  for (const m of text.matchAll(CLUSTER)) {
    const piece = normalizeSearchText(m[0]);
    const start = m.index ?? 0;
    for (let i = 0; i < piece.length; i++) {
      starts.push(start);
      ends.push(start + m[0].length);
    }
    normalized += piece;
  }
  return { normalized, starts, ends };
}

/** Where the terms occur in `text`, as merged [start, end) ranges of the original text. */
export function matchRanges(text: string, terms: readonly string[]): [number, number][] {
  const { normalized, starts, ends } = normalizedWithMap(text);
  const ranges: [number, number][] = [];
  for (const term of terms) {
    if (term === '') continue;
    for (let at = normalized.indexOf(term); at >= 0; at = normalized.indexOf(term, at + term.length)) {
      ranges.push([starts[at]!, ends[at + term.length - 1]!]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: [number, number][] = [];
  for (const [start, end] of ranges) {
    const last = merged.at(-1);
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

/** The text cut into plain and matching pieces (for <mark>; nothing here is HTML). */
export function highlight(text: string, terms: readonly string[]): TextSegment[] {
  const segments: TextSegment[] = [];
  let at = 0;
  for (const [start, end] of matchRanges(text, terms)) {
    if (start > at) segments.push({ text: text.slice(at, start), match: false });
    segments.push({ text: text.slice(start, end), match: true });
    at = end;
  }
  if (at < text.length) segments.push({ text: text.slice(at), match: false });
  return segments;
}

/**
 * A long text shortened to about `radius` characters either side of its first match, with `…`
 * where it was cut, then highlighted; the whole text when it is short or nothing matches there.
 */
export function snippet(text: string, terms: readonly string[], radius = 60): TextSegment[] {
  const first = matchRanges(text, terms)[0];
  if (text.length <= radius * 2 || !first) return highlight(text.length <= radius * 2 ? text : `${text.slice(0, radius * 2)}…`, terms);
  const start = Math.max(0, first[0] - radius);
  const end = Math.min(text.length, first[1] + radius);
  const cut = `${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}`;
  return highlight(cut, terms);
}
