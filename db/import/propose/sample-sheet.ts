/**
 * The top of a sheet for the mapping step: its first rows as text cells (CSV in any accepted
 * encoding, or a workbook's sheet), the row that most looks like the header, and each column's
 * header with values below it. Reads through the importer's own readers, so what is shown is
 * what the import will see.
 */
import { normalizeWidth } from '../../domain/numbers';
import { decode } from '../file-check';
import type { Grid } from '../grid';
import { mapHeader } from '../headers';
import type { Problem } from '../problems';
import { parseCsv } from '../read-canonical';
import { isXlsx, readXlsx } from '../read-xlsx';
import type { SourceColumn } from './propose';

/** Rows read for proposals: enough for each column's shape, little enough to stay quick. */
export const SAMPLE_ROWS = 400;
/** Rows looked at for the header. */
const HEADER_SEARCH_ROWS = 10;
/** Of a CSV, only this much text is parsed (a 256 MB file is not read whole for a sample). */
const SAMPLE_TEXT_CHARS = 4_000_000;

export interface SheetSample {
  kind: 'csv' | 'xlsx';
  sheetName: string | null;
  /** The first rows (1-based line numbers), header rows included. */
  rows: { line: number; cells: string[] }[];
}

/** The first rows of a CSV or workbook, or the problem that stops the file from being read. */
export async function sampleSheet(fileName: string, bytes: Uint8Array, options: { sheet?: string } = {}): Promise<SheetSample | Problem> {
  if (isXlsx(bytes)) {
    const grid = await readXlsx(fileName, bytes, options);
    if (!('rows' in grid)) return grid;
    return fromGrid(grid);
  }
  const { text } = decode(bytes);
  let head = text.length > SAMPLE_TEXT_CHARS ? text.slice(0, text.lastIndexOf('\n', SAMPLE_TEXT_CHARS)) : text;
  if (head.length === 0) head = text;
  const { header, rows } = parseCsv(head);
  return {
    kind: 'csv',
    sheetName: null,
    rows: [{ line: 1, cells: header }, ...rows.slice(0, SAMPLE_ROWS + HEADER_SEARCH_ROWS).map((r) => ({ line: r.line, cells: r.values }))],
  };
}

function fromGrid(grid: Grid): SheetSample {
  return { kind: grid.kind, sheetName: grid.sheetName, rows: grid.rows.slice(0, SAMPLE_ROWS + HEADER_SEARCH_ROWS) };
}

/**
 * The line that most looks like a header among the first rows: the most cells Hyoka's alias
 * table knows, then the most distinct non-numeric texts (a title row has one cell, data rows numbers).
 */
export function guessHeaderRow(sample: SheetSample): number {
  let best = { line: sample.rows[0]?.line ?? 1, score: -1 };
  for (const row of sample.rows.slice(0, HEADER_SEARCH_ROWS)) {
    const cells = row.cells.map((c) => c.trim()).filter((c) => c !== '');
    const known = mapHeader('sample', row.cells, { municipalityGiven: true }).columns.filter((c) => c !== null).length;
    const texts = new Set(cells.filter((c) => !/^[\d,.\-△▲%]+$/.test(normalizeWidth(c)))).size;
    const score = known * 3 + texts;
    if (score > best.score) best = { line: row.line, score };
  }
  return best.line;
}

/**
 * Each column's header and the values below it. With several header rows (`from`..`to`), a
 * column's header is its cells joined top-down, a blank upper cell taking its left neighbour's
 * text (a merged group heading written once).
 */
export function columnsOf(sample: SheetSample, headerRows: { from: number; to: number }): SourceColumn[] {
  const headerLines = sample.rows.filter((r) => r.line >= headerRows.from && r.line <= headerRows.to);
  const body = sample.rows.filter((r) => r.line > headerRows.to).slice(0, SAMPLE_ROWS);
  const width = Math.max(0, ...sample.rows.map((r) => r.cells.length));
  const filled = headerLines.map((r, level) => {
    const out: string[] = [];
    let carry = '';
    for (let i = 0; i < width; i++) {
      const text = (r.cells[i] ?? '').trim();
      // Only upper rows carry a group heading to the right; the last row names each column.
      if (text !== '') carry = text;
      out.push(level < headerLines.length - 1 ? carry : text);
    }
    return out;
  });
  const columns: SourceColumn[] = [];
  for (let i = 0; i < width; i++) {
    const parts = filled.map((row) => row[i] ?? '').filter((p, k, all) => p !== '' && p !== all[k - 1]);
    columns.push({ header: parts.join(' '), values: body.map((r) => r.cells[i] ?? '') });
  }
  // Trailing columns with neither header nor value are spreadsheet filler.
  while (columns.length > 0 && columns[columns.length - 1]!.header === '' && columns[columns.length - 1]!.values.every((v) => v.trim() === '')) columns.pop();
  return columns;
}
