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
import type ExcelJS from 'exceljs';
import type { Grid, GridRow } from './grid';
import { megabytes, XLSX_LIMITS, type XlsxLimits } from './limits';
import type { Problem } from './problems';
import { openZip, StopReading, type ZipParts } from './xlsx-zip';

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
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
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

function fileProblem(fileName: string, ja: string, en: string): Problem {
  return { severity: 'error', file: fileName, line: null, column: null, value: null, message: { ja, en } };
}

class LimitProblem extends StopReading {
  constructor(readonly problem: Problem) {
    super(problem.message.en);
  }
}

const n = (x: number) => x.toLocaleString('en-US');

/** The refusals, each naming the sheet, the limit and what to do. */
class OverLimit {
  constructor(
    private readonly fileName: string,
    private readonly sheet: string | null,
    private readonly limits: XlsxLimits,
  ) {}
  private stop(ja: string, en: string): LimitProblem {
    const [whereJa, whereEn] = this.sheet === null ? ['ブック', 'workbook'] : [`シート「${this.sheet}」`, `sheet "${this.sheet}"`];
    return new LimitProblem(fileProblem(this.fileName, `${whereJa}: ${ja}。何も書き込まれていません`, `${whereEn}: ${en}. Nothing was written`));
  }
  private static readonly SPLIT_JA = 'ブックを分けるか、取り込むシートを「CSV UTF-8（コンマ区切り）」で保存して取り込んでください';
  private static readonly SPLIT_EN = 'split the workbook, or save the sheet to import as "CSV UTF-8 (Comma delimited)" and import that';
  cells(): LimitProblem {
    const l = n(this.limits.cells);
    return this.stop(`値のあるセルが上限の${l}個を超えています。${OverLimit.SPLIT_JA}`, `more than ${l} cells hold a value (the limit); ${OverLimit.SPLIT_EN}`);
  }
  rows(): LimitProblem {
    const l = n(this.limits.rows);
    return this.stop(`値のある行が上限の${l}行を超えています。${OverLimit.SPLIT_JA}`, `more than ${l} rows hold a value (the limit); ${OverLimit.SPLIT_EN}`);
  }
  columns(line: number, column: number): LimitProblem {
    const l = n(this.limits.columns);
    return this.stop(
      `${line}行目の${column}列目に値があり、列数の上限（${l}列）を超えています。不要な列を削除してから保存し直してください`,
      `row ${line} has a value in column ${column}, past the limit of ${l} columns; delete the columns that are not needed and save again`,
    );
  }
  string(start: string): LimitProblem {
    const l = n(this.limits.stringChars);
    return this.stop(
      `「${start}…」で始まる文字列が上限の${l}文字（Excelのセルに入る最大の長さ）を超えています。Excelで作られたブックではないか、壊れています。Excelで開いて保存し直すか、CSVで保存して取り込んでください`,
      `a text starting "${start}…" is longer than ${l} characters (the most an Excel cell holds): the workbook was not written by Excel or is damaged; open it in Excel and save it again, or save it as CSV and import that`,
    );
  }
  text(): LimitProblem {
    const l = n(this.limits.textChars);
    return this.stop(
      `ブックの文字数の合計が上限の${l}文字を超えています。${OverLimit.SPLIT_JA}`,
      `the workbook's text is longer than ${l} characters in all (the limit); ${OverLimit.SPLIT_EN}`,
    );
  }
  part(part: string): LimitProblem {
    const l = megabytes(this.limits.partBytes);
    return this.stop(
      `ブックの部品 ${part} が展開すると上限の${l}を超えます（書式だけの空のセルが大量にあるか、壊れたファイルです）。不要な行と列を削除して保存し直すか、CSVで保存して取り込んでください`,
      `the workbook's part ${part} unpacks to more than ${l} (the limit: masses of formatted empty cells, or a damaged file); delete the rows and columns that are not needed and save again, or save it as CSV and import that`,
    );
  }
}

