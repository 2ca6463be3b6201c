/**
 * A sheet as a profile reads it: its header row found by text (width, line breaks and spaces
 * aside), its cells read with the profile's markers of "none", and a profile's feeds (one column,
 * joined or summed columns, a fixed value) compiled to readers that remember where each value
 * came from (`BY (事業費計（A）)`), so problems point at the sheet's own row and column.
 */
import { isMissing, normalizeWidth } from '../domain/numbers';
import { columnIndex, columnLetter, type Grid } from './grid';
import type { Problem } from './problems';
import type { Feed, SourceRef } from './profiles/schema';
import type { RowFilter } from './row-filter';

/** Rating columns of a profile's table: `評価:key` (grade) and `評価理由:key` (reason). */
export const ratingGradeColumn = (key: string) => `評価:${key}`;
export const ratingReasonColumn = (key: string) => `評価理由:${key}`;

export interface TableRow {
  line: number;
  values: string[];
  /** Per column: where the value came from in the sheet (`AB (事業費計)`), for problems. */
  labels: (string | null)[];
}

export interface ProfileTable {
  header: string[];
  rows: TableRow[];
  problems: Problem[];
}

/** Header text compared as a person reads it: width, line breaks and spaces do not matter. */
export function headerKey(text: string): string {
  return normalizeWidth(text).replace(/\s+/g, '');
}

const FIGURE_WITH_NOTE = /^\s*(-?[\d,]+(?:\.\d+)?)\s*\(([^)]*)\)\s*$/;

/** A header as shown in messages: one line, single spaces. */
export const shown = (text: string) => text.replace(/\s+/g, ' ').trim();

export class Sheet {
  readonly header: string[];
  private byKey = new Map<string, number[]>();
  constructor(
    readonly fileName: string,
    readonly grid: Grid,
    readonly headerRow: number,
    readonly problems: Problem[],
    private missing: Set<string>,
    private missingText: Set<string> = new Set(),
    private figureNotes: 'error' | 'warn' = 'error',
  ) {
    this.header = grid.rows.find((r) => r.line === headerRow)?.cells ?? [];
    this.header.forEach((h, i) => {
      const key = headerKey(h);
      if (key === '') return;
      const list = this.byKey.get(key) ?? [];
      list.push(i);
      this.byKey.set(key, list);
    });
  }

  private keep: RowFilter | null = null;

  /** Only rows the profile's `keepRows` keeps are data from now on. */
  keepOnly(filter: RowFilter): void {
    this.keep = filter;
  }

  get dataRows() {
    const keep = this.keep;
    return this.grid.rows.filter((r) => r.line > this.headerRow && (keep === null || keep(r.cells)));
  }

  /** Column name for messages: `AB (事業費計)` in a workbook, the header in a CSV. */
  label(index: number): string {
    const h = shown(this.header[index] ?? '');
    if (this.grid.kind === 'csv') return h || `${index + 1}列目`;
    return h ? `${columnLetter(index)} (${h})` : columnLetter(index);
  }

  occurrences(header: string): number[] {
    return this.byKey.get(headerKey(header)) ?? [];
  }

  /** The one column a source names, or null with a problem (missing or ambiguous header). */
  resolve(ref: SourceRef, target: string, key: string | null = null): number | null {
    // The profile key to change is where the problem is, shown beside the message.
    const at = key ? profileKey(key) : null;
    if (typeof ref !== 'string') {
      const i = columnIndex(ref.column);
      if (i === null || i >= this.header.length) {
        this.fail(null, `列 ${ref.column}（→ ${target}）がシートにありません`, `Column ${ref.column} (→ ${target}) is not in the sheet`, null, null, at);
        return null;
      }
      return i;
    }
    const found = this.occurrences(ref);
    if (found.length === 1) return found[0]!;
    if (found.length === 0) {
      this.fail(
        null,
        `見出し「${shown(ref)}」（→ ${target}）が${this.headerRow}行目にありません。インポート設定（プロファイル）がこのファイルの形式に合っているか確認してください`,
        `Header "${shown(ref)}" (→ ${target}) is not in row ${this.headerRow}. Check that the import profile fits this file`,
        null,
        null,
        at,
      );
    } else {
      const where = found.map((i) => this.label(i)).join('、');
      this.fail(
        null,
        `見出し「${shown(ref)}」（→ ${target}）が${found.length}列あります（${where}）。プロファイルでは列番号（{"column": "${columnLetter(found[0]!)}"}）で指定してください`,
        `Header "${shown(ref)}" (→ ${target}) occurs ${found.length} times (${where}); name the column by letter in the profile`,
        null,
        null,
        at,
      );
    }
    return null;
  }

