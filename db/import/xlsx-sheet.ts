/**
 * A worksheet part read as rows of text cells: shared strings (rich text and furigana reduced to
 * the base text), the styles that mark numbers as dates, merged ranges, each counted against the
 * limits as it arrives.
 */
import type ExcelJS from 'exceljs';
import type { GridRow } from './grid';
import type { XlsxLimits } from './limits';
import type { ZipParts } from './xlsx-zip';
import type { OverLimit } from './xlsx-over-limit';

export type CellValue = ExcelJS.CellValue;

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

export const unescapeText = (s: string) =>
  s.includes('_x') ? s.replace(/_x([0-9A-F]{4})_/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))) : s;

/** Text of `<t>` elements outside furigana (`<rPh>`), as pieces, held to the string and text limits. */
export class TextCollector {
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

export async function readSharedStrings(zip: ZipParts, part: string, limits: XlsxLimits, over: OverLimit): Promise<string[]> {
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
export const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);
/** A format code that shows a date or time (what is in quotes or brackets does not count). */
export const isDateFormat = (code: string) =>
  /[ymdhMsb]+/.test(
    code
      .replace(/\[[^\]]*]/g, '')
      .replace(/"[^"]*"/g, '')
      // The "General" format's letters are no date.
      .replace(/General/gi, ''),
  );

/** For each cell style (`s`), whether numbers in it are dates. */
export async function readDateStyles(zip: ZipParts, part: string, limits: XlsxLimits, over: OverLimit): Promise<boolean[]> {
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
export function cellRef(ref: string): [number, number] | null {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)$/.exec(ref);
  if (!m) return null;
  let c = 0;
  for (const ch of m[1]!) c = c * 26 + (ch.charCodeAt(0) - 64);
  return [Number(m[2]), c - 1];
}

export const excelDate = (serial: number, date1904: boolean) => new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));

export interface SheetContext {
  strings: string[];
  dateStyles: boolean[];
  date1904: boolean;
}

export async function readSheet(zip: ZipParts, part: string, context: SheetContext, limits: XlsxLimits, over: OverLimit): Promise<GridRow[]> {
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
