/** A project's indicators and their yearly values. */
import { sql } from 'drizzle-orm';
import { indicatorValues, indicators } from '../schema';
import type { SheetRecord } from './read-canonical';
import { copyInto, digestOf, type Cell } from './bulk';
import type { Descriptions } from './kept-state';
import { type Tx, projectKey, camel } from './write-common';
import { writeDescribed } from './write-described';

const INDICATOR_COLUMNS = ['project_id', 'position', 'name', 'unit', 'kind', 'direction', 'cumulative', 'baseline_value', 'baseline_fiscal_year'];
const INDICATOR_KEYS = INDICATOR_COLUMNS.map(camel) as (keyof typeof indicators.$inferInsert & string)[];
const INDICATOR_VALUE_COLUMNS = ['indicator_id', 'fiscal_year', 'target', 'actual', 'unit', 'import_batch_id'];

/**
 * Indicator definitions (the latest year's wording wins, as for projects), then their yearly
 * values. An indicator of a project this batch created is new: it and its values are COPYed
 * straight in. Others are upserted, their values through the staging table.
 */
export async function upsertIndicators(
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
  type Row = { key: string; year: number; values: Def; cells: Cell[]; digest: number };
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
    (!seen && createdProjects.has(def.projectId) ? fresh : known).push({ key, year: def.fiscalYear, values: def, cells, digest });
  }

  await writeDescribed(
    tx,
    {
      table: indicators,
      name: 'indicators',
      copyColumns: INDICATOR_COLUMNS,
      keys: INDICATOR_KEYS,
      updateColumns: INDICATOR_COLUMNS.filter((c) => c !== 'project_id' && c !== 'name'),
      conflict: ['project_id', 'name'],
      keyOf: (row) => `${row.project_id}|${row.name}`,
    },
    fresh,
    known,
    described,
  );

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
