/**
 * Reads a Hyoka CSV v1 file (db/import/format.ts) into typed records, collecting every problem
 * with its line and column instead of stopping at the first. Pure: no database access.
 */
import Papa from 'papaparse';
import { parseFiscalYear } from '../domain/fiscal-year';
import { isMunicipalityCode, quotedCode } from '../domain/municipality-code';
import { isMissing, normalizeWidth, parseDecimal, parseQuantity, toThousandYen, type MoneyUnit, type Parsed } from '../domain/numbers';
import { headerDelimiter } from './delimiter';
import { MONEY_COLUMNS, mapHeader, type ColumnTarget, type MappingFile } from './headers';
import {
  ACTION_COLUMNS,
  COST_COLUMNS,
  DO_COLUMNS,
  IDENTITY_COLUMNS,
  INDICATOR_DIRECTION_LABELS,
  INDICATOR_KIND_LABELS,
  ORGANISATION_COLUMNS,
  PLAN_COLUMNS,
  POLICY_COLUMNS,
  POPULATION_COLUMN,
  RATING_COLUMNS,
  UNIT_COST_COLUMNS,
  indicatorColumn,
} from './format';
import type { Problem } from './problems';
import { finerThanStored } from './money-unit';
import { MAX_CELL_CHARS, MAX_COLUMNS, MAX_MONEY_THOUSAND_YEN } from './limits';

export interface PolicyLevel {
  number: string | null;
  name: string;
}

export interface IndicatorRecord {
  position: number;
  name: string;
  unit: string | null;
  kind: 'activity' | 'outcome';
  direction: 'higher' | 'lower';
  cumulative: boolean;
  baselineValue: string | null;
  baselineFiscalYear: number | null;
  target: string | null;
  actual: string | null;
}

export interface RatingRecord {
  criterionKey: string;
  /** The column the grade came from, for messages (a profile's verdict column). */
  column?: string;
  grade: string | null;
  reason: string | null;
}

export interface SheetRecord {
  line: number;
  /** Hyoka column → where it came from in the sheet (`BY (事業費計（A）)`), when that is not the column itself. */
  columnLabels?: Record<string, string>;
  municipalityCode: string;
  municipalityName: string;
  population: number | null;
  fiscalYear: number;
  projectCode: string;
  projectName: string;
  department: string | null;
  section: string | null;
  pillar: string | null;
  /** まちづくり目標 › 基本政策 › 施策展開の方向 › 施策, as far as the file goes. */
  policy: PolicyLevel[];
  plan: {
    budgetNames: string | null;
    administrativeType: string | null;
    legalBasis: string | null;
    startFiscalYear: number | null;
    endFiscalYear: number | null;
    relatedLaws: string | null;
    nationalPlans: string | null;
    individualPlans: string | null;
    background: string | null;
    purpose: string | null;
    targetDescription: string | null;
    content: string | null;
  };
  evaluation: {
    previousPolicy: string | null;
    implementationMethod: string | null;
    activities: string | null;
    projectCost: string | null;
    nationalPrefectural: string | null;
    localBonds: string | null;
    otherSpecific: string | null;
    generalFunds: string | null;
    regularStaffFte: string | null;
    regularStaffHours: string | null;
    regularStaffCost: string | null;
    otherStaffFte: string | null;
    otherStaffHours: string | null;
    otherStaffCost: string | null;
    staffCost: string | null;
    totalCostStated: string | null;
    targetDefinition: string | null;
    targetCount: string | null;
    targetUnit: string | null;
    unitCostStatedYen: string | null;
    review: string | null;
    direction: string | null;
  };
  ratings: RatingRecord[];
  indicators: IndicatorRecord[];
}

export interface ReadResult {
  records: SheetRecord[];
  problems: Problem[];
  header: string[];
  layout: 'wide' | 'long';
  /** The Hyoka columns the header maps (what the file owns: owned-columns.ts). */
  mapped?: string[];
}

const MAX_INDICATORS = 20;

