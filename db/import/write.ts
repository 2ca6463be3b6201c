/**
 * Writes read sheet records in one transaction, set-based: each table gets a few multi-row
 * statements, not one statement per row. Rows the database does not hold yet (new project-years,
 * new projects and their indicators) are COPYed straight in with ids drawn from their sequences;
 * a re-imported project-year replaces the stored one (upsert on municipality + 事業番号 + fiscal
 * year), never duplicates it.
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../client';
import type { RatingSchemeSpec } from '../domain/rating-scheme';
import { evaluations } from '../schema';
import { markCommitted, openBatchRow } from './batch-row';
import { ImportRejected, type Problem } from './problems';
import type { SheetRecord } from './read-canonical';
import { refreshRollups } from '../rollups';
import { Descriptions } from './kept-state';
import { StateBasis, staleProblem, type StagedClaim } from './staged-claim';
import { mergedContentHash, OWNS_ALL, storedMatches, type Ownership } from './owned-columns';
import { type Tx, projectKey, phaseTimer } from './write-common';
import { contentHash } from './content-hash';
import { existingHashes, savePreImages, snapshotReplaced, recordNewRows } from './write-snapshots';
import { upsertMunicipalities, type PreviousPopulation, upsertPopulations, upsertPolicyNodes, upsertOrganisation } from './write-places';
import { upsertProjects, EVALUATION_COLUMNS, upsertEvaluations } from './write-projects';
import { type Criterion, loadCriteria, replaceRatings } from './write-ratings';
import { upsertIndicators } from './write-indicators';

// The writer's public names, where callers (CLI, tests, rollback) have always found them.
export { IMPORT_LOCK, phaseTimer, WRITE_CHUNK, type Tx } from './write-common';
export { ensureRatingScheme } from './write-places';
export { contentHash } from './content-hash';

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
    const batchId = await openBatchRow(tx, batch, options.staged);
    for (const statement of stagingTables()) await tx.execute(sql.raw(statement));
    const writer = new BatchWriter(tx, batchId, batch.fileName, options.ratingScheme, options.staged);
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
      markCommitted(this.tx, this.batchId, result, info, { previousPopulations: [...this.previousPopulations.values()], staged: this.staged }),
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
  // page-speed: per-evaluation rollups, db/rollups.ts
  await refreshRollups(tx as unknown as Db, { batchId, municipalityIds: createdMunicipalityIds });
}

/** Used by tests and the start script: is there any evaluation at all? */
export async function hasAnyEvaluation(db: Db): Promise<boolean> {
  const rows = await db.select({ id: evaluations.id }).from(evaluations).limit(1);
  return rows.length > 0;
}
