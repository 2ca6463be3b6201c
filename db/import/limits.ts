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

/**
 * Workbooks (.xlsx) are checked while they are read (db/import/read-xlsx.ts): a workbook is
 * compressed, so its size on disk says nothing about what it unpacks to (a 585 kB file can hold
 * one 600 MB string), and the sheet is held whole as a grid before its profile maps it. The
 * numbers leave real files far inside: 大船渡市's workbook (407 projects × 6 years) is 409 rows ×
 * 210 columns of which 70,153 cells hold a value, with 2 MB of shared strings and 9.6 MB of sheet XML.
 */
export const XLSX_LIMITS = {
  /**
   * Cells holding a value in the sheet read (after merged ranges are filled in): 1 M is fourteen
   * 大船渡市 workbooks in one sheet; the sheet is held whole as a grid, then mapped, so this is what
   * bounds the reader's memory (a 3.2 M-cell sheet took the server from 0.9 to 2.4 GB).
   */
  cells: 1_000_000,
  /** Rows holding a value: one row per project (or per indicator): a prefecture's cities in one sheet. */
  rows: 100_000,
  /** Columns: the same as a CSV header's (a column past it holding a value is refused). */
  columns: MAX_COLUMNS,
  /**
   * Longest text in the workbook, in characters: Excel itself holds at most 32,767 characters
   * in a cell, so a longer one was not written by Excel. (A cell on the sheet read is also held to
   * MAX_CELL_CHARS, with its row and column, like a CSV value.)
   */
  stringChars: 32_767,
  /**
   * All text of the shared-strings table and of the sheet's own strings, in characters: the
   * whole grid's text, 64 M characters being ≈128 MB in the heap at worst.
   */
  textChars: 64 * 1024 * 1024,
  /**
   * Unpacked size of one part (the sheet's XML, the shared strings, styles), in bytes: the same
   * as the largest CSV file; it bounds the time spent on a file that unpacks to gigabytes of
   * nothing (empty formatted cells). 大船渡市's sheet is 9.6 MB of XML.
   */
  partBytes: MAX_FILE_BYTES,
} as const;
export type XlsxLimits = { [K in keyof typeof XLSX_LIMITS]: number };
