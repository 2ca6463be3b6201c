/**
 * The import pipeline: a CSV file (bytes) → database, all or nothing.
 *
 *   decode (UTF-8 / BOM / Shift_JIS) → parse + map headers → read rows (every problem collected)
 *   → check meaning (validate.ts) → write in one transaction (write.ts)
 *
 * Any error means nothing is written; the outcome lists every problem with file, line, column,
 * value and a message in Japanese and English. A dry run does the whole write and rolls it back,
 * so its counts (inserted / updated / unchanged) are exactly what a real import would do.
 */
import { eq, inArray, sql } from 'drizzle-orm';
import iconv from 'iconv-lite';
import type { Db } from '../client';
import { DEFAULT_RATING_SCHEME, type Band, type RatingSchemeSpec } from '../domain/rating-scheme';
import { municipalities, ratingCriteria, ratingGrades, ratingSchemes } from '../schema';
import type { MappingFile } from './headers';
import { ImportRejected, type Problem } from './problems';
import { emptyFileProblem, NotUtf8, parseCsvStream, Unreadable, type DecodeState, type Encoding, type ImportSource } from './csv-stream';
import { detach, detachDeep } from './detach';
import { originalCopy } from './original-copy';
import { mergeLongLayout, quoteProblem, sheetReader, type QuoteError, type RawRow, type SheetReader, type SheetRecord } from './read-canonical';
import { validateRecords } from './validate';
import { BatchWriter, phaseTimer, WRITE_CHUNK, type WriteResult } from './write';

export interface LoadOptions {
  fileName: string;
  createdBy?: string;
  /** Headers the alias table does not know: { columns: { "their header": "Hyoka header" } }. */
  mapping?: MappingFile;
  /** For files without municipality columns; the name may be omitted when the code is known. */
  municipality?: { code: string; name?: string };
  dryRun?: boolean;
  /** Bulk load (see BatchWriter.open): foreign keys checked once at the end; readers wait meanwhile. */
  bulk?: boolean;
  /** The date evaluation years are checked against (a year not yet started is refused); default now. */
  today?: Date;
  /** Called as rows are written (for progress bars): rows so far, and the fraction of the file read. */
  onProgress?: (rows: number, fraction: number) => void;
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
}

export interface LoadResult extends WriteResult {
  encoding: string;
  warnings: Problem[];
}

/** UTF-8 (with or without BOM) when the bytes are valid UTF-8, otherwise Shift_JIS (CP932). */
export function decode(bytes: Uint8Array): { text: string; encoding: string } {
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(hasBom ? bytes.subarray(3) : bytes);
    return { text, encoding: hasBom ? 'UTF-8 (BOM)' : 'UTF-8' };
  } catch {
    return { text: iconv.decode(Buffer.from(bytes), 'cp932'), encoding: 'Shift_JIS (CP932)' };
  }
}

/** A project may appear once per fiscal year in a file; a second row is an error, not a silent overwrite. */
function findDuplicates(fileName: string, records: SheetRecord[], seen: Map<string, number>): Problem[] {
  const problems: Problem[] = [];
  for (const r of records) {
    const key = `${r.municipalityCode}|${r.projectCode}|${r.fiscalYear}`;
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(detach(key), r.line);
      continue;
    }
    problems.push({
      severity: 'error',
      file: fileName,
      line: r.line,
      column: '事業番号',
      value: r.projectCode,
      message: {
        ja: `事業番号「${r.projectCode}」の${r.fiscalYear}年度は${first}行目にもあります（同じ事業・年度は1行だけにしてください）`,
        en: `Project "${r.projectCode}" for FY${r.fiscalYear} already appears on line ${first} (one row per project and year)`,
      },
    });
  }
  return problems;
}

function fileProblem(fileName: string, ja: string, en: string): Problem {
  return { severity: 'error', file: fileName, line: null, column: null, value: null, message: { ja, en } };
}

/** Each municipality's rating scheme as stored, or the default for a municipality not seen yet. */
async function schemesFor(db: Db, codes: string[]): Promise<Map<string, RatingSchemeSpec>> {
  const rows = codes.length
    ? await db
        .select({
          code: municipalities.code,
          scheme: ratingSchemes.name,
          key: ratingCriteria.key,
          criterionJa: ratingCriteria.labelJa,
          criterionEn: ratingCriteria.labelEn,
          criterionPosition: ratingCriteria.position,
          grade: ratingGrades.code,
          gradeJa: ratingGrades.labelJa,
          gradeEn: ratingGrades.labelEn,
          gradePosition: ratingGrades.position,
          band: ratingGrades.band,
        })
        .from(ratingGrades)
        .innerJoin(ratingCriteria, eq(ratingGrades.criterionId, ratingCriteria.id))
        .innerJoin(ratingSchemes, eq(ratingCriteria.schemeId, ratingSchemes.id))
        .innerJoin(municipalities, eq(ratingSchemes.municipalityId, municipalities.id))
        .where(inArray(municipalities.code, codes))
        .orderBy(ratingCriteria.position, ratingGrades.position)
    : [];
  const schemes = new Map<string, RatingSchemeSpec>();
  for (const r of rows) {
    let scheme = schemes.get(r.code);
    if (!scheme) schemes.set(r.code, (scheme = { name: r.scheme, criteria: [] }));
    let criterion = scheme.criteria.find((c) => c.key === r.key);
    if (!criterion) scheme.criteria.push((criterion = { key: r.key, labelJa: r.criterionJa, labelEn: r.criterionEn, grades: [] }));
    criterion.grades.push({ code: r.grade, labelJa: r.gradeJa, labelEn: r.gradeEn, band: r.band as Band });
  }
  for (const code of codes) if (!schemes.has(code)) schemes.set(detach(code), DEFAULT_RATING_SCHEME);
  return schemes;
}

