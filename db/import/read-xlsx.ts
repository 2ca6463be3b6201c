/**
 * Reads one worksheet of an .xlsx workbook (exceljs) into a Grid of text cells, as a user sees
 * them: merged ranges carry their value in every cell they cover (a header merged over a block
 * names each of its columns), rich text and furigana are reduced to the base text, formulas to
 * their cached result, text cells stay text (事務事業ID `0086` keeps its zeros).
 */
import ExcelJS from 'exceljs';
import type { Grid, GridRow } from './grid';
import type { Problem } from './problems';

/** PK\x03\x04: a zip container (xlsx); a CSV never starts so. */
export function isXlsx(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

type CellValue = ExcelJS.CellValue;

/** The text of a cell value; numbers without binary noise (0.1 + 0.2 stays 0.3). */
export function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(Number(value.toPrecision(15))) : '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    // Rich text: the runs' text. Furigana (<rPh>) is not a run, so it never reaches the text.
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('formula' in value || 'sharedFormula' in value) return cellText((value as { result?: CellValue }).result ?? null);
    if ('hyperlink' in value) return cellText((value as { text: CellValue }).text);
    if ('error' in value) return String(value.error);
  }
  return String(value);
}

export interface XlsxReadOptions {
  /** A sheet name; default the first worksheet. */
  sheet?: string;
}

/** The worksheet as a grid, or a problem saying why the workbook cannot be read. */
export async function readXlsx(fileName: string, bytes: Uint8Array, options: XlsxReadOptions = {}): Promise<Grid | Problem> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch (error) {
    return fileProblem(
      fileName,
      `Excelファイル（.xlsx）として読めません（${(error as Error).message}）。Excelで開けるか確認し、「Excelブック（.xlsx）」で保存し直してください`,
      `Cannot read this as an Excel workbook (.xlsx): ${(error as Error).message}. Check that Excel opens it and save it as "Excel Workbook (.xlsx)"`,
    );
  }
  const names = workbook.worksheets.map((w) => w.name);
  const sheet = options.sheet ? workbook.getWorksheet(options.sheet) : workbook.worksheets[0];
  if (!sheet) {
    return options.sheet
      ? fileProblem(
          fileName,
          `シート「${options.sheet}」がありません（このブックのシート: ${names.join('、')}）`,
          `There is no sheet "${options.sheet}" (sheets in this workbook: ${names.join(', ')})`,
        )
      : fileProblem(fileName, 'ブックにワークシートがありません', 'The workbook has no worksheet');
  }
  const width = sheet.columnCount;
  const rows: GridRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    // Only the cells the sheet holds (getCell on every column would create the missing ones:
    // a workbook with formulas in 1,800 rows × 210 columns took seconds).
    const cells: string[] = new Array<string>(width).fill('');
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      cells[c - 1] = cellText(cell.isMerged ? cell.master.value : cell.value);
    });
    // Rows that only look used (a formula with an empty result, formatting) are not rows.
    if (cells.some((v) => v.trim() !== '')) rows.push({ line, cells });
  });
  return { kind: 'xlsx', sheetName: sheet.name, rows };
}

function fileProblem(fileName: string, ja: string, en: string): Problem {
  return { severity: 'error', file: fileName, line: null, column: null, value: null, message: { ja, en } };
}
