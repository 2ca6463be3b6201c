/**
 * The import history as the staff's import page shows it: the list of batches (newest first,
 * paged), one batch's report, and which municipalities and fiscal years a batch wrote.
 * Mutations (stage, commit, discard, roll back) live in db/import/; this file only reads.
 */
import { count, desc, eq, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../client';
import type { FigurePreview, PreviewRow } from '../import/load';
import type { Problem } from '../import/problems';
import { authUsers, importBatches, importFiles } from '../schema';
import { alias } from 'drizzle-orm/pg-core';

export type ImportStatus = (typeof importBatches.$inferSelect)['status'];

export interface ImportBatchRow {
  id: number;
  fileName: string;
  createdBy: string;
  status: ImportStatus;
  encoding: string;
  startedAt: Date;
  finishedAt: Date | null;
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  /** Failed uploads: rows with at least one error (nothing of the file was written). */
  rejected: number;
  warnings: number;
  /** Size of the kept original file, or null when none was kept (e.g. a batch from before files were kept). */
  byteLength: number | null;
}

export interface ImportHistoryPage {
  rows: ImportBatchRow[];
  total: number;
  /** 1-based, clamped into 1..pageCount. */
  page: number;
  pageCount: number;
  pageSize: number;
}

/** The importer's and the roll-backer's current names; the stored ones for the CLI and deleted users. */
const importer = alias(authUsers, 'importer');
const rollbacker = alias(authUsers, 'rollbacker');

const batchColumns = {
  id: importBatches.id,
  fileName: importBatches.fileName,
  createdBy: sql<string>`coalesce(${importer.name}, ${importBatches.createdBy})`,
  status: importBatches.status,
  encoding: importBatches.encoding,
  startedAt: importBatches.startedAt,
  finishedAt: importBatches.finishedAt,
  rows: importBatches.rowCount,
  inserted: importBatches.insertedCount,
  updated: importBatches.updatedCount,
  unchanged: importBatches.unchangedCount,
  rejected: importBatches.rejectedCount,
  warnings: importBatches.warningCount,
  byteLength: importFiles.byteLength,
};

/** Every batch (pending previews included), newest first; `page` out of range is clamped. */
export async function listImportBatches(db: Db, options: { page?: number; pageSize?: number } = {}): Promise<ImportHistoryPage> {
  const pageSize = options.pageSize ?? 20;
  const [{ total } = { total: 0 }] = await db.select({ total: count() }).from(importBatches);
  const pageCount = Math.max(1, Math.ceil(Number(total) / pageSize));
  const page = Math.min(Math.max(1, Math.trunc(options.page ?? 1)), pageCount);
  const rows = await db
    .select(batchColumns)
    .from(importBatches)
    .leftJoin(importFiles, eq(importFiles.batchId, importBatches.id))
    .leftJoin(importer, eq(importer.id, importBatches.createdByUserId))
    // A commit creates a new batch, so start time and id agree; id breaks ties within a second.
    .orderBy(desc(importBatches.startedAt), desc(importBatches.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return { rows, total: Number(total), page, pageCount, pageSize };
}

/** What a batch's report jsonb may hold (pending previews and committed batches fill different parts). */
export interface ImportReport {
  /** Failed uploads: the errors that stopped them (the first MAX_PROBLEMS_KEPT) and how many there were. */
  errors: Problem[];
  errorCount: number;
  warnings: Problem[];
  /** Pending previews and failed uploads: the file's layout (wide = one row per project-year, long = one row per indicator). */
  layout: 'wide' | 'long' | null;
  /** Pending previews and failed uploads: the municipality typed in the upload form, for files without municipality columns. */
  municipality: { code: string; name?: string } | null;
  rolledBack: { by: string; at: string; restored: number; removed: number } | null;
  /** The import profile the file was read with (db/import/profiles); null for batches from before profiles. */
  profile: string | null;
  /** Pending previews: the first rows as the profile read them. */
  preview: PreviewRow[];
  /** Pending previews of population files: the first figures, with the ones they replace. */
  figures: FigurePreview[];
  /** Pending previews: the stored columns the file sets, and those it leaves as they are. */
  columns: { sets: string[]; keeps: string[] } | null;
}

export interface ImportBatchDetail extends ImportBatchRow {
  report: ImportReport;
  /** The user's header mapping file was applied. */
  hasMapping: boolean;
}

export async function getImportBatch(db: Db, id: number): Promise<ImportBatchDetail | null> {
  const [row] = await db
    .select({ ...batchColumns, report: importBatches.report, mapping: importFiles.mapping, rolledBackBy: rollbacker.name })
    .from(importBatches)
    .leftJoin(importFiles, eq(importFiles.batchId, importBatches.id))
    .leftJoin(importer, eq(importer.id, importBatches.createdByUserId))
    .leftJoin(rollbacker, eq(rollbacker.id, importBatches.rolledBackByUserId))
    .where(eq(importBatches.id, id));
  if (!row) return null;
  const { report: raw, mapping, rolledBackBy, ...batch } = row;
  const r = (raw ?? {}) as Partial<ImportReport>;
  const rolledBack = r.rolledBack ? { ...r.rolledBack, by: rolledBackBy ?? r.rolledBack.by } : null;
  return {
    ...batch,
    hasMapping: mapping !== null && mapping !== undefined,
    report: {
      errors: Array.isArray(r.errors) ? r.errors : [],
      errorCount: typeof r.errorCount === 'number' ? r.errorCount : Array.isArray(r.errors) ? r.errors.length : 0,
      warnings: Array.isArray(r.warnings) ? r.warnings : [],
      layout: r.layout ?? null,
      municipality: r.municipality ?? null,
      rolledBack,
      profile: typeof r.profile === 'string' ? r.profile : null,
      preview: Array.isArray(r.preview) ? r.preview : [],
      figures: Array.isArray(r.figures) ? r.figures : [],
      columns: r.columns && Array.isArray(r.columns.sets) && Array.isArray(r.columns.keeps) ? r.columns : null,
    },
  };
}

export interface BatchCoverage {
  municipalityCode: string;
  municipalityName: string;
  fiscalYear: number;
  /** Project-years the batch added. */
  added: number;
  /** Project-years it replaced (changed). Rows it found unchanged are not written, so not counted. */
  replaced: number;
}

/**
 * The municipalities and fiscal years a batch wrote, from its rollback record (import_replaced),
 * which stays the same whatever later imports do. Rows whose project no longer exists (a batch's
 * new projects after it was rolled back) have no municipality left and are not listed.
 */
export async function getBatchCoverage(db: Db, batchId: number): Promise<BatchCoverage[]> {
  const rows = await queryRows<{ code: string; name: string; fiscal_year: number; added: number; replaced: number }>(
    db,
    sql`select m.code, m.name, r.fiscal_year::int as fiscal_year,
               count(*) filter (where r.previous is null)::int as added,
               count(*) filter (where r.previous is not null)::int as replaced
        from import_replaced r
        join projects p on p.id = r.project_id
        join municipalities m on m.id = p.municipality_id
        where r.batch_id = ${batchId}
        group by m.code, m.name, r.fiscal_year
        order by m.code, r.fiscal_year`,
  );
  return rows.map((r) => ({
    municipalityCode: r.code,
    municipalityName: r.name,
    fiscalYear: r.fiscal_year,
    added: r.added,
    replaced: r.replaced,
  }));
}

export interface DataSource {
  fileName: string;
  /** When the batch's import finished (committed). */
  importedAt: Date;
  /** The year's evaluations whose current figures came from this batch. */
  evaluations: number;
}

/**
 * Where one municipality's figures for a fiscal year come from: the import batches its current
 * evaluations were written by (a rollback moves a restored row back to its earlier batch), newest
 * first. The briefing pack prints them on its cover and the newest date as the date of the data.
 */
export async function getDataSources(db: Db, municipalityId: number, fiscalYear: number): Promise<DataSource[]> {
  const rows = await queryRows<{ file_name: string; imported_at: string | Date; evaluations: number }>(
    db,
    sql`select b.file_name, coalesce(b.finished_at, b.started_at) as imported_at, count(*)::int as evaluations
        from evaluations e
        join projects p on p.id = e.project_id
        join import_batches b on b.id = e.import_batch_id
        where p.municipality_id = ${municipalityId} and e.fiscal_year = ${fiscalYear}
        group by b.id, b.file_name, b.finished_at, b.started_at
        order by imported_at desc, b.id desc`,
  );
  // The two drivers return timestamptz as a Date or as text.
  return rows.map((r) => ({ fileName: r.file_name, importedAt: new Date(r.imported_at), evaluations: r.evaluations }));
}

export interface BatchProblems {
  id: number;
  fileName: string;
  status: ImportStatus;
  /** Errors then warnings, each in the order the report keeps them (by line). */
  problems: Problem[];
  /** How many errors and warnings there were, kept or not (a rejected file keeps the first MAX_PROBLEMS_KEPT of each). */
  errorCount: number;
  warningCount: number;
}

/**
 * Every problem a batch's report keeps, for its export: the same list its page shows, whatever
 * the batch's status (a rejected upload's errors, a preview's or a committed batch's warnings).
 */
export async function getBatchProblems(db: Db, id: number): Promise<BatchProblems | null> {
  const [row] = await db
    .select({
      id: importBatches.id,
      fileName: importBatches.fileName,
      status: importBatches.status,
      report: importBatches.report,
      warningCount: importBatches.warningCount,
    })
    .from(importBatches)
    .where(eq(importBatches.id, id));
  if (!row) return null;
  const r = (row.report ?? {}) as Partial<ImportReport>;
  const errors = Array.isArray(r.errors) ? r.errors : [];
  const warnings = Array.isArray(r.warnings) ? r.warnings : [];
  return {
    id: row.id,
    fileName: row.fileName,
    status: row.status,
    problems: [...errors, ...warnings],
    errorCount: typeof r.errorCount === 'number' ? r.errorCount : errors.length,
    warningCount: Math.max(row.warningCount, warnings.length),
  };
}
