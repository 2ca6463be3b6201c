/**
 * Hyoka's data model: what an evaluation sheet (事務事業評価シート) holds, normalised so the
 * dashboard can aggregate it across projects, policy areas, municipalities and years.
 *
 * Conventions
 * - Money is in 千円 as exact `numeric` (read back as strings, never floats).
 * - Fiscal years are integers: the Western year in which the fiscal year starts (令和4年度 = 2022).
 * - Project codes are text (`0086` keeps its zeros).
 * - Every row written by an import points at its import batch.
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  customType,
  doublePrecision,
  pgTable,
  primaryKey,
  serial,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { BANDS, WATCH_ROLES } from './domain/rating-scheme';

/** Money in 千円: up to 10^15 千円 with three decimals (a 円 figure converted to 千円 stays exact). */
const money = (name: string) => numeric(name, { precision: 18, scale: 3 });
/** Staff in persons (FTE) or hours. */
const staffAmount = (name: string) => numeric(name, { precision: 12, scale: 2 });
/** Indicator values are whatever the city measures: counts, percentages, yen. */
const measure = (name: string) => numeric(name, { precision: 20, scale: 4 });

export const bandEnum = pgEnum('rating_band', BANDS);
export const indicatorKindEnum = pgEnum('indicator_kind', ['activity', 'outcome']);
export const indicatorDirectionEnum = pgEnum('indicator_direction', ['higher', 'lower']);
export const importStatusEnum = pgEnum('import_status', [
  'pending', // uploaded and checked, waiting for someone to commit it
  'running',
  'committed',
  'failed',
  'rolled_back',
]);

/**
 * Every one- and two-character piece of a search_text, for a GIN index: terms too short for a
 * trigram (健診, 市) are found by `search_ngrams(search_text) collate "C" @> array[term]`
 * (db/queries/search.ts). "C": GIN sorts every piece of every row, and byte order is several
 * times cheaper than a locale's. The IMMUTABLE SQL function is created by migration 0008.
 */
const searchNgrams = (column: AnyPgColumn) => sql`search_ngrams(${column}) collate "C"`;

/** Raw bytes (the original file, gzip-compressed). */
const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

// ── Import batches ──────────────────────────────────────────────────────────────────────────

export const importBatches = pgTable('import_batches', {
  id: serial('id').primaryKey(),
  fileName: text('file_name').notNull(),
  sha256: text('sha256').notNull(),
  encoding: text('encoding').notNull(),
  rowCount: integer('row_count').notNull().default(0),
  insertedCount: integer('inserted_count').notNull().default(0),
  updatedCount: integer('updated_count').notNull().default(0),
  unchangedCount: integer('unchanged_count').notNull().default(0),
  rejectedCount: integer('rejected_count').notNull().default(0),
  warningCount: integer('warning_count').notNull().default(0),
  status: importStatusEnum('status').notNull().default('running'),
  createdBy: text('created_by').notNull(),
  /** The logged-in user who imported (null for the CLI and the demo); pages show their current name. */
  createdByUserId: text('created_by_user_id'),
  /** Who rolled the batch back, when a user did. */
  rolledBackByUserId: text('rolled_back_by_user_id'),
  /** Problems and counts, as shown on the batch's report page. */
  report: jsonb('report'),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
});

// ── Municipalities ──────────────────────────────────────────────────────────────────────────

export const municipalities = pgTable('municipalities', {
  id: serial('id').primaryKey(),
  /** 全国地方公共団体コード (6 digits) or any stable code the city uses. */
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  nameEn: text('name_en'),
});

export const municipalityPopulations = pgTable(
  'municipality_populations',
  {
    municipalityId: integer('municipality_id')
      .notNull()
      .references(() => municipalities.id, { onDelete: 'cascade' }),
    fiscalYear: smallint('fiscal_year').notNull(),
    population: integer('population').notNull(),
    /** Where the figure came from: an import batch, or `settings` when typed in by hand. */
    source: text('source').notNull(),
  },
  (t) => [primaryKey({ columns: [t.municipalityId, t.fiscalYear] }), check('population_positive', sql`${t.population} > 0`)],
);

// ── Rating schemes ──────────────────────────────────────────────────────────────────────────