interface SheetRef {
  name: string;
  path: string;
}
interface Workbook {
  sheets: SheetRef[];
  sharedStrings: string | null;
  styles: string | null;
  date1904: boolean;
}

/** `xl/worksheets/sheet1.xml` from a relationship target relative to `xl/workbook.xml`. */
function resolvePart(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/').slice(0, -1);
  for (const piece of target.split('/')) {
    if (piece === '..') parts.pop();
    else if (piece !== '.' && piece !== '') parts.push(piece);
  }
  return parts.join('/');
}

const relsOf = (part: string) => {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
};

async function readRelationships(zip: ZipParts, part: string, limits: XlsxLimits, over: () => Error) {
  const rels = new Map<string, { type: string; path: string }>();
  const path = relsOf(part);
  if (!zip.has(path)) return rels;
  await zip.parseXml(
    path,
    {
      open(name, a) {
        if (name === 'Relationship' && a.Id && a.Target) rels.set(a.Id, { type: a.Type ?? '', path: resolvePart(part, a.Target) });
      },
    },
    limits.partBytes,
    over,
  );
  return rels;
}

async function readWorkbook(zip: ZipParts, limits: XlsxLimits, fileName: string): Promise<Workbook> {
  const tooBig = (part: string) => () => new OverLimit(fileName, null, limits).part(part);
  const root = await readRelationships(zip, '', limits, tooBig('_rels/.rels'));
  const office = [...root.values()].find((r) => r.type.endsWith('/officeDocument'));
  const part = office?.path ?? 'xl/workbook.xml';
  if (!zip.has(part)) throw new Error(`${part} is missing`);
  const rels = await readRelationships(zip, part, limits, tooBig(relsOf(part)));
  const sheets: SheetRef[] = [];
  let date1904 = false;
  await zip.parseXml(
    part,
    {
      open(name, a) {
        if (name === 'workbookPr') date1904 = a.date1904 === '1' || a.date1904 === 'true';
        if (name !== 'sheet' || a.name === undefined) return;
        const id = a['r:id'] ?? Object.entries(a).find(([k]) => k.endsWith(':id'))?.[1];
        const rel = id ? rels.get(id) : undefined;
        // Chart sheets and dialog sheets are not worksheets.
        if (rel?.type.endsWith('/worksheet') && zip.has(rel.path)) sheets.push({ name: a.name, path: rel.path });
      },
    },
    limits.partBytes,
    tooBig(part),
  );
  const find = (kind: string) => [...rels.values()].find((r) => r.type.endsWith(kind) && zip.has(r.path))?.path ?? null;
  return { sheets, sharedStrings: find('/sharedStrings'), styles: find('/styles'), date1904 };
}

/** Excel writes some characters as `_x000D_`. */
const unescapeText = (s: string) => (s.includes('_x') ? s.replace(/_x([0-9A-F]{4})_/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))) : s);

/** Text of `<t>` elements outside furigana (`<rPh>`), as pieces, held to the string and text limits. */
class TextCollector {
  private pieces: string[] = [];
  private length = 0;
  private inT = false;
  private phonetic = 0;
  constructor(
    private readonly limits: XlsxLimits,
    private readonly over: OverLimit,
    private readonly budget: { chars: number },
  ) {}
  open(name: string) {
    if (name === 'rPh') this.phonetic++;
    else if (name === 't' && this.phonetic === 0) this.inT = true;
  }
  close(name: string) {
    if (name === 'rPh') this.phonetic--;
    else if (name === 't') this.inT = false;
  }
  text(piece: string) {
    if (!this.inT) return;
    this.length += piece.length;
    this.budget.chars += piece.length;
    if (this.length > this.limits.stringChars) throw this.over.string([...this.pieces, piece].join('').slice(0, 20));
    if (this.budget.chars > this.limits.textChars) throw this.over.text();
    this.pieces.push(piece);
  }
  take(): string {
    const s = unescapeText(this.pieces.join(''));
    this.pieces = [];
    this.length = 0;
    this.inT = false;
    this.phonetic = 0;
    return s;
  }
}

