/**
 * What one import accepts, in one place (the web upload, the CLI and the importer itself).
 * Real files are far inside these: a city's five years of sheets is a few MB, ~150 columns,
 * review texts of a few thousand characters and project costs up to some 十億円. Beyond them a
 * file is not a sheet export (a database dump, columns pasted sideways, a cell that swallowed a
 * file) and one clear refusal beats minutes of parsing and a page of noise.
 */

/**
 * Largest file the importer reads, in bytes: the whole file is held as one string, and V8's
 * strings stop at ~512 M characters. A 100,000-row portfolio (npm run bench, npm run load) is
 * ~130 MB. The CLI checks the size before reading the file; the web page has its own, smaller
 * limit (app/imports/_lib/limits.ts: an upload is held in the server's memory).
 */
export const MAX_FILE_BYTES = 256 * 1024 * 1024;
export const MAX_FILE_TEXT = '256 MB';

/** Most columns in the header row. */
export const MAX_COLUMNS = 1000;

/** Longest single value, in characters (a long 事業内容 is ~3,000). */
export const MAX_CELL_CHARS = 20_000;

/** Largest amount of money for one project and year, in 千円: 1兆円 (a whole prefecture's budget). */
export const MAX_MONEY_THOUSAND_YEN = 1_000_000_000;

/** `104857600` → `100.0 MB` (the unit MAX_FILE_TEXT is written in). */
export function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * The importer's V8 heap limit, in MB, set by `npm run import` (package.json) and by the bench and
 * load scripts that run it. A streamed import keeps little alive (≈95 MB of heap at the end of a
 * 1 M-row file, mostly kept-state.ts), but left to V8's default limit (≈4 GB here) the garbage of
 * a long import piles up to ≈1 GB before the collector works hard; at 384 MB a 1 M-row file peaks
 * at ≈360 MB of RSS. What is kept grows with the projects in the file, so a file of many millions
 * of rows may need more: `node --max-old-space-size=2048 --import tsx scripts/import.ts …`.
 */
export const IMPORT_HEAP_MB = 384;
/** The node flags of an import process (keep in step with package.json's "import" script). */
export const IMPORT_NODE_FLAGS = [`--max-old-space-size=${IMPORT_HEAP_MB}`, '--import', 'tsx'];