async function resolveMunicipality(db: Db, given: LoadOptions['municipality']): Promise<{ code: string; name: string } | Problem | undefined> {
  if (!given) return undefined;
  if (given.name) return { code: given.code, name: given.name };
  const [known] = await db.select({ name: municipalities.name }).from(municipalities).where(eq(municipalities.code, given.code));
  if (known) return { code: given.code, name: known.name };
  return fileProblem(
    '',
    `自治体コード「${given.code}」はまだ登録されていません。自治体名も指定してください（例: --municipality ${given.code}:伊勢原市）`,
    `Municipality "${given.code}" is not known yet; give its name too (e.g. --municipality ${given.code}:Isehara)`,
  );
}

/** Problems kept per import (errors and warnings each); a file wrong on every row says so once more. */
export const MAX_PROBLEMS = 10_000;

class Rejected extends Error {}
class DryRunDone extends Error {
  constructor(readonly result: WriteResult) {
    super('dry run');
  }
}

/**
 * Imports one file; never throws for bad input (the outcome lists the problems). The file is
 * streamed: parse → read → check → write in chunks inside one transaction, so memory does not
 * grow with the file; any error anywhere rolls the whole transaction back. `source` is the bytes
 * (uploads) or a path on disk (the CLI).
 */
export async function importFile(db: Db, source: ImportSource, options: LoadOptions): Promise<ImportOutcome> {
  try {
    return await importAs(db, source, options, 'utf-8');
  } catch (error) {
    // Bytes that are not UTF-8 somewhere: the whole file is Shift_JIS (CP932), start over.
    if (error instanceof NotUtf8) return importAs(db, source, options, 'cp932');
    throw error;
  }
}

