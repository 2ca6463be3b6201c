/**
 * rows → profile → records: the one row-batch flow every source feeds. A source (a streamed CSV,
 * csv-stream.ts; a workbook's or a whole CSV's grid, grid-import.ts) hands over `{ line, values }`
 * batches; the profile stage (profile-stage.ts) turns them into rows of Hyoka columns; the
 * header those rows come under gives a reader (sheetReader) that turns each row into a record.
 * What follows — check and write (record-stage.ts) — is the caller's, because when to write is
 * the source's choice: a streamed file writes each batch while the next is read, a workbook is
 * checked whole first so that every problem is listed before anything is written.
 * Pure: no database access, so `prepare` can run while the previous batch is being written.
 */
import { contentHash } from './content-hash';
import type { ImportReport } from './outcome';
import { ownedBy } from './owned-columns';
import type { Problem } from './problems';
import type { ProfileStage, StageOutput } from './profile-stage';
import { mergeLongLayout, sheetReader, type RawRow, type ReadOptions, type SheetReader, type SheetRecord } from './read-canonical';
import type { ReadBatch } from './record-stage';

export interface RowFlowOptions {
  fileName: string;
  read: ReadOptions;
  /** Runs on every record once it is whole (a long layout's after merging): a profile's fix-ups. */
  finish?: (records: SheetRecord[]) => void;
}

export class RowFlow {
  private reader: SheetReader | null = null;
  private header: string[] | null = null;
  /** The profile stage met an error: the file's rows are not read (its problems say why). */
  private failed = false;
  /** Long layout: a project-year's rows (one per indicator) may be anywhere; merged at the end. */
  private readonly held: SheetRecord[] = [];

  constructor(
    private readonly report: ImportReport,
    private readonly stage: ProfileStage,
    private readonly options: RowFlowOptions,
  ) {}

  /** The file's first row. */
  start(cells: string[]): void {
    this.take(this.stage.header(cells), []);
  }

  /** A batch of the file's rows → records and the problems reading them. */
  prepare(batch: RawRow[]): ReadBatch {
    const problems: Problem[] = [];
    const records = this.take(this.stage.rows(batch), problems);
    if (this.reader?.layout === 'long') {
      this.held.push(...records);
      return { records: [], problems };
    }
    this.options.finish?.(records);
    // Hashed now, while the previous batch is being written, rather than on the write's path.
    for (const r of records) contentHash(r);
    return { records, problems };
  }

  /** The file is read: the records the profile or a long layout held back, and their problems. */
  end(): ReadBatch {
    const problems: Problem[] = [];
    const records = this.take(this.stage.end(), problems);
    // A header and no data rows: the header is still read, for its problems and what it owns.
    if (this.header && !this.reader && !this.failed) this.readHeader(this.header);
    if (this.reader?.layout !== 'long') {
      this.options.finish?.(records);
      return { records, problems };
    }
    this.held.push(...records);
    const merged = mergeLongLayout(this.options.fileName, this.held, problems);
    this.held.length = 0;
    this.options.finish?.(merged);
    return { records: merged, problems };
  }

  /** The reader for the header, once: its layout, the columns the file owns, the header's problems. */
  private readHeader(header: string[]): SheetReader {
    const reader = sheetReader(this.options.fileName, header, this.options.read);
    this.reader = reader;
    this.report.layout = reader.layout;
    this.report.owns = ownedBy(reader.mapped);
    this.report.note(reader.problems);
    return reader;
  }

  private take(out: StageOutput, problems: Problem[]): SheetRecord[] {
    if (out.header) this.header = out.header;
    // A profile's own problems come first; with an error among them its rows are not read.
    if (out.problems.length > 0) {
      this.report.note(out.problems);
      if (out.problems.some((p) => p.severity === 'error')) this.failed = true;
    }
    if (out.rows.length === 0 || !this.header || this.failed) return [];
    const read = (this.reader ?? this.readHeader(this.header)).read;
    const records: SheetRecord[] = [];
    if (!read) return records;
    for (const { line, values, labels } of out.rows) {
      const record = read(line, values, problems, labels);
      if (record) records.push(record);
    }
    return records;
  }
}
