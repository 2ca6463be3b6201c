/**
 * What an import says: its options, and the one result every path builds (a refused file, a
 * streamed CSV, a workbook or profile's grid, a population file) — counts, problems (capped), the first rows as read,
 * the columns the file sets. The CLI, the web page and the tests read this same shape.
 */
import type { MappingFile } from './headers';
import { describeOwnership, type Ownership } from './owned-columns';
import type { Problem } from './problems';
import type { ImportProfile } from './profiles/schema';
import type { SheetRecord } from './read-canonical';
import type { StagedClaim } from './staged-claim';
import { detachDeep } from './detach';
import type { WriteResult } from './write';

export interface LoadOptions {
  fileName: string;
  createdBy?: string;
  /** Headers the alias table does not know: { columns: { "their header": "Hyoka header" } }. */
  mapping?: MappingFile;
  /** For files without municipality columns; the name may be omitted when the code is known. */
  municipality?: { code: string; name?: string };
  dryRun?: boolean;
  /**
   * Bulk load (see BatchWriter.open): foreign keys checked once at the end; readers wait
   * meanwhile. A plain CSV streamed from disk in bulk mode may exceed MAX_FILE_BYTES.
   */
  bulk?: boolean;
  /** The date evaluation years are checked against (a year not yet started is refused); default now. */
  today?: Date;
  /** Called as rows are written (for progress bars): rows so far, and the fraction of the file read. */
  onProgress?: (rows: number, fraction: number) => void;
  /** How the file's layout maps onto Hyoka (db/import/profiles): a shipped profile's name or a parsed one; default `hyoka`. */
  profile?: string | ImportProfile;
  /** A workbook's sheet to read (default the profile's, else the first). */
  sheet?: string;
  /** Commits this checked upload (db/import/pending.ts): claimed atomically, refused when its rows changed since. */
  staged?: StagedClaim;
  /** Population files without a year column: the fiscal year their figures are for. */
  fiscalYear?: number;
}
/** A read record as a dry run shows it: the first rows, mapped, so a profile can be checked against a file. */
export interface PreviewRow {
  line: number;
  fiscalYear: number;
  projectCode: string;
  projectName: string;
  department: string | null;
  section: string | null;
  projectCost: string | null;
  staffCost: string | null;
  totalCost: string | null;
  ratings: string[];
  indicators: number;
}

export interface ImportOutcome {
  ok: boolean;
  dryRun: boolean;
  fileName: string;
  encoding: string;
  layout: 'wide' | 'long';
  /** Rows read (after merging a long layout's per-indicator rows). */
  rows: number;
  result: WriteResult | null;
  errors: Problem[];
  warnings: Problem[];
  /** The profile the file was read with. */
  profile: string;
  /** Which stored columns the file sets, and which it leaves as they are (owned-columns.ts). */
  columns?: { sets: string[]; keeps: string[] };
  /** The first rows as read (the mapping a profile made of the file). */
  preview: PreviewRow[];
  /** Population files: the first figures as read, with what each replaces. */
  figures?: FigurePreview[];
}

/** A population figure as a check shows it: which city and year, the new figure and the stored one. */
export interface FigurePreview {
  line: number;
  municipality: string;
  fiscalYear: number;
  population: number;
  previous: number | null;
}

export interface LoadResult extends WriteResult {
  encoding: string;
  warnings: Problem[];
}

/** Problems kept per import (errors and warnings each); a file wrong on every row says so once more. */
export const MAX_PROBLEMS = 10_000;

const PREVIEW_ROWS = 6;

export function fileProblem(fileName: string, ja: string, en: string): Problem {
  return { severity: 'error', file: fileName, line: null, column: null, value: null, message: { ja, en } };
}

function tooMany(fileName: string, count: number): Problem {
  return fileProblem(
    fileName,
    `エラーが${count.toLocaleString('ja-JP')}件あります。最初の${MAX_PROBLEMS.toLocaleString('ja-JP')}件だけを表示しています`,
    `There are ${count.toLocaleString('en-US')} errors; only the first ${MAX_PROBLEMS.toLocaleString('en-US')} are listed`,
  );
}

function preview(records: SheetRecord[]): PreviewRow[] {
  return records.slice(0, PREVIEW_ROWS).map((r) => ({
    line: r.line,
    fiscalYear: r.fiscalYear,
    projectCode: r.projectCode,
    projectName: r.projectName,
    department: r.department,
    section: r.section,
    projectCost: r.evaluation.projectCost,
    staffCost: r.evaluation.staffCost,
    totalCost: r.evaluation.totalCostStated,
    ratings: r.ratings.filter((x) => x.grade !== null).map((x) => x.grade!),
    indicators: r.indicators.length,
  }));
}

const byLine = (a: Problem, b: Problem) => (a.line ?? 0) - (b.line ?? 0);

/** Collects one import's problems, first rows and shape as it runs, and builds its outcome. */
export class ImportReport {
  private errors: Problem[] = [];
  private warnings: Problem[] = [];
  private errorCount = 0;
  private warningCount = 0;
  private readonly previewRecords: SheetRecord[] = [];
  layout: 'wide' | 'long' = 'wide';
  /** Records read so far (after merging a long layout's rows). */
  rows = 0;
  /** The columns the file maps, once its header is read. */
  owns: Ownership | null = null;
  /** Population files: the first figures as read, with what each replaces. */
  figures: FigurePreview[] | null = null;

  constructor(
    private readonly options: LoadOptions,
    private readonly profile: string,
    public encoding: string,
  ) {}

  get hasErrors(): boolean {
    return this.errorCount > 0;
  }

  note(problems: Problem[]): void {
    for (const p of problems) {
      if (p.severity === 'error') {
        if (this.errorCount++ < MAX_PROBLEMS) this.errors.push(detachDeep(p));
      } else if (this.warningCount++ < MAX_PROBLEMS) this.warnings.push(detachDeep(p));
    }
  }

  /** A broken file (empty, bad quoting, unreadable bytes): these problems are its only ones. */
  replaceWith(problems: Problem[]): void {
    this.errors = [];
    this.warnings = [];
    this.errorCount = this.warningCount = 0;
    this.note(problems);
  }

  /** Remembers the first records read, for the preview. */
  read(records: SheetRecord[]): void {
    this.rows += records.length;
    for (const r of records.slice(0, PREVIEW_ROWS - this.previewRecords.length)) this.previewRecords.push(detachDeep(r));
  }

  /** The warnings so far, in line order (stored with the batch). */
  sortedWarnings(): Problem[] {
    return [...this.warnings].sort(byLine);
  }

  outcome(result: WriteResult | null): ImportOutcome {
    const errors = [...this.errors].sort(byLine);
    const warnings = this.sortedWarnings();
    if (this.errorCount > MAX_PROBLEMS) errors.push(tooMany(this.options.fileName, this.errorCount));
    return {
      ok: result !== null,
      dryRun: !!this.options.dryRun,
      fileName: this.options.fileName,
      encoding: this.encoding,
      layout: this.layout,
      // Rows read: for evaluations every one is written; a population file may pass some over.
      rows: this.rows,
      result,
      errors,
      warnings,
      profile: this.profile,
      preview: preview(this.previewRecords),
      ...(this.owns ? { columns: describeOwnership(this.owns) } : {}),
      ...(this.figures ? { figures: this.figures } : {}),
    };
  }
}

/** A file refused before it is read (too large, not CSV, no such profile): one problem. */
export function refused(options: LoadOptions, profile: string, encoding: string, problem: Problem): ImportOutcome {
  const report = new ImportReport(options, profile, encoding);
  report.note([problem]);
  return report.outcome(null);
}
