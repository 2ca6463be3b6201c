/**
 * Writes read sheet records in one transaction, set-based: each table gets a few multi-row
 * statements, not one statement per row. Rows the database does not hold yet (new project-years,
 * new projects and their indicators) are COPYed straight in with ids drawn from their sequences;
 * a re-imported project-year replaces the stored one (upsert on municipality + 事業番号 + fiscal
 * year), never duplicates it.
 */
import { createHash } from 'node:crypto';
import { eq, inArray, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../client';
import { DEFAULT_RATING_SCHEME, watchRoleOf, type RatingSchemeSpec } from '../domain/rating-scheme';
import { normalizeWidth } from '../domain/numbers';
import {
  departments,
  evaluations,
  importBatches,
  indicatorValues,
  indicators,
  municipalities,
  municipalityPopulations,
  policyNodes,
  projects,
  ratingCriteria,
  ratingGrades,
  ratingSchemes,
  ratings,
  sections,
} from '../schema';
import { ImportRejected, type Problem } from './problems';
import type { SheetRecord } from './read-canonical';
import { recordset } from './recordset';
import { refreshRollups } from '../queries/rollups';
import { copyInto, type Cell } from './bulk';
import { Descriptions } from './kept-state';
import { claimStaged, StateBasis, staleProblem, type StagedClaim } from './staged-claim';
import { mergedContentHash, ownedEvaluationColumns, ownedProjectColumns, OWNS_ALL, storedMatches, type Ownership } from './owned-columns';

export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** Rows per multi-row statement: well under PostgreSQL's 65,535 bind parameters. */
const CHUNK = 500;
/** Rows per JSON recordset statement (see recordset.ts): one parameter however many rows. */
const BIG_CHUNK = 5000;

export interface BatchInfo {
  fileName: string;
  sha256: string;
  encoding: string;
  createdBy: string;
}

export interface WriteResult {
  batchId: number;
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  /** What the database held for the file's project-years before the write (staged-claim.ts). */
  basis: string;
}

export interface WriteOptions {
  /** Do everything, then roll back: exact counts, nothing stored. */
  dryRun?: boolean;
  onProgress?: (rows: number, fraction: number) => void;
  /** Runs inside the transaction after the rows are written (e.g. to store the original file). */
  afterWrite?: (tx: Tx, batchId: number) => Promise<void>;
  /** The scheme a municipality seen for the first time gets (an import profile's); default Hyoka's. */
  ratingScheme?: RatingSchemeSpec;
  /** Commits this staged upload: claimed in the transaction, refused if its project-years changed. */
  staged?: StagedClaim;
  /** The columns the file maps (owned-columns.ts); default all. */
  owns?: Ownership;
}

/** Lock key shared by every import and rollback, so they never interleave. */
export const IMPORT_LOCK = 4_815_162_343;

class DryRunDone extends Error {
  constructor(readonly result: WriteResult) {
    super('dry run');
  }
}

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const excluded = (column: string) => sql.raw(`excluded."${column}"`);

const hashed = new WeakMap<SheetRecord, string>();

/**
 * Everything the row said, hashed: the same hash on re-import means "unchanged". Remembered per
 * record, so the streaming importer can hash a record as it is read, ahead of its write (records
 * are not changed once read).
 */
export function contentHash(r: SheetRecord): string {
  let hash = hashed.get(r);
  if (hash === undefined) hashed.set(r, (hash = computeHash(r)));
  return hash;
}

function computeHash(r: SheetRecord): string {
  // Where a value sat in the sheet is not what it says: moving a column changes no content.
  const { line: _line, columnLabels: _labels, ...content } = r;
  if (content.ratings.some((x) => x.column !== undefined)) content.ratings = content.ratings.map(({ column: _c, ...x }) => x);
  return createHash('sha256').update(JSON.stringify(content)).digest('hex');
}

/**
 * Writes one file's records chunk by chunk inside the caller's transaction, so a file of any
 * size streams through in bounded memory while staying all-or-nothing. What must hold across
 * chunks is kept compactly: which project / indicator was last described by which fiscal year
 * (the latest year's wording wins, as when the whole file was written at once), the populations
 * already replaced, and the rating criteria per municipality.
 *
 * Rollback snapshots stay exact: a project or indicator a chunk is about to change is saved
 * first (pre-image tables), and a later chunk's snapshot of another year of the same project
 * takes the saved pre-batch version, not the batch's own.
 */
export class BatchWriter {
  private constructor(
    private readonly tx: Tx,
    readonly batchId: number,
    private readonly fileName: string,
    private readonly ratingScheme?: RatingSchemeSpec,
    private readonly staged?: StagedClaim,
  ) {}

  private readonly basis = new StateBasis();
  private owns: Ownership = OWNS_ALL;

  /** The columns the file maps: the others keep what is stored. Set before the first write. */
  own(ownership: Ownership): void {
    this.owns = ownership;
  }

  private readonly phase = phaseTimer();
  private rows = 0;
  /** Records written so far. */
  get rowsWritten(): number {
    return this.rows;
  }
  private changedRows = 0;
  private inserted = 0;
  private municipalityIds = new Map<string, number>();
  private schemesEnsured = new Set<number>();
  private previousPopulations = new Map<string, PreviousPopulation>();
  /** project key → what this batch last wrote for it (kept-state.ts). */
  private projectYears = new Descriptions();
  /** `${projectId}|${indicator name}` → what this batch last wrote for it. */
  private indicatorYears = new Descriptions();
  private criteria = new Map<number, Map<string, Criterion>>();

  private deferred: { table: string; name: string; definition: string }[] = [];

  /**
   * `bulk`: check the foreign keys of the big tables once, set-based, at the end, instead of
   * row by row (each check is a query; they are most of a big load's database time). The
   * constraints are dropped and re-created, exactly as defined, inside the transaction, so
   * integrity and all-or-nothing hold — but the tables stay locked until it commits: readers
   * (the dashboard) wait. For loading a prefecture, not for a city's yearly file.
   */
  static async open(
    tx: Tx,
    batch: { fileName: string; encoding: string; createdBy: string },
    options: { bulk?: boolean; ratingScheme?: RatingSchemeSpec; staged?: StagedClaim; owns?: Ownership } = {},
  ): Promise<BatchWriter> {
    await tx.execute(sql`select pg_advisory_xact_lock(${IMPORT_LOCK})`);
    if (options.staged) await claimStaged(tx, options.staged);
    const [batchRow] = await tx
      .insert(importBatches)
      .values({ ...batch, sha256: '', rowCount: 0, status: 'running' })
      .returning({ id: importBatches.id });
    for (const statement of stagingTables()) await tx.execute(sql.raw(statement));
    const writer = new BatchWriter(tx, batchRow!.id, batch.fileName, options.ratingScheme, options.staged);
    if (options.owns) writer.own(options.owns);
    if (options.bulk) await writer.deferForeignKeys();
    return writer;
  }

  private async deferForeignKeys(): Promise<void> {
    const rows = await queryRows<{ table: string; name: string; definition: string }>(
      this.tx as unknown as Db,
      sql`select conrelid::regclass::text as "table", conname as name, pg_get_constraintdef(oid) as definition
          from pg_constraint
          where contype = 'f' and conrelid in ('evaluations'::regclass, 'ratings'::regclass, 'indicator_values'::regclass, 'import_replaced'::regclass)
          order by conrelid::regclass::text, conname`,
    );
    for (const r of rows) await this.tx.execute(sql.raw(`alter table ${r.table} drop constraint "${r.name}"`));
    this.deferred = rows;
  }

  private async restoreForeignKeys(): Promise<void> {
    // Re-creating a foreign key checks every row in one join: the deferred checks, set-based.
    for (const r of this.deferred) await this.tx.execute(sql.raw(`alter table ${r.table} add constraint "${r.name}" ${r.definition}`));
    this.deferred = [];
  }

  /** Writes a chunk of valid records; returns problems only a write can find (unknown grades). */
  async write(records: SheetRecord[]): Promise<Problem[]> {
    const { tx, batchId, phase } = this;
    this.rows += records.length;
    /** False for a municipality this batch created: nothing of it is stored to look up. */
    const mayBeStored = (r: SheetRecord) => !this.createdHere.has(r.municipalityCode);
    const municipalityIds = await phase('upsertMunicipalities', () => this.upsertMunicipalities(records));
    // A municipality this batch created has nothing stored yet: nothing to compare or snapshot.
    const existing = await phase('existingHashes', () => existingHashes(tx, records.filter(mayBeStored)));
    const key = (r: SheetRecord) => `${r.municipalityCode}|${r.projectCode}|${r.fiscalYear}`;
    /** The database holds this project-year (with a hash, possibly another one). */
    const isStored = (r: SheetRecord) => existing.has(key(r));
    for (const r of records) this.basis.add(key(r), existing.get(key(r)));
    const { owns } = this;
    const changed = records.filter((r) => !storedMatches(existing.get(key(r))?.hash, owns, contentHash(r)));
    /** What the evaluation's content_hash becomes: this file's entry beside the others it leaves. */
    const hashOf = (r: SheetRecord) => mergedContentHash(existing.get(key(r))?.hash, owns, contentHash(r));
    this.changedRows += changed.length;
    if (changed.length === 0) return [];
    const toSnapshot = changed.filter(mayBeStored);
    if (toSnapshot.length > 0) await phase('savePreImages', () => savePreImages(tx, toSnapshot, municipalityIds));
    await phase('snapshotReplaced', () => snapshotReplaced(tx, batchId, changed.filter(isStored)));
    await phase('upsertPopulations', () => upsertPopulations(tx, changed, municipalityIds, batchId, this.previousPopulations));
    const policyIds = await phase('upsertPolicyNodes', () => upsertPolicyNodes(tx, changed, municipalityIds));
    const orgIds = await phase('upsertOrganisation', () => upsertOrganisation(tx, changed, municipalityIds));
    const { projectIds, createdProjects } = await phase('upsertProjects', () =>
      upsertProjects(tx, changed, municipalityIds, policyIds, orgIds, batchId, this.projectYears, mayBeStored, owns),
    );
    const { evaluationIds, inserted, replacedIds } = await phase('upsertEvaluations', () =>
      upsertEvaluations(tx, changed, municipalityIds, projectIds, batchId, isStored, hashOf, owns),
    );
    this.inserted += inserted;
    await phase('recordNewRows', () =>
      recordNewRows(
        tx,
        batchId,
        changed
          .filter((r) => !isStored(r))
          .map((r) => ({ projectId: projectIds.get(projectKey(municipalityIds.get(r.municipalityCode)!, r.projectCode))!, fiscalYear: r.fiscalYear })),
      ),
    );
    const criteria = await this.criteriaFor([...new Set(changed.map((r) => municipalityIds.get(r.municipalityCode)!))]);
    // A file that maps no rating (or indicator) column leaves the stored ones as they are.
    const problems = owns.units.has('ratings')
      ? await phase('replaceRatings', () => replaceRatings(tx, changed, municipalityIds, criteria, evaluationIds, replacedIds, this.fileName))
      : [];
    if (problems.length > 0) return problems;
    if (owns.units.has('indicators'))
      await phase('upsertIndicators', () => upsertIndicators(tx, changed, municipalityIds, projectIds, createdProjects, batchId, this.indicatorYears));
    return [];
  }

  /** Marks the batch committed with its counts; the caller commits (or, for a dry run, rolls back). */
  async finish(info: { sha256: string; warnings: Problem[] }): Promise<WriteResult> {
    const result: WriteResult = {
      batchId: this.batchId,
      rows: this.rows,
      inserted: this.inserted,
      updated: this.changedRows - this.inserted,
      unchanged: this.rows - this.changedRows,
      basis: this.basis.digest(),
    };
    // The check saw other rows than these: committing would overwrite what its preview did not show.
    if (this.staged && this.staged.basis !== result.basis) throw new ImportRejected([staleProblem(this.fileName)]);
    await this.phase('finishBatch', () =>
      this.tx
        .update(importBatches)
        .set({
          sha256: info.sha256,
          rowCount: this.rows,
          status: 'committed',
          insertedCount: result.inserted,
          updatedCount: result.updated,
          unchangedCount: result.unchanged,
          warningCount: info.warnings.length,
          report: {
            warnings: info.warnings,
            previousPopulations: [...this.previousPopulations.values()],
            ...(this.staged ? { stagedAs: this.staged.pendingId } : {}),
          },
          finishedAt: new Date(),
        })
        .where(eq(importBatches.id, this.batchId)),
    );
    await this.phase('restoreForeignKeys', () => this.restoreForeignKeys());
    await this.phase('afterImportWrite', () =>
      afterImportWrite(
        this.tx,
        this.batchId,
        [...this.createdHere].map((code) => this.municipalityIds.get(code)!),
      ),
    );
    return result;
  }

  /** Municipalities this batch created (codes). */
  private createdHere = new Set<string>();

  private async upsertMunicipalities(records: SheetRecord[]): Promise<Map<string, number>> {
    const { ids, created } = await upsertMunicipalities(this.tx, records, this.schemesEnsured, this.ratingScheme);
    for (const [code, id] of ids) {
      if (created.has(code) && !this.municipalityIds.has(code)) this.createdHere.add(code);
      this.municipalityIds.set(code, id);
    }
    return this.municipalityIds;
  }

  private async criteriaFor(municipalityIds: number[]): Promise<Map<number, Map<string, Criterion>>> {
    const missing = municipalityIds.filter((id) => !this.criteria.has(id));
    if (missing.length > 0) for (const [id, c] of await loadCriteria(this.tx, missing)) this.criteria.set(id, c);
    return this.criteria;
  }
}

/** Temp tables of one import (dropped at commit or rollback): staging for COPY, pre-images. */
const stagingTables = () => [
  `create temp table hyoka_stage_evaluations on commit drop as
     select project_id, fiscal_year, ${EVALUATION_COLUMNS.join(', ')} from evaluations with no data`,
  `create temp table hyoka_stage_indicator_values on commit drop as
     select indicator_id, fiscal_year, target, actual, unit, import_batch_id from indicator_values with no data`,
  'create temp table hyoka_pre_projects (id integer primary key, doc jsonb not null) on commit drop',
  'create temp table hyoka_pre_indicators (id integer primary key, doc jsonb not null) on commit drop',
];

/**
 * The single place for work that must follow every import inside its transaction (derived
 * tables such as rollups refreshed from the rows just written). Rollback calls its twin,
 * afterRollback in rollback.ts.
 *
 * The rollup refresh finds the batch's projects through import_replaced. Every row the batch
 * wrote is there (snapshots for rows it replaced, bare entries for new ones), but municipalities
 * the batch created skip the snapshot machinery, so they are refreshed by municipality as well:
 * the rollup covers them whatever import_replaced holds.
 */
export async function afterImportWrite(tx: Tx, batchId: number, createdMunicipalityIds: number[] = []): Promise<void> {
  // page-speed: per-evaluation rollups, db/queries/rollups.ts
  await refreshRollups(tx as unknown as Db, { batchId, municipalityIds: createdMunicipalityIds });
}

/**
 * Writes records in one transaction (small files, tests): the same BatchWriter the streaming
 * importer uses, in chunks of WRITE_CHUNK.
 */
export async function writeRecords(
  db: Db,
  records: SheetRecord[],
  batch: BatchInfo,
  warnings: Problem[] = [],
  options: WriteOptions = {},
): Promise<WriteResult> {
  try {
    return await db.transaction(async (tx) => {
      const writer = await BatchWriter.open(tx, batch, { ratingScheme: options.ratingScheme, staged: options.staged, owns: options.owns });
      for (const part of chunks(records, WRITE_CHUNK)) {
        const problems = await writer.write(part);
        if (problems.length > 0) throw new ImportRejected(problems);
        options.onProgress?.(writer.rowsWritten, writer.rowsWritten / records.length);
      }
      const result = await writer.finish({ sha256: batch.sha256, warnings });
      if (options.dryRun) throw new DryRunDone(result);
      await options.afterWrite?.(tx, writer.batchId);
      return result;
    });
  } catch (error) {
    if (error instanceof DryRunDone) return error.result;
    throw error;
  }
}

/** Records per write: big enough for set-based statements, small enough to stream. */
export const WRITE_CHUNK = 5_000;

/** Content hashes of the evaluations these records would replace, by municipality|code|year. */
async function existingHashes(tx: Tx, records: SheetRecord[]): Promise<Map<string, { hash: string | null; batchId: number | null }>> {
  const found = new Map<string, { hash: string | null; batchId: number | null }>();
  for (const part of chunks(records, BIG_CHUNK)) {
    const rows = await queryRows<{ k: string; content_hash: string | null; import_batch_id: number | null }>(
      tx as unknown as Db,
      sql`select m.code || '|' || p.code || '|' || e.fiscal_year as k, e.content_hash, e.import_batch_id
          from (${sheetKeys(part)}) k
          join municipalities m on m.code = k.m
          join projects p on p.municipality_id = m.id and p.code = k.p
          join evaluations e on e.project_id = p.id and e.fiscal_year = k.y`,
    );
    for (const row of rows) found.set(row.k, { hash: row.content_hash, batchId: row.import_batch_id });
  }
  return found;
}

/**
 * The (municipality, project, year) keys of these records as one JSON parameter. A literal
 * tuple list would bind three parameters per row; PGlite aborts at COMMIT after a statement
 * with ~900 of them ("bad buffer ID: 0"), and one parameter is faster on both drivers anyway.
 */
function sheetKeys(records: SheetRecord[]) {
  const keys = records.map((r) => ({ m: r.municipalityCode, p: r.projectCode, y: r.fiscalYear }));
  return sql`select k.m, k.p, k.y from jsonb_to_recordset(${JSON.stringify(keys)}::jsonb) as k(m text, p text, y smallint)`;
}

/**
 * Saves the projects and indicator definitions these records are about to change, the first
 * time this batch touches them: their pre-batch state, for the snapshots of later chunks.
 */
async function savePreImages(tx: Tx, records: SheetRecord[], ids: Map<string, number>): Promise<void> {
  const keys = [...new Set(records.map((r) => projectKey(ids.get(r.municipalityCode)!, r.projectCode)))].map((k) => {
    const [m, p] = k.split('\u0000');
    return { m: Number(m), p };
  });
  const touched = sql`select p.id from jsonb_to_recordset(${JSON.stringify(keys)}::jsonb) as k(m integer, p text)
                      join projects p on p.municipality_id = k.m and p.code = k.p`;
  await tx.execute(sql`insert into hyoka_pre_projects (id, doc)
                       select t.id, to_jsonb(p.*) from (${touched}) t join projects p on p.id = t.id
                       on conflict (id) do nothing`);
  await tx.execute(sql`insert into hyoka_pre_indicators (id, doc)
                       select i.id, to_jsonb(i.*) from (${touched}) t join indicators i on i.project_id = t.id
                       on conflict (id) do nothing`);
}

/** Keeps what these records are about to overwrite, so the batch can be rolled back. */
async function snapshotReplaced(tx: Tx, batchId: number, records: SheetRecord[]): Promise<void> {
  // Aggregates in id order: the same history gives the same snapshot, whatever plan the
  // planner picks (tests compare databases byte for byte).
  for (const part of chunks(records, BIG_CHUNK)) {
    await tx.execute(sql`
      insert into import_replaced (batch_id, project_id, fiscal_year, previous)
      select ${batchId}, e.project_id, e.fiscal_year, jsonb_build_object(
        'evaluation', to_jsonb(e.*),
        'project', coalesce((select pp.doc from hyoka_pre_projects pp where pp.id = p.id), to_jsonb(p.*)),
        'ratings', coalesce((select jsonb_agg(to_jsonb(r.*) order by r.criterion_id) from ratings r where r.evaluation_id = e.id), '[]'::jsonb),
        'indicators', coalesce((
          select jsonb_agg(jsonb_build_object(
            'indicator', coalesce((select pi.doc from hyoka_pre_indicators pi where pi.id = i.id), to_jsonb(i.*)),
            'value', to_jsonb(v.*)) order by i.id)
          from indicator_values v join indicators i on i.id = v.indicator_id
          where i.project_id = e.project_id and v.fiscal_year = e.fiscal_year), '[]'::jsonb))
      from (${sheetKeys(part)}) k
      join municipalities m on m.code = k.m
      join projects p on p.municipality_id = m.id and p.code = k.p
      join evaluations e on e.project_id = p.id and e.fiscal_year = k.y`);
  }
}

/** Rows the batch added: rolling it back deletes them. */
async function recordNewRows(tx: Tx, batchId: number, rows: { projectId: number; fiscalYear: number }[]): Promise<void> {
  if (rows.length === 0) return;
  await copyInto(
    tx,
    'import_replaced',
    ['batch_id', 'project_id', 'fiscal_year'],
    rows.map((r) => [batchId, r.projectId, r.fiscalYear]),
  );
}

const projectKey = (municipalityId: number, code: string) => `${municipalityId}\u0000${code}`;

async function upsertMunicipalities(
  tx: Tx,
  records: SheetRecord[],
  ensured: Set<number>,
  scheme?: RatingSchemeSpec,
): Promise<{ ids: Map<string, number>; created: Set<string> }> {
  const byCode = new Map(records.map((r) => [r.municipalityCode, r.municipalityName]));
  const rows = await tx
    .insert(municipalities)
    .values([...byCode].map(([code, name]) => ({ code, name })))
    .onConflictDoUpdate({ target: municipalities.code, set: { name: excluded('name') } })
    .returning({ id: municipalities.id, code: municipalities.code, inserted: sql<boolean | string>`(xmax = 0)` });
  const ids = new Map(rows.map((r) => [r.code, r.id]));
  const created = new Set(rows.filter((r) => isTrue(r.inserted)).map((r) => r.code));
  for (const id of ids.values()) {
    if (ensured.has(id)) continue;
    await ensureRatingScheme(tx, id, scheme);
    ensured.add(id);
  }
  return { ids, created };
}

/** Gives a municipality the default scheme the first time it is seen. */
export async function ensureRatingScheme(tx: Tx | Db, municipalityId: number, spec: RatingSchemeSpec = DEFAULT_RATING_SCHEME): Promise<void> {
  const existing = await tx.select({ id: ratingSchemes.id }).from(ratingSchemes).where(eq(ratingSchemes.municipalityId, municipalityId));
  if (existing.length > 0) return;
  const [scheme] = await tx.insert(ratingSchemes).values({ municipalityId, name: spec.name }).returning({ id: ratingSchemes.id });
  for (const [position, c] of spec.criteria.entries()) {
    const [criterion] = await tx
      .insert(ratingCriteria)
      .values({ schemeId: scheme!.id, key: c.key, labelJa: c.labelJa, labelEn: c.labelEn, position, watchRule: watchRoleOf(c) })
      .returning({ id: ratingCriteria.id });
    await tx.insert(ratingGrades).values(
      c.grades.map((g, i) => ({
        criterionId: criterion!.id,
        code: g.code,
        labelJa: g.labelJa,
        labelEn: g.labelEn,
        position: i,
        band: g.band,
      })),
    );
  }
}

interface PreviousPopulation {
  municipalityId: number;
  fiscalYear: number;
  population: number | null;
  source: string | null;
}

/** Writes the populations the file states; returns what they replaced (for rollback). */
async function upsertPopulations(
  tx: Tx,
  records: SheetRecord[],
  ids: Map<string, number>,
  batchId: number,
  previousByKey: Map<string, PreviousPopulation>,
): Promise<void> {
  const byKey = new Map<string, { municipalityId: number; fiscalYear: number; population: number }>();
  for (const r of records) {
    if (r.population === null) continue;
    const municipalityId = ids.get(r.municipalityCode)!;
    byKey.set(`${municipalityId}/${r.fiscalYear}`, { municipalityId, fiscalYear: r.fiscalYear, population: r.population });
  }
  if (byKey.size === 0) return;
  const before = await tx
    .select()
    .from(municipalityPopulations)
    .where(inArray(municipalityPopulations.municipalityId, [...new Set([...byKey.values()].map((v) => v.municipalityId))]));
  // What a population was before this batch: recorded the first time a chunk replaces it.
  for (const [k, v] of byKey) {
    if (previousByKey.has(k)) continue;
    const old = before.find((b) => b.municipalityId === v.municipalityId && b.fiscalYear === v.fiscalYear);
    previousByKey.set(k, { municipalityId: v.municipalityId, fiscalYear: v.fiscalYear, population: old?.population ?? null, source: old?.source ?? null });
  }
  await tx
    .insert(municipalityPopulations)
    .values([...byKey.values()].map((v) => ({ ...v, source: `import:${batchId}` })))
    .onConflictDoUpdate({
      target: [municipalityPopulations.municipalityId, municipalityPopulations.fiscalYear],
      set: { population: excluded('population'), source: excluded('source') },
    });
}

interface NodeSpec {
  municipalityId: number;
  level: number;
  number: string | null;
  name: string;
  path: string;
  parentPath: string | null;
}

/** The chain of policy nodes a record names, top first, with their paths. */
function policyChain(r: SheetRecord, municipalityId: number): NodeSpec[] {
  const chain: NodeSpec[] = [];
  let parentPath: string | null = null;
  if (r.pillar) {
    parentPath = `pillar:${r.pillar}`;
    chain.push({ municipalityId, level: 0, number: null, name: r.pillar, path: parentPath, parentPath: null });
  }
  const segments: string[] = [];
  r.policy.forEach((level, i) => {
    segments.push(level.number ?? level.name);
    const path = segments.join('/');
    chain.push({ municipalityId, level: i + 1, number: level.number, name: level.name, path, parentPath });
    parentPath = path;
  });
  return chain;
}

/** Returns the id of each record's deepest policy node, keyed by municipality + path. */
async function upsertPolicyNodes(tx: Tx, records: SheetRecord[], ids: Map<string, number>) {
  const nodes = new Map<string, NodeSpec>();
  for (const r of records) {
    for (const n of policyChain(r, ids.get(r.municipalityCode)!)) nodes.set(`${n.municipalityId}|${n.path}`, n);
  }
  const nodeIds = new Map<string, number>();
  // Parents before children, so every parent id is known when its children are written.
  for (let level = 0; level <= 4; level++) {
    const atLevel = [...nodes.values()].filter((n) => n.level === level);
    for (const part of chunks(atLevel)) {
      const rows = await tx
        .insert(policyNodes)
        .values(
          part.map((n) => ({
            municipalityId: n.municipalityId,
            level: n.level,
            number: n.number,
            name: n.name,
            path: n.path,
            parentId: n.parentPath ? (nodeIds.get(`${n.municipalityId}|${n.parentPath}`) ?? null) : null,
          })),
        )
        .onConflictDoUpdate({
          target: [policyNodes.municipalityId, policyNodes.path],
          set: { name: excluded('name'), number: excluded('number'), parentId: excluded('parent_id'), level: excluded('level') },
        })
        .returning({ id: policyNodes.id, municipalityId: policyNodes.municipalityId, path: policyNodes.path });
      for (const row of rows) nodeIds.set(`${row.municipalityId}|${row.path}`, row.id);
    }
  }
  return (r: SheetRecord): number | null => {
    const chain = policyChain(r, ids.get(r.municipalityCode)!);
    const deepest = chain[chain.length - 1];
    return deepest ? (nodeIds.get(`${deepest.municipalityId}|${deepest.path}`) ?? null) : null;
  };
}

async function upsertOrganisation(tx: Tx, records: SheetRecord[], ids: Map<string, number>) {
  const deptKeys = new Map<string, { municipalityId: number; name: string }>();
  for (const r of records) {
    if (!r.department) continue;
    const municipalityId = ids.get(r.municipalityCode)!;
    deptKeys.set(`${municipalityId}|${r.department}`, { municipalityId, name: r.department });
  }
  const deptIds = new Map<string, number>();
  for (const part of chunks([...deptKeys.values()])) {
    const rows = await tx
      .insert(departments)
      .values(part)
      .onConflictDoUpdate({ target: [departments.municipalityId, departments.name], set: { name: excluded('name') } })
      .returning({ id: departments.id, municipalityId: departments.municipalityId, name: departments.name });
    for (const row of rows) deptIds.set(`${row.municipalityId}|${row.name}`, row.id);
  }
  const sectionKeys = new Map<string, { departmentId: number; name: string }>();
  for (const r of records) {
    if (!r.department || !r.section) continue;
    const departmentId = deptIds.get(`${ids.get(r.municipalityCode)}|${r.department}`)!;
    sectionKeys.set(`${departmentId}|${r.section}`, { departmentId, name: r.section });
  }
  const sectionIds = new Map<string, number>();
  for (const part of chunks([...sectionKeys.values()])) {
    const rows = await tx
      .insert(sections)
      .values(part)
      .onConflictDoUpdate({ target: [sections.departmentId, sections.name], set: { name: excluded('name') } })
      .returning({ id: sections.id, departmentId: sections.departmentId, name: sections.name });
    for (const row of rows) sectionIds.set(`${row.departmentId}|${row.name}`, row.id);
  }
  return (r: SheetRecord) => {
    const departmentId = r.department ? (deptIds.get(`${ids.get(r.municipalityCode)}|${r.department}`) ?? null) : null;
    const sectionId = departmentId && r.section ? (sectionIds.get(`${departmentId}|${r.section}`) ?? null) : null;
    return { departmentId, sectionId };
  };
}

/** A project's descriptive columns: what an import writes and a rollback puts back. */
export const PROJECT_COLUMNS = [
  'name',
  'policy_node_id',
  'department_id',
  'section_id',
  'start_fiscal_year',
  'end_fiscal_year',
  'administrative_type',
  'legal_basis',
  'budget_names',
  'related_laws',
  'national_plans',
  'individual_plans',
  'background',
  'purpose',
  'target_description',
  'content',
  'import_batch_id',
];
const PROJECT_KEYS = ['municipalityId', 'code', ...PROJECT_COLUMNS.map(camel)] as (keyof typeof projects.$inferInsert & string)[];

/** A 48-bit digest of the cells a row would write (a number: a string per project would cost memory). */
function digestOf(cells: Cell[]): number {
  return createHash('md5').update(JSON.stringify(cells)).digest().readUIntBE(0, 6);
}

/**
 * Ids for rows about to be COPYed straight into their table, drawn from the table's own
 * sequence (so a concurrent INSERT elsewhere can never take them), ascending in file order.
 */
async function allocateIds(tx: Tx, table: 'projects' | 'evaluations' | 'indicators', n: number): Promise<number[]> {
  if (n === 0) return [];
  const rows = await queryRows<{ id: number }>(
    tx as unknown as Db,
    sql`select nextval(${`public.${table}_id_seq`}::regclass)::int as id from generate_series(1, ${n})`,
  );
  return rows.map((r) => Number(r.id)).sort((a, b) => a - b);
}

/** Ids of stored projects, by project key (municipality id + 事業番号). */
async function storedProjects(tx: Tx, keys: { municipalityId: number; code: string }[]): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  for (const part of chunks(keys, BIG_CHUNK)) {
    const rows = await queryRows<{ id: number; municipality_id: number; code: string }>(
      tx as unknown as Db,
      sql`select p.id, p.municipality_id, p.code
          from jsonb_to_recordset(${JSON.stringify(part.map((k) => ({ m: k.municipalityId, c: k.code })))}::jsonb) as k(m integer, c text)
          join projects p on p.municipality_id = k.m and p.code = k.c`,
    );
    for (const row of rows) found.set(projectKey(Number(row.municipality_id), row.code), Number(row.id));
  }
  return found;
}

