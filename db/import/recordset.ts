/**
 * Many rows as one statement parameter: `select … from jsonb_to_recordset($1::jsonb) as r(col type, …)`.
 *
 * A multi-row `values (…), (…)` binds one parameter per cell, and building, binding and planning
 * thousands of them dominates an import (on PGlite most of all, where a statement with ~900
 * parameters can even abort the next COMMIT). One JSON document per few thousand rows is parsed
 * by PostgreSQL itself, works the same on postgres.js and PGlite, and keeps the SQL set-based.
 */
import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';

export type Insert<T extends PgTable> = T['$inferInsert'];

export interface Recordset {
  /** `(col_a, col_b, …)` — the target column list of an insert. */
  columns: SQL;
  /** `select col_a, col_b, … from jsonb_to_recordset(…)` — the rows, typed as the table's columns. */
  select: SQL;
}

export function recordset<T extends PgTable>(table: T, keys: (keyof Insert<T> & string)[], rows: Insert<T>[]): Recordset {
  const all = getTableColumns(table) as Record<string, { name: string; getSQLType(): string }>;
  const columns = keys.map((key) => {
    const column = all[key];
    if (!column) throw new Error(`recordset: no column ${key}`);
    return column;
  });
  const documents = rows.map((row) => {
    const doc: Record<string, unknown> = {};
    for (const [i, key] of keys.entries()) doc[columns[i]!.name] = toJson((row as Record<string, unknown>)[key]);
    return doc;
  });
  const names = sql.raw(columns.map((c) => `"${c.name}"`).join(', '));
  const types = sql.raw(columns.map((c) => `"${c.name}" ${c.getSQLType()}`).join(', '));
  return {
    columns: sql`(${names})`,
    select: sql`select ${names} from jsonb_to_recordset(${JSON.stringify(documents)}::jsonb) as r(${types})`,
  };
}

function toJson(value: unknown): unknown {
  if (value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return value.toString();
  return value;
}