export interface ReadOptions {
  mapping?: MappingFile;
  /** Fills the municipality for files that have no municipality columns (CLI --municipality). */
  municipality?: { code: string; name: string };
  /** The rating columns to read (a profile's scheme); default Hyoka's four criteria. */
  ratingColumns?: readonly { key: string; grade: string; reason: string }[];
  /** The unit of money cells that name none (a profile's 円 / 千円 / 百万円); default 千円. */
  moneyUnit?: MoneyUnit;
  /** The sheet row of the header (problems about the header point there). */
  headerLine?: number;
  /** Largest amount per project-year, in 千円 (a profile's amountCap); default the city scale. */
  maxMoneyThousandYen?: number;
}

/** A row of an already parsed table, with where each value came from (see apply-profile.ts). */
export interface TableInputRow {
  line: number;
  values: string[];
  labels?: (string | null)[];
}

/**
 * Reads a table whose header is Hyoka columns (or their aliases) — a workbook's sheet or a
 * profile's output — through the same header mapping and row reading as a CSV file.
 */
export function readCanonicalTable(fileName: string, header: string[], rows: TableInputRow[], options: ReadOptions = {}): ReadResult {
  const ratingNames = new Set((options.ratingColumns ?? []).flatMap((c) => [c.grade, c.reason]));
  const mapped = mapHeader(
    fileName,
    header.map((h) => (ratingNames.has(h) ? '' : h)),
    { mapping: options.mapping, municipalityGiven: !!options.municipality },
  );
  const columns = mapped.columns.map((c, i) => (ratingNames.has(header[i]!) ? { canonical: header[i]! } : c));
  const problems: Problem[] = mapped.problems.map((p) => (options.headerLine && p.line === 1 ? { ...p, line: options.headerLine } : p));
  if (problems.some((p) => p.severity === 'error')) return { records: [], problems, header, layout: mapped.layout };
  const records: SheetRecord[] = [];
  for (const { line, values, labels } of rows) {
    if (!checkShape(fileName, line, header, columns, values, problems)) continue;
    const cells = new RowReader(fileName, line, columns, values, problems, options.municipality, labels, options.moneyUnit, options.maxMoneyThousandYen);
    const record = readRow(cells, options.ratingColumns ?? RATING_COLUMNS);
    if (record) records.push(record);
  }
  return {
    records: mapped.layout === 'long' ? mergeLongLayout(fileName, records, problems) : records,
    problems,
    header,
    layout: mapped.layout,
    mapped: columns.flatMap((c) => (c ? [c.canonical] : [])),
  };
}

/**
 * Reads data rows against a header, one at a time: the streaming importer (load.ts) calls
 * `read` for each row as Papaparse delivers it, so no file is ever held as records. `problems`
 * holds what is wrong with the header itself; when it has an error, `read` is null.
 */
export interface SheetReader {
  layout: 'wide' | 'long';
  problems: Problem[];
  /** The Hyoka columns the header maps (what the file owns: owned-columns.ts). */
  mapped: string[];
  read: ((line: number, values: string[], problems: Problem[]) => SheetRecord | null) | null;
}

export function sheetReader(fileName: string, header: string[], options: ReadOptions = {}): SheetReader {
  const mapped = mapHeader(fileName, header, { mapping: options.mapping, municipalityGiven: !!options.municipality });
  const problems: Problem[] = [...mapped.problems];
  const columns = mapped.columns.flatMap((c) => (c ? [c.canonical] : []));
  if (problems.some((p) => p.severity === 'error')) return { layout: mapped.layout, problems, mapped: columns, read: null };
  return {
    layout: mapped.layout,
    problems,
    mapped: columns,
    read: (line, values, rowProblems) => {
      if (!checkShape(fileName, line, header, mapped.columns, values, rowProblems)) return null;
      return readRow(new RowReader(fileName, line, mapped.columns, values, rowProblems, options.municipality), RATING_COLUMNS);
    },
  };
}