export const ratingSchemes = pgTable('rating_schemes', {
  id: serial('id').primaryKey(),
  municipalityId: integer('municipality_id')
    .notNull()
    .unique()
    .references(() => municipalities.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
});

export const ratingCriteria = pgTable(
  'rating_criteria',
  {
    id: serial('id').primaryKey(),
    schemeId: integer('scheme_id')
      .notNull()
      .references(() => ratingSchemes.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    labelJa: text('label_ja').notNull(),
    labelEn: text('label_en').notNull(),
    position: smallint('position').notNull(),
    /** The watchlist rule its poor band trips: `poor`, `efficiency`, or null (rating-scheme.ts WATCH_ROLES). */
    watchRule: text('watch_rule', { enum: WATCH_ROLES }).default('poor'),
  },
  (t) => [uniqueIndex('rating_criteria_scheme_key').on(t.schemeId, t.key), check('rating_criteria_watch_rule', sql`${t.watchRule} in ('poor', 'efficiency')`)],
);

export const ratingGrades = pgTable(
  'rating_grades',
  {
    id: serial('id').primaryKey(),
    criterionId: integer('criterion_id')
      .notNull()
      .references(() => ratingCriteria.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    labelJa: text('label_ja').notNull(),
    labelEn: text('label_en').notNull(),
    /** 0 = best. */
    position: smallint('position').notNull(),
    band: bandEnum('band').notNull(),
  },
  (t) => [uniqueIndex('rating_grades_criterion_code').on(t.criterionId, t.code)],
);

// ── Policy tree and organisation ────────────────────────────────────────────────────────────

/**
 * 総合計画体系: level 0 pillar (e.g. 自治力, no number) › 1 まちづくり目標 › 2 基本政策 ›
 * 3 施策展開の方向 › 4 施策. `path` is the numbers from level 1 down joined by `/`
 * (`5/10/18/40`), the node's address in URLs; a pillar's path is `pillar:<name>`.
 */
export const policyNodes = pgTable(
  'policy_nodes',
  {
    id: serial('id').primaryKey(),
    municipalityId: integer('municipality_id')
      .notNull()
      .references(() => municipalities.id, { onDelete: 'cascade' }),
    parentId: integer('parent_id').references((): AnyPgColumn => policyNodes.id),
    level: smallint('level').notNull(),
    number: text('number'),
    name: text('name').notNull(),
    path: text('path').notNull(),
  },
  (t) => [
    uniqueIndex('policy_nodes_municipality_path').on(t.municipalityId, t.path),
    index('policy_nodes_parent').on(t.parentId),
    check('policy_level_range', sql`${t.level} between 0 and 4`),
  ],
);

export const departments = pgTable(
  'departments',
  {
    id: serial('id').primaryKey(),
    municipalityId: integer('municipality_id')
      .notNull()
      .references(() => municipalities.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
  },
  (t) => [uniqueIndex('departments_municipality_name').on(t.municipalityId, t.name)],
);

export const sections = pgTable(
  'sections',
  {
    id: serial('id').primaryKey(),
    departmentId: integer('department_id')
      .notNull()
      .references(() => departments.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
  },
  (t) => [uniqueIndex('sections_department_name').on(t.departmentId, t.name)],
);

// ── Projects and their yearly evaluations ───────────────────────────────────────────────────

/** A project (事務事業): stable across years; descriptive fields hold the latest import's text. */
export const projects = pgTable(
  'projects',
  {
    id: serial('id').primaryKey(),
    municipalityId: integer('municipality_id')
      .notNull()
      .references(() => municipalities.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    name: text('name').notNull(),
    /** The 施策 (or the deepest level the city uses) the project serves. */
    policyNodeId: integer('policy_node_id').references(() => policyNodes.id),
    departmentId: integer('department_id').references(() => departments.id),
    sectionId: integer('section_id').references(() => sections.id),
    startFiscalYear: smallint('start_fiscal_year'),
    endFiscalYear: smallint('end_fiscal_year'),
    administrativeType: text('administrative_type'),
    legalBasis: text('legal_basis'),
    budgetNames: text('budget_names'),
    relatedLaws: text('related_laws'),
    nationalPlans: text('national_plans'),
    individualPlans: text('individual_plans'),
    background: text('background'),
    purpose: text('purpose'),
    targetDescription: text('target_description'),
    content: text('content'),
    importBatchId: integer('import_batch_id').references(() => importBatches.id),
    /** What the search matches (db/queries/search.ts): code, name, 目的, 対象, 事業内容, NFKC-normalised and lowercased. */
    searchText: text('search_text').generatedAlwaysAs(
      sql`lower(normalize(code || ' ' || name || ' ' || coalesce(purpose, '') || ' ' || coalesce(target_description, '') || ' ' || coalesce(content, ''), NFKC))`,
    ),
    /** Code and 事業名 as the search matches them: a term found here ranks highest (db/queries/search.ts). */
    titleSearch: text('title_search').generatedAlwaysAs(sql`lower(normalize(code || ' ' || name, NFKC))`),
    /** 事業名 as the search compares it with the query (trigram similarity, db/queries/search.ts). */
    nameSearch: text('name_search').generatedAlwaysAs(sql`lower(normalize(name, NFKC))`),
  },
  (t) => [
    uniqueIndex('projects_municipality_code').on(t.municipalityId, t.code),
    index('projects_search').using('gin', t.searchText.op('gin_trgm_ops')),
    index('projects_search_ngrams').using('gin', searchNgrams(t.searchText)),
    // The closest names first (`<->`) for a word in more names than the search ranks. 256-byte
    // signatures: with the default 12 a two-character query's nearest 1,000 of 210,000 names took 394 ms, 188 ms here.
    index('projects_name_trgm').using('gist', sql`${t.nameSearch} gist_trgm_ops(siglen=256)`),
    index('projects_policy_node').on(t.policyNodeId),
    index('projects_department').on(t.departmentId),
    index('projects_section').on(t.sectionId),
  ],
);

/** One project's sheet for one fiscal year. */
export const evaluations = pgTable(
  'evaluations',
  {
    id: serial('id').primaryKey(),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    fiscalYear: smallint('fiscal_year').notNull(),
    importBatchId: integer('import_batch_id').references(() => importBatches.id),
    /** Hash of everything the imported row said: a re-import with the same hash is "unchanged". */
    contentHash: text('content_hash'),

    previousPolicy: text('previous_policy'),
    implementationMethod: text('implementation_method'),
    activities: text('activities'),

    projectCost: money('project_cost'),
    nationalPrefectural: money('national_prefectural'),
    localBonds: money('local_bonds'),
    otherSpecific: money('other_specific'),
    generalFunds: money('general_funds'),
    regularStaffFte: staffAmount('regular_staff_fte'),
    regularStaffHours: staffAmount('regular_staff_hours'),
    regularStaffCost: money('regular_staff_cost'),
    otherStaffFte: staffAmount('other_staff_fte'),
    otherStaffHours: staffAmount('other_staff_hours'),
    otherStaffCost: money('other_staff_cost'),
    staffCost: money('staff_cost'),
    /** トータルコスト as the sheet states it; the dashboard uses project_cost + staff_cost. */
    totalCostStated: money('total_cost_stated'),

    targetDefinition: text('target_definition'),
    targetCount: measure('target_count'),
    targetUnit: text('target_unit'),
    /** 総事業費／対象数 as stated, in 円. */
    unitCostStatedYen: measure('unit_cost_stated_yen'),

    review: text('review'),
    /** 今後の方向性 (拡充 / 継続 / 改善 / 縮小 / 休止・廃止), where the city has it. */
    direction: text('direction'),
    /** The year's 総評 as the search matches it (db/queries/search.ts). */
    searchText: text('search_text').generatedAlwaysAs(sql`lower(normalize(coalesce(review, ''), NFKC))`),
  },
  (t) => [
    uniqueIndex('evaluations_project_year').on(t.projectId, t.fiscalYear),
    index('evaluations_search').using('gin', t.searchText.op('gin_trgm_ops')),
    index('evaluations_search_ngrams').using('gin', searchNgrams(t.searchText)),
    index('evaluations_year').on(t.fiscalYear),
    index('evaluations_import_batch').on(t.importBatchId),
  ],
);

/** One grade per evaluation × criterion; a missing row (or null grade) means "not rated". */
export const ratings = pgTable(
  'ratings',
  {
    evaluationId: integer('evaluation_id')
      .notNull()
      .references(() => evaluations.id, { onDelete: 'cascade' }),
    criterionId: integer('criterion_id')
      .notNull()
      .references(() => ratingCriteria.id, { onDelete: 'cascade' }),
    gradeId: integer('grade_id').references(() => ratingGrades.id),
    reason: text('reason'),
  },
  (t) => [primaryKey({ columns: [t.evaluationId, t.criterionId] }), index('ratings_criterion_grade').on(t.criterionId, t.gradeId)],
);

// ── Indicators ──────────────────────────────────────────────────────────────────────────────

export const indicators = pgTable(
  'indicators',
  {
    id: serial('id').primaryKey(),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    /** Order on the sheet (指標1, 指標2, …). */
    position: smallint('position').notNull(),
    name: text('name').notNull(),
    unit: text('unit'),
    kind: indicatorKindEnum('kind').notNull().default('outcome'),
    direction: indicatorDirectionEnum('direction').notNull().default('higher'),
    /** Cumulative counts (累計) must never decrease; a data-quality check uses this. */
    cumulative: boolean('cumulative').notNull().default(false),
    baselineValue: measure('baseline_value'),
    baselineFiscalYear: smallint('baseline_fiscal_year'),
    /** The name as the search matches it (db/queries/search.ts). */
    searchText: text('search_text').generatedAlwaysAs(sql`lower(normalize(name, NFKC))`),
  },
  (t) => [
    uniqueIndex('indicators_project_name').on(t.projectId, t.name),
    index('indicators_search').using('gin', t.searchText.op('gin_trgm_ops')),
    index('indicators_search_ngrams').using('gin', searchNgrams(t.searchText)),
  ],
);

export const indicatorValues = pgTable(
  'indicator_values',
  {
    indicatorId: integer('indicator_id')
      .notNull()
      .references(() => indicators.id, { onDelete: 'cascade' }),
    fiscalYear: smallint('fiscal_year').notNull(),
    target: measure('target'),
    actual: measure('actual'),
    /**
     * The unit as this year's sheet wrote it (`indicators.unit` holds the latest year's): kept per
     * year so the quality report can show an indicator whose unit changed between years.
     */
    unit: text('unit'),
    importBatchId: integer('import_batch_id').references(() => importBatches.id),
  },
  (t) => [primaryKey({ columns: [t.indicatorId, t.fiscalYear] }), index('indicator_values_year').on(t.fiscalYear)],
);

// ── Import history: the original files and what each import replaced ──────────────────────

/** Every import keeps its original file, so nothing a city sent is ever lost. */
export const importFiles = pgTable('import_files', {
  batchId: integer('batch_id')
    .primaryKey()
    .references(() => importBatches.id, { onDelete: 'cascade' }),
  gzipped: bytea('gzipped').notNull(),
  byteLength: integer('byte_length').notNull(),
  /** The header mapping the user supplied, if any. */
  mapping: jsonb('mapping'),
});

/**
 * One row per project-year an import wrote: what was there before (null when the row was new).
 * Rolling the batch back restores `previous` or deletes what the batch added.
 */
export const importReplaced = pgTable(
  'import_replaced',
  {
    batchId: integer('batch_id')
      .notNull()
      .references(() => importBatches.id, { onDelete: 'cascade' }),
    projectId: integer('project_id').notNull(),
    fiscalYear: smallint('fiscal_year').notNull(),
    previous: jsonb('previous'),
  },
  (t) => [primaryKey({ columns: [t.batchId, t.projectId, t.fiscalYear] })],
);

export type Municipality = typeof municipalities.$inferSelect;
export type PolicyNode = typeof policyNodes.$inferSelect;
export type Project = typeof projects.$inferSelect;
export type Evaluation = typeof evaluations.$inferSelect;
export type NewEvaluation = typeof evaluations.$inferInsert;
export type Indicator = typeof indicators.$inferSelect;
export type IndicatorValue = typeof indicatorValues.$inferSelect;
export type ImportBatch = typeof importBatches.$inferSelect;

// ── Rollups: per-evaluation figures the dashboard aggregates, kept by db/queries/rollups.ts ──

/**
 * One row per evaluation with the figures every page aggregates, computed once when an import
 * (or a rollback) writes, instead of on every page view from indicator values and ratings.
 * Derived data only: `refreshRollups` (db/queries/rollups.ts) rebuilds it from the tables above
 * with the definitions of db/domain/metrics.ts, so it can always be recomputed.
 */
export const evaluationRollups = pgTable(
  'evaluation_rollups',
  {
    evaluationId: integer('evaluation_id')
      .primaryKey()
      .references(() => evaluations.id, { onDelete: 'cascade' }),
    projectId: integer('project_id').notNull(),
    municipalityId: integer('municipality_id').notNull(),
    fiscalYear: smallint('fiscal_year').notNull(),
    /** 千円, project cost + staff cost (metrics.ts `totalCost`). */
    totalCost: money('total_cost').notNull(),
    /** Mean of the indicators' capped attainments; null when none has one. */
    attainment: doublePrecision('attainment'),
    /** Indicator values on the year's sheet, those with a defined attainment, those ≥ 100 %. */
    indicatorCount: integer('indicator_count').notNull(),
    withAttainment: integer('with_attainment').notNull(),
    atTarget: integer('at_target').notNull(),
    /** Band of the effectiveness (有効性) grade; null when not rated. */
    effectivenessBand: bandEnum('effectiveness_band'),
    /**
     * The worst band among the grades of the scheme's verdict criteria (watch rule `poor`), by
     * 要改善 > 中位 > 良好 (比較不可 left out); null when none is graded.
     */
    verdictBand: bandEnum('verdict_band'),
    /**
     * Actuals-only indicators (an actual, no target) compared with the year before (metrics.ts
     * `indicatorTrend`): how many are comparable, improved, worsened, and worsened this year and
     * the year before too; `trend` is the share improved (null when none is comparable).
     */
    withTrend: integer('with_trend').notNull().default(0),
    improved: integer('improved').notNull().default(0),
    worsened: integer('worsened').notNull().default(0),
    worsenedTwice: integer('worsened_twice').notNull().default(0),
    trend: doublePrecision('trend'),
    /** Criteria with a grade. */
    gradedCount: integer('graded_count').notNull(),
  },
  (t) => [index('evaluation_rollups_municipality_year').on(t.municipalityId, t.fiscalYear), index('evaluation_rollups_project').on(t.projectId)],
);

// ── Data version (what the page cache keys on) ─────────────────────────────────────────────

/**
 * One row per committed transaction that changed the data above, written by statement-level
 * triggers on every table except the auth ones (migration 0005), so every writer is covered:
 * the importer, rollback, settings, the demo seed, a DBA's psql session.
 * `dataVersion` (db/queries/data-version.ts) reads the row count and the newest transaction id;
 * that pair changes whenever such a transaction commits, and never before it commits.
 */
export const dataChanges = pgTable('data_changes', {
  /** pg_current_xact_id() of the writing transaction (xid8 as bigint). */
  xid: bigint('xid', { mode: 'bigint' }).primaryKey(),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
});

// ── Activity log (who changed what; /admin/activity) ───────────────────────────────────────

/**
 * One row per change made by a person: imports checked, committed, discarded and rolled back,
 * settings saved, users created, roles, passwords and names changed. Written by db/activity.ts,
 * in the transaction of the change where there is one. `userId` is null for the CLI; `userName`
 * is the name at the time (the page shows the current one when the user still exists).
 */
export const activityLog = pgTable(
  'activity_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    kind: text('kind').notNull(),
    userId: text('user_id'),
    userName: text('user_name').notNull(),
    detail: jsonb('detail').notNull().default({}),
  },
  (t) => [index('activity_log_at').on(t.at), index('activity_log_kind_at').on(t.kind, t.at), index('activity_log_user_at').on(t.userId, t.at)],
);

// ── Saved import profiles (the mapping step on /imports) ──────────────────────────────────

/**
 * A profile a user made in the mapping step, in the same JSON language as the shipped ones,
 * per municipality and name, every save a new version (the older ones stay for the record).
 * `headers` is the header row it was made for: a file with the same headers is imported with
 * it without asking. By municipality code, not id: the city may not be in the database yet.
 */
export const savedProfiles = pgTable(
  'saved_profiles',
  {
    id: serial('id').primaryKey(),
    municipalityCode: text('municipality_code').notNull(),
    municipalityName: text('municipality_name').notNull(),
    name: text('name').notNull(),
    version: integer('version').notNull(),
    profile: jsonb('profile').notNull(),
    /** The file's headers as keys (width and spaces ignored), in order. */
    headers: jsonb('headers').$type<string[]>().notNull(),
    /** The headers joined: what recognition looks up. */
    headerSignature: text('header_signature').notNull(),
    savedBy: text('saved_by').notNull(),
    savedByUserId: text('saved_by_user_id'),
    savedAt: timestamp('saved_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('saved_profiles_name_version').on(t.municipalityCode, t.name, t.version), index('saved_profiles_signature').on(t.headerSignature)],
);

// ── Access (better-auth's tables) ───────────────────────────────────────────────────────────

export * from './auth/schema';