async function readSharedStrings(zip: ZipParts, part: string, limits: XlsxLimits, over: OverLimit): Promise<string[]> {
  const strings: string[] = [];
  const budget = { chars: 0 };
  const text = new TextCollector(limits, over, budget);
  let inSi = false;
  await zip.parseXml(
    part,
    {
      open(name) {
        if (name === 'si') inSi = true;
        else if (inSi) text.open(name);
      },
      text: (piece) => inSi && text.text(piece),
      close(name) {
        if (name !== 'si') return inSi && text.close(name);
        inSi = false;
        strings.push(text.take());
        // A sheet cannot use more distinct strings than it has cells.
        if (strings.length > limits.cells) throw over.cells();
      },
    },
    limits.partBytes,
    () => over.part(part),
  );
  return strings;
}

/** Built-in number formats that are dates or times (ECMA-376 18.8.30), as exceljs reads them. */
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);
/** A format code that shows a date or time (what is in quotes or brackets does not count). */
const isDateFormat = (code: string) =>
  /[ymdhMsb]+/.test(
    code
      .replace(/\[[^\]]*]/g, '')
      .replace(/"[^"]*"/g, '')
      // The "General" format's letters are no date.
      .replace(/General/gi, ''),
  );

/** For each cell style (`s`), whether numbers in it are dates. */
async function readDateStyles(zip: ZipParts, part: string, limits: XlsxLimits, over: OverLimit): Promise<boolean[]> {
  const custom = new Map<number, string>();
  const formatIds: number[] = [];
  let inCellXfs = false;
  await zip.parseXml(
    part,
    {
      open(name, a) {
        if (name === 'numFmt' && a.numFmtId !== undefined) custom.set(Number(a.numFmtId), a.formatCode ?? '');
        else if (name === 'cellXfs') inCellXfs = true;
        else if (name === 'xf' && inCellXfs) formatIds.push(Number(a.numFmtId ?? 0));
      },
      close(name) {
        if (name === 'cellXfs') inCellXfs = false;
      },
    },
    limits.partBytes,
    () => over.part(part),
  );
  return formatIds.map((id) => {
    const code = custom.get(id);
    return code !== undefined ? isDateFormat(code) : BUILTIN_DATE_FORMATS.has(id);
  });
}

/** `AB12` → [row 12, column index 27]. */
function cellRef(ref: string): [number, number] | null {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)$/.exec(ref);
  if (!m) return null;
  let c = 0;
  for (const ch of m[1]!) c = c * 26 + (ch.charCodeAt(0) - 64);
  return [Number(m[2]), c - 1];
}

const excelDate = (serial: number, date1904: boolean) => new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));

interface SheetContext {
  strings: string[];
  dateStyles: boolean[];
  date1904: boolean;
}