/** Parses CSV text (already decoded), maps its header and reads every row (tests, small files). */
export function readCanonicalCsv(fileName: string, text: string, options: ReadOptions = {}): ReadResult {
  const { header, rows, quoteErrors } = parseCsv(text);
  // A quoting mistake swallows or splits rows: every later figure is suspect, so report it alone.
  if (quoteErrors.length > 0) {
    return { records: [], problems: quoteErrors.map((q) => quoteProblem(fileName, header, q)), header, layout: 'wide' };
  }
  const oversize = checkSize(fileName, header, rows);
  if (oversize.length > 0) return { records: [], problems: oversize, header: [], layout: 'wide' };
  const reader = sheetReader(fileName, header, options);
  const problems = reader.problems;
  if (!reader.read) return { records: [], problems, header, layout: reader.layout };
  const records: SheetRecord[] = [];
  for (const { line, values } of rows) {
    const record = reader.read(line, values, problems);
    if (record) records.push(record);
  }
  return {
    records: reader.layout === 'long' ? mergeLongLayout(fileName, records, problems) : records,
    problems,
    header,
    layout: reader.layout,
  };
}

/**
 * Too many columns, or a value too long to be a sheet's text (limits.ts): not a sheet export.
 * Reported once per line (the first long value), so a broken file does not list thousands.
 */
function checkSize(fileName: string, header: string[], rows: RawRow[]): Problem[] {
  const wide = headerTooWide(fileName, header);
  if (wide) return [wide];
  const problems: Problem[] = [];
  for (const { line, values } of [{ line: 1, values: header }, ...rows]) {
    const long = cellTooLong(fileName, line, header, values);
    if (long) problems.push(long);
  }
  return problems;
}

const sizeProblem = (fileName: string, line: number, column: string | null, ja: string, en: string): Problem => ({
  severity: 'error',
  file: fileName,
  line,
  column,
  value: null,
  message: { ja, en },
});

/** More columns than MAX_COLUMNS (the streaming importer checks this on the header row). */
export function headerTooWide(fileName: string, header: string[]): Problem | null {
  if (header.length > MAX_COLUMNS) {
    const n = header.length.toLocaleString('en-US');
    return sizeProblem(
      fileName,
      1,
      null,
      `見出し行に${n}列あります。Hyokaが読めるのは${MAX_COLUMNS.toLocaleString('en-US')}列までです（評価シートの書き出しは通常200列以下です）。行と列を入れ替えていないか確認してください`,
      `The header row has ${n} columns; Hyoka reads at most ${MAX_COLUMNS.toLocaleString('en-US')} (a sheet export has at most about 200). Check that rows and columns are not swapped`,
    );
  }
  return null;
}

/** The first value on a line longer than MAX_CELL_CHARS (line 1 is the header). */
export function cellTooLong(fileName: string, line: number, header: string[], values: string[]): Problem | null {
  const i = values.findIndex((v) => v.length > MAX_CELL_CHARS);
  if (i < 0) return null;
  const n = values[i]!.length.toLocaleString('en-US');
  const column = line === 1 ? null : header[i]?.trim() || null;
  return sizeProblem(
    fileName,
    line,
    column,
    `値が長すぎます（${n}文字）。1つの値は${MAX_CELL_CHARS.toLocaleString('en-US')}文字までです。引用符の閉じ忘れや、別のファイルを貼り付けていないか確認してください`,
    `The value is too long (${n} characters; at most ${MAX_CELL_CHARS.toLocaleString('en-US')}). Check for an unclosed quote or another file pasted into the cell`,
  );
}

export function quoteProblem(fileName: string, header: string[], q: QuoteError): Problem {
  const column = header[q.field]?.trim() || null;
  return {
    severity: 'error',
    file: fileName,
    line: q.line,
    column,
    value: null,
    message:
      q.code === 'MissingQuotes'
        ? {
            ja: '引用符（"）が閉じられていません。この値からファイルの終わりまでが1つの値として読まれてしまいます。値を "…" で囲み、値の中の " は "" と書いてください',
            en: 'A quote (") is never closed, so the rest of the file would be read as one value. Enclose the value in "…" and write a " inside it as ""',
          }
        : {
            ja: '引用符（"）で囲んだ値の後に余分な文字があります。値の中の " は "" と書いてください',
            en: 'There are characters after the closing quote (") of a value. Write a " inside a value as ""',
          },
  };
}

/**
 * A row must have the header's shape. More values than header columns almost always means an
 * unquoted comma (1,234 written without quotes) has shifted every later column: an error. Fewer
 * values is an error only where a column Hyoka reads is cut off. A value under a column with no
 * header is ignored with a warning.
 */
