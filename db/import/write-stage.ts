/**
 * The last stage of every import: one transaction that opens a batch, lets the reading stage feed
 * it checked records, finishes the batch, keeps the original file with it and refreshes the
 * planner's statistics. A dry run is this same path, rolled back after the batch is finished, so
 * its counts are exactly what a real import would do.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../client';
import type { RatingSchemeSpec } from '../domain/rating-scheme';
import type { MappingFile } from './headers';
import type { OriginalCopy } from './original-copy';
import type { ImportReport } from './outcome';
import { ImportRejected, type Problem } from './problems';
import type { StagedClaim } from './staged-claim';
import { BatchWriter, type WriteResult } from './write';
import { phaseTimer, type Tx } from './write-common';

export interface WriteStageOptions {
  fileName: string;
  encoding: string;
  createdBy?: string;
  dryRun?: boolean;
  bulk?: boolean;
  /** The scheme a municipality seen for the first time gets (the profile's). */
  ratingScheme?: RatingSchemeSpec;
  staged?: StagedClaim;
  mapping?: MappingFile;
  original: OriginalCopy;
}

/** What the reading stage reports once the whole file went through: its digest and size. */
export interface FedFile {
  sha256: string;
  byteLength: number;
}

/** What every batch's writer does last: marks the batch committed with its counts. */
export interface FinishingWriter {
  readonly batchId: number;
  finish(info: { sha256: string; warnings: Problem[] }): Promise<WriteResult>;
}

/**
 * Runs `feed` inside the import's transaction; it writes records with the writer and returns the
 * file's digest, or null when the file had errors (then nothing is written). Problems the writer
 * refuses with go to the report. Returns the write's counts, or null when nothing was written.
 */
export function writeStage(
  db: Db,
  report: ImportReport,
  options: WriteStageOptions,
  feed: (writer: BatchWriter, tx: Tx) => Promise<FedFile | null>,
): Promise<WriteResult | null> {
  const open = (tx: Tx) =>
    BatchWriter.open(
      tx,
      { fileName: options.fileName, encoding: options.encoding, createdBy: options.createdBy ?? 'system' },
      { bulk: options.bulk, ratingScheme: options.ratingScheme, staged: options.staged },
    );
  // Fresh planner statistics for the dashboard's group-bys: PGlite has no autovacuum, and
  // on a server autoanalyze may run long after a big import.
  const analyze = () => db.execute(sql`analyze projects, evaluations, ratings, indicators, indicator_values, policy_nodes`);
  return batchTransaction(db, report, options, open, feed, analyze);
}

/**
 * The transaction of any batch (evaluations through BatchWriter, population figures through
 * population/load.ts): open the batch with `open`, let `feed` write, finish the batch, then either
 * roll back (a dry run: its counts kept) or keep the original with it and commit; `after` runs
 * once the batch is committed.
 */
export async function batchTransaction<W extends FinishingWriter>(
  db: Db,
  report: ImportReport,
  options: Pick<WriteStageOptions, 'dryRun' | 'original' | 'mapping'>,
  open: (tx: Tx) => Promise<W>,
  feed: (writer: W, tx: Tx) => Promise<FedFile | null>,
  after?: () => Promise<unknown>,
): Promise<WriteResult | null> {
  const phase = phaseTimer();
  try {
    const result = await db.transaction(async (tx) => {
      const writer = await open(tx);
      const fed = await feed(writer, tx);
      if (!fed || report.hasErrors) throw new Rejected();
      const result = await writer.finish({ sha256: fed.sha256, warnings: report.sortedWarnings() });
      if (options.dryRun) throw new DryRunDone(result);
      // The original goes with its batch, so nothing a city sent is ever lost.
      await phase('storeOriginal', () => options.original.store(tx, writer.batchId, fed.byteLength, options.mapping ?? null));
      return result;
    });
    if (after) await phase('analyze', after);
    return result;
  } catch (error) {
    if (error instanceof DryRunDone) return error.result;
    if (error instanceof Rejected) return null;
    if (error instanceof ImportRejected) {
      report.note(error.problems);
      return null;
    }
    throw error;
  }
}

/** The file had errors: roll back, write nothing. */
class Rejected extends Error {}

/** The dry run's exit: roll back after the batch is finished, keeping its counts. */
class DryRunDone extends Error {
  constructor(readonly result: WriteResult) {
    super('dry run');
  }
}
