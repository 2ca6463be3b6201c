/**
 * The records stage: a header of Hyoka columns (or aliases) and its rows → typed records, one per
 * project-year, collecting every problem with its line and column instead of stopping at the
 * first (rows: read-row.ts; cells: row-reader.ts). Pure: no database access.
 */
import type { MoneyUnit } from '../domain/numbers';
import { mapHeader, type MappingFile } from './headers';
import { RATING_COLUMNS } from './format';
import type { Problem } from './problems';
import type { SheetRecord } from './sheet-record';
import { RECORD_COLUMNS, EVALUATION_COLUMNS, RowReader } from './row-reader';
import { checkShape, readRow } from './read-row';

// The names the rest of the importer reads from here: the record types and the whole-text CSV rows.
export type { IndicatorRecord, PolicyLevel, RatingRecord, SheetRecord } from './sheet-record';
export { cellTooLong, headerTooWide, parseCsv, quoteProblem, type QuoteError, type RawRow } from './csv-rows';

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
 * Reads data rows against a header of Hyoka columns (or their aliases), one at a time: the row
 * flow (import-rows.ts) calls `read` for each row of each batch, whatever the rows came from (a
 * streamed CSV, or a profile's table of a workbook), so no file is ever held as records.
 * `problems` holds what is wrong with the header itself; when it has an error, `read` is null.
 */
export interface SheetReader {
  layout: 'wide' | 'long';
  problems: Problem[];
  /** The Hyoka columns the header maps (what the file owns: owned-columns.ts). */
  mapped: string[];
  read: ((line: number, values: string[], problems: Problem[], labels?: (string | null)[]) => SheetRecord | null) | null;
}

export function sheetReader(fileName: string, header: string[], options: ReadOptions = {}): SheetReader {
  // A profile's rating columns (評価:key) are no alias: kept out of the header mapping, read as named.
  const ratingNames = new Set((options.ratingColumns ?? []).flatMap((c) => [c.grade, c.reason]));
  const named = ratingNames.size === 0 ? header : header.map((h) => (ratingNames.has(h) ? '' : h));
  const mapped = mapHeader(fileName, named, { mapping: options.mapping, municipalityGiven: !!options.municipality });
  const targets = ratingNames.size === 0 ? mapped.columns : mapped.columns.map((c, i) => (ratingNames.has(header[i]!) ? { canonical: header[i]! } : c));
  // Problems about the header point at the sheet row it is on.
  const problems: Problem[] = mapped.problems.map((p) => (options.headerLine && p.line === 1 ? { ...p, line: options.headerLine } : p));
  const columns = targets.flatMap((c) => (c ? [c.canonical] : []));
  if (problems.some((p) => p.severity === 'error')) return { layout: mapped.layout, problems, mapped: columns, read: null };
  const ratingColumns = options.ratingColumns ?? RATING_COLUMNS;
  const { municipality, moneyUnit, maxMoneyThousandYen } = options;
  return {
    layout: mapped.layout,
    problems,
    mapped: columns,
    read: (line, values, rowProblems, labels) => {
      if (!checkShape(fileName, line, header, targets, values, rowProblems)) return null;
      return readRow(new RowReader(fileName, line, targets, values, rowProblems, municipality, labels, moneyUnit, maxMoneyThousandYen), ratingColumns);
    },
  };
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