function checkShape(fileName: string, line: number, header: string[], columns: (ColumnTarget | null)[], values: string[], problems: Problem[]): boolean {
  const extra = values.slice(header.length).some((v) => v.trim() !== '');
  const cut = values.length < header.length && columns.slice(values.length).some((c) => c !== null);
  if (extra || cut) {
    problems.push({
      severity: 'error',
      file: fileName,
      line,
      column: null,
      value: null,
      message: extra
        ? {
            ja: `値が${values.length}個あり、見出しの${header.length}列より多くなっています。カンマ（,）を含む値（1,234 など）は "…" で囲んでください`,
            en: `The row has ${values.length} values but the header has ${header.length} columns. Enclose values containing a comma (such as 1,234) in "…"`,
          }
        : {
            ja: `値が${values.length}個しかなく、見出しの${header.length}列に足りません。値の途中で改行している場合は値を "…" で囲んでください`,
            en: `The row has only ${values.length} values but the header has ${header.length} columns. Enclose values containing a line break in "…"`,
          },
    });
    return false;
  }
  values.forEach((v, i) => {
    if (i < header.length && header[i]!.trim() === '' && v.trim() !== '') {
      problems.push({
        severity: 'warning',
        file: fileName,
        line,
        column: `${i + 1}列目`,
        value: v,
        message: {
          ja: `見出しのない${i + 1}列目に値「${v.trim()}」があります。読み込みません`,
          en: `Column ${i + 1} has no header but holds "${v.trim()}"; it is ignored`,
        },
      });
    }
  });
  return true;
}

/**
 * Long layout: one row per indicator. Rows of the same project and year become one record whose
 * indicators are numbered in file order; everything else must agree between those rows.
 */
export function mergeLongLayout(fileName: string, records: SheetRecord[], problems: Problem[]): SheetRecord[] {
  const merged = new Map<string, SheetRecord>();
  for (const r of records) {
    const key = `${r.municipalityCode}|${r.projectCode}|${r.fiscalYear}`;
    const first = merged.get(key);
    if (!first) {
      merged.set(key, { ...r, indicators: r.indicators.map((i, k) => ({ ...i, position: k + 1 })) });
      continue;
    }
    const differs = (['projectName', 'department', 'section'] as const).find((k) => first[k] !== r[k] && r[k] !== null);
    const evalDiffers = (Object.keys(r.evaluation) as (keyof SheetRecord['evaluation'])[]).find(
      (k) => r.evaluation[k] !== null && first.evaluation[k] !== null && r.evaluation[k] !== first.evaluation[k],
    );
    if (differs || evalDiffers) {
      problems.push({
        severity: 'error',
        file: fileName,
        line: r.line,
        column: differs ? RECORD_COLUMNS[differs] : EVALUATION_COLUMNS[evalDiffers!],
        value: String(differs ? r[differs] : r.evaluation[evalDiffers!]),
        message: {
          ja: `同じ事業・年度の${first.line}行目と値が異なります（指標ごとの行では、指標以外の項目は同じ値にしてください）`,
          en: `Differs from line ${first.line} for the same project and year (rows per indicator must repeat the other fields unchanged)`,
        },
      });
      continue;
    }
    for (const i of r.indicators) first.indicators.push({ ...i, position: first.indicators.length + 1 });
  }
  return [...merged.values()];
}

/** The file column each field of a record comes from, for messages about it. */
const RECORD_COLUMNS = {
  projectName: IDENTITY_COLUMNS.projectName,
  department: ORGANISATION_COLUMNS.department,
  section: ORGANISATION_COLUMNS.section,
} as const;
const EVALUATION_COLUMNS: Record<keyof SheetRecord['evaluation'], string> = {
  ...DO_COLUMNS,
  ...COST_COLUMNS,
  totalCostStated: COST_COLUMNS.totalCost,
  ...UNIT_COST_COLUMNS,
  unitCostStatedYen: UNIT_COST_COLUMNS.unitCostYen,
  ...ACTION_COLUMNS,
};

