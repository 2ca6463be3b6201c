/**
 * Reads one worksheet of an .xlsx workbook into a Grid of text cells, as a user sees them:
 * merged ranges carry their value in every cell they cover (a header merged over a block names
 * each of its columns), rich text and furigana are reduced to the base text, formulas to their
 * cached result, text cells stay text (事務事業ID `0086` keeps its zeros), numbers in a date
 * format are dates.
 *
 * The workbook is streamed part by part (xlsx-zip.ts) and held to XLSX_LIMITS as it is read: a
 * shared string, the cells, rows and columns are counted as they arrive, and the first one over
 * its limit stops the reading with one error saying what to do.
 */
import type { Grid } from './grid';
import { XLSX_LIMITS, type XlsxLimits } from './limits';
import type { Problem } from './problems';
import { openZip, type ZipParts } from './xlsx-zip';
import { fileProblem, LimitProblem, OverLimit } from './xlsx-over-limit';
import { readWorkbook } from './xlsx-workbook';
export { cellText } from './xlsx-sheet';
import { readSharedStrings, readDateStyles, readSheet } from './xlsx-sheet';

/** PK\x03\x04: a zip container (xlsx); a CSV never starts so. */
export function isXlsx(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

export interface XlsxReadOptions {
  /** A sheet name; default the first worksheet. */
  sheet?: string;
  /** What the workbook may hold (tests use small ones); default XLSX_LIMITS. */
  limits?: XlsxLimits;
}

/** The worksheet as a grid, or a problem saying why the workbook cannot be read. */
export async function readXlsx(fileName: string, bytes: Uint8Array, options: XlsxReadOptions = {}): Promise<Grid | Problem> {
  const limits = options.limits ?? XLSX_LIMITS;
  let zip: ZipParts | null = null;
  try {
    zip = await openZip(bytes);
    const book = await readWorkbook(zip, limits, fileName);
    const names = book.sheets.map((s) => s.name);
    const sheet = options.sheet ? book.sheets.find((s) => s.name === options.sheet) : book.sheets[0];
    if (!sheet) {
      return options.sheet
        ? fileProblem(
            fileName,
            `シート「${options.sheet}」がありません（このブックのシート: ${names.join('、')}）`,
            `There is no sheet "${options.sheet}" (sheets in this workbook: ${names.join(', ')})`,
          )
        : fileProblem(fileName, 'ブックにワークシートがありません', 'The workbook has no worksheet');
    }
    const over = new OverLimit(fileName, sheet.name, limits);
    const strings = book.sharedStrings ? await readSharedStrings(zip, book.sharedStrings, limits, over) : [];
    const dateStyles = book.styles ? await readDateStyles(zip, book.styles, limits, over) : [];
    const rows = await readSheet(zip, sheet.path, { strings, dateStyles, date1904: book.date1904 }, limits, over);
    return { kind: 'xlsx', sheetName: sheet.name, rows };
  } catch (error) {
    if (error instanceof LimitProblem) return error.problem;
    const message = error instanceof Error ? error.message : String(error);
    return fileProblem(
      fileName,
      `Excelファイル（.xlsx）として読めません（${message}）。Excelで開けるか確認し、「Excelブック（.xlsx）」で保存し直してください`,
      `Cannot read this as an Excel workbook (.xlsx): ${message}. Check that Excel opens it and save it as "Excel Workbook (.xlsx)"`,
    );
  } finally {
    zip?.close();
  }
}
