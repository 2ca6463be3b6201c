/**
 * What every write module shares: the transaction type, statement sizes, the import lock, ids
 * drawn from sequences, and the phase timer.
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../client';

export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** Rows per multi-row statement: well under PostgreSQL's 65,535 bind parameters. */
const CHUNK = 500;
/** Rows per JSON recordset statement (see recordset.ts): one parameter however many rows. */
export const BIG_CHUNK = 5000;

/** Lock key shared by every import and rollback, so they never interleave. */
export const IMPORT_LOCK = 4_815_162_343;

export function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export const excluded = (column: string) => sql.raw(`excluded."${column}"`);

/** Records per write: big enough for set-based statements, small enough to stream. */
export const WRITE_CHUNK = 5_000;

export const projectKey = (municipalityId: number, code: string) => `${municipalityId}\u0000${code}`;

/**
 * Ids for rows about to be COPYed straight into their table, drawn from the table's own
 * sequence (so a concurrent INSERT elsewhere can never take them), ascending in file order.
 */
export async function allocateIds(tx: Tx, table: 'projects' | 'evaluations' | 'indicators', n: number): Promise<number[]> {
  if (n === 0) return [];
  const rows = await queryRows<{ id: number }>(
    tx as unknown as Db,
    sql`select nextval(${`public.${table}_id_seq`}::regclass)::int as id from generate_series(1, ${n})`,
  );
  return rows.map((r) => Number(r.id)).sort((a, b) => a - b);
}

export function camel(snake: string): string {
  return snake.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
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
