/**
 * Importing a population file (the `population` profile): read (read.ts) → match each row to a
 * registered municipality (match.ts) → write every figure as an import batch like any other: in
 * the same transaction stage, with the same dry-run exit and kept original (write-stage.ts), and
 * the same outcome (outcome.ts) as an evaluation file; checked first on the import page,
 * committed once, listed in the history and rolled back by the same code (the batch's report
 * keeps what each figure replaced). Rows about municipalities Hyoka does not hold are passed over
 * with a warning that counts them: a prefecture's table may be imported for the one city in it.
 */
import { createHash } from 'node:crypto';
import { inArray, sql } from 'drizzle-orm';
import type { Db } from '../../client';
import { municipalities, municipalityPopulations } from '../../schema';
import { markCommitted, openBatchRow } from '../batch-row';
import { checkBytes, checkText, decode } from '../file-check';
import type { Grid } from '../grid';
import { originalCopy } from '../original-copy';
import { ImportReport, type FigurePreview, type ImportOutcome, type LoadOptions } from '../outcome';
import { ImportRejected, type Problem } from '../problems';
import { parseCsv } from '../read-canonical';
import { isXlsx, readXlsx } from '../read-xlsx';
import { staleProblem, type StagedClaim } from '../staged-claim';
import type { WriteResult } from '../write';
import type { Tx } from '../write-common';
import { batchTransaction } from '../write-stage';
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
  const report = new ImportReport(options, POPULATION_PROFILE, xlsx ? 'xlsx' : '—');
  report.figures = [];
  const refuse = (problems: Problem[]) => {
    report.note(problems);
    return report.outcome(null);
  };

  let grid: Grid | Problem;
  if (xlsx) {
    grid = await readXlsx(fileName, bytes, { sheet: options.sheet });
  } else {
    const notCsv = checkBytes(fileName, bytes);
    if (notCsv) return refuse([notCsv]);
    const decoded = decode(bytes);
    report.encoding = decoded.encoding;
    const unreadable = checkText(fileName, decoded.text);
    if (unreadable) return refuse([unreadable]);
    const csv = parseCsv(decoded.text);
    grid = { kind: 'csv', sheetName: null, rows: [{ line: 1, cells: csv.header }, ...csv.rows.map((r) => ({ line: r.line, cells: r.values }))] };
  }
  if ('severity' in grid) return refuse([grid]);

  const table = readPopulationRows(fileName, grid.rows, options.fiscalYear);
  report.rows = table.records.length;
  report.note(table.problems);
  if (report.hasErrors) return report.outcome(null);

  const matched: Problem[] = [];
  const figures = await matchFigures(db, fileName, table.records, matched);
  report.note(matched);
  if (report.hasErrors) return report.outcome(null);

  // One transaction, the dry-run exit and the original kept: the same stage as every import's.
  const original = await originalCopy(bytes);
  const result = await batchTransaction(
    db,
    report,
    { dryRun: options.dryRun, original },
    (tx) => PopulationBatch.open(tx, { fileName, encoding: report.encoding, createdBy: options.createdBy ?? 'system' }, options.staged),
    async (batch) => {
      await batch.write(figures, report.figures!);
      return { sha256: createHash('sha256').update(bytes).digest('hex'), byteLength: bytes.length };
    },
  );
  return report.outcome(result);
}

/** A population file's batch: its figures written in one statement, what each replaced kept for rollback. */
class PopulationBatch {
  private result: Omit<WriteResult, 'batchId'> | null = null;
  private previous: PreviousPopulation[] = [];

  private constructor(
    private readonly tx: Tx,
    readonly batchId: number,
    private readonly fileName: string,
    private readonly staged?: StagedClaim,
  ) {}

  static async open(tx: Tx, batch: { fileName: string; encoding: string; createdBy: string }, staged?: StagedClaim): Promise<PopulationBatch> {
    const batchId = await openBatchRow(tx, batch, staged);
    return new PopulationBatch(tx, batchId, batch.fileName, staged);
  }

  /** Writes the figures that differ from the stored ones; the first ones, with what they replace, go to `preview`. */
  async write(figures: Figure[], preview: FigurePreview[]): Promise<void> {
    const { tx, batchId } = this;
    const ids = [...new Set(figures.map((f) => f.municipalityId))];
    const stored = await tx.select().from(municipalityPopulations).where(inArray(municipalityPopulations.municipalityId, ids));
    const storedByKey = new Map(stored.map((s) => [`${s.municipalityId}/${s.fiscalYear}`, s]));

    // What the check saw, in file order: a commit refuses when any of these figures changed since.
    const basis = createHash('sha256');
    const changed: Figure[] = [];
    let inserted = 0;
    for (const f of figures) {
      const now = storedByKey.get(`${f.municipalityId}/${f.fiscalYear}`);
      basis.update(`${f.municipalityId}/${f.fiscalYear}\t${now ? `${now.population}\t${now.source}` : '-'}\n`);
      if (preview.length < PREVIEW_FIGURES) {
        preview.push({ line: f.line, municipality: f.municipality, fiscalYear: f.fiscalYear, population: f.population, previous: now?.population ?? null });
      }
      if (now?.population === f.population) continue;
      if (!now) inserted++;
      changed.push(f);
      this.previous.push({ municipalityId: f.municipalityId, fiscalYear: f.fiscalYear, population: now?.population ?? null, source: now?.source ?? null });
    }
    this.result = {
      rows: figures.length,
      inserted,
      updated: changed.length - inserted,
      unchanged: figures.length - changed.length,
      basis: basis.digest('hex'),
    };
    if (this.staged && this.staged.basis !== this.result.basis) throw new ImportRejected([staleProblem(this.fileName)]);

    if (changed.length > 0) {
      await tx
        .insert(municipalityPopulations)
        .values(changed.map((f) => ({ municipalityId: f.municipalityId, fiscalYear: f.fiscalYear, population: f.population, source: `import:${batchId}` })))
        .onConflictDoUpdate({
          target: [municipalityPopulations.municipalityId, municipalityPopulations.fiscalYear],
          set: { population: sql`excluded.population`, source: sql`excluded.source` },
        });
    }
  }

  /** Marks the batch committed with its counts and what each figure replaced (rollback.ts restores from it). */
  async finish(info: { sha256: string; warnings: Problem[] }): Promise<WriteResult> {
    const result: WriteResult = { batchId: this.batchId, ...this.result! };
    await markCommitted(this.tx, this.batchId, result, info, { kind: POPULATION_PROFILE, previousPopulations: this.previous, staged: this.staged });
    return result;
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
