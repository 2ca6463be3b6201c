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
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { DEFAULT_RATING_SCHEME, type Band, type RatingSchemeSpec } from '../domain/rating-scheme';
import { importFiles, municipalities, ratingCriteria, ratingGrades, ratingSchemes } from '../schema';
import { checkBytes, checkFileSize, checkText, decode } from './file-check';
import type { MappingFile } from './headers';
import { ImportRejected, type Problem } from './problems';
import { applyProfile, ratingGradeColumn, ratingReasonColumn, separateClashingIndicators } from './apply-profile';
import type { Grid } from './grid';
import { DEFAULT_PROFILE, findProfile, PROFILES } from './profiles';
import type { ImportProfile } from './profiles/schema';
import { parseCsv, readCanonicalCsv, readCanonicalTable, type ReadResult, type SheetRecord } from './read-canonical';
import { isXlsx, readXlsx } from './read-xlsx';
import { validateRecords } from './validate';
import { writeRecords, type WriteResult } from './write';

export interface LoadOptions {
  fileName: string;
  createdBy?: string;
  /** Headers the alias table does not know: { columns: { "their header": "Hyoka header" } }. */
  mapping?: MappingFile;
  /** For files without municipality columns; the name may be omitted when the code is known. */
  municipality?: { code: string; name?: string };
  dryRun?: boolean;
  /** The date evaluation years are checked against (a year not yet started is refused); default now. */
  today?: Date;
  /** Called as rows are written (for progress bars). */
  onProgress?: (done: number, total: number) => void;
  /** How the file's layout maps onto Hyoka (db/import/profiles): a shipped profile's name or a parsed one; default `hyoka`. */
  profile?: string | ImportProfile;
  /** A workbook's sheet to read (default the profile's, else the first). */
  sheet?: string;
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
  /** The first rows as read (the mapping a profile made of the file). */
  preview: PreviewRow[];
}

export { decode } from './file-check';

export interface LoadResult extends WriteResult {
  encoding: string;
  warnings: Problem[];
}

/** A project may appear once per fiscal year in a file; a second row is an error, not a silent overwrite. */
function findDuplicates(fileName: string, records: SheetRecord[]): Problem[] {
  const seen = new Map<string, number>();
  const problems: Problem[] = [];
  for (const r of records) {
    const key = `${r.municipalityCode}|${r.projectCode}|${r.fiscalYear}`;
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, r.line);
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
  for (const code of codes) if (!schemes.has(code)) schemes.set(code, fallback);
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
    return fileProblem(fileName, `取り込み設定（プロファイル）「${given}」はありません（使えるもの: ${names}）`, `There is no import profile "${given}" (available: ${names})`);
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
  return { name: profile.rating.name, criteria: profile.rating.criteria.map(({ key, labelJa, labelEn, grades }) => ({ key, labelJa, labelEn, grades })) };
}

/** Imports one file; never throws for bad input (the outcome lists the problems). */
export async function importFile(db: Db, bytes: Uint8Array, options: LoadOptions): Promise<ImportOutcome> {
  const { fileName } = options;
  const xlsx = isXlsx(bytes);
  // Signature, size and encoding checks for text; a workbook is read by the xlsx reader instead.
  const notCsv = xlsx ? checkFileSize(fileName, bytes.length) : checkBytes(fileName, bytes);
  const { text, encoding } = xlsx ? { text: '', encoding: 'xlsx' } : notCsv ? { text: '', encoding: '—' } : decode(bytes);
  let profileName = typeof options.profile === 'object' ? options.profile.name : (options.profile ?? DEFAULT_PROFILE);
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
    profile: profileName,
    preview: preview(records),
  });

  const profile = pickProfile(fileName, options.profile, xlsx ? 'xlsx' : 'csv');
  if ('severity' in profile) return outcome([], [profile], 'wide', null);
  profileName = profile.name;
  if (notCsv) return outcome([], [notCsv], 'wide', null);

  if (!xlsx) {
    const unreadable = checkText(fileName, text);
    if (unreadable) return outcome([], [unreadable], 'wide', null);
  }

  const given = options.municipality ?? (profile.municipality ? { code: profile.municipality.code, name: profile.municipality.name } : undefined);
  const municipality = await resolveMunicipality(db, given);
  if (municipality && 'severity' in municipality) return outcome([], [{ ...municipality, file: fileName }], 'wide', null);

  let read: ReadResult;
  if (!xlsx && profile.layout === 'hyoka' && profile.headerRow === 1) {
    read = readCanonicalCsv(fileName, text, { mapping: options.mapping, municipality });
  } else {
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
    read = readCanonicalTable(fileName, table.header, table.rows, {
      mapping: options.mapping,
      municipality,
      ratingColumns,
      moneyUnit: profile.moneyUnit,
      headerLine: profile.headerRow,
    });
    read.problems.unshift(...table.problems);
    if (profile.indicatorNameClash === 'suffix-kind') separateClashingIndicators(read.records);
  }
  const { records, problems, layout } = read;
  problems.push(...findDuplicates(fileName, records));
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
    const result = await writeRecords(
      db,
      records,
      { fileName, sha256, encoding, createdBy: options.createdBy ?? 'system' },
      warnings,
      {
        dryRun: options.dryRun,
        onProgress: options.onProgress,
        ratingScheme,
        // The original file is kept with its batch, so nothing a city sent is ever lost.
        afterWrite: async (tx, batchId) => {
          await tx.insert(importFiles).values({ batchId, gzipped: gzipSync(bytes), byteLength: bytes.length, mapping: options.mapping ?? null });
        },
      },
    );
    // Fresh planner statistics for the dashboard's group-bys: PGlite has no autovacuum, and
    // on a server autoanalyze may run long after a big import.
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
