/**
 * records → validate → write, the one stage the row flow (import-rows.ts) feeds, whichever the
 * source: Hyoka's own CSV layout streamed batch by batch (streamed-import.ts) or a workbook or
 * another profile's file read whole (grid-import.ts). For each batch of read records (and the problems found reading them)
 * it finds project-years given twice in the file (across batches), looks up each municipality's
 * rating scheme once, checks the records' meaning (validate.ts) and notes every problem in the
 * import's report; `write` hands records to the batch's writer only while the file is clean, so
 * a file with an error is read to its end (every problem reported) but nothing more is written.
 * Which of the two a path calls when is its own: the streamed path checks and writes each batch
 * in turn, the grid path checks the whole file before it writes anything.
 */
import type { Db } from '../client';
import { DEFAULT_RATING_SCHEME, type RatingSchemeSpec } from '../domain/rating-scheme';
import { ProjectYearLines } from './kept-state';
import { schemesFor } from './municipality-lookup';
import { fileProblem, type ImportReport } from './outcome';
import type { Problem } from './problems';
import type { SheetRecord } from './read-canonical';
import { findDuplicates, validateRecords } from './validate';
import type { BatchWriter } from './write';

/** Records read from some rows, and what was wrong with the rows that gave none (or gave them). */
export interface ReadBatch {
  records: SheetRecord[];
  problems: Problem[];
}

export interface RecordStageOptions {
  fileName: string;
  /** The scheme of a municipality not stored yet (the profile's). */
  ratingScheme?: RatingSchemeSpec;
  /** The date evaluation years are checked against; default now. */
  today?: Date;
  /** Called after each write: records written so far, and the fraction of the file done. */
  onProgress?: (rows: number, fraction: number) => void;
}

export class RecordStage {
  /** A project-year twice in a file is an error, wherever in the file the second one is. */
  private readonly seen = new ProjectYearLines();
  private readonly schemes = new Map<string, RatingSchemeSpec>();
  private readonly today: Date;

  constructor(
    private readonly report: ImportReport,
    private readonly options: RecordStageOptions,
  ) {
    this.today = options.today ?? new Date();
  }

  /**
   * Checks a batch: its reading problems, project-years already seen, meaning and grades; every
   * problem goes to the report. `db` looks up the schemes of municipalities not seen before (the
   * import's transaction, once it is open).
   */
  async check(db: Db, batch: ReadBatch): Promise<void> {
    const { fileName } = this.options;
    const { records } = batch;
    const problems = [...batch.problems, ...findDuplicates(fileName, records, this.seen)];
    this.report.read(records);
    const codes = [...new Set(records.map((r) => r.municipalityCode))].filter((c) => !this.schemes.has(c));
    if (codes.length > 0) for (const [code, scheme] of await schemesFor(db, codes, this.options.ratingScheme)) this.schemes.set(code, scheme);
    problems.push(...validateRecords(fileName, records, (code) => this.schemes.get(code) ?? DEFAULT_RATING_SCHEME, this.today));
    this.report.note(problems);
  }

  /** Writes checked records while the file has no error; problems only a write finds go to the report. */
  async write(writer: BatchWriter, records: SheetRecord[], fraction: () => number): Promise<void> {
    if (this.report.hasErrors || records.length === 0) return;
    this.report.note(await writer.write(records));
    this.options.onProgress?.(writer.rowsWritten, fraction());
  }

  /** The file is read: one with no records and no other error says so. */
  end(): void {
    if (this.report.rows === 0 && !this.report.hasErrors)
      this.report.note([fileProblem(this.options.fileName, 'データ行がありません', 'The file has no data rows')]);
  }
}