const KIND_WORDS: Record<string, 'activity' | 'outcome'> = {
  [INDICATOR_KIND_LABELS.activity]: 'activity',
  活動: 'activity',
  アウトプット: 'activity',
  アクティビティ: 'activity',
  [INDICATOR_KIND_LABELS.outcome]: 'outcome',
  成果: 'outcome',
  アウトカム: 'outcome',
};
const DIRECTION_WORDS: Record<string, 'higher' | 'lower'> = {
  [INDICATOR_DIRECTION_LABELS.higher]: 'higher',
  高い方が良い: 'higher',
  増加: 'higher',
  上昇: 'higher',
  '↑': 'higher',
  上向き: 'higher',
  [INDICATOR_DIRECTION_LABELS.lower]: 'lower',
  低い方が良い: 'lower',
  減少: 'lower',
  低下: 'lower',
  '↓': 'lower',
  下向き: 'lower',
};

export interface RawRow {
  line: number;
  values: string[];
}

/** A quoting mistake papaparse found, with the physical line of the row it broke. */
export interface QuoteError {
  line: number;
  field: number;
  code: 'MissingQuotes' | 'InvalidQuotes';
}

/**
 * Papaparse gives each row's end offset; counting newlines between offsets yields the physical
 * line where each row starts, so quoted multi-line cells do not shift the numbers we report.
 */
export function parseCsv(text: string): { header: string[]; rows: RawRow[]; quoteErrors: QuoteError[] } {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const rows: RawRow[] = [];
  const quoteErrors: QuoteError[] = [];
  let header: string[] | null = null;
  let offset = 0;
  let line = 1;
  Papa.parse<string[]>(body, {
    delimiter: headerDelimiter(body),
    header: false,
    skipEmptyLines: false,
    step: (result) => {
      const startLine = line;
      const end = result.meta.cursor;
      for (let i = offset; i < end; i++) if (body.charCodeAt(i) === 10) line++;
      offset = end;
      const values = result.data;
      // Delimiter auto-detection notes are not problems; quoting mistakes are (one per row).
      // "訪問"と電話 reports both; the text after the closing quote is the mistake to name.
      const quote = result.errors.find((e) => e.code === 'InvalidQuotes') ?? result.errors.find((e) => e.code === 'MissingQuotes');
      if (quote) quoteErrors.push({ line: startLine, field: values.length - 1, code: quote.code as QuoteError['code'] });
      if (header === null) {
        header = values;
        return;
      }
      if (values.every((v) => v.trim() === '')) return;
      rows.push({ line: startLine, values });
    },
  });
  return { header: header ?? [], rows, quoteErrors };
}

/** Reads one row's cells by column name, recording problems with their line and column. */
class RowReader {
  private index = new Map<string, number>();
  private moneyUnits = new Map<string, MoneyUnit>();
  private impliedKinds = new Map<string, 'activity' | 'outcome'>();
  /** Hyoka column → sheet column label, when the sheet names it otherwise. */
  readonly columnLabels: Record<string, string> = {};
  constructor(
    readonly file: string,
    readonly line: number,
    columns: (ColumnTarget | null)[],
    private values: string[],
    private problems: Problem[],
    private municipality?: { code: string; name: string },
    labels?: (string | null)[],
    defaultMoneyUnit?: MoneyUnit,
    private profileCap?: number,
  ) {
    columns.forEach((c, i) => {
      if (!c) return;
      this.index.set(c.canonical, i);
      const label = labels?.[i];
      if (label) this.columnLabels[c.canonical] = label;
      if (!c.moneyUnit && defaultMoneyUnit && MONEY_COLUMNS.has(c.canonical)) this.moneyUnits.set(c.canonical, defaultMoneyUnit);
      if (c.moneyUnit) this.moneyUnits.set(c.canonical, c.moneyUnit);
      if (c.indicatorKind) this.impliedKinds.set(c.canonical, c.indicatorKind);
    });
  }

  /** The municipality given by the caller, when the file also has a column for it. */
  municipalityConflict(): { column: string; given: string; value: string } | null {
    if (!this.municipality) return null;
    const code = IDENTITY_COLUMNS.municipalityCode;
    const i = this.index.get(code);
    const value = i === undefined ? undefined : this.values[i];
    if (value === undefined || isMissing(value) || normalizeWidth(value) === this.municipality.code) return null;
    return { column: code, given: this.municipality.code, value: value.trim() };
  }