/**
 * The latest fiscal year in the file describes the project (its name, place and texts): a
 * chunk writes a project only when its row is at least as recent as the one that last did, and
 * says something else. A project the database does not hold yet is COPYed in with ids drawn
 * from its sequence; one it holds is upserted. `mayBeStored` is false for records of a
 * municipality this batch created (nothing of it can be stored yet: no lookup needed).
 */
async function upsertProjects(
  tx: Tx,
  records: SheetRecord[],
  ids: Map<string, number>,
  policyOf: (r: SheetRecord) => number | null,
  orgOf: (r: SheetRecord) => { departmentId: number | null; sectionId: number | null },
  batchId: number,
  described: Descriptions,
  mayBeStored: (r: SheetRecord) => boolean,
  owns: Ownership,
) {
  const latest = new Map<string, SheetRecord>();
  for (const r of records) {
    const key = projectKey(ids.get(r.municipalityCode)!, r.projectCode);
    const seen = latest.get(key);
    if (!seen || seen.fiscalYear <= r.fiscalYear) latest.set(key, r);
  }
  type Row = { key: string; year: number; values: typeof projects.$inferInsert; cells: Cell[]; digest: number; lookUp: boolean };
  const toWrite: Row[] = [];
  for (const [key, r] of latest) {
    const seen = described.get(key);
    if (seen && seen.year > r.fiscalYear) continue;
    const values = {
      municipalityId: ids.get(r.municipalityCode)!,
      code: r.projectCode,
      name: r.projectName,
      policyNodeId: policyOf(r),
      ...orgOf(r),
      ...r.plan,
      importBatchId: batchId,
    };
    const cells = PROJECT_KEYS.map((k) => (values as Record<string, unknown>)[k] as Cell);
    const digest = digestOf(cells);
    if (seen && seen.digest === digest) {
      described.advance(key, r.fiscalYear); // the same words, from a later year: nothing to write
      continue;
    }
    toWrite.push({ key, year: r.fiscalYear, values, cells, digest, lookUp: !seen && mayBeStored(r) });
  }
  const stored = await storedProjects(
    tx,
    toWrite.filter((w) => w.lookUp).map((w) => ({ municipalityId: w.values.municipalityId, code: w.values.code })),
  );
  const isNew = (w: Row) => !described.has(w.key) && !stored.has(w.key);
  const fresh = toWrite.filter(isNew);
  const known = toWrite.filter((w) => !isNew(w));

  const freshIds = await allocateIds(tx, 'projects', fresh.length);
  fresh.forEach((w, i) => {
    described.set(w.key, { year: w.year, id: freshIds[i]!, created: true, digest: w.digest });
  });
  await copyInto(
    tx,
    'projects',
    ['id', 'municipality_id', 'code', ...PROJECT_COLUMNS],
    fresh.map((w, i) => [freshIds[i]!, ...w.cells]),
  );

  const updates = sql.raw(
    ownedProjectColumns(owns, PROJECT_COLUMNS)
      .map((c) => `"${c}" = excluded."${c}"`)
      .join(', '),
  );
  for (const part of chunks(known, BIG_CHUNK)) {
    const { columns, select } = recordset(
      projects,
      PROJECT_KEYS,
      part.map((w) => w.values),
    );
    const rows = await queryRows<{ id: number; municipality_id: number; code: string }>(
      tx as unknown as Db,
      sql`insert into ${projects} ${columns} ${select}
          on conflict (municipality_id, code) do update set ${updates}
          returning id, municipality_id, code`,
    );
    const byKey = new Map(part.map((w) => [w.key, w]));
    for (const row of rows) {
      const key = projectKey(Number(row.municipality_id), row.code);
      const w = byKey.get(key)!;
      described.set(key, { year: w.year, id: Number(row.id), created: described.get(key)?.created ?? false, digest: w.digest });
    }
  }
  const projectIds = new Map<string, number>();
  const createdProjects = new Set<number>();
  for (const key of latest.keys()) {
    const d = described.get(key)!;
    projectIds.set(key, d.id);
    if (d.created) createdProjects.add(d.id);
  }
  return { projectIds, createdProjects };
}

