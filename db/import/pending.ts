/**
 * Uploads from the web page go in two steps: the file is checked (a dry run) and kept as a
 * pending batch, the user reads the preview, then commits it. Committing imports the kept bytes
 * for real — the user commits exactly the file they previewed, no second upload.
 */
import { gunzipSync } from 'node:zlib';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../client';
import { importBatches, importFiles } from '../schema';
import type { MappingFile } from './headers';
import { importFile, type ImportOutcome, type LoadOptions } from './load';
import { keepOriginal } from './original-copy';
import { findProfile } from './profiles';
import type { ImportProfile } from './profiles/schema';
import { savedProfileVersions } from './saved-profiles';
import { AlreadyClaimed, batchCommittedFrom } from './staged-claim';

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
          ...(options.fiscalYear !== undefined ? { fiscalYear: options.fiscalYear } : {}),
          // The profile the check used (commit reads the file the same way) and the first rows as read.
          profile: outcome.profile,
          preview: outcome.preview,
          ...(outcome.columns ? { columns: outcome.columns } : {}),
          ...(outcome.figures ? { figures: outcome.figures } : {}),
          // What the check saw of the file's project-years; the commit is refused if it changed.
          basis: r.basis,
        },
      })
      .returning({ id: importBatches.id });
    await keepOriginal(tx, batch!.id, bytes, options.mapping ?? null);
    return batch!.id;
  });
  return { outcome, pendingId };
}

/** What became of a commit: imported; refused (errors, or the data changed since the check); or nothing to do. */
export type CommitResult =
  | { status: 'committed'; outcome: ImportOutcome }
  | { status: 'failed'; outcome: ImportOutcome }
  | { status: 'already-committed'; batchId: number }
  | { status: 'gone' };

/**
 * Imports a pending upload for real; the pending row is replaced by the committed batch in the
 * same transaction. Of two commits of one upload at once, exactly one imports; the other is told
 * which batch it became.
 */
export async function commitUpload(db: Db, pendingId: number, createdBy: string): Promise<CommitResult> {
  const [pending] = await db
    .select({ fileName: importBatches.fileName, report: importBatches.report, gzipped: importFiles.gzipped, mapping: importFiles.mapping })
    .from(importBatches)
    .innerJoin(importFiles, eq(importFiles.batchId, importBatches.id))
    .where(and(eq(importBatches.id, pendingId), eq(importBatches.status, 'pending')));
  if (!pending) return alreadyDone(db, pendingId);
  const bytes = gunzipSync(pending.gzipped);
  const report = (pending.report ?? {}) as { municipality?: LoadOptions['municipality'] | null; profile?: string; basis?: string; fiscalYear?: number };
  try {
    const outcome = await importFile(db, new Uint8Array(bytes), {
      fileName: pending.fileName,
      createdBy,
      mapping: (pending.mapping as MappingFile | null) ?? undefined,
      municipality: report.municipality ?? undefined,
      profile: await profileOf(db, report),
      fiscalYear: report.fiscalYear,
      staged: { pendingId, basis: report.basis },
    });
    return { status: outcome.ok ? 'committed' : 'failed', outcome };
  } catch (error) {
    if (error instanceof AlreadyClaimed) return alreadyDone(db, pendingId);
    throw error;
  }
}

/**
 * The profile an upload was checked with: a shipped one by name, or else the municipality's
 * saved profile of that name (the mapping step's), newest version.
 */
async function profileOf(db: Db, report: { municipality?: LoadOptions['municipality'] | null; profile?: string }): Promise<string | ImportProfile | undefined> {
  if (!report.profile || findProfile(report.profile) || !report.municipality?.code) return report.profile;
  const [saved] = await savedProfileVersions(db, report.municipality.code, report.profile);
  return saved?.profile ?? report.profile;
}

async function alreadyDone(db: Db, pendingId: number): Promise<CommitResult> {
  const batchId = await batchCommittedFrom(db, pendingId);
  return batchId === null ? { status: 'gone' } : { status: 'already-committed', batchId };
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