  raw(column: string): string | undefined {
    if (this.municipality && !this.index.has(column)) {
      if (column === IDENTITY_COLUMNS.municipalityCode) return this.municipality.code;
      if (column === IDENTITY_COLUMNS.municipalityName) return this.municipality.name;
    }
    const i = this.index.get(column);
    return i === undefined ? undefined : this.values[i];
  }

  problem(column: string, value: string | null, message: Problem['message']): void {
    this.problems.push({ severity: 'error', file: this.file, line: this.line, column: this.columnLabels[column] ?? column, value, message });
  }

  text(column: string): string | null {
    const v = this.raw(column);
    return isMissing(v) ? null : (v as string).trim();
  }

  required(column: string): string | null {
    const v = this.text(column);
    if (v === null) {
      this.problem(column, this.raw(column) ?? null, {
        ja: `「${column}」が空です。この列は必須です`,
        en: `"${column}" is empty; this column is required`,
      });
    }
    return v;
  }

  private parsed<T>(column: string, parse: (raw: string) => Parsed<T>): T | null {
    const v = this.raw(column);
    if (v === undefined) return null;
    const result = parse(v);
    if (!result.ok) {
      this.problem(column, v, result.error);
      return null;
    }
    return result.value;
  }

  decimal(column: string): string | null {
    return this.parsed(column, parseDecimal);
  }

  /** A figure that may carry its unit (`0.1人`, `101,381人`, `8円`); the unit is dropped. */
  quantity(column: string): string | null {
    return this.parsed(column, parseQuantity)?.value ?? null;
  }

  money(column: string): string | null {
    const value = this.parsed(column, (raw) => toThousandYen(raw, this.moneyUnits.get(column)));
    if (value?.startsWith('-')) {
      this.problem(column, this.raw(column) ?? null, {
        ja: `「${column}」が負の金額です（${this.raw(column)}）`,
        en: `"${column}" is a negative amount (${this.raw(column)})`,
      });
    } else if (value !== null && (this.moneyUnits.get(column) ?? '千円') !== '千円' && finerThanStored(value)) {
      // Converting a unit must not lose what the file stated (figures stated in 千円 are the sheet's own rounding).
      this.problem(column, this.raw(column) ?? null, {
        ja: `「${column}」${this.raw(column)}は1円未満の端数を含みます。Hyokaは金額を1円単位で保存するため、丸めずに止めました。円単位に直してください`,
        en: `"${column}" ${this.raw(column)} has a fraction of a yen; Hyoka stores money to the yen, so it was not rounded silently. Round it to whole yen`,
      });
    } else if (value !== null && Number(value) > (this.profileCap ?? MAX_MONEY_THOUSAND_YEN)) {
      // Also keeps an absurd figure from overflowing the numeric column mid-import.
      const max = this.profileCap ?? MAX_MONEY_THOUSAND_YEN;
      const city = max <= MAX_MONEY_THOUSAND_YEN;
      // A profile can raise the cap: say so where one is in use.
      const hint = city && this.profileCap !== undefined;
      const capJa = city ? '1兆円' : `${(max / 1e9).toLocaleString('ja-JP')}兆円`;
      const capEn = city ? '1 trillion yen' : `${(max / 1e9).toLocaleString('en-US')} trillion yen`;
      this.problem(column, this.raw(column) ?? null, {
        ja: `「${column}」${Number(value).toLocaleString('ja-JP')}千円は1事業・1年度の金額としてありえません（上限 ${capJa} = ${max.toLocaleString('ja-JP')}千円）。単位（円・千円）と桁を確認してください${hint ? '。国の事業など桁の大きい表は、プロファイルに "amountCap": "national" と書くと読めます' : ''}`,
        en: `"${column}" ${Number(value).toLocaleString('en-US')} thousand yen is not a plausible amount for one project and year (at most ${capEn} = ${max.toLocaleString('en-US')} thousand yen). Check the unit (yen or thousand yen) and the digits${hint ? '. For national-scale tables, set "amountCap": "national" in the profile' : ''}`,
      });
    }
    return value;
  }

