/**
 * Writes read sheet records in one transaction, set-based: each table gets a few multi-row
 * upserts, not one statement per row. Re-importing a project-year replaces it (upsert on
 * municipality + 事業番号 + fiscal year), never duplicates it.
 */
import { createHash } from 'node:crypto';
import { eq, inArray, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../client';
import { DEFAULT_RATING_SCHEME, type RatingSchemeSpec } from '../domain/rating-scheme';
import { normalizeWidth } from '../domain/numbers';
import {
  departments,
  evaluations,
  importBatches,
  importReplaced,
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
import { refreshRollups } from '../queries/rollups'; // page-speed

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
}

export interface WriteOptions {
  /** Do everything, then roll back: exact counts, nothing stored. */
  dryRun?: boolean;
  onProgress?: (done: number, total: number) => void;
  /** Runs inside the transaction after the rows are written (e.g. to store the original file). */
  afterWrite?: (tx: Tx, batchId: number) => Promise<void>;
  /** The scheme a municipality seen for the first time gets (an import profile's); default Hyoka's. */
  ratingScheme?: RatingSchemeSpec;
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

/** Everything the row said, hashed: the same hash on re-import means "unchanged". */
export function contentHash(r: SheetRecord): string {
  // Where a value sat in the sheet is not what it says: moving a column changes no content.
  const { line: _line, columnLabels: _labels, ...content } = r;
  if (content.ratings.some((x) => x.column !== undefined)) content.ratings = content.ratings.map(({ column: _c, ...x }) => x);
  return createHash('sha256').update(JSON.stringify(content)).digest('hex');
}

export async function writeRecords(
  db: Db,
  records: SheetRecord[],
  batch: BatchInfo,
  warnings: Problem[] = [],
  options: WriteOptions = {},
): Promise<WriteResult> {
  try {
    return await db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${IMPORT_LOCK})`);
      const [batchRow] = await tx
        .insert(importBatches)
        .values({ ...batch, rowCount: records.length, status: 'running' })
        .returning({ id: importBatches.id });
      const batchId = batchRow!.id;
      const progress = (done: number) => options.onProgress?.(done, records.length);
      const phase = phaseTimer();

      const hashes = new Map(records.map((r) => [r, contentHash(r)]));
      const existing = await phase('existingHashes', () => existingHashes(tx, records));
      const key = (r: SheetRecord) => `${r.municipalityCode}|${r.projectCode}|${r.fiscalYear}`;
      const changed = records.filter((r) => existing.get(key(r)) !== hashes.get(r));
      const unchanged = records.length - changed.length;
      await phase('snapshotReplaced', () => snapshotReplaced(tx, batchId, changed.filter((r) => existing.has(key(r)))));

      const municipalityIds = await phase('upsertMunicipalities', () => upsertMunicipalities(tx, records, options.ratingScheme));
      const previousPopulations = await phase('upsertPopulations', () => upsertPopulations(tx, changed, municipalityIds, batchId));
      const policyIds = await phase('upsertPolicyNodes', () => upsertPolicyNodes(tx, changed, municipalityIds));
      const orgIds = await phase('upsertOrganisation', () => upsertOrganisation(tx, changed, municipalityIds));
      const projectIds = await phase('upsertProjects', () => upsertProjects(tx, changed, municipalityIds, policyIds, orgIds, batchId));
      const { evaluationIds, inserted, replacedIds } = await phase('upsertEvaluations', () => upsertEvaluations(tx, changed, municipalityIds, projectIds, batchId, hashes, progress));
      await recordNewRows(
        tx,
        batchId,
        changed
          .filter((r) => !existing.has(key(r)))
          .map((r) => ({ projectId: projectIds.get(projectKey(municipalityIds.get(r.municipalityCode)!, r.projectCode))!, fiscalYear: r.fiscalYear })),
      );
      const problems = await phase('replaceRatings', () => replaceRatings(tx, changed, municipalityIds, evaluationIds, replacedIds, batch.fileName));
      if (problems.length > 0) throw new ImportRejected(problems);
      await phase('upsertIndicators', () => upsertIndicators(tx, changed, municipalityIds, projectIds, batchId));
      progress(records.length);
      await refreshRollups(tx as unknown as Db, { batchId }); // page-speed: per-evaluation rollups, db/queries/rollups.ts

      const result: WriteResult = { batchId, rows: records.length, inserted, updated: changed.length - inserted, unchanged };
      await phase('finishBatch', () => tx
        .update(importBatches)
        .set({
          status: 'committed',
          insertedCount: result.inserted,
          updatedCount: result.updated,
          unchangedCount: result.unchanged,
          warningCount: warnings.length,
          report: { warnings, previousPopulations },
          finishedAt: new Date(),
        })
        .where(eq(importBatches.id, batchId)));
      if (options.dryRun) throw new DryRunDone(result);
      await phase('afterWrite', async () => options.afterWrite?.(tx, batchId));
      return result;
    });
  } catch (error) {
    if (error instanceof DryRunDone) return error.result;
    throw error;
  }
}

/** Content hashes of the evaluations these records would replace, by municipality|code|year. */
async function existingHashes(tx: Tx, records: SheetRecord[]): Promise<Map<string, string | null>> {
  const found = new Map<string, string | null>();
  for (const part of chunks(records)) {
    const rows = await queryRows<{ k: string; content_hash: string | null }>(
      tx as unknown as Db,
      sql`select m.code || '|' || p.code || '|' || e.fiscal_year as k, e.content_hash
          from evaluations e
          join projects p on p.id = e.project_id
          join municipalities m on m.id = p.municipality_id
          where (m.code, p.code, e.fiscal_year) in (${sheetKeys(part)})`,
    );
    for (const row of rows) found.set(row.k, row.content_hash);
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

/** Keeps what these records are about to overwrite, so the batch can be rolled back. */
async function snapshotReplaced(tx: Tx, batchId: number, records: SheetRecord[]): Promise<void> {
  // Aggregates in id order: the same history gives the same snapshot, whatever plan the
  // planner picks (tests compare databases byte for byte).
  for (const part of chunks(records)) {
    await tx.execute(sql`
      insert into import_replaced (batch_id, project_id, fiscal_year, previous)
      select ${batchId}, e.project_id, e.fiscal_year, jsonb_build_object(
        'evaluation', to_jsonb(e.*),
        'project', to_jsonb(p.*),
        'ratings', coalesce((select jsonb_agg(to_jsonb(r.*) order by r.criterion_id) from ratings r where r.evaluation_id = e.id), '[]'::jsonb),
        'indicators', coalesce((
          select jsonb_agg(jsonb_build_object('indicator', to_jsonb(i.*), 'value', to_jsonb(v.*)) order by i.id)
          from indicator_values v join indicators i on i.id = v.indicator_id
          where i.project_id = e.project_id and v.fiscal_year = e.fiscal_year), '[]'::jsonb))
      from evaluations e
      join projects p on p.id = e.project_id
      join municipalities m on m.id = p.municipality_id
      where (m.code, p.code, e.fiscal_year) in (${sheetKeys(part)})`);
  }
}

/** Rows the batch added: rolling it back deletes them. */
async function recordNewRows(tx: Tx, batchId: number, rows: { projectId: number; fiscalYear: number }[]): Promise<void> {
  for (const part of chunks(rows, 2000)) {
    await tx.insert(importReplaced).values(part.map((r) => ({ batchId, ...r, previous: null })));
  }
}

const projectKey = (municipalityId: number, code: string) => `${municipalityId}\u0000${code}`;

async function upsertMunicipalities(tx: Tx, records: SheetRecord[], scheme?: RatingSchemeSpec): Promise<Map<string, number>> {
  const byCode = new Map(records.map((r) => [r.municipalityCode, r.municipalityName]));
  const rows = await tx
    .insert(municipalities)
    .values([...byCode].map(([code, name]) => ({ code, name })))
    .onConflictDoUpdate({ target: municipalities.code, set: { name: excluded('name') } })
    .returning({ id: municipalities.id, code: municipalities.code });
  const ids = new Map(rows.map((r) => [r.code, r.id]));
  for (const id of ids.values()) await ensureRatingScheme(tx, id, scheme);
  return ids;
}

/** Gives a municipality the default scheme the first time it is seen. */
export async function ensureRatingScheme(
  tx: Tx | Db,
  municipalityId: number,
  spec: RatingSchemeSpec = DEFAULT_RATING_SCHEME,
): Promise<void> {
  const existing = await tx
    .select({ id: ratingSchemes.id })
    .from(ratingSchemes)
    .where(eq(ratingSchemes.municipalityId, municipalityId));
  if (existing.length > 0) return;
  const [scheme] = await tx
    .insert(ratingSchemes)
    .values({ municipalityId, name: spec.name })
    .returning({ id: ratingSchemes.id });
  for (const [position, c] of spec.criteria.entries()) {
    const [criterion] = await tx
      .insert(ratingCriteria)
      .values({ schemeId: scheme!.id, key: c.key, labelJa: c.labelJa, labelEn: c.labelEn, position })
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
): Promise<PreviousPopulation[]> {
  const byKey = new Map<string, { municipalityId: number; fiscalYear: number; population: number }>();
  for (const r of records) {
    if (r.population === null) continue;
    const municipalityId = ids.get(r.municipalityCode)!;
    byKey.set(`${municipalityId}/${r.fiscalYear}`, { municipalityId, fiscalYear: r.fiscalYear, population: r.population });
  }
  if (byKey.size === 0) return [];
  const before = await tx
    .select()
    .from(municipalityPopulations)
    .where(inArray(municipalityPopulations.municipalityId, [...new Set([...byKey.values()].map((v) => v.municipalityId))]));
  const previous = [...byKey.values()].map((v) => {
    const old = before.find((b) => b.municipalityId === v.municipalityId && b.fiscalYear === v.fiscalYear);
    return { municipalityId: v.municipalityId, fiscalYear: v.fiscalYear, population: old?.population ?? null, source: old?.source ?? null };
  });
  await tx
    .insert(municipalityPopulations)
    .values([...byKey.values()].map((v) => ({ ...v, source: `import:${batchId}` })))
    .onConflictDoUpdate({
      target: [municipalityPopulations.municipalityId, municipalityPopulations.fiscalYear],
      set: { population: excluded('population'), source: excluded('source') },
    });
  return previous;
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

async function upsertProjects(
  tx: Tx,
  records: SheetRecord[],
  ids: Map<string, number>,
  policyOf: (r: SheetRecord) => number | null,
  orgOf: (r: SheetRecord) => { departmentId: number | null; sectionId: number | null },
  batchId: number,
) {
  // The latest fiscal year in the file describes the project (its name, place and texts).
  const latest = new Map<string, SheetRecord>();
  for (const r of records) {
    const key = projectKey(ids.get(r.municipalityCode)!, r.projectCode);
    const seen = latest.get(key);
    if (!seen || seen.fiscalYear <= r.fiscalYear) latest.set(key, r);
  }
  const projectIds = new Map<string, number>();
  for (const part of chunks([...latest.values()])) {
    const rows = await tx
      .insert(projects)
      .values(
        part.map((r) => ({
          municipalityId: ids.get(r.municipalityCode)!,
          code: r.projectCode,
          name: r.projectName,
          policyNodeId: policyOf(r),
          ...orgOf(r),
          ...r.plan,
          importBatchId: batchId,
        })),
      )
      .onConflictDoUpdate({
        target: [projects.municipalityId, projects.code],
        set: Object.fromEntries(
          [
            'name', 'policy_node_id', 'department_id', 'section_id', 'start_fiscal_year', 'end_fiscal_year',
            'administrative_type', 'legal_basis', 'budget_names', 'related_laws', 'national_plans',
            'individual_plans', 'background', 'purpose', 'target_description', 'content', 'import_batch_id',
          ].map((c) => [camel(c), excluded(c)]),
        ),
      })
      .returning({ id: projects.id, municipalityId: projects.municipalityId, code: projects.code });
    for (const row of rows) projectIds.set(projectKey(row.municipalityId, row.code), row.id);
  }
  return projectIds;
}

function camel(snake: string): string {
  return snake.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

const EVALUATION_COLUMNS = [
  'import_batch_id', 'content_hash', 'previous_policy', 'implementation_method', 'activities', 'project_cost',
  'national_prefectural', 'local_bonds', 'other_specific', 'general_funds', 'regular_staff_fte',
  'regular_staff_hours', 'regular_staff_cost', 'other_staff_fte', 'other_staff_hours', 'other_staff_cost',
  'staff_cost', 'total_cost_stated', 'target_definition', 'target_count', 'target_unit',
  'unit_cost_stated_yen', 'review', 'direction',
];

async function upsertEvaluations(
  tx: Tx,
  records: SheetRecord[],
  ids: Map<string, number>,
  projectIds: Map<string, number>,
  batchId: number,
  hashes: Map<SheetRecord, string>,
  progress: (done: number) => void,
) {
  const evaluationIds = new Map<SheetRecord, number>();
  /** Evaluations that existed before: only their old ratings need deleting. */
  const replacedIds: number[] = [];
  let done = 0;
  let inserted = 0;
  const keys = ['projectId', 'fiscalYear', ...EVALUATION_COLUMNS.map(camel)] as (keyof typeof evaluations.$inferInsert & string)[];
  const updates = sql.raw(EVALUATION_COLUMNS.map((c) => `"${c}" = excluded."${c}"`).join(', '));
  for (const part of chunks(records, BIG_CHUNK)) {
    const { columns, select } = recordset(
      evaluations,
      keys,
      part.map((r) => ({
        projectId: projectIds.get(projectKey(ids.get(r.municipalityCode)!, r.projectCode))!,
        fiscalYear: r.fiscalYear,
        importBatchId: batchId,
        contentHash: hashes.get(r)!,
        ...r.evaluation,
      })),
    );
    // xmax is 0 for a freshly inserted row version, non-zero for one an upsert updated.
    const rows = await queryRows<{ id: number; project_id: number; fiscal_year: number; inserted: boolean | string }>(
      tx as unknown as Db,
      sql`insert into ${evaluations} ${columns} ${select}
          on conflict (project_id, fiscal_year) do update set ${updates}
          returning id, project_id, fiscal_year, (xmax = 0) as inserted`,
    );
    const byKey = new Map(rows.map((row) => [`${row.project_id}|${row.fiscal_year}`, { ...row, id: Number(row.id) }]));
    for (const r of part) {
      const row = byKey.get(`${projectIds.get(projectKey(ids.get(r.municipalityCode)!, r.projectCode))}|${r.fiscalYear}`)!;
      evaluationIds.set(r, row.id);
      if (!isTrue(row.inserted)) replacedIds.push(row.id);
    }
    inserted += rows.filter((row) => isTrue(row.inserted)).length;
    progress((done += part.length));
  }
  return { evaluationIds, inserted, replacedIds };
}

/** postgres.js returns booleans, PGlite too, but be tolerant of 't'/'true' text. */
const isTrue = (value: boolean | string) => value === true || value === 't' || value === 'true';

/** Grade text as files write it: `A`, `Ａ`, `計画どおり`, or `計画どおり (A)`. */
function gradeKey(text: string): string {
  return normalizeWidth(text).replace(/\s+/g, '').toUpperCase();
}

async function replaceRatings(
  tx: Tx,
  records: SheetRecord[],
  ids: Map<string, number>,
  evaluationIds: Map<SheetRecord, number>,
  replacedIds: number[],
  fileName: string,
): Promise<Problem[]> {
  const municipalityIds = [...new Set(ids.values())];
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

  const criteria = new Map<string, { id: number; labelJa: string; grades: Map<string, number>; codes: string[] }>();
  for (const g of grades) {
    const ck = `${g.municipalityId}|${g.key}`;
    let c = criteria.get(ck);
    if (!c) criteria.set(ck, (c = { id: g.criterionId, labelJa: g.labelJa, grades: new Map(), codes: [] }));
    c.codes.push(g.code);
    for (const k of [g.code, g.gradeLabel, `${g.gradeLabel}(${g.code})`]) c.grades.set(gradeKey(k), g.gradeId);
  }

  const problems: Problem[] = [];
  const rows: { evaluationId: number; criterionId: number; gradeId: number | null; reason: string | null }[] = [];
  for (const r of records) {
    const municipalityId = ids.get(r.municipalityCode)!;
    for (const rating of r.ratings) {
      const criterion = criteria.get(`${municipalityId}|${rating.criterionKey}`);
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
      rows.push({ evaluationId: evaluationIds.get(r)!, criterionId: criterion.id, gradeId, reason: rating.reason });
    }
  }
  if (problems.length > 0) return problems;

  for (const part of chunks(replacedIds, 5000)) {
    await tx.delete(ratings).where(inArray(ratings.evaluationId, part));
  }
  for (const part of chunks(rows, BIG_CHUNK)) {
    const { columns, select } = recordset(ratings, ['evaluationId', 'criterionId', 'gradeId', 'reason'], part);
    await tx.execute(sql`insert into ${ratings} ${columns} ${select}`);
  }
  return [];
}

async function upsertIndicators(
  tx: Tx,
  records: SheetRecord[],
  ids: Map<string, number>,
  projectIds: Map<string, number>,
  batchId: number,
) {
  // Indicator definitions: the latest year's wording wins, as for projects.
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
  const indicatorIds = new Map<string, number>();
  for (const part of chunks([...defs.values()])) {
    const rows = await tx
      .insert(indicators)
      .values(
        part.map((d) => ({
          projectId: d.projectId,
          position: d.position,
          name: d.name,
          unit: d.unit,
          kind: d.kind,
          direction: d.direction,
          cumulative: d.cumulative,
          baselineValue: d.baselineValue,
          baselineFiscalYear: d.baselineFiscalYear,
        })),
      )
      .onConflictDoUpdate({
        target: [indicators.projectId, indicators.name],
        set: Object.fromEntries(
          ['position', 'unit', 'kind', 'direction', 'cumulative', 'baseline_value', 'baseline_fiscal_year'].map((c) => [
            camel(c),
            excluded(c),
          ]),
        ),
      })
      .returning({ id: indicators.id, projectId: indicators.projectId, name: indicators.name });
    for (const row of rows) indicatorIds.set(`${row.projectId}|${row.name}`, row.id);
  }

  const values = new Map<string, typeof indicatorValues.$inferInsert>();
  for (const r of records) {
    const projectId = projectIds.get(projectKey(ids.get(r.municipalityCode)!, r.projectCode))!;
    for (const i of r.indicators) {
      const indicatorId = indicatorIds.get(`${projectId}|${i.name}`)!;
      values.set(`${indicatorId}|${r.fiscalYear}`, {
        indicatorId,
        fiscalYear: r.fiscalYear,
        target: i.target,
        actual: i.actual,
        unit: i.unit,
        importBatchId: batchId,
      });
    }
  }
  for (const part of chunks([...values.values()], BIG_CHUNK)) {
    const { columns, select } = recordset(indicatorValues, ['indicatorId', 'fiscalYear', 'target', 'actual', 'unit', 'importBatchId'], part);
    await tx.execute(sql`
      insert into ${indicatorValues} ${columns} ${select}
      on conflict (indicator_id, fiscal_year) do update
      set target = excluded.target, actual = excluded.actual, unit = excluded.unit, import_batch_id = excluded.import_batch_id`);
  }
}

/** Used by tests and the start script: is there any evaluation at all? */
export async function hasAnyEvaluation(db: Db): Promise<boolean> {
  const rows = await db.select({ id: evaluations.id }).from(evaluations).limit(1);
  return rows.length > 0;
}


/** HYOKA_DEBUG_IMPORT=1 prints how long each write phase takes (for the benchmark and profiling). */
function phaseTimer() {
  const enabled = !!process.env.HYOKA_DEBUG_IMPORT;
  return async <T>(name: string, run: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    const result = await run();
    if (enabled) console.error(`  ${name}: ${Math.round(performance.now() - started)} ms`);
    return result;
  };
}
