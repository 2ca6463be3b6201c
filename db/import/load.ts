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
import { checkBytes, checkText, decode } from './file-check';
import type { MappingFile } from './headers';
import { ImportRejected, type Problem } from './problems';
import { readCanonicalCsv, type SheetRecord } from './read-canonical';
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
  for (const code of codes) if (!schemes.has(code)) schemes.set(code, DEFAULT_RATING_SCHEME);
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

/** Imports one file; never throws for bad input (the outcome lists the problems). */
export async function importFile(db: Db, bytes: Uint8Array, options: LoadOptions): Promise<ImportOutcome> {
  const { fileName } = options;
  const notCsv = checkBytes(fileName, bytes);
  const { text, encoding } = notCsv ? { text: '', encoding: '—' } : decode(bytes);
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
  });

  const unreadable = notCsv ?? checkText(fileName, text);
  if (unreadable) return outcome([], [unreadable], 'wide', null);

  const municipality = await resolveMunicipality(db, options.municipality);
  if (municipality && 'severity' in municipality) return outcome([], [{ ...municipality, file: fileName }], 'wide', null);

  const { records, problems, layout } = readCanonicalCsv(fileName, text, { mapping: options.mapping, municipality });
  problems.push(...findDuplicates(fileName, records));
  if (records.length === 0 && !problems.some((p) => p.severity === 'error')) {
    problems.push(fileProblem(fileName, 'データ行がありません', 'The file has no data rows'));
  }
  const schemes = await schemesFor(db, [...new Set(records.map((r) => r.municipalityCode))]);
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
