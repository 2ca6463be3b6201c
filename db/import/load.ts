/**
 * The import pipeline's entry: a file (bytes, or a path on disk) → database, all or nothing.
 *
 *   decode (byte checks: file-check.ts; profile: choose-profile.ts)
 *   → rows, in batches of { line, cells } from one of two sources:
 *       Hyoka's own CSV layout, streamed (streamed-import.ts, csv-stream.ts), or
 *       a workbook / another profile's file, read whole as a grid and cut into batches (grid-import.ts)
 *   → profile → records, one row flow for both (import-rows.ts, profile-stage.ts)
 *   → validate and write, one stage both sources feed (record-stage.ts: duplicates, schemes,
 *     validate.ts, the writer while the file is clean)
 *   → the batch's transaction (write-stage.ts: one transaction, the dry-run exit, the original
 *     kept; write.ts)
 *   → one outcome (outcome.ts).
 * A population file (population/load.ts) has its own reading and writer, in the same transaction
 * stage and with the same outcome.
 *
 * Any error means nothing is written; the outcome lists every problem with file, line, column,
 * value and a message in Japanese and English. A dry run does the whole write and rolls it back,
 * so its counts (inserted / updated / unchanged) are exactly what a real import would do.
 */
import { open, readFile, stat } from 'node:fs/promises';
import type { Db } from '../client';
import { pickProfile } from './choose-profile';
import { NotUtf8, type ImportSource } from './csv-stream';
import { checkBytes, checkFileSize, checkStart } from './file-check';
import { importGrid } from './grid-import';
import { refused, type ImportOutcome, type LoadOptions, type LoadResult } from './outcome';
import { importPopulation, POPULATION_PROFILE } from './population/load';
import { ImportRejected } from './problems';
import { DEFAULT_PROFILE } from './profiles';
import { isXlsx } from './read-xlsx';
import { importStreamed } from './streamed-import';

export { decode } from './file-check';
export { MAX_PROBLEMS, type FigurePreview, type ImportOutcome, type LoadOptions, type LoadResult, type PreviewRow } from './outcome';

/** The first bytes of the source (its signature) and its size, without reading a file on disk whole. */
async function headOf(source: ImportSource, n = 16): Promise<{ head: Uint8Array; size: number }> {
  if (source instanceof Uint8Array) return { head: source.subarray(0, n), size: source.length };
  const { size } = await stat(source.path);
  const handle = await open(source.path, 'r');
  try {
    const head = new Uint8Array(Math.min(n, size));
    await handle.read(head, 0, head.length, 0);
    return { head, size };
  } finally {
    await handle.close();
  }
}

const bytesOf = async (source: ImportSource): Promise<Uint8Array> => (source instanceof Uint8Array ? source : new Uint8Array(await readFile(source.path)));

/**
 * Imports one file; never throws for bad input (the outcome lists the problems). `source` is
 * the bytes (uploads) or a path on disk (the CLI). A plain CSV in Hyoka's layout is streamed
 * (streamed-import.ts); a workbook or another profile's file is read whole (grid-import.ts).
 */
export async function importFile(db: Db, source: ImportSource, options: LoadOptions): Promise<ImportOutcome> {
  const { fileName } = options;
  const { head, size } = await headOf(source);
  const xlsx = isXlsx(head);
  const requested = typeof options.profile === 'object' ? options.profile.name : (options.profile ?? DEFAULT_PROFILE);
  if (requested === POPULATION_PROFILE) {
    const tooLarge = checkFileSize(fileName, size);
    if (tooLarge) return refused(options, POPULATION_PROFILE, '—', tooLarge);
    return importPopulation(db, await bytesOf(source), options);
  }
  const profile = pickProfile(fileName, options.profile, xlsx ? 'xlsx' : 'csv');
  if ('severity' in profile) return refused(options, requested, xlsx ? 'xlsx' : '—', profile);

  if (xlsx || profile.layout !== 'hyoka' || profile.headerRow !== 1) {
    // A workbook (or a profile's file) is small: checked and read in memory, as a grid.
    const tooLarge = checkFileSize(fileName, size);
    if (tooLarge) return refused(options, profile.name, xlsx ? 'xlsx' : '—', tooLarge);
    return importGrid(db, await bytesOf(source), options, profile, xlsx);
  }

  // Streamed: size and first bytes up front, before anything is decoded; bytes in memory get
  // every byte check at once, a file on disk has its NUL bytes and encodings checked as it streams.
  const inMemory = source instanceof Uint8Array;
  const tooLarge = options.bulk && !inMemory ? null : checkFileSize(fileName, size);
  if (tooLarge) return refused(options, profile.name, '—', tooLarge);
  const notCsv = inMemory ? checkBytes(fileName, source) : checkStart(fileName, head);
  if (notCsv) return refused(options, profile.name, '—', notCsv);
  try {
    return await importStreamed(db, source, options, profile, 'utf-8');
  } catch (error) {
    if (!(error instanceof NotUtf8)) throw error;
    // Bytes that are not UTF-8 somewhere. A file on disk: is it a BOM over Shift_JIS, or UTF-8
    // and Shift_JIS lines joined? (Such a file is a city's export, well inside the size limit.)
    if (!inMemory && checkFileSize(fileName, size) === null) {
      const mixed = checkBytes(fileName, await bytesOf(source));
      if (mixed) return refused(options, profile.name, '—', mixed);
    }
    // Otherwise the whole file is Shift_JIS (CP932): start over.
    return importStreamed(db, source, options, profile, 'cp932');
  }
}

/** importFile for callers that want an exception on bad input (demo seeding, tests). */
export async function loadCsvFile(db: Db, bytes: Uint8Array, options: LoadOptions): Promise<LoadResult> {
  const outcome = await importFile(db, bytes, options);
  if (!outcome.ok || !outcome.result) throw new ImportRejected([...outcome.errors, ...outcome.warnings]);
  return { ...outcome.result, encoding: outcome.encoding, warnings: outcome.warnings };
}
