/**
 * BENCH ONLY — never called by the app. Multiplies an imported database by cloning every
 * municipality `copies` times (codes `999001-1`, `999001-2`, …) with generated SQL
 * (`INSERT … SELECT … generate_series`), so `npm run bench` can measure the pages at 1 M
 * evaluation rows without waiting for a 1 M-row import. The clones are the imported rows
 * themselves with shifted ids — the same shape as real imports (projects, policy tree, ratings,
 * indicators and their values, populations) — and the rollup is rebuilt by `refreshRollups`.
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client';
import { refreshRollups } from '../../db/queries/rollups';

/** Table → its id column (if serial) and foreign keys → the table they point at. */
const TABLES: { table: string; id?: boolean; refs: Record<string, string>; extra?: (k: string) => Record<string, string> }[] = [
  { table: 'municipalities', id: true, refs: {}, extra: (k) => ({ code: `t.code || '-' || ${k}`, name: `t.name || '（複製' || ${k} || '）'` }) },
  { table: 'municipality_populations', refs: { municipality_id: 'municipalities' } },
  { table: 'rating_schemes', id: true, refs: { municipality_id: 'municipalities' } },
  { table: 'rating_criteria', id: true, refs: { scheme_id: 'rating_schemes' } },
  { table: 'rating_grades', id: true, refs: { criterion_id: 'rating_criteria' } },
  { table: 'policy_nodes', id: true, refs: { municipality_id: 'municipalities', parent_id: 'policy_nodes' } },
  { table: 'departments', id: true, refs: { municipality_id: 'municipalities' } },
  { table: 'sections', id: true, refs: { department_id: 'departments' } },
  {
    table: 'projects',
    id: true,
    refs: { municipality_id: 'municipalities', policy_node_id: 'policy_nodes', department_id: 'departments', section_id: 'sections' },
  },
  { table: 'evaluations', id: true, refs: { project_id: 'projects' } },
  { table: 'ratings', refs: { evaluation_id: 'evaluations', criterion_id: 'rating_criteria', grade_id: 'rating_grades' } },
  { table: 'indicators', id: true, refs: { project_id: 'projects' } },
  { table: 'indicator_values', refs: { indicator_id: 'indicators' } },
];

/**
 * Clones every municipality `copies` times. Needs a superuser connection on PostgreSQL: the
 * foreign-key triggers are skipped for the copy (`session_replication_role = replica`) — the
 * copies point at rows copied with them, by construction.
 */
export async function cloneMunicipalities(db: Db, copies: number): Promise<void> {
  const offsets = new Map<string, number>();
  for (const t of TABLES.filter((t) => t.id)) {
    const [row] = await queryRows<{ max: number | null }>(db, sql.raw(`select max(id)::int as max from ${t.table}`));
    offsets.set(t.table, Number(row?.max ?? 0));
  }
  await db.transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    for (const t of TABLES) {
      const shifts: Record<string, string> = {};
      if (t.id) shifts.id = `t.id + k * ${offsets.get(t.table)}`;
      for (const [column, target] of Object.entries(t.refs)) shifts[column] = `t.${column} + k * ${offsets.get(target)}`;
      Object.assign(shifts, t.extra?.('k') ?? {});
      const columns = (
        await queryRows<{ column_name: string }>(
          tx as unknown as Db,
          sql`select column_name from information_schema.columns where table_schema = 'public' and table_name = ${t.table}
              and is_generated = 'NEVER' order by ordinal_position`,
        )
      ).map((c) => c.column_name);
      const select = columns.map((c) => shifts[c] ?? `t.${c}`).join(', ');
      await tx.execute(sql.raw(`insert into ${t.table} (${columns.join(', ')}) select ${select} from ${t.table} t cross join generate_series(1, ${copies}) k`));
    }
    for (const t of TABLES.filter((t) => t.id)) {
      await tx.execute(sql.raw(`select setval(pg_get_serial_sequence('${t.table}', 'id'), (select max(id) from ${t.table}))`));
    }
  });
  await refreshRollups(db, { all: true });
  await db.execute(sql`analyze`);
}
