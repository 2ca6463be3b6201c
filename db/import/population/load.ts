/**
 * Importing a population file (the `population` profile): read (read.ts) → match each row to a
 * registered municipality (match.ts) → write every figure in one transaction, as an import batch
 * like any other: checked first on the import page, committed once, listed in the history, its
 * original file kept, and rolled back by the same code (the batch's report keeps what each
 * figure replaced). Rows about municipalities Hyoka does not hold are passed over with a warning
 * that counts them: a prefecture's table may be imported for the one city in it.
 */
import { createHash } from 'node:crypto';
import { eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../client';
import { importBatches, municipalities, municipalityPopulations } from '../../schema';
import { checkBytes, checkText, decode } from '../file-check';
import type { Grid } from '../grid';
import type { FigurePreview, ImportOutcome, LoadOptions } from '../outcome';
import { keepOriginal } from '../original-copy';
import { ImportRejected, type Problem } from '../problems';
import { parseCsv } from '../read-canonical';
import { isXlsx, readXlsx } from '../read-xlsx';
import { claimStaged, staleProblem } from '../staged-claim';
import type { WriteResult } from '../write';
import { IMPORT_LOCK } from '../write-common';
import { municipalityMatcher } from './match';
import { readPopulationRows, type PopulationRecord } from './read';

export const POPULATION_PROFILE = 'population';

export const POPULATION_PROFILE_LABEL = {
  ja: '人口（住民基本台帳・国勢調査のCSV／Excel）',
  en: 'Population (住民基本台帳 / census CSV or Excel)',
};

/** What a figure was before a batch wrote it: the shape rollback.ts restores from. */
interface PreviousPopulation {
  municipalityId: number;
  fiscalYear: number;
  population: number | null;
  source: string | null;
}

/** Figures a check lists (the file's first ones). */
const PREVIEW_FIGURES = 12;

interface Figure {
  municipalityId: number;
  municipality: string;
  fiscalYear: number;
  population: number;
  line: number;
}

class DryRunDone extends Error {
  constructor(readonly result: WriteResult) {
    super('dry run');
  }
}

const warning = (fileName: string, line: number | null, column: string | null, value: string | null, ja: string, en: string): Problem => ({
  severity: 'warning',
  file: fileName,
  line,
  column,
  value,
  message: { ja, en },
});

/** Imports (or, with dryRun, checks) one population file. Never throws for bad input. */
export async function importPopulation(db: Db, bytes: Uint8Array, options: LoadOptions & { fiscalYear?: number }): Promise<ImportOutcome> {
  const { fileName } = options;
  const xlsx = isXlsx(bytes);
  let encoding = xlsx ? 'xlsx' : '—';
  const figurePreview: FigurePreview[] = [];
  const outcome = (rows: number, problems: Problem[], result: WriteResult | null): ImportOutcome => ({
    ok: result !== null,
    dryRun: !!options.dryRun,
    fileName,
    encoding,
    layout: 'wide',
    rows,
    result,
    errors: problems.filter((p) => p.severity === 'error'),
    warnings: problems.filter((p) => p.severity === 'warning'),
    profile: POPULATION_PROFILE,
    preview: [],
    figures: figurePreview,
  });

  let grid: Grid | Problem;
  if (xlsx) {
    grid = await readXlsx(fileName, bytes, { sheet: options.sheet });
  } else {
    const notCsv = checkBytes(fileName, bytes);
    if (notCsv) return outcome(0, [notCsv], null);
    const decoded = decode(bytes);
    encoding = decoded.encoding;
    const unreadable = checkText(fileName, decoded.text);
    if (unreadable) return outcome(0, [unreadable], null);
    const csv = parseCsv(decoded.text);
    grid = { kind: 'csv', sheetName: null, rows: [{ line: 1, cells: csv.header }, ...csv.rows.map((r) => ({ line: r.line, cells: r.values }))] };
  }
  if ('severity' in grid) return outcome(0, [grid], null);

  const table = readPopulationRows(fileName, grid.rows, options.fiscalYear);
  const problems = [...table.problems];
  if (problems.some((p) => p.severity === 'error')) return outcome(table.records.length, problems, null);

  const figures = await matchFigures(db, fileName, table.records, problems);
  if (problems.some((p) => p.severity === 'error')) return outcome(table.records.length, sorted(problems), null);

  problems.splice(0, problems.length, ...sorted(problems));
  const warnings = problems.filter((p) => p.severity === 'warning');
  try {
    const result = await db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${IMPORT_LOCK})`);
      if (options.staged) await claimStaged(tx, options.staged);
      const [batch] = await tx
        .insert(importBatches)
        .values({ fileName, sha256: '', encoding, createdBy: options.createdBy ?? 'system', rowCount: 0, status: 'running' })
        .returning({ id: importBatches.id });
      const batchId = batch!.id;
      const ids = [...new Set(figures.map((f) => f.municipalityId))];
      const stored = await tx.select().from(municipalityPopulations).where(inArray(municipalityPopulations.municipalityId, ids));
      const storedByKey = new Map(stored.map((s) => [`${s.municipalityId}/${s.fiscalYear}`, s]));

      // What the check saw, in file order: a commit refuses when any of these figures changed since.
      const basis = createHash('sha256');
      const previous: PreviousPopulation[] = [];
      const changed: Figure[] = [];
      let inserted = 0;
      for (const f of figures) {
        const now = storedByKey.get(`${f.municipalityId}/${f.fiscalYear}`);
        basis.update(`${f.municipalityId}/${f.fiscalYear}\t${now ? `${now.population}\t${now.source}` : '-'}\n`);
        if (figurePreview.length < PREVIEW_FIGURES) {
          figurePreview.push({
            line: f.line,
            municipality: f.municipality,
            fiscalYear: f.fiscalYear,
            population: f.population,
            previous: now?.population ?? null,
          });
        }
        if (now?.population === f.population) continue;
        if (!now) inserted++;
        changed.push(f);
        previous.push({ municipalityId: f.municipalityId, fiscalYear: f.fiscalYear, population: now?.population ?? null, source: now?.source ?? null });
      }
      const result: WriteResult = {
        batchId,
        rows: figures.length,
        inserted,
        updated: changed.length - inserted,
        unchanged: figures.length - changed.length,
        basis: basis.digest('hex'),
      };
      if (options.staged && options.staged.basis !== result.basis) throw new ImportRejected([staleProblem(fileName)]);

      if (changed.length > 0) {
        await tx
          .insert(municipalityPopulations)
          .values(changed.map((f) => ({ municipalityId: f.municipalityId, fiscalYear: f.fiscalYear, population: f.population, source: `import:${batchId}` })))
          .onConflictDoUpdate({
            target: [municipalityPopulations.municipalityId, municipalityPopulations.fiscalYear],
            set: { population: sql`excluded.population`, source: sql`excluded.source` },
          });
      }
      await tx
        .update(importBatches)
        .set({
          sha256: createHash('sha256').update(bytes).digest('hex'),
          rowCount: result.rows,
          status: 'committed',
          insertedCount: result.inserted,
          updatedCount: result.updated,
          unchangedCount: result.unchanged,
          warningCount: warnings.length,
          report: {
            kind: POPULATION_PROFILE,
            warnings,
            previousPopulations: previous,
            ...(options.staged ? { stagedAs: options.staged.pendingId } : {}),
          },
          finishedAt: new Date(),
        })
        .where(eq(importBatches.id, batchId));
      if (options.dryRun) throw new DryRunDone(result);
      // The original file is kept with its batch, so nothing a city sent is ever lost.
      await keepOriginal(tx, batchId, bytes, null);
      return result;
    });
    return outcome(table.records.length, problems, result);
  } catch (error) {
    if (error instanceof DryRunDone) return outcome(table.records.length, problems, error.result);
    if (error instanceof ImportRejected) return outcome(table.records.length, [...problems, ...error.problems], null);
    throw error;
  }
}

/**
 * Each record's municipality, or a problem: rows about municipalities not in Hyoka are counted in
 * one warning; the same municipality and year twice with different figures is an error.
 */
async function matchFigures(db: Db, fileName: string, records: PopulationRecord[], problems: Problem[]): Promise<Figure[]> {
  const known = await db.select({ id: municipalities.id, code: municipalities.code, name: municipalities.name }).from(municipalities);
  const match = municipalityMatcher(known);
  const nameById = new Map(known.map((m) => [m.id, m.name]));
  const figures = new Map<string, Figure>();
  const skipped: PopulationRecord[] = [];
  for (const r of records) {
    const m = match(r.code, r.name);
    if (m.id === null) {
      if (m.reason === 'unknown') {
        skipped.push(r);
        continue;
      }
      problems.push({
        severity: 'error',
        file: fileName,
        line: r.line,
        column: r.code === null ? '市区町村名' : '市区町村コード',
        value: r.code ?? r.name,
        message: {
          ja: `「${r.code ?? r.name}」に当たる自治体が複数登録されています。6桁の全国地方公共団体コードの列を加えてください`,
          en: `More than one registered municipality matches "${r.code ?? r.name}": add a column with the 6-digit 全国地方公共団体コード`,
        },
      });
      continue;
    }
    if (m.nameDiffers !== null) {
      problems.push(
        warning(
          fileName,
          r.line,
          '市区町村名',
          r.name,
          `コード「${r.code}」は「${m.nameDiffers}」として登録されています（ファイルでは「${r.name}」）。コードで取り込みました：違う自治体なら行を直してください`,
          `Code "${r.code}" is registered as "${m.nameDiffers}" (the file says "${r.name}"); imported by the code: if it is another municipality, correct the row`,
        ),
      );
    }
    const key = `${m.id}/${r.fiscalYear}`;
    const first = figures.get(key);
    if (first && first.population !== r.population) {
      problems.push({
        severity: 'error',
        file: fileName,
        line: r.line,
        column: '人口',
        value: String(r.population),
        message: {
          ja: `${nameById.get(m.id)}の${r.fiscalYear}年度の人口は${first.line}行目にもあり、値が違います（${first.population.toLocaleString('ja-JP')}人と${r.population.toLocaleString('ja-JP')}人）。どちらか一方の行を残してください`,
          en: `${nameById.get(m.id)}'s population for FY${r.fiscalYear} is also on line ${first.line}, with another figure (${first.population.toLocaleString('en-US')} and ${r.population.toLocaleString('en-US')}): keep one of the two rows`,
        },
      });
      continue;
    }
    if (!first) figures.set(key, { municipalityId: m.id, municipality: nameById.get(m.id)!, fiscalYear: r.fiscalYear, population: r.population, line: r.line });
  }
  if (skipped.length > 0) {
    const examples = skipped
      .slice(0, 3)
      .map((r) => `${r.line}: ${[r.code, r.name].filter(Boolean).join(' ')}`)
      .join(', ');
    const none = figures.size === 0;
    problems.push({
      severity: none ? 'error' : 'warning',
      file: fileName,
      line: null,
      column: null,
      value: null,
      message: none
        ? {
            ja: `どの行の自治体もHyokaに登録されていません（例: ${examples}）。先にその自治体の事務事業評価を取り込むか、市区町村コードを確かめてください`,
            en: `None of the file's municipalities is registered in Hyoka (e.g. ${examples}): import their evaluations first, or check the codes`,
          }
        : {
            ja: `Hyokaに登録されていない自治体の${skipped.length.toLocaleString('ja-JP')}行は読み飛ばしました（例: ${examples}）`,
            en: `${skipped.length.toLocaleString('en-US')} row(s) about municipalities not registered in Hyoka were passed over (e.g. ${examples})`,
          },
    });
  }
  return [...figures.values()];
}

const sorted = (problems: Problem[]) => [...problems].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