  cell(cells: string[], index: number): string {
    const v = cells[index] ?? '';
    return this.missing.has(headerKey(v)) ? '' : v;
  }

  /** A cell read as a figure: with `figureNotes: warn`, `29（4）` is 29 and a warning. */
  figureCell(cells: string[], index: number, line: number): string {
    const v = this.cell(cells, index);
    if (this.figureNotes !== 'warn') return v;
    const m = FIGURE_WITH_NOTE.exec(normalizeWidth(v));
    if (!m) return v;
    this.problems.push({
      severity: 'warning',
      file: this.fileName,
      line,
      column: this.label(index),
      value: v,
      message: {
        ja: `「${v.trim()}」の括弧内（${m[2]}）は注記とみなし、数値 ${m[1]} を取り込みます`,
        en: `"${v.trim()}": the part in brackets (${m[2]}) is taken as a note; ${m[1]} is imported`,
      },
    });
    return m[1]!;
  }

  /** A cell read as text (a name, a unit): the profile's text-only markers also mean none. */
  textCell(cells: string[], index: number): string {
    const v = this.cell(cells, index);
    return this.missingText.has(headerKey(v)) ? '' : v;
  }

  fail(line: number | null, ja: string, en: string, column: string | null = null, value: string | null = null, key: string | null = null): void {
    this.problems.push({ severity: 'error', file: this.fileName, line, column: column ?? key, value, message: { ja, en } });
  }
}

/** Whether reading the sheet has met an error so far (then a layout stops before its rows). */
export const hasErrors = (sheet: Sheet) => sheet.problems.some((p) => p.severity === 'error');

/** Where a profile problem is: the key of the profile to change (shown as the problem's column). */
export const profileKey = (key: string) => `プロファイル / profile: ${key}`;

/** A feed resolved to column indices, ready to read each row. */
export type Reader = (cells: string[], line: number) => { value: string; label: string | null };

/** Hyoka columns that hold figures (where `0` is a value, not a placeholder). */
export const FIGURE_COLUMN = /(実績値|目標値|現状値|人数|業務時間|対象数|コスト|人口|事業費合計|支出金|地方債|特財|一般財源|人件費|人件費合計|番号)$/;

export function compileFeed(sheet: Sheet, feed: Feed, target: string, key: string): Reader | null {
  if (typeof feed === 'string' || 'column' in feed) {
    const i = sheet.resolve(feed, target, key);
    if (i === null) return null;
    const figure = FIGURE_COLUMN.test(target);
    return (cells, line) => ({ value: figure ? sheet.figureCell(cells, i, line) : sheet.textCell(cells, i), label: sheet.label(i) });
  }
  if ('value' in feed) return () => ({ value: feed.value, label: null });
  const parts = ('join' in feed ? feed.join : feed.sum).map((s) => sheet.resolve(s, target, key));
  if (parts.some((p) => p === null)) return null;
  const indices = parts as number[];
  const label = indices.map((i) => sheet.label(i)).join(' + ');
  if ('join' in feed) {
    return (cells) => {
      const values = indices.map((i) => normalizeWidth(sheet.cell(cells, i)).trim());
      if (values.every((v) => v === '')) return { value: '', label };
      let value = values.join(feed.separator);
      if (feed.number && /^\d+$/.test(value)) value = String(Number(value));
      return { value, label };
    };
  }
  return (cells, line) => sumCells(sheet, indices, cells, line, label);
}

/** Sums numeric cells (国庫支出金 + 都道府県支出金); a part that is not a number is an error at that cell. */
export function sumCells(sheet: Sheet, indices: number[], cells: string[], line: number, label: string): { value: string; label: string } {
  let total = 0;
  let any = false;
  for (const i of indices) {
    const raw = sheet.figureCell(cells, i, line);
    if (isMissing(raw)) continue;
    const n = Number(normalizeWidth(raw).replace(/,/g, '').trim());
    if (!Number.isFinite(n)) {
      sheet.fail(
        line,
        `「${raw.trim()}」は数値ではありません（合計する列です）`,
        `"${raw.trim()}" is not a number (this column is summed)`,
        sheet.label(i),
        raw,
      );
      return { value: '', label };
    }
    total += n;
    any = true;
  }
  return { value: any ? String(Number(total.toPrecision(15))) : '', label };
}

/** Turns the sheet into Hyoka columns as the profile says. */
