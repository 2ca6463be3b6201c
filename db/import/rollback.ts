/**
 * Rolling back an import batch: every project-year the batch wrote goes back to what it was
 * before (from the snapshots write.ts kept in import_replaced), and rows the batch added are
 * removed. Only the latest writer of a row can be rolled back: if a later import changed the same
 * project-year, that one has to be rolled back first, or its corrections would be lost silently.
 */
import { eq, getTableColumns, sql, type Table } from 'drizzle-orm';
import { queryRows, type Db } from '../client';
import type { Message } from '../domain/numbers';
import { evaluations, importBatches, indicators, indicatorValues, ratings } from '../schema';
import { IMPORT_LOCK, type Tx } from './write-common';
import { PROJECT_COLUMNS } from './write-projects';
import { refreshRollups } from '../rollups';
import { recordActivity, type Actor } from '../activity';

export type RollbackOutcome = { ok: true; restored: number; removed: number } | { ok: false; message: Message };

interface PreviousPopulation {
  municipalityId: number;
  fiscalYear: number;
  population: number | null;
  source: string | null;
}

const INDICATOR_COLUMNS = ['position', 'name', 'unit', 'kind', 'direction', 'cumulative', 'baseline_value', 'baseline_fiscal_year'];

/** `by`: the user rolling back (a bare name: the command line). */
export async function rollbackBatch(db: Db, batchId: number, by: string | Actor): Promise<RollbackOutcome> {
  const actor: Actor = typeof by === 'string' ? { id: null, name: by } : by;
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${IMPORT_LOCK})`);
    const [batch] = await tx.select().from(importBatches).where(eq(importBatches.id, batchId));
    if (!batch) return refuse(`取込 #${batchId} は見つかりません`, `Import #${batchId} does not exist`);
    if (batch.status !== 'committed') {
      return refuse(
        `取込 #${batchId} は状態が「${batch.status}」のため取り消せません（取り消せるのは完了した取込だけです）`,
        `Import #${batchId} is ${batch.status}; only committed imports can be rolled back`,
      );
    }

    const later = await queryRows<{ batch_id: number | null; n: number }>(
      tx as unknown as Db,
      sql`select e.import_batch_id as batch_id, count(*)::int as n
          from import_replaced r
          left join evaluations e on e.project_id = r.project_id and e.fiscal_year = r.fiscal_year
          where r.batch_id = ${batchId} and e.import_batch_id is distinct from ${batchId}
          group by e.import_batch_id order by e.import_batch_id`,
    );
    if (later.length > 0) {
      const ids = later.map((l) => (l.batch_id === null ? '—' : `#${l.batch_id}`)).join(', ');
      const n = later.reduce((a, l) => a + l.n, 0);
      return refuse(
        `この取込の${n}件の行は、その後の取込（${ids}）で書き換えられています。先にそちらを取り消してください`,
        `${n} row(s) of this import were changed by a later import (${ids}); roll that back first`,
      );
    }

    const counts = await restoreRows(tx, batchId);
    await restorePopulations(tx, batchId, ((batch.report ?? {}) as { previousPopulations?: PreviousPopulation[] }).previousPopulations ?? []);
    await afterRollback(tx, batchId);
    await tx
      .update(importBatches)
      .set({
        status: 'rolled_back',
        rolledBackByUserId: actor.id,
        report: { ...((batch.report ?? {}) as object), rolledBack: { by: actor.name, at: new Date().toISOString(), ...counts } },
      })
      .where(eq(importBatches.id, batchId));
    await recordActivity(tx, { kind: 'import.rolled_back', actor, detail: { batchId, fileName: batch.fileName, ...counts } });
    return { ok: true as const, ...counts };
  });
}

/**
 * The single place for work that must follow every rollback inside its transaction (derived
 * tables such as rollups), the twin of afterImportWrite in write.ts.
 */
export async function afterRollback(tx: Tx, batchId: number): Promise<void> {
  // page-speed: per-evaluation rollups (db/rollups.ts) of every project the batch touched.
  await refreshRollups(tx as unknown as Db, { batchId });
}

function refuse(ja: string, en: string): RollbackOutcome {
  return { ok: false, message: { ja, en } };
}

