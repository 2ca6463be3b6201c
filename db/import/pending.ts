/**
 * Uploads from the web page go in two steps: the file is checked (a dry run) and kept as a
 * pending batch, the user reads the preview, then commits it. Committing imports the kept bytes
 * for real — the user commits exactly the file they previewed, no second upload.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../client';
import { importBatches, importFiles } from '../schema';
import type { MappingFile } from './headers';
import { importFile, type ImportOutcome, type LoadOptions } from './load';

export interface StagedUpload {
  outcome: ImportOutcome;
  /** The pending batch to commit, when the dry run found no errors. */
  pendingId: number | null;
}

/** Dry-runs the file; without errors keeps it as a pending batch whose report is the preview. */
export async function stageUpload(db: Db, bytes: Uint8Array, options: Omit<LoadOptions, 'dryRun'>): Promise<StagedUpload> {
  const outcome = await importFile(db, bytes, { ...options, dryRun: true });
  if (!outcome.ok || !outcome.result) return { outcome, pendingId: null };
  const r = outcome.result;
  const pendingId = await db.transaction(async (tx) => {
    const [batch] = await tx
      .insert(importBatches)
      .values({
        fileName: options.fileName,
        sha256: '',
        encoding: outcome.encoding,
        createdBy: options.createdBy ?? 'web',
        status: 'pending',
        rowCount: r.rows,
        insertedCount: r.inserted,
        updatedCount: r.updated,
        unchangedCount: r.unchanged,
        warningCount: outcome.warnings.length,
        report: {
          warnings: outcome.warnings,
          layout: outcome.layout,
          municipality: options.municipality ?? null,
          // The profile the check used (commit reads the file the same way) and the first rows as read.
          profile: outcome.profile,
          preview: outcome.preview,
        },
      })
      .returning({ id: importBatches.id });
    await tx.insert(importFiles).values({
      batchId: batch!.id,
      gzipped: gzipSync(bytes),
      byteLength: bytes.length,
      mapping: options.mapping ?? null,
    });
    return batch!.id;
  });
  return { outcome, pendingId };
}

/**
 * Imports a pending upload for real. The pending row is replaced by the committed batch.
 * Returns null when there is no such pending upload (already committed or discarded).
 */
export async function commitUpload(db: Db, pendingId: number, createdBy: string): Promise<ImportOutcome | null> {
  const [pending] = await db
    .select({ fileName: importBatches.fileName, report: importBatches.report, gzipped: importFiles.gzipped, mapping: importFiles.mapping })
    .from(importBatches)
    .innerJoin(importFiles, eq(importFiles.batchId, importBatches.id))
    .where(and(eq(importBatches.id, pendingId), eq(importBatches.status, 'pending')));
  if (!pending) return null;
  const bytes = gunzipSync(pending.gzipped);
  const report = (pending.report ?? {}) as { municipality?: LoadOptions['municipality'] | null; profile?: string };
  const outcome = await importFile(db, new Uint8Array(bytes), {
    fileName: pending.fileName,
    createdBy,
    mapping: (pending.mapping as MappingFile | null) ?? undefined,
    municipality: report.municipality ?? undefined,
    profile: report.profile,
  });
  if (outcome.ok) await discardUpload(db, pendingId);
  return outcome;
}

export async function discardUpload(db: Db, pendingId: number): Promise<void> {
  await db.delete(importBatches).where(and(eq(importBatches.id, pendingId), eq(importBatches.status, 'pending')));
}

/** The original bytes of any batch (for download from the history). */
export async function originalFile(db: Db, batchId: number): Promise<{ fileName: string; bytes: Buffer } | null> {
  const [row] = await db
    .select({ fileName: importBatches.fileName, gzipped: importFiles.gzipped })
    .from(importFiles)
    .innerJoin(importBatches, eq(importBatches.id, importFiles.batchId))
    .where(eq(importFiles.batchId, batchId));
  return row ? { fileName: row.fileName, bytes: gunzipSync(row.gzipped) } : null;
}