async function importAs(db: Db, source: ImportSource, options: LoadOptions, encoding: Encoding): Promise<ImportOutcome> {
  const { fileName } = options;
  const errors: Problem[] = [];
  const warnings: Problem[] = [];
  let errorCount = 0;
  let warningCount = 0;
  let layout: 'wide' | 'long' = 'wide';
  let recordsRead = 0;
  let decoded: DecodeState | null = null;
  const note = (problems: Problem[]) => {
    for (const p of problems) {
      if (p.severity === 'error') {
        if (errorCount++ < MAX_PROBLEMS) errors.push(detachDeep(p));
      } else if (warningCount++ < MAX_PROBLEMS) warnings.push(detachDeep(p));
    }
  };
  const outcome = (result: WriteResult | null): ImportOutcome => {
    const byLine = (a: Problem, b: Problem) => (a.line ?? 0) - (b.line ?? 0);
    errors.sort(byLine);
    warnings.sort(byLine);
    if (errorCount > MAX_PROBLEMS) errors.push(tooMany(fileName, errorCount));
    return {
      ok: result !== null,
      dryRun: !!options.dryRun,
      fileName,
      encoding: decoded?.encoding ?? (encoding === 'cp932' ? 'Shift_JIS (CP932)' : 'UTF-8'),
      layout,
      rows: result?.rows ?? recordsRead,
      result,
      errors,
      warnings,
    };
  };

  const municipality = await resolveMunicipality(db, options.municipality);
  if (municipality && 'severity' in municipality) {
    note([{ ...municipality, file: fileName }]);
    return outcome(null);
  }

  const phase = phaseTimer();
  // The gzipped original goes with its batch, so nothing a city sent is ever lost.
  const original = await originalCopy(source);
  try {
    const result = await db.transaction(async (tx) => {
      const writer = await BatchWriter.open(tx, { fileName, encoding: encoding === 'cp932' ? 'Shift_JIS (CP932)' : 'UTF-8', createdBy: options.createdBy ?? 'system' }, { bulk: options.bulk });
      const quoteErrors: QuoteError[] = [];
      let header: string[] = [];
      let reader: SheetReader | null = null;
      const schemes = new Map<string, RatingSchemeSpec>();
      /** municipality|project|year → first line: a project-year twice in a file is an error. */
      const seen = new Map<string, number>();
      const longRecords: SheetRecord[] = [];
      const today = options.today ?? new Date();

      /** Reads a batch of rows into records; a project-year twice in the file is an error. */
      const readBatch = (batch: RawRow[]): { records: SheetRecord[]; problems: Problem[] } => {
        const problems: Problem[] = [];
        const records: SheetRecord[] = [];
        if (quoteErrors.length > 0) return { records, problems };
        if (!reader) {
          reader = sheetReader(fileName, header, { mapping: options.mapping, municipality });
          layout = reader.layout;
          note(reader.problems);
        }
        if (!reader.read) return { records, problems };
        for (const { line, values } of batch) {
          const record = reader.read(line, values, problems);
          if (record) records.push(record);
        }
        // Long layout: a project-year's rows (one per indicator) must be merged before anything
        // about them can be checked, and they may be anywhere in the file: kept until the end.
        if (reader.layout === 'long') {
          longRecords.push(...records);
          return { records: [], problems };
        }
        problems.push(...findDuplicates(fileName, records, seen));
        return { records, problems };
      };

      /** Checks a chunk of read records and, while the file is clean so far, writes it. */
      const checkAndWrite = async ({ records, problems }: { records: SheetRecord[]; problems: Problem[] }) => {
        recordsRead += records.length;
        const codes = [...new Set(records.map((r) => r.municipalityCode))].filter((c) => !schemes.has(c));
        if (codes.length > 0) for (const [code, scheme] of await schemesFor(tx as unknown as Db, codes)) schemes.set(code, scheme);
        problems.push(...validateRecords(fileName, records, (code) => schemes.get(code) ?? DEFAULT_RATING_SCHEME, today));
        note(problems);
        if (errorCount > 0 || records.length === 0) return; // keep reading to report every problem, but write no more
        note(await writer.write(records));
        options.onProgress?.(recordsRead, original.fraction());
      };

      decoded = await parseCsvStream(fileName, source, encoding, {
        header: (values) => {
          header = values;
        },
        quote: (q) => quoteErrors.push(q),
        prepare: readBatch,
        write: checkAndWrite,
      }, { batchRows: WRITE_CHUNK, tap: original.tap });

      if (!decoded.sawText) throw new UnreadableFile(emptyFileProblem(fileName));
      // A quoting mistake swallows or splits rows: every later figure is suspect, so report it alone.
      if (quoteErrors.length > 0) throw new UnreadableFile(...quoteErrors.map((q) => quoteProblem(fileName, header, q)));
      if (!reader) {
        // A header and no data rows.
        const headerOnly = sheetReader(fileName, header, { mapping: options.mapping, municipality });
        layout = headerOnly.layout;
        note(headerOnly.problems);
      }
      if (longRecords.length > 0) {
        const problems: Problem[] = [];
        const merged = mergeLongLayout(fileName, longRecords, problems);
        longRecords.length = 0;
        problems.push(...findDuplicates(fileName, merged, seen));
        note(problems);
        for (const part of chunkList(merged, WRITE_CHUNK)) await checkAndWrite({ records: part, problems: [] });
      }
      if (recordsRead === 0 && errorCount === 0) note([fileProblem(fileName, 'データ行がありません', 'The file has no data rows')]);
      if (errorCount > 0) throw new Rejected();

      const result = await writer.finish({ sha256: decoded.sha256, warnings });
      if (options.dryRun) throw new DryRunDone(result);
      await phase('storeOriginal', () => original.store(tx, writer.batchId, decoded!.bytes, options.mapping ?? null));
      return result;
    });
    // Fresh planner statistics for the dashboard's group-bys: PGlite has no autovacuum, and
    // on a server autoanalyze may run long after a big import.
    await phase('analyze', () => db.execute(sql`analyze projects, evaluations, ratings, indicators, indicator_values, policy_nodes`));
    return outcome(result);
  } catch (error) {
    if (error instanceof DryRunDone) return outcome(error.result);
    if (error instanceof Rejected) return outcome(null);
    if (error instanceof UnreadableFile) {
      errors.length = warnings.length = errorCount = warningCount = 0;
      note(error.problems);
      return outcome(null);
    }
    if (error instanceof Unreadable) {
      errors.length = warnings.length = errorCount = warningCount = 0;
      note([error.problem]);
      return outcome(null);
    }
    if (error instanceof ImportRejected) {
      note(error.problems);
      return outcome(null);
    }
    throw error;
  } finally {
    await original.dispose();
  }
}

/** Problems that replace everything else the file would have said (empty file, broken quoting). */
class UnreadableFile extends Error {
  readonly problems: Problem[];
  constructor(...problems: Problem[]) {
    super('unreadable');
    this.problems = problems;
  }
}

function tooMany(fileName: string, count: number): Problem {
  return fileProblem(
    fileName,
    `エラーが${count.toLocaleString('ja-JP')}件あります。最初の${MAX_PROBLEMS.toLocaleString('ja-JP')}件だけを表示しています`,
    `There are ${count.toLocaleString('en-US')} errors; only the first ${MAX_PROBLEMS.toLocaleString('en-US')} are listed`,
  );
}

function chunkList<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** importFile for callers that want an exception on bad input (demo seeding, tests). */
export async function loadCsvFile(db: Db, bytes: Uint8Array, options: LoadOptions): Promise<LoadResult> {
  const outcome = await importFile(db, bytes, options);
  if (!outcome.ok || !outcome.result) throw new ImportRejected([...outcome.errors, ...outcome.warnings]);
  return { ...outcome.result, encoding: outcome.encoding, warnings: outcome.warnings };
}
