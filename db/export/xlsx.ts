/**
 * An export as an Excel workbook, streamed: the rows on the first sheet (Japanese header, frozen
 * header row, auto-filter, number formats from the column model, widths that fit the first rows)
 * and the filters that chose them on a second sheet「条件」. Rows are written and committed one by
 * one, so a long list never sits in memory as a workbook.
 */
import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { type Column, NUMBER_FORMATS, xlsxCell } from './columns';
import { safeCell } from './cells';

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CONDITIONS_SHEET = '条件';

/** One line of the conditions sheet: what was chosen (ja) and its value as shown on the page. */
export type Condition = [label: string, value: string];

/** Rows read to size the columns before the first row is written. */
const WIDTH_SAMPLE = 200;
const MAX_WIDTH = 60;

/** Display width in Excel's character units: full-width (CJK) characters count as two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text)
    width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]/u.test(ch) ? 2 : 1;
  return width;
}

function shownText(value: string | number | null, kind: Column<unknown>['kind']): string {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (kind === 'percent') return `${(value * 100).toFixed(1)}%`;
  if (kind === 'year') return String(value);
  return `${value.toLocaleString('ja-JP', { maximumFractionDigits: 3 })}${kind === 'money' ? '千円' : kind === 'yen' ? '円' : ''}`;
}

/** Column widths that fit the header and the sampled rows, at most 60 characters. */
export function columnWidths<R>(columns: Column<R>[], sample: R[]): number[] {
  return columns.map((c) => {
    let width = displayWidth(c.ja) + 2; // room for the filter button
    for (const row of sample) width = Math.max(width, displayWidth(shownText(xlsxCell(c.kind, c.value(row)), c.kind)));
    return Math.min(MAX_WIDTH, width + 1);
  });
}

export interface XlsxExport<R> {
  sheetName: string;
  columns: Column<R>[];
  rows: Iterable<R> | AsyncIterable<R>;
  conditions: Condition[];
}

async function writeWorkbook<R>(out: PassThrough, spec: XlsxExport<R>): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(spec.sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  const iterator = (Symbol.asyncIterator in spec.rows ? spec.rows[Symbol.asyncIterator]() : spec.rows[Symbol.iterator]()) as AsyncIterator<R> | Iterator<R>;
  const sample: R[] = [];
  let done = false;
  while (sample.length < WIDTH_SAMPLE) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    sample.push(next.value);
  }
  const widths = columnWidths(spec.columns, sample);
  sheet.columns = spec.columns.map((c, i) => ({ header: safeCell(c.ja), key: String(i), width: widths[i] }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: spec.columns.length } };

  const write = (row: R) => {
    const line = sheet.addRow(spec.columns.map((c) => xlsxCell(c.kind, c.value(row))));
    spec.columns.forEach((c, i) => {
      const format = NUMBER_FORMATS[c.kind];
      const cell = line.getCell(i + 1);
      if (format && typeof cell.value === 'number') cell.numFmt = format;
    });
    line.commit();
  };
  for (const row of sample) write(row);
  while (!done) {
    const next = await iterator.next();
    if (next.done) break;
    write(next.value);
  }
  sheet.commit();

  const conditions = workbook.addWorksheet(CONDITIONS_SHEET);
  conditions.columns = [
    { header: '項目', key: 'label', width: Math.max(10, ...spec.conditions.map(([l]) => displayWidth(l) + 2)) },
    { header: '値', key: 'value', width: Math.min(MAX_WIDTH, Math.max(10, ...spec.conditions.map(([, v]) => displayWidth(v) + 2))) },
  ];
  conditions.getRow(1).font = { bold: true };
  for (const [label, value] of spec.conditions) conditions.addRow([safeCell(label), safeCell(value)]).commit();
  conditions.commit();
  await workbook.commit();
}

/** The workbook as a web stream for a Response body; a failure mid-way aborts the download. */
export function xlsxStream<R>(spec: XlsxExport<R>): ReadableStream<Uint8Array> {
  const out = new PassThrough();
  writeWorkbook(out, spec).catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
  return Readable.toWeb(out) as ReadableStream<Uint8Array>;
}