  /** One of a few known words (`活動指標`, `アウトプット` …); anything else is an error naming them. */
  choice<T extends string>(column: string, words: Record<string, T>): T | null {
    const text = this.text(column);
    if (text === null) return null;
    const key = normalizeWidth(text).replace(/\s+/g, '');
    const value = words[key];
    if (value === undefined) {
      const allowed = Object.keys(words).join('・');
      this.problem(column, text, {
        ja: `「${column}」の「${text}」は読めません（使える値: ${allowed}）`,
        en: `"${text}" is not a valid value for "${column}" (allowed: ${allowed})`,
      });
      return null;
    }
    return value;
  }

  /** The kind a header implies for the indicator whose name column this is (活動指標1名 → activity). */
  impliedKind(nameColumn: string): 'activity' | 'outcome' | undefined {
    return this.impliedKinds.get(nameColumn);
  }

  fiscalYear(column: string): number | null {
    return this.parsed(column, parseFiscalYear);
  }

  requiredFiscalYear(column: string): number | null {
    return isMissing(this.raw(column)) ? (this.required(column), null) : this.fiscalYear(column);
  }
}

/** The row's 市区町村コード (5 or 6 digits), or null with a problem when it is missing or malformed. */
function validMunicipalityCode(r: RowReader): string | null {
  const raw = r.required(IDENTITY_COLUMNS.municipalityCode);
  if (!raw || isMunicipalityCode(normalizeWidth(raw))) return raw;
  const quoted = quotedCode(raw);
  r.problem(IDENTITY_COLUMNS.municipalityCode, quoted, {
    ja: `市区町村コード「${quoted}」は5桁または6桁の数字（全国地方公共団体コード）ではありません。正しいコードに直してください`,
    en: `The municipality code "${quoted}" is not 5 or 6 digits (a local government code, JIS X 0401/0402). Correct the code`,
  });
  return null;
}