/**
 * A table's stored columns, as a select list over the snapshot record `r`: generated columns
 * (the search text) cannot be written, and PostgreSQL computes them again from the rest.
 */
function storedColumns(table: Table): { names: string; values: string } {
  const columns = Object.values(getTableColumns(table)).filter((c) => !c.generated);
  return { names: columns.map((c) => `"${c.name}"`).join(', '), values: columns.map((c) => `r."${c.name}"`).join(', ') };
}

async function restoreRows(tx: Tx, batchId: number): Promise<{ restored: number; removed: number }> {
  const q = (query: ReturnType<typeof sql>) => tx.execute(query);
  const touched = sql`(select project_id, fiscal_year from import_replaced where batch_id = ${batchId})`;

  // 1. Take out everything the batch wrote for its project-years (ratings go with evaluations).
  await q(sql`delete from evaluations e using ${touched} t
              where e.project_id = t.project_id and e.fiscal_year = t.fiscal_year`);
  await q(sql`delete from indicator_values v using indicators i, ${touched} t
              where v.indicator_id = i.id and i.project_id = t.project_id and v.fiscal_year = t.fiscal_year`);

  // 2. Put back what was there before, exactly as it was (same ids).
  const previous = sql`(select previous from import_replaced where batch_id = ${batchId} and previous is not null)`;
  await q(sql`update projects p set ${sql.raw(PROJECT_COLUMNS.map((c) => `${c} = r.${c}`).join(', '))}
              from ${previous} s, jsonb_populate_record(null::projects, s.previous->'project') r
              where p.id = r.id`);
  const e = storedColumns(evaluations);
  await q(
    sql`insert into evaluations (${sql.raw(e.names)}) select ${sql.raw(e.values)} from ${previous} s, jsonb_populate_record(null::evaluations, s.previous->'evaluation') r`,
  );
  const rt = storedColumns(ratings);
  await q(
    sql`insert into ratings (${sql.raw(rt.names)}) select ${sql.raw(rt.values)} from ${previous} s, jsonb_populate_recordset(null::ratings, s.previous->'ratings') r`,
  );
  const ind = storedColumns(indicators);
  await q(sql`insert into indicators (${sql.raw(ind.names)})
              select distinct on (r.id) ${sql.raw(ind.values)} from ${previous} s, jsonb_array_elements(s.previous->'indicators') x,
                   jsonb_populate_record(null::indicators, x->'indicator') r
              on conflict (id) do update set ${sql.raw(INDICATOR_COLUMNS.map((c) => `${c} = excluded.${c}`).join(', '))}`);
  const iv = storedColumns(indicatorValues);
  await q(sql`insert into indicator_values (${sql.raw(iv.names)})
              select ${sql.raw(iv.values)} from ${previous} s, jsonb_array_elements(s.previous->'indicators') x,
                   jsonb_populate_record(null::indicator_values, x->'value') r`);

  // 3. Indicators and projects the batch created and nothing else uses any more.
  await q(sql`delete from indicators i using (select distinct project_id from import_replaced where batch_id = ${batchId}) t
              where i.project_id = t.project_id and not exists (select 1 from indicator_values v where v.indicator_id = i.id)`);
  await q(sql`delete from projects p using (select distinct project_id from import_replaced where batch_id = ${batchId}) t
              where p.id = t.project_id and not exists (select 1 from evaluations e where e.project_id = p.id)`);

  const [c] = await queryRows<{ restored: number; removed: number }>(
    tx as unknown as Db,
    sql`select count(*) filter (where previous is not null)::int as restored, count(*) filter (where previous is null)::int as removed
        from import_replaced where batch_id = ${batchId}`,
  );
  return c ?? { restored: 0, removed: 0 };
}

async function restorePopulations(tx: Tx, batchId: number, previous: PreviousPopulation[]): Promise<void> {
  for (const p of previous) {
    if (p.population === null) {
      await tx.execute(sql`delete from municipality_populations
                           where municipality_id = ${p.municipalityId} and fiscal_year = ${p.fiscalYear} and source = ${`import:${batchId}`}`);
    } else {
      await tx.execute(sql`update municipality_populations set population = ${p.population}, source = ${p.source}
                           where municipality_id = ${p.municipalityId} and fiscal_year = ${p.fiscalYear} and source = ${`import:${batchId}`}`);
    }
  }
}
