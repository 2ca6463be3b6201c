/**
 * The import_batches row of every batch, whatever it writes (evaluations: write.ts; population
 * figures: population/load.ts): opened under the import lock (claiming a checked upload), and
 * marked committed with its counts and the report rollback restores from.
 */
import { eq, sql } from 'drizzle-orm';
import { importBatches } from '../schema';
import type { Problem } from './problems';
import { claimStaged, type StagedClaim } from './staged-claim';
import { IMPORT_LOCK, type Tx } from './write-common';

/** Takes the import lock, claims the checked upload being committed, and opens a running batch: its id. */
export async function openBatchRow(tx: Tx, batch: { fileName: string; encoding: string; createdBy: string }, staged?: StagedClaim): Promise<number> {
  await tx.execute(sql`select pg_advisory_xact_lock(${IMPORT_LOCK})`);
  if (staged) await claimStaged(tx, staged);
  const [row] = await tx
    .insert(importBatches)
    .values({ ...batch, sha256: '', rowCount: 0, status: 'running' })
    .returning({ id: importBatches.id });
  return row!.id;
}

export interface BatchCounts {
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
}

/** Marks the batch committed; the caller commits (or, for a dry run, rolls back). */
export async function markCommitted(
  tx: Tx,
  batchId: number,
  counts: BatchCounts,
  info: { sha256: string; warnings: Problem[] },
  report: { kind?: string; previousPopulations: unknown[]; staged?: StagedClaim },
): Promise<void> {
  await tx
    .update(importBatches)
    .set({
      sha256: info.sha256,
      rowCount: counts.rows,
      status: 'committed',
      insertedCount: counts.inserted,
      updatedCount: counts.updated,
      unchangedCount: counts.unchanged,
      warningCount: info.warnings.length,
      report: {
        ...(report.kind ? { kind: report.kind } : {}),
        warnings: info.warnings,
        previousPopulations: report.previousPopulations,
        ...(report.staged ? { stagedAs: report.staged.pendingId } : {}),
      },
      finishedAt: new Date(),
    })
    .where(eq(importBatches.id, batchId));
}