async function readSheet(zip: ZipParts, part: string, context: SheetContext, limits: XlsxLimits, over: OverLimit): Promise<GridRow[]> {
  const rows = new Map<number, string[]>();
  // Columns each row's cells span, counting formatted empty ones: the grid is as wide as its widest row.
  const extents = new Map<number, number>();
  const widen = (r: number, c: number) => extents.set(r, Math.max(extents.get(r) ?? 0, c + 1));
  const merges: [number, number, number, number][] = [];
  let cellCount = 0;
  const budget = { chars: context.strings.reduce((sum, s) => sum + s.length, 0) };
  const inline = new TextCollector(limits, over, budget);

  let line = 0;
  let column = -1;
  let type = '';
  let style = 0;
  let value: string[] | null = null;
  let valueLength = 0;
  let inValue = false;
  let inInline = false;

  let inInlineText = '';

  const put = (r: number, c: number, text: string) => {
    if (c >= limits.columns) throw over.columns(r, c + 1);
    let row = rows.get(r);
    if (!row) {
      if (rows.size >= limits.rows) throw over.rows();
      row = [];
      rows.set(r, row);
    }
    if (!row[c]) {
      cellCount++;
      if (cellCount > limits.cells) throw over.cells();
    }
    row[c] = text;
    widen(r, c);
  };
  const cellValue = (): string => {
    const v = value?.join('') ?? '';
    switch (type) {
      case 's':
        return context.strings[Number.parseInt(v, 10)] ?? '';
      case 'str':
      case 'e':
        return v;
      case 'inlineStr':
        return inInlineText;
      case 'b':
        return v === '' ? '' : cellText(Number.parseInt(v, 10) !== 0);
      case 'd':
        return v === '' ? '' : cellText(new Date(v));
      default: {
        if (v === '') return '';
        const number = Number.parseFloat(v);
        return context.dateStyles[style] ? cellText(excelDate(number, context.date1904)) : cellText(number);
      }
    }
  };

  await zip.parseXml(
    part,
    {
      open(name, a) {
        if (inInline) return inline.open(name);
        switch (name) {
          case 'row': {
            const r = Number(a.r);
            line = Number.isInteger(r) && r > 0 ? r : line + 1;
            column = -1;
            return;
          }
          case 'c': {
            const ref = a.r ? cellRef(a.r) : null;
            column = ref ? ref[1] : column + 1;
            if (ref) line = ref[0];
            type = a.t ?? 'n';
            style = Number(a.s ?? 0);
            value = null;
            valueLength = 0;
            inInlineText = '';
            return;
          }
          case 'v':
            inValue = true;
            value = [];
            return;
          case 'is':
            inInline = true;
            return;
          case 'mergeCell': {
            const [from, to] = (a.ref ?? '').split(':');
            const start = from ? cellRef(from) : null;
            const end = to ? cellRef(to) : start;
            if (start && end) merges.push([start[0], start[1], end[0], end[1]]);
            if (merges.length > limits.cells) throw over.cells();
            return;
          }
        }
      },
      text(piece) {
        if (inInline) return inline.text(piece);
        if (!inValue || !value) return;
        valueLength += piece.length;
        if (valueLength > limits.stringChars) throw over.string(value.join('').slice(0, 20));
        value.push(piece);
      },
      close(name) {
        if (inInline) {
          if (name !== 'is') return inline.close(name);
          inInline = false;
          inInlineText = inline.take();
          return;
        }
        if (name === 'v') inValue = false;
        else if (name === 'c') {
          const text = cellValue();
          if (text !== '') {
            if (type === 'str' || type === 'e') {
              budget.chars += text.length;
              if (budget.chars > limits.textChars) throw over.text();
            }
            put(line, column, text);
          } else if (column < limits.columns) widen(line, column);
        }
      },
    },
    limits.partBytes,
    () => over.part(part),
  );

  // A merged range shows its first cell's value in every cell it covers.
  for (const [r1, c1, r2, c2] of merges) {
    const master = rows.get(r1)?.[c1] ?? '';
    for (let r = r1; r <= r2; r++) {
      for (let c = c1; c <= c2; c++) {
        if (r === r1 && c === c1) continue;
        if (master !== '') put(r, c, master);
        else {
          const row = rows.get(r);
          if (row?.[c]) {
            row[c] = '';
            cellCount--;
          }
        }
      }
    }
  }

  const lines = [...rows.keys()].sort((a, b) => a - b);
  // Rows that only look used (a formula with an empty result, formatting) are not rows.
  const kept = lines.filter((r) => rows.get(r)!.some((v) => v !== undefined && v.trim() !== ''));
  const width = kept.reduce((w, r) => Math.max(w, extents.get(r) ?? 0), 0);
  return kept.map((r) => {
    const cells = rows.get(r)!;
    const out = new Array<string>(width).fill('');
    for (let c = 0; c < cells.length; c++) if (cells[c]) out[c] = cells[c]!;
    return { line: r, cells: out };
  });
}
