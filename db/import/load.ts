/**
 * The import pipeline: a file (bytes, or a path on disk) → database, all or nothing.
 *
 *   byte checks (size, signature, UTF-16, NUL, encodings: file-check.ts) → decode (UTF-8 / BOM /
 *   Shift_JIS) → parse + map headers → read rows (every problem collected) → check meaning
 *   (validate.ts) → write in one transaction (write.ts)
 *
 * A plain CSV in Hyoka's own layout (the default `hyoka` profile) is streamed: parse → read →
 * check → write in chunks inside one transaction, so memory does not grow with the file. A
 * workbook, or a file read through another profile, is small: it is read whole into a grid,
 * mapped by its profile (apply-profile.ts) and read with readCanonicalTable.
 *
 * Any error means nothing is written; the outcome lists every problem with file, line, column,
 * value and a message in Japanese and English. A dry run does the whole write and rolls it back,
 * so its counts (inserted / updated / unchanged) are exactly what a real import would do.
 */
import { open, readFile, stat } from 'node:fs/promises';
import { eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { DEFAULT_RATING_SCHEME, type Band, type RatingSchemeSpec } from '../domain/rating-scheme';
import { importFiles, municipalities, ratingCriteria, ratingGrades, ratingSchemes } from '../schema';
import { gzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { checkBytes, checkFileSize, checkStart, checkText, decode } from './file-check';
import type { MappingFile } from './headers';
import { ImportRejected, type Problem } from './problems';
import { applyProfile, ratingGradeColumn, ratingReasonColumn, separateClashingIndicators } from './apply-profile';
import type { Grid } from './grid';
import { DEFAULT_PROFILE, findProfile, PROFILES } from './profiles';
import { AMOUNT_CAPS, type ImportProfile } from './profiles/schema';
import { describeOwnership, ownedBy, type Ownership } from './owned-columns';
import { emptyFileProblem, NotUtf8, parseCsvStream, Unreadable, type DecodeState, type Encoding, type ImportSource } from './csv-stream';
import { detach, detachDeep } from './detach';
import { ProjectYearLines } from './kept-state';
import { originalCopy } from './original-copy';
import { importPopulation, POPULATION_PROFILE } from './population/load';
import {
  cellTooLong,
  headerTooWide,
  mergeLongLayout,
  parseCsv,
  quoteProblem,
  readCanonicalTable,
  sheetReader,
  type QuoteError,
  type RawRow,
  type ReadResult,
  type SheetReader,
  type SheetRecord,
} from './read-canonical';
import { isXlsx, readXlsx } from './read-xlsx';
import type { StagedClaim } from './staged-claim';
import { validateRecords } from './validate';
import { BatchWriter, contentHash, phaseTimer, WRITE_CHUNK, writeRecords, type WriteResult } from './write';

export interface LoadOptions {
  fileName: string;
  createdBy?: string;
  /** Headers the alias table does not know: { columns: { "their header": "Hyoka header" } }. */
  mapping?: MappingFile;
  /** For files without municipality columns; the name may be omitted when the code is known. */
  municipality?: { code: string; name?: string };
  dryRun?: boolean;
  /**
   * Bulk load (see BatchWriter.open): foreign keys checked once at the end; readers wait
   * meanwhile. A plain CSV streamed from disk in bulk mode may exceed MAX_FILE_BYTES.
   */
  bulk?: boolean;
  /** The date evaluation years are checked against (a year not yet started is refused); default now. */
  today?: Date;
  /** Called as rows are written (for progress bars): rows so far, and the fraction of the file read. */
  onProgress?: (rows: number, fraction: number) => void;
  /** How the file's layout maps onto Hyoka (db/import/profiles): a shipped profile's name or a parsed one; default `hyoka`. */
  profile?: string | ImportProfile;
  /** A workbook's sheet to read (default the profile's, else the first). */
  sheet?: string;
  /** Commits this checked upload (db/import/pending.ts): claimed atomically, refused when its rows changed since. */
  staged?: StagedClaim;
  /** Population files without a year column: the fiscal year their figures are for. */
  fiscalYear?: number;
}
/** A read record as a dry run shows it: the first rows, mapped, so a profile can be checked against a file. */
export interface PreviewRow {
  line: number;
  fiscalYear: number;
  projectCode: string;
  projectName: string;
  department: string | null;
  section: string | null;
  projectCost: string | null;
  staffCost: string | null;
  totalCost: string | null;
  ratings: string[];
  indicators: number;
}

const PREVIEW_ROWS = 6;

function preview(records: SheetRecord[]): PreviewRow[] {
  return records.slice(0, PREVIEW_ROWS).map((r) => ({
    line: r.line,
    fiscalYear: r.fiscalYear,
    projectCode: r.projectCode,
    projectName: r.projectName,
    department: r.department,
    section: r.section,
    projectCost: r.evaluation.projectCost,
    staffCost: r.evaluation.staffCost,
    totalCost: r.evaluation.totalCostStated,
    ratings: r.ratings.filter((x) => x.grade !== null).map((x) => x.grade!),
    indicators: r.indicators.length,
  }));
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
  /** The profile the file was read with. */
  profile: string;
  /** Which stored columns the file sets, and which it leaves as they are (owned-columns.ts). */
  columns?: { sets: string[]; keeps: string[] };
  /** The first rows as read (the mapping a profile made of the file). */
  preview: PreviewRow[];
  /** Population files: the first figures as read, with what each replaces. */
  figures?: FigurePreview[];
}

/** A population figure as a check shows it: which city and year, the new figure and the stored one. */
export interface FigurePreview {
  line: number;
  municipality: string;
  fiscalYear: number;
  population: number;
  previous: number | null;
}

export { decode } from './file-check';

export interface LoadResult extends WriteResult {
  encoding: string;
  warnings: Problem[];
}

/** A project may appear once per fiscal year in a file; a second row is an error, not a silent overwrite. */
function findDuplicates(fileName: string, records: SheetRecord[], seen: ProjectYearLines): Problem[] {
  const problems: Problem[] = [];
  for (const r of records) {
    const first = seen.firstOrRecord(r.municipalityCode, r.projectCode, r.fiscalYear, r.line);
    if (first === undefined) continue;
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
async function schemesFor(db: Db, codes: string[], fallback: RatingSchemeSpec = DEFAULT_RATING_SCHEME): Promise<Map<string, RatingSchemeSpec>> {
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
  for (const code of codes) if (!schemes.has(code)) schemes.set(detach(code), fallback);
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

/** The profile named (or given); a problem when there is no such profile or it does not read this kind of file. */
function pickProfile(fileName: string, given: LoadOptions['profile'], kind: 'csv' | 'xlsx'): ImportProfile | Problem {
  const profile = typeof given === 'object' ? given : findProfile(given ?? DEFAULT_PROFILE);
  if (!profile) {
    const names = PROFILES.map((p) => p.name).join(', ');
    return fileProblem(
      fileName,
      `取り込み設定（プロファイル）「${given}」はありません（使えるもの: ${names}）`,
      `There is no import profile "${given}" (available: ${names})`,
    );
  }
  if (!profile.accepts.includes(kind)) {
    const kindJa = kind === 'xlsx' ? 'Excelブック（.xlsx）' : 'CSVファイル';
    return fileProblem(
      fileName,
      `プロファイル「${profile.name}」は${kindJa}を読みません（${profile.accepts.join('・')}用）。ファイルかプロファイルを確認してください`,
      `Profile "${profile.name}" does not read ${kind === 'xlsx' ? 'Excel workbooks' : 'CSV files'} (it reads ${profile.accepts.join(', ')})`,
    );
  }
  return profile;
}

function schemeOf(profile: ImportProfile): RatingSchemeSpec | undefined {
  if (!profile.rating) return undefined;
  return {
    name: profile.rating.name,
    criteria: profile.rating.criteria.map(({ key, labelJa, labelEn, grades, watch }) => ({ key, labelJa, labelEn, grades, watch })),
  };
}

/** Problems kept per import (errors and warnings each); a file wrong on every row says so once more. */
export const MAX_PROBLEMS = 10_000;

class Rejected extends Error {}
class DryRunDone extends Error {
  constructor(readonly result: WriteResult) {
    super('dry run');
  }
}

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
 * (importAs); a workbook or another profile's file is read whole (importGrid).
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
    return await importAs(db, source, options, profile, 'utf-8');
  } catch (error) {
    if (!(error instanceof NotUtf8)) throw error;
    // Bytes that are not UTF-8 somewhere. A file on disk: is it a BOM over Shift_JIS, or UTF-8
    // and Shift_JIS lines joined? (Such a file is a city's export, well inside the size limit.)
    if (!inMemory && checkFileSize(fileName, size) === null) {
      const mixed = checkBytes(fileName, await bytesOf(source));
      if (mixed) return refused(options, profile.name, '—', mixed);
    }
    // Otherwise the whole file is Shift_JIS (CP932): start over.
    return importAs(db, source, options, profile, 'cp932');
  }
}

function refused(options: LoadOptions, profile: string, encoding: string, problem: Problem): ImportOutcome {
  return {
    ok: false,
    dryRun: !!options.dryRun,
    fileName: options.fileName,
    encoding,
    layout: 'wide',
    rows: 0,
    result: null,
    errors: [problem],
    warnings: [],
    profile,
    preview: [],
  };
}

async function importAs(db: Db, source: ImportSource, options: LoadOptions, profile: ImportProfile, encoding: Encoding): Promise<ImportOutcome> {
  const { fileName } = options;
  const ratingScheme = schemeOf(profile);
  const previewRecords: SheetRecord[] = [];
  /** Too many columns, or values too long (limits.ts): reported alone, as for a file read whole. */
  let wideHeader: Problem | null = null;
  const oversize: Problem[] = [];
  const errors: Problem[] = [];
  const warnings: Problem[] = [];
  let errorCount = 0;
  let warningCount = 0;
  let layout: 'wide' | 'long' = 'wide';
  let recordsRead = 0;
  let decoded: DecodeState | null = null;
  let owns: Ownership | null = null;
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
      profile: profile.name,
      preview: preview(previewRecords),
      ...(owns ? { columns: describeOwnership(owns) } : {}),
    };
  };

  const given = options.municipality ?? (profile.municipality ? { code: profile.municipality.code, name: profile.municipality.name } : undefined);
  const municipality = await resolveMunicipality(db, given);
  if (municipality && 'severity' in municipality) {
    note([{ ...municipality, file: fileName }]);
    return outcome(null);
  }

  const phase = phaseTimer();
  // The gzipped original goes with its batch, so nothing a city sent is ever lost.
  const original = await originalCopy(source);
  try {
    const result = await db.transaction(async (tx) => {
      const writer = await BatchWriter.open(
        tx,
        { fileName, encoding: encoding === 'cp932' ? 'Shift_JIS (CP932)' : 'UTF-8', createdBy: options.createdBy ?? 'system' },
        { bulk: options.bulk, ratingScheme, staged: options.staged },
      );
      const quoteErrors: QuoteError[] = [];
      let header: string[] = [];
      let reader: SheetReader | null = null;
      const schemes = new Map<string, RatingSchemeSpec>();
      /** A project-year twice in a file is an error. */
      const seen = new ProjectYearLines();
      const longRecords: SheetRecord[] = [];
      const today = options.today ?? new Date();

      /** Reads a batch of rows into records; a project-year twice in the file is an error. */
      const readBatch = (batch: RawRow[]): { records: SheetRecord[]; problems: Problem[] } => {
        const problems: Problem[] = [];
        const records: SheetRecord[] = [];
        if (quoteErrors.length > 0 || wideHeader) return { records, problems };
        // A value too long is no sheet's text: such rows are reported alone (limits.ts), not read.
        const fit = batch.filter(({ line, values }) => {
          const long = cellTooLong(fileName, line, header, values);
          if (long) oversize.push(long);
          return !long;
        });
        if (!reader) {
          reader = sheetReader(fileName, header, { mapping: options.mapping, municipality });
          layout = reader.layout;
          owns = ownedBy(reader.mapped);
          writer.own(owns);
          note(reader.problems);
        }
        if (!reader.read) return { records, problems };
        for (const { line, values } of fit) {
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
        // Hashed now, while the previous batch is being written, rather than on the write's path.
        for (const r of records) contentHash(r);
        return { records, problems };
      };

      /** Checks a batch of read records and, while the file is clean so far, writes it. */
      const checkAndWrite = async (slices: { records: SheetRecord[]; problems: Problem[] }[]) => {
        const records = slices.flatMap((s) => s.records);
        const problems = slices.flatMap((s) => s.problems);
        recordsRead += records.length;
        for (const r of records.slice(0, PREVIEW_ROWS - previewRecords.length)) previewRecords.push(detachDeep(r));
        const codes = [...new Set(records.map((r) => r.municipalityCode))].filter((c) => !schemes.has(c));
        if (codes.length > 0) for (const [code, scheme] of await schemesFor(tx as unknown as Db, codes, ratingScheme)) schemes.set(code, scheme);
        problems.push(...validateRecords(fileName, records, (code) => schemes.get(code) ?? DEFAULT_RATING_SCHEME, today));
        note(problems);
        if (errorCount > 0 || oversize.length > 0 || records.length === 0) return; // keep reading to report every problem, but write no more
        note(await writer.write(records));
        options.onProgress?.(recordsRead, original.fraction());
      };

      decoded = await parseCsvStream(
        fileName,
        source,
        encoding,
        {
          header: (values) => {
            header = values;
            wideHeader = headerTooWide(fileName, header);
            const long = wideHeader ? null : cellTooLong(fileName, 1, header, header);
            if (long) oversize.push(long);
          },
          quote: (q) => quoteErrors.push(q),
          prepare: readBatch,
          write: checkAndWrite,
        },
        { batchRows: WRITE_CHUNK, tap: original.tap },
      );

      if (!decoded.sawText) throw new UnreadableFile(emptyFileProblem(fileName));
      // A quoting mistake swallows or splits rows: every later figure is suspect, so report it alone.
      if (quoteErrors.length > 0) throw new UnreadableFile(...quoteErrors.map((q) => quoteProblem(fileName, header, q)));
      if (wideHeader) throw new UnreadableFile(wideHeader);
      if (oversize.length > 0) throw new UnreadableFile(...oversize);
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
        for (const part of chunkList(merged, WRITE_CHUNK)) await checkAndWrite([{ records: part, problems: [] }]);
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

/** A workbook, or a file read through a profile: read whole into a grid, mapped, then written. */
async function importGrid(db: Db, bytes: Uint8Array, options: LoadOptions, profile: ImportProfile, xlsx: boolean): Promise<ImportOutcome> {
  const { fileName } = options;
  // Signature and encoding checks for text; a workbook is read by the xlsx reader instead.
  const notCsv = xlsx ? null : checkBytes(fileName, bytes);
  const { text, encoding } = xlsx ? { text: '', encoding: 'xlsx' } : notCsv ? { text: '', encoding: '—' } : decode(bytes);
  let owns: Ownership | null = null;
  const outcome = (records: SheetRecord[], problems: Problem[], layout: 'wide' | 'long', result: WriteResult | null): ImportOutcome => ({
    ok: result !== null,
    dryRun: !!options.dryRun,
    fileName,
    encoding,
    layout,
    rows: records.length,
    result,
    errors: problems.filter((p) => p.severity === 'error'),
    warnings: problems.filter((p) => p.severity === 'warning'),
    profile: profile.name,
    preview: preview(records),
    ...(owns ? { columns: describeOwnership(owns) } : {}),
  });
  if (notCsv) return outcome([], [notCsv], 'wide', null);
  if (!xlsx) {
    const unreadable = checkText(fileName, text);
    if (unreadable) return outcome([], [unreadable], 'wide', null);
  }

  const given = options.municipality ?? (profile.municipality ? { code: profile.municipality.code, name: profile.municipality.name } : undefined);
  const municipality = await resolveMunicipality(db, given);
  if (municipality && 'severity' in municipality) return outcome([], [{ ...municipality, file: fileName }], 'wide', null);

  let grid: Grid | Problem;
  if (xlsx) {
    grid = await readXlsx(fileName, bytes, { sheet: options.sheet ?? profile.sheet });
  } else {
    const csv = parseCsv(text);
    grid = { kind: 'csv', sheetName: null, rows: [{ line: 1, cells: csv.header }, ...csv.rows.map((r) => ({ line: r.line, cells: r.values }))] };
  }
  if ('severity' in grid) {
    // Zip bytes under a .csv name that are no workbook either: say what a CSV reader would.
    const asText = /\.xls[xm]$/i.test(fileName) ? null : checkBytes(fileName, bytes);
    return outcome([], [asText ?? grid], 'wide', null);
  }
  const table = applyProfile(fileName, grid, profile);
  if (table.problems.some((p) => p.severity === 'error')) return outcome([], table.problems, 'wide', null);
  const ratingColumns = profile.rating?.criteria.map((c) => ({ key: c.key, grade: ratingGradeColumn(c.key), reason: ratingReasonColumn(c.key) }));
  const read: ReadResult = readCanonicalTable(fileName, table.header, table.rows, {
    mapping: options.mapping,
    municipality,
    ratingColumns,
    moneyUnit: profile.moneyUnit,
    headerLine: profile.headerRow,
    // Hyoka's own layout keeps the city scale; a profile of another layout chooses its own.
    ...(profile.layout === 'hyoka' ? {} : { maxMoneyThousandYen: AMOUNT_CAPS[profile.amountCap] }),
  });
  read.problems.unshift(...table.problems);
  owns = ownedBy(read.mapped ?? []);
  if (profile.indicatorNameClash === 'suffix-kind') separateClashingIndicators(read.records);

  const { records, problems, layout } = read;
  problems.push(...findDuplicates(fileName, records, new ProjectYearLines()));
  if (records.length === 0 && !problems.some((p) => p.severity === 'error')) {
    problems.push(fileProblem(fileName, 'データ行がありません', 'The file has no data rows'));
  }
  const ratingScheme = schemeOf(profile);
  const schemes = await schemesFor(db, [...new Set(records.map((r) => r.municipalityCode))], ratingScheme);
  problems.push(...validateRecords(fileName, records, (code) => schemes.get(code) ?? DEFAULT_RATING_SCHEME, options.today));
  problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  if (problems.some((p) => p.severity === 'error')) return outcome(records, problems, layout, null);

  const warnings = problems.filter((p) => p.severity === 'warning');
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  try {
    const result = await writeRecords(db, records, { fileName, sha256, encoding, createdBy: options.createdBy ?? 'system' }, warnings, {
      dryRun: options.dryRun,
      onProgress: options.onProgress,
      ratingScheme,
      staged: options.staged,
      owns,
      // The original file is kept with its batch, so nothing a city sent is ever lost.
      afterWrite: async (tx, batchId) => {
        await tx.insert(importFiles).values({ batchId, gzipped: gzipSync(bytes), byteLength: bytes.length, mapping: options.mapping ?? null });
      },
    });
    // Fresh planner statistics for the dashboard's group-bys (see importAs).
    if (!options.dryRun) await db.execute(sql`analyze projects, evaluations, ratings, indicators, indicator_values, policy_nodes`);
    return outcome(records, problems, layout, result);
  } catch (error) {
    if (error instanceof ImportRejected) return outcome(records, [...problems, ...error.problems], layout, null);
    throw error;
  }
}

/** importFile for callers that want an exception on bad input (demo seeding, tests). */
export async function loadCsvFile(db: Db, bytes: Uint8Array, options: LoadOptions): Promise<LoadResult> {
  const outcome = await importFile(db, bytes, options);
  if (!outcome.ok || !outcome.result) throw new ImportRejected([...outcome.errors, ...outcome.warnings]);
  return { ...outcome.result, encoding: outcome.encoding, warnings: outcome.warnings };
}