function camel(snake: string): string {
  return snake.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

const EVALUATION_COLUMNS = [
  'import_batch_id',
  'content_hash',
  'previous_policy',
  'implementation_method',
  'activities',
  'project_cost',
  'national_prefectural',
  'local_bonds',
  'other_specific',
  'general_funds',
  'regular_staff_fte',
  'regular_staff_hours',
  'regular_staff_cost',
  'other_staff_fte',
  'other_staff_hours',
  'other_staff_cost',
  'staff_cost',
  'total_cost_stated',
  'target_definition',
  'target_count',
  'target_unit',
  'unit_cost_stated_yen',
  'review',
  'direction',
];
const EVALUATION_KEYS = EVALUATION_COLUMNS.map(camel);

/**
 * Evaluations. A project-year the database does not hold (`stored` is false: the batch's own
 * lookup of content hashes found none) is COPYed straight into the table with ids drawn from its
 * sequence; one it holds goes through the staging table and one set-based upsert.
 */
async function upsertEvaluations(
  tx: Tx,
  records: SheetRecord[],
  ids: Map<string, number>,
  projectIds: Map<string, number>,
  batchId: number,
  stored: (r: SheetRecord) => boolean,
  hashOf: (r: SheetRecord) => string,
  owns: Ownership,
) {
  const evaluationIds = new Map<SheetRecord, number>();
  /** Evaluations that existed before: only their old ratings need deleting. */
  const replacedIds: number[] = [];
  const projectOf = (r: SheetRecord) => projectIds.get(projectKey(ids.get(r.municipalityCode)!, r.projectCode))!;
  const cells = (r: SheetRecord): Cell[] => {
    const e = { ...r.evaluation, importBatchId: batchId, contentHash: hashOf(r) } as Record<string, Cell>;
    return [projectOf(r), r.fiscalYear, ...EVALUATION_KEYS.map((k) => e[k])];
  };

  const fresh = records.filter((r) => !stored(r));
  const freshIds = await allocateIds(tx, 'evaluations', fresh.length);
  fresh.forEach((r, i) => {
    evaluationIds.set(r, freshIds[i]!);
  });
  await copyInto(
    tx,
    'evaluations',
    ['id', 'project_id', 'fiscal_year', ...EVALUATION_COLUMNS],
    fresh.map((r, i) => [freshIds[i]!, ...cells(r)]),
  );

  const replacing = records.filter(stored);
  if (replacing.length === 0) return { evaluationIds, inserted: fresh.length, replacedIds };
  await tx.execute(sql`truncate hyoka_stage_evaluations`);
  await copyInto(tx, 'hyoka_stage_evaluations', ['project_id', 'fiscal_year', ...EVALUATION_COLUMNS], replacing.map(cells));
  const columns = sql.raw(['project_id', 'fiscal_year', ...EVALUATION_COLUMNS].map((c) => `"${c}"`).join(', '));
  const updates = sql.raw(
    ownedEvaluationColumns(owns, EVALUATION_COLUMNS)
      .map((c) => `"${c}" = excluded."${c}"`)
      .join(', '),
  );
  // xmax is 0 for a freshly inserted row version, non-zero for one an upsert updated.
  const rows = await queryRows<{ id: number; project_id: number; fiscal_year: number; inserted: boolean | string }>(
    tx as unknown as Db,
    sql`insert into ${evaluations} (${columns}) select ${columns} from hyoka_stage_evaluations
        on conflict (project_id, fiscal_year) do update set ${updates}
        returning id, project_id, fiscal_year, (xmax = 0) as inserted`,
  );
  const byKey = new Map(rows.map((row) => [`${row.project_id}|${row.fiscal_year}`, { id: Number(row.id), inserted: isTrue(row.inserted) }]));
  let inserted = fresh.length;
  for (const r of replacing) {
    const row = byKey.get(`${projectOf(r)}|${r.fiscalYear}`)!;
    evaluationIds.set(r, row.id);
    if (row.inserted) inserted++;
    else replacedIds.push(row.id);
  }
  return { evaluationIds, inserted, replacedIds };
}

/** postgres.js returns booleans, PGlite too, but be tolerant of 't'/'true' text. */
const isTrue = (value: boolean | string) => value === true || value === 't' || value === 'true';

/** Grade text as files write it: `A`, `Ａ`, `計画どおり`, or `計画どおり (A)`. */
function gradeKey(text: string): string {
  return normalizeWidth(text).replace(/\s+/g, '').toUpperCase();
}

interface Criterion {
  id: number;
  labelJa: string;
  grades: Map<string, number>;
  codes: string[];
}

/** Each municipality's rating criteria by key, with every accepted spelling of each grade. */
async function loadCriteria(tx: Tx, municipalityIds: number[]): Promise<Map<number, Map<string, Criterion>>> {
  const grades = await tx
    .select({
      municipalityId: ratingSchemes.municipalityId,
      criterionId: ratingCriteria.id,
      key: ratingCriteria.key,
      labelJa: ratingCriteria.labelJa,
      gradeId: ratingGrades.id,
      code: ratingGrades.code,
      gradeLabel: ratingGrades.labelJa,
    })
    .from(ratingGrades)
    .innerJoin(ratingCriteria, eq(ratingGrades.criterionId, ratingCriteria.id))
    .innerJoin(ratingSchemes, eq(ratingCriteria.schemeId, ratingSchemes.id))
    .where(inArray(ratingSchemes.municipalityId, municipalityIds));
  const byMunicipality = new Map<number, Map<string, Criterion>>(municipalityIds.map((id) => [id, new Map()]));
  for (const g of grades) {
    const criteria = byMunicipality.get(g.municipalityId)!;
    let c = criteria.get(g.key);
    if (!c) criteria.set(g.key, (c = { id: g.criterionId, labelJa: g.labelJa, grades: new Map(), codes: [] }));
    c.codes.push(g.code);
    for (const k of [g.code, g.gradeLabel, `${g.gradeLabel}(${g.code})`]) c.grades.set(gradeKey(k), g.gradeId);
  }
  return byMunicipality;
}

async function replaceRatings(
  tx: Tx,
  records: SheetRecord[],
  ids: Map<string, number>,
  criteriaByMunicipality: Map<number, Map<string, Criterion>>,
  evaluationIds: Map<SheetRecord, number>,
  replacedIds: number[],
  fileName: string,
): Promise<Problem[]> {
  const problems: Problem[] = [];
  const rows: Cell[][] = [];
  for (const r of records) {
    const criteria = criteriaByMunicipality.get(ids.get(r.municipalityCode)!)!;
    for (const rating of r.ratings) {
      const criterion = criteria.get(rating.criterionKey);
      if (!criterion || (rating.grade === null && rating.reason === null)) continue;
      let gradeId: number | null = null;
      if (rating.grade !== null) {
        gradeId = criterion.grades.get(gradeKey(rating.grade)) ?? null;
        if (gradeId === null) {
          problems.push({
            severity: 'error',
            file: fileName,
            line: r.line,
            column: criterion.labelJa,
            value: rating.grade,
            message: {
              ja: `「${criterion.labelJa}」の評価「${rating.grade}」は評価基準にありません（使える値: ${criterion.codes.join('・')}）`,
              en: `"${rating.grade}" is not a grade of ${criterion.labelJa} (allowed: ${criterion.codes.join(', ')})`,
            },
          });
          continue;
        }
      }
      rows.push([evaluationIds.get(r)!, criterion.id, gradeId, rating.reason]);
    }
  }
  if (problems.length > 0) return problems;

  for (const part of chunks(replacedIds, 5000)) {
    await tx.delete(ratings).where(inArray(ratings.evaluationId, part));
  }
  // The old ratings are gone, so the new ones go straight into the table: no staging needed.
  await copyInto(tx, 'ratings', ['evaluation_id', 'criterion_id', 'grade_id', 'reason'], rows);
  return [];
}

const INDICATOR_COLUMNS = ['project_id', 'position', 'name', 'unit', 'kind', 'direction', 'cumulative', 'baseline_value', 'baseline_fiscal_year'];
const INDICATOR_KEYS = INDICATOR_COLUMNS.map(camel) as (keyof typeof indicators.$inferInsert & string)[];
const INDICATOR_VALUE_COLUMNS = ['indicator_id', 'fiscal_year', 'target', 'actual', 'unit', 'import_batch_id'];

/**
 * Indicator definitions (the latest year's wording wins, as for projects), then their yearly
 * values. An indicator of a project this batch created is new: it and its values are COPYed
 * straight in. Others are upserted, their values through the staging table.
 */
async function upsertIndicators(
  tx: Tx,
  records: SheetRecord[],
  ids: Map<string, number>,
  projectIds: Map<string, number>,
  createdProjects: Set<number>,
  batchId: number,
  described: Descriptions,
) {
  type Def = SheetRecord['indicators'][number] & { projectId: number; fiscalYear: number };
  const defs = new Map<string, Def>();
  for (const r of records) {
    const projectId = projectIds.get(projectKey(ids.get(r.municipalityCode)!, r.projectCode))!;
    for (const i of r.indicators) {
      const key = `${projectId}|${i.name}`;
      const seen = defs.get(key);
      if (!seen || seen.fiscalYear <= r.fiscalYear) defs.set(key, { ...i, projectId, fiscalYear: r.fiscalYear });
    }
  }
  type Row = { key: string; def: Def; cells: Cell[]; digest: number };
  const fresh: Row[] = [];
  const known: Row[] = [];
  for (const [key, def] of defs) {
    const seen = described.get(key);
    if (seen && seen.year > def.fiscalYear) continue;
    const cells = INDICATOR_KEYS.map((k) => def[k as keyof Def] as Cell);
    const digest = digestOf(cells);
    if (seen && seen.digest === digest) {
      described.advance(key, def.fiscalYear);
      continue;
    }
    (!seen && createdProjects.has(def.projectId) ? fresh : known).push({ key, def, cells, digest });
  }

  const freshIds = await allocateIds(tx, 'indicators', fresh.length);
  fresh.forEach((w, i) => {
    described.set(w.key, { year: w.def.fiscalYear, id: freshIds[i]!, created: true, digest: w.digest });
  });
  await copyInto(
    tx,
    'indicators',
    ['id', ...INDICATOR_COLUMNS],
    fresh.map((w, i) => [freshIds[i]!, ...w.cells]),
  );

  const updates = sql.raw(
    INDICATOR_COLUMNS.filter((c) => c !== 'project_id' && c !== 'name')
      .map((c) => `"${c}" = excluded."${c}"`)
      .join(', '),
  );
  for (const part of chunks(known, BIG_CHUNK)) {
    const { columns, select } = recordset(
      indicators,
      INDICATOR_KEYS,
      part.map((w) => w.def),
    );
    const rows = await queryRows<{ id: number; project_id: number; name: string }>(
      tx as unknown as Db,
      sql`insert into ${indicators} ${columns} ${select}
          on conflict (project_id, name) do update set ${updates}
          returning id, project_id, name`,
    );
    const byKey = new Map(part.map((w) => [w.key, w]));
    for (const row of rows) {
      const key = `${row.project_id}|${row.name}`;
      const w = byKey.get(key)!;
      described.set(key, { year: w.def.fiscalYear, id: Number(row.id), created: described.get(key)?.created ?? false, digest: w.digest });
    }
  }

  // A value of an indicator this batch created cannot be stored yet (a project-year is in a file once).
  const newValues = new Map<string, Cell[]>();
  const otherValues = new Map<string, Cell[]>();
  for (const r of records) {
    const projectId = projectIds.get(projectKey(ids.get(r.municipalityCode)!, r.projectCode))!;
    for (const i of r.indicators) {
      const indicator = described.get(`${projectId}|${i.name}`)!;
      (indicator.created ? newValues : otherValues).set(`${indicator.id}|${r.fiscalYear}`, [indicator.id, r.fiscalYear, i.target, i.actual, i.unit, batchId]);
    }
  }
  await copyInto(tx, 'indicator_values', INDICATOR_VALUE_COLUMNS, newValues.values());
  if (otherValues.size === 0) return;
  await tx.execute(sql`truncate hyoka_stage_indicator_values`);
  await copyInto(tx, 'hyoka_stage_indicator_values', INDICATOR_VALUE_COLUMNS, otherValues.values());
  await tx.execute(sql`
    insert into ${indicatorValues} (indicator_id, fiscal_year, target, actual, unit, import_batch_id)
    select indicator_id, fiscal_year, target, actual, unit, import_batch_id from hyoka_stage_indicator_values
    on conflict (indicator_id, fiscal_year) do update
    set target = excluded.target, actual = excluded.actual, unit = excluded.unit, import_batch_id = excluded.import_batch_id`);
}

/** Used by tests and the start script: is there any evaluation at all? */
export async function hasAnyEvaluation(db: Db): Promise<boolean> {
  const rows = await db.select({ id: evaluations.id }).from(evaluations).limit(1);
  return rows.length > 0;
}

/** HYOKA_DEBUG_IMPORT=1 prints how long each write phase takes (for the benchmark and profiling). */
export function phaseTimer() {
  const enabled = !!process.env.HYOKA_DEBUG_IMPORT;
  return async <T>(name: string, run: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    const result = await run();
    if (enabled) console.error(`  ${name}: ${Math.round(performance.now() - started)} ms`);
    return result;
  };
}
