/**
 * A sheet as rows of text cells, whatever it came from (CSV text or an .xlsx worksheet), with
 * the physical row number of each row so every problem can point at the row a user sees.
 */
export interface GridRow {
  /** 1-based row in the sheet (CSV: the physical line where the row starts). */
  line: number;
  cells: string[];
}

export interface Grid {
  /** `csv` rows are lines; `xlsx` rows are worksheet rows whose columns have letters (A, B … AB). */
  kind: 'csv' | 'xlsx';
  sheetName: string | null;
  rows: GridRow[];
}

/** 0 → A, 25 → Z, 26 → AA, 27 → AB … (spreadsheet column letters). */
export function columnLetter(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** A → 0, Z → 25, AA → 26 (inverse of columnLetter); null for anything that is not letters. */
export function columnIndex(letters: string): number | null {
  if (!/^[A-Z]{1,3}$/.test(letters)) return null;
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}
