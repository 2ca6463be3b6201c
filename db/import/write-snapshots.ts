/**
 * What a batch must remember to be rolled back: the stored rows it is about to overwrite
 * (import_replaced, pre-image tables) and the rows it adds.
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../client';
import type { SheetRecord } from './read-canonical';
import { copyInto } from './bulk';
import { type Tx, BIG_CHUNK, chunks, projectKey } from './write-common';

/** Content hashes of the evaluations these records would replace, by municipality|code|year. */
export async function existingHashes(tx: Tx, records: SheetRecord[]): Promise<Map<string, { hash: string | null; batchId: number | null }>> {
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
export async function savePreImages(tx: Tx, records: SheetRecord[], ids: Map<string, number>): Promise<void> {
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
export async function snapshotReplaced(tx: Tx, batchId: number, records: SheetRecord[]): Promise<void> {
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
export async function recordNewRows(tx: Tx, batchId: number, rows: { projectId: number; fiscalYear: number }[]): Promise<void> {
  if (rows.length === 0) return;
  await copyInto(
    tx,
    'import_replaced',
    ['batch_id', 'project_id', 'fiscal_year'],
    rows.map((r) => [batchId, r.projectId, r.fiscalYear]),
  );
}