function readRow(r: RowReader, ratingColumns: readonly { key: string; grade: string; reason: string }[]): SheetRecord | null {
  const conflict = r.municipalityConflict();
  if (conflict) {
    r.problem(conflict.column, conflict.value, {
      ja: `ファイルの市区町村コード「${conflict.value}」が、指定された自治体「${conflict.given}」と異なります`,
      en: `The file's municipality code "${conflict.value}" differs from the municipality given ("${conflict.given}")`,
    });
  }
  const municipalityCode = validMunicipalityCode(r);
  const municipalityName = r.required(IDENTITY_COLUMNS.municipalityName);
  const fiscalYear = r.requiredFiscalYear(IDENTITY_COLUMNS.fiscalYear);
  const projectCode = r.required(IDENTITY_COLUMNS.projectCode);
  const projectName = r.required(IDENTITY_COLUMNS.projectName);

  const populationText = r.quantity(POPULATION_COLUMN);
  const population = populationText === null ? null : Math.round(Number(populationText));

  const policy: PolicyLevel[] = [];
  const levels = [
    [POLICY_COLUMNS.goalNumber, POLICY_COLUMNS.goal],
    [POLICY_COLUMNS.basicPolicyNumber, POLICY_COLUMNS.basicPolicy],
    [POLICY_COLUMNS.directionNumber, POLICY_COLUMNS.direction],
    [POLICY_COLUMNS.measureNumber, POLICY_COLUMNS.measure],
  ] as const;
  for (const [numberColumn, nameColumn] of levels) {
    const name = r.text(nameColumn);
    const number = r.text(numberColumn);
    if (name === null && number === null) break;
    policy.push({ number: number === null ? null : normalizeWidth(number), name: name ?? number ?? '' });
  }

  const ratings: RatingRecord[] = ratingColumns.map((c) => ({
    criterionKey: c.key,
    column: r.columnLabels[c.grade] ?? c.grade,
    grade: r.text(c.grade),
    reason: r.text(c.reason),
  }));

  const indicators: IndicatorRecord[] = [];
  for (let n = 1; n <= MAX_INDICATORS; n++) {
    if (r.raw(indicatorColumn(n, 'name')) === undefined) break;
    const name = r.text(indicatorColumn(n, 'name'));
    if (name === null) continue;
    indicators.push({
      position: n,
      name,
      unit: r.text(indicatorColumn(n, 'unit')),
      kind: r.choice(indicatorColumn(n, 'kind'), KIND_WORDS) ?? r.impliedKind(indicatorColumn(n, 'name')) ?? 'outcome',
      direction: r.choice(indicatorColumn(n, 'direction'), DIRECTION_WORDS) ?? 'higher',
      cumulative: /累計/.test(name),
      baselineValue: r.quantity(indicatorColumn(n, 'baselineValue')),
      baselineFiscalYear: r.fiscalYear(indicatorColumn(n, 'baselineYear')),
      target: r.quantity(indicatorColumn(n, 'target')),
      actual: r.quantity(indicatorColumn(n, 'actual')),
    });
  }

  const e = {
    previousPolicy: r.text(DO_COLUMNS.previousPolicy),
    implementationMethod: r.text(DO_COLUMNS.implementationMethod),
    activities: r.text(DO_COLUMNS.activities),
    projectCost: r.money(COST_COLUMNS.projectCost),
    nationalPrefectural: r.money(COST_COLUMNS.nationalPrefectural),
    localBonds: r.money(COST_COLUMNS.localBonds),
    otherSpecific: r.money(COST_COLUMNS.otherSpecific),
    generalFunds: r.money(COST_COLUMNS.generalFunds),
    regularStaffFte: r.quantity(COST_COLUMNS.regularStaffFte),
    regularStaffHours: r.quantity(COST_COLUMNS.regularStaffHours),
    regularStaffCost: r.money(COST_COLUMNS.regularStaffCost),
    otherStaffFte: r.quantity(COST_COLUMNS.otherStaffFte),
    otherStaffHours: r.quantity(COST_COLUMNS.otherStaffHours),
    otherStaffCost: r.money(COST_COLUMNS.otherStaffCost),
    staffCost: r.money(COST_COLUMNS.staffCost),
    totalCostStated: r.money(COST_COLUMNS.totalCost),
    targetDefinition: r.text(UNIT_COST_COLUMNS.targetDefinition),
    targetCount: r.quantity(UNIT_COST_COLUMNS.targetCount),
    targetUnit: r.text(UNIT_COST_COLUMNS.targetUnit),
    unitCostStatedYen: r.quantity(UNIT_COST_COLUMNS.unitCostYen),
    review: r.text(ACTION_COLUMNS.review),
    direction: r.text(ACTION_COLUMNS.direction),
  };

  if (!municipalityCode || !municipalityName || fiscalYear === null || !projectCode || !projectName) {
    return null;
  }
  return {
    line: r.line,
    ...(Object.keys(r.columnLabels).length > 0 ? { columnLabels: r.columnLabels } : {}),
    municipalityCode: normalizeWidth(municipalityCode),
    municipalityName,
    population,
    fiscalYear,
    projectCode: normalizeWidth(projectCode),
    projectName,
    department: r.text(ORGANISATION_COLUMNS.department),
    section: r.text(ORGANISATION_COLUMNS.section),
    pillar: r.text(POLICY_COLUMNS.pillar),
    policy,
    plan: {
      budgetNames: r.text(PLAN_COLUMNS.budgetNames),
      administrativeType: r.text(PLAN_COLUMNS.administrativeType),
      legalBasis: r.text(PLAN_COLUMNS.legalBasis),
      startFiscalYear: r.fiscalYear(PLAN_COLUMNS.startFiscalYear),
      endFiscalYear: r.fiscalYear(PLAN_COLUMNS.endFiscalYear),
      relatedLaws: r.text(PLAN_COLUMNS.relatedLaws),
      nationalPlans: r.text(PLAN_COLUMNS.nationalPlans),
      individualPlans: r.text(PLAN_COLUMNS.individualPlans),
      background: r.text(PLAN_COLUMNS.background),
      purpose: r.text(PLAN_COLUMNS.purpose),
      targetDescription: r.text(PLAN_COLUMNS.targetDescription),
      content: r.text(PLAN_COLUMNS.content),
    },
    evaluation: e,
    ratings,
    indicators,
  };
}
