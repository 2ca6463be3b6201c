/**
 * A web upload the checks rejected is still recorded, as a `failed` batch with its problems and
 * its original file: the history then shows who tried to load what and why it was refused, and
 * the problems stay readable (and linkable) after the page is closed. Nothing else is written.
 */
import { headerDelimiter } from './delimiter';
import { createHash } from 'node:crypto';
import Papa from 'papaparse';
import type { Db } from '../client';
import { importBatches } from '../schema';
import type { MappingFile } from './headers';
import { isXlsx } from './read-xlsx';
import { decode } from './file-check';
import type { ImportOutcome, LoadOptions } from './outcome';
import { keepOriginal } from './original-copy';
import type { Problem } from './problems';

/** A file with an error on every row can have thousands; the first ones say what is wrong. */
export const MAX_PROBLEMS_KEPT = 1000;

/** Rows with at least one error (a file-level error, with no line, rejects every row). */
export function rejectedRowCount(errors: Problem[], dataRows: number): number {
  if (errors.some((p) => p.line === null)) return dataRows;
  return Math.min(new Set(errors.map((p) => p.line)).size, dataRows);
}

/**
 * Data rows in the file as written (the outcome counts only the rows it could read, and a
 * rejected file's history should say how long the file was). Quoted newlines stay in their row.
 */
export function countDataRows(bytes: Uint8Array): number {
  if (isXlsx(bytes)) return 0; // a workbook's rows are only known once read (the outcome's count)
  const { text } = decode(bytes);
  const { data } = Papa.parse<string[]>(text, { delimiter: headerDelimiter(text), skipEmptyLines: 'greedy' });
  return Math.max(0, data.length - 1);
}

export async function recordRejectedUpload(
  db: Db,
  bytes: Uint8Array,
  outcome: ImportOutcome,
  options: { createdBy: string; mapping?: MappingFile; municipality?: LoadOptions['municipality'] },
): Promise<number> {
  const keep = (problems: Problem[]) => problems.slice(0, MAX_PROBLEMS_KEPT);
  const dataRows = Math.max(countDataRows(bytes), outcome.rows);
  return db.transaction(async (tx) => {
    const [batch] = await tx
      .insert(importBatches)
      .values({
        fileName: outcome.fileName,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        encoding: outcome.encoding,
        createdBy: options.createdBy,
        status: 'failed',
        rowCount: dataRows,
        rejectedCount: rejectedRowCount(outcome.errors, dataRows),
        warningCount: outcome.warnings.length,
        report: {
          errors: keep(outcome.errors),
          errorCount: outcome.errors.length,
          warnings: keep(outcome.warnings),
          layout: outcome.layout,
          municipality: options.municipality ?? null,
          profile: outcome.profile,
        },
        finishedAt: new Date(),
      })
      .returning({ id: importBatches.id });
    await keepOriginal(tx, batch!.id, bytes, options.mapping ?? null);
    return batch!.id;
  });
}
