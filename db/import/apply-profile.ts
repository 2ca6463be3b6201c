/**
 * Applies an import profile to a sheet: the city's layout (header row, aliases, combined and
 * split columns, year blocks, verdict columns, one row per indicator) becomes a table of Hyoka
 * CSV columns, each cell remembering where it came from (`BY (事業費計（A）)`) so problems point
 * at the sheet's own row and column. Pure: no database access.
 */
import { parseFiscalYear } from '../domain/fiscal-year';
import { isMissing, normalizeWidth } from '../domain/numbers';
import { IDENTITY_COLUMNS, indicatorColumn, type IndicatorField } from './format';
import { columnIndex, columnLetter, type Grid } from './grid';
import type { Problem } from './problems';
import type { SheetRecord } from './read-canonical';
import type { Feed, ImportProfile, SourceRef } from './profiles/schema';
import { compileRowFilter, type RowFilter } from './row-filter';
import { mergeRowsOfOneKey } from './merge-rows';

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
const shown = (text: string) => text.replace(/\s+/g, ' ').trim();

class Sheet {
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

/** Where a profile problem is: the key of the profile to change (shown as the problem's column). */
const profileKey = (key: string) => `プロファイル / profile: ${key}`;

/** A feed resolved to column indices, ready to read each row. */
type Reader = (cells: string[], line: number) => { value: string; label: string | null };

/** Hyoka columns that hold figures (where `0` is a value, not a placeholder). */
const FIGURE_COLUMN = /(実績値|目標値|現状値|人数|業務時間|対象数|コスト|人口|事業費合計|支出金|地方債|特財|一般財源|人件費|人件費合計|番号)$/;

function compileFeed(sheet: Sheet, feed: Feed, target: string, key: string): Reader | null {
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
function sumCells(sheet: Sheet, indices: number[], cells: string[], line: number, label: string): { value: string; label: string } {
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
export function applyProfile(fileName: string, grid: Grid, profile: ImportProfile): ProfileTable {
  const problems: Problem[] = [];
  const sheet = new Sheet(
    fileName,
    grid,
    profile.headerRow,
    problems,
    new Set(profile.missing.map(headerKey)),
    new Set(profile.missingText.map(headerKey)),
    profile.figureNotes,
  );
  if (sheet.header.length === 0) {
    sheet.fail(
      null,
      `見出し行（${profile.headerRow}行目）がありません`,
      `There is no header row (row ${profile.headerRow})`,
      null,
      null,
      profileKey('headerRow'),
    );
    return { header: [], rows: [], problems };
  }
  const kept = compileRowFilter(
    profile.keepRows,
    (ref, key) => sheet.resolve(ref, '行の絞り込み / row filter', key),
    (cell) => sheet.cell([cell], 0) === '',
  );
  if (kept === null) return { header: [], rows: [], problems };
  if ('error' in kept) {
    sheet.fail(null, kept.error.ja, kept.error.en);
    return { header: [], rows: [], problems };
  }
  sheet.keepOnly(kept.filter);
  const table =
    profile.layout === 'hyoka' ? hyokaTable(sheet) : profile.layout === 'indicator-rows' ? indicatorRowsTable(sheet, profile) : columnsTable(sheet, profile);
  if (profile.layout !== 'columns' || table.rows.length === 0) return table;
  const merged = mergeRowsOfOneKey(fileName, table.header, table.rows, profile.mergeRows.sum);
  return { header: table.header, rows: merged.rows, problems: [...table.problems, ...merged.problems] };
}

/** Hyoka's own columns under another header row or in a workbook: the alias table maps them later. */
function hyokaTable(sheet: Sheet): ProfileTable {
  const labels = sheet.header.map((_, i) => sheet.label(i));
  return {
    header: sheet.header,
    rows: sheet.dataRows.map((r) => ({ line: r.line, values: r.cells.map((_, i) => sheet.cell(r.cells, i)), labels })),
    problems: sheet.problems,
  };
}

function columnsTable(sheet: Sheet, profile: ImportProfile): ProfileTable {
  const fixed = new Map<string, Reader>();
  for (const [target, feed] of Object.entries(profile.columns)) {
    // `年度` among the columns is the fiscal year (the same as "fiscalYear": { "from": … }).
    const column = headerKey(target) === IDENTITY_COLUMNS.fiscalYear ? IDENTITY_COLUMNS.fiscalYear : target;
    const reader = compileFeed(sheet, feed, column, `columns.${target}`);
    if (reader) fixed.set(column, reader);
  }
  for (const [k, c] of (profile.rating?.criteria ?? []).entries()) {
    if (!c.grade) continue;
    const grade = compileFeed(sheet, c.grade, c.labelJa, `rating.criteria[${k}].grade`);
    if (grade) fixed.set(ratingGradeColumn(c.key), grade);
    if (c.reason) {
      const reason = compileFeed(sheet, c.reason, `${c.labelJa}の理由`, `rating.criteria[${k}].reason`);
      if (reason) fixed.set(ratingReasonColumn(c.key), reason);
    }
  }
  const splits = profile.split.map((s, k) => ({
    index: sheet.resolve(s.from, s.into.join(' + '), `split[${k}].from`),
    pattern: new RegExp(s.pattern, 'u'),
    into: s.into,
  }));
  const year = profile.fiscalYear ? sheet.resolve(profile.fiscalYear.from, IDENTITY_COLUMNS.fiscalYear, 'fiscalYear.from') : null;

  // Year blocks: the k-th occurrence of each block header is fiscal year k.
  const blocks: { fiscalYear: number; readers: Map<string, Reader> }[] = (profile.yearBlocks?.fiscalYears ?? []).map((fy) => ({
    fiscalYear: fy,
    readers: new Map(),
  }));
  for (const [target, spec] of Object.entries(profile.yearBlocks?.columns ?? {})) {
    const headers = typeof spec === 'string' ? [spec] : spec.sum;
    const found = headers.map((h) => sheet.occurrences(h));
    const bad = found.findIndex((f) => f.length !== blocks.length);
    if (bad >= 0) {
      sheet.fail(
        null,
        `見出し「${shown(headers[bad]!)}」（→ ${target}）が${found[bad]!.length}列あり、年度ブロックの数（${blocks.length}）と合いません`,
        `Header "${shown(headers[bad]!)}" (→ ${target}) occurs ${found[bad]!.length} times, not once per year block (${blocks.length})`,
        null,
        null,
        profileKey(`yearBlocks.columns.${target}`),
      );
      continue;
    }
    blocks.forEach((b, k) => {
      const indices = found.map((f) => f[k]!);
      if (indices.length === 1) {
        const i = indices[0]!;
        b.readers.set(target, (cells, line) => ({ value: sheet.figureCell(cells, i, line), label: sheet.label(i) }));
      } else {
        const label = indices.map((i) => sheet.label(i)).join(' + ');
        b.readers.set(target, (cells, line) => sumCells(sheet, indices, cells, line, label));
      }
    });
  }
  if (problems(sheet)) return { header: [], rows: [], problems: sheet.problems };

  const evaluatedOnly = new Set([...profile.evaluatedYearOnly, ...[...fixed.keys()].filter((k) => k.startsWith('評価'))]);
  const header = [
    ...new Set([IDENTITY_COLUMNS.fiscalYear, ...fixed.keys(), ...splits.flatMap((s) => s.into), ...blocks.flatMap((b) => [...b.readers.keys()])]),
  ];
  const position = new Map(header.map((h, i) => [h, i]));
  const rows: TableRow[] = [];
  for (const r of sheet.dataRows) {
    const base = { values: header.map(() => ''), labels: header.map((): string | null => null) };
    const put = (row: typeof base, target: string, v: { value: string; label: string | null }) => {
      const i = position.get(target)!;
      row.values[i] = v.value;
      row.labels[i] = v.label;
    };
    let evaluated: number | null = null;
    if (year !== null) {
      const raw = sheet.cell(r.cells, year).trim();
      const text = profile.fiscalYear?.era && /^\d{1,2}$/.test(normalizeWidth(raw)) ? `${profile.fiscalYear.era}${raw}` : raw;
      put(base, IDENTITY_COLUMNS.fiscalYear, { value: text, label: sheet.label(year) });
      const parsed = parseFiscalYear(text);
      evaluated = parsed.ok ? parsed.value : null;
    }
    for (const s of splits) {
      if (s.index === null) continue;
      const raw = sheet.cell(r.cells, s.index).trim();
      const m = s.pattern.exec(raw);
      const parts = m ? m.slice(1) : [raw];
      s.into.forEach((target, k) => {
        put(base, target, { value: parts[k] ?? '', label: sheet.label(s.index!) });
      });
    }
    for (const [target, read] of fixed) {
      if (blocks.length > 0 && evaluatedOnly.has(target)) continue;
      put(base, target, read(r.cells, r.line));
    }
    if (blocks.length === 0) {
      rows.push({ line: r.line, ...base });
      continue;
    }
    for (const b of blocks) {
      const row = { values: [...base.values], labels: [...base.labels] };
      put(row, IDENTITY_COLUMNS.fiscalYear, { value: String(b.fiscalYear), label: year === null ? null : sheet.label(year) });
      for (const [target, read] of b.readers) put(row, target, read(r.cells, r.line));
      if (b.fiscalYear === evaluated) for (const target of evaluatedOnly) if (fixed.has(target)) put(row, target, fixed.get(target)!(r.cells, r.line));
      rows.push({ line: r.line, ...row });
    }
  }
  return { header, rows, problems: sheet.problems };
}

/**
 * `suffix-kind`: an outcome indicator named like an activity indicator of the same project
 * (大船渡市 repeats some) becomes `name（成果指標）`, so both are kept (names are unique per project).
 */
export function separateClashingIndicators(records: SheetRecord[]): void {
  for (const r of records) {
    const kinds = new Map<string, string>();
    for (const i of r.indicators) {
      const first = kinds.get(i.name);
      if (first !== undefined && first !== i.kind) i.name = `${i.name}（${i.kind === 'outcome' ? '成果指標' : '活動指標'}）`;
      else kinds.set(i.name, i.kind);
    }
  }
}

const problems = (sheet: Sheet) => sheet.problems.some((p) => p.severity === 'error');

/**
 * One row per indicator and measure (目標値 / 実績値 …), years as columns (the national review
 * sheet's 3-1 table): rows of a project become one record per year that has a figure, with the
 * project's indicators numbered in the order they first appear.
 */
function indicatorRowsTable(sheet: Sheet, profile: ImportProfile): ProfileTable {
  const spec = profile.indicatorRows!;
  const identity = new Map<string, number>();
  for (const [target, ref] of Object.entries(spec.identity)) {
    const i = sheet.resolve(ref, target);
    if (i !== null) identity.set(target, i);
  }
  const fieldRefs: [IndicatorField, SourceRef | undefined][] = [
    ['name', spec.name],
    ['unit', spec.unit],
    ['kind', spec.kind],
    ['direction', spec.direction],
  ];
  const fields = new Map<IndicatorField, number>();
  for (const [field, ref] of fieldRefs) {
    if (!ref) continue;
    const i = sheet.resolve(ref, indicatorColumn(1, field));
    if (i !== null) fields.set(field, i);
  }
  const measure = sheet.resolve(spec.measure, '目標値／実績値');
  const years: { index: number; fiscalYear: number }[] = [];
  sheet.header.forEach((h, index) => {
    const parsed = /^\d{4}$|年度$/.test(headerKey(h)) ? parseFiscalYear(h) : null;
    if (parsed?.ok && parsed.value !== null && parsed.value >= spec.years.from && parsed.value <= spec.years.to)
      years.push({ index, fiscalYear: parsed.value });
  });
  const code = identity.get(IDENTITY_COLUMNS.projectCode);
  if (code === undefined)
    sheet.fail(
      null,
      `indicatorRows.identity に「${IDENTITY_COLUMNS.projectCode}」がありません`,
      `indicatorRows.identity must name "${IDENTITY_COLUMNS.projectCode}"`,
    );
  if (problems(sheet) || code === undefined || measure === null) return { header: [], rows: [], problems: sheet.problems };

  const targetWords = new Set(spec.targetWords.map(headerKey));
  const actualWords = new Set(spec.actualWords.map(headerKey));
  type Indicator = { fields: Map<IndicatorField, { value: string; label: string }>; target: Map<number, Cell>; actual: Map<number, Cell> };
  type Cell = { value: string; label: string };
  const projects = new Map<string, { line: number; identity: Map<string, Cell>; indicators: Map<string, Indicator> }>();
  for (const r of sheet.dataRows) {
    const projectCode = sheet.cell(r.cells, code).trim();
    const word = headerKey(sheet.cell(r.cells, measure));
    const slot = targetWords.has(word) ? 'target' : actualWords.has(word) ? 'actual' : null;
    if (projectCode === '' || slot === null) continue; // 目標年度 / 達成率 rows: derived or not a figure Hyoka stores
    let project = projects.get(projectCode);
    if (!project) {
      const ids = new Map([...identity].map(([t, i]): [string, Cell] => [t, { value: sheet.cell(r.cells, i), label: sheet.label(i) }]));
      projects.set(projectCode, (project = { line: r.line, identity: ids, indicators: new Map() }));
    }
    const name = fields.has('name') ? sheet.cell(r.cells, fields.get('name')!).trim() : '';
    if (name === '') continue;
    let indicator = project.indicators.get(name);
    if (!indicator) {
      const f = new Map([...fields].map(([field, i]): [IndicatorField, Cell] => [field, { value: sheet.cell(r.cells, i), label: sheet.label(i) }]));
      project.indicators.set(name, (indicator = { fields: f, target: new Map(), actual: new Map() }));
    }
    for (const y of years) {
      const value = sheet.cell(r.cells, y.index);
      if (!isMissing(value)) indicator[slot].set(y.fiscalYear, { value, label: `${columnLetter(y.index)}${r.line} (${shown(sheet.header[y.index]!)})` });
    }
  }

  const most = Math.max(0, ...[...projects.values()].map((p) => p.indicators.size));
  const header = [IDENTITY_COLUMNS.fiscalYear, ...identity.keys()];
  for (let n = 1; n <= most; n++) for (const f of [...fields.keys(), 'target', 'actual'] as IndicatorField[]) header.push(indicatorColumn(n, f));
  const position = new Map(header.map((h, i) => [h, i]));
  const rows: TableRow[] = [];
  for (const project of projects.values()) {
    // Years up to the latest with an actual: later years hold only targets (plans), and a
    // record for a year not yet begun would be refused.
    const actualYears = [...project.indicators.values()].flatMap((i) => [...i.actual.keys()]);
    const latest = Math.max(...actualYears);
    const fiscalYears = new Set<number>();
    for (const i of project.indicators.values()) for (const fy of [...i.target.keys(), ...i.actual.keys()]) if (fy <= latest) fiscalYears.add(fy);
    for (const fy of [...fiscalYears].sort((a, b) => a - b)) {
      const row: TableRow = { line: project.line, values: header.map(() => ''), labels: header.map(() => null) };
      const put = (target: string, c: Cell | undefined) => {
        if (!c) return;
        const i = position.get(target)!;
        row.values[i] = c.value;
        row.labels[i] = c.label;
      };
      put(IDENTITY_COLUMNS.fiscalYear, { value: String(fy), label: '' });
      for (const [t, c] of project.identity) put(t, c);
      [...project.indicators.values()].forEach((ind, k) => {
        // An indicator belongs to the years it has a figure for (セミナー参加者数 from 2022 on).
        if (!ind.target.has(fy) && !ind.actual.has(fy)) return;
        for (const [f, c] of ind.fields) put(indicatorColumn(k + 1, f), c);
        put(indicatorColumn(k + 1, 'target'), ind.target.get(fy));
        put(indicatorColumn(k + 1, 'actual'), ind.actual.get(fy));
      });
      rows.push(row);
    }
  }
  return { header, rows, problems: sheet.problems };
}
