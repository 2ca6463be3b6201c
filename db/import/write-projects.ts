/** Projects and their evaluations (one per project-year): new rows COPYed, stored ones upserted. */
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../client';
import { evaluations, projects } from '../schema';
import type { SheetRecord } from './read-canonical';
import { copyInto, digestOf, type Cell } from './bulk';
import type { Descriptions } from './kept-state';
import { ownedEvaluationColumns, ownedProjectColumns, type Ownership } from './owned-columns';
import { type Tx, BIG_CHUNK, chunks, projectKey, allocateIds, camel } from './write-common';
import { writeDescribed } from './write-described';
import { isTrue } from './write-ratings';

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
export async function upsertProjects(
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

  await writeDescribed(
    tx,
    {
      table: projects,
      name: 'projects',
      copyColumns: ['municipality_id', 'code', ...PROJECT_COLUMNS],
      keys: PROJECT_KEYS,
      updateColumns: ownedProjectColumns(owns, PROJECT_COLUMNS),
      conflict: ['municipality_id', 'code'],
      keyOf: (row) => projectKey(Number(row.municipality_id), String(row.code)),
    },
    fresh,
    known,
    described,
  );
  const projectIds = new Map<string, number>();
  const createdProjects = new Set<number>();
  for (const key of latest.keys()) {
    const d = described.get(key)!;
    projectIds.set(key, d.id);
    if (d.created) createdProjects.add(d.id);
  }
  return { projectIds, createdProjects };
}

export const EVALUATION_COLUMNS = [
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
export async function upsertEvaluations(
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
