/**
 * Rows described by the latest year that states them (projects, indicators): those new to the
 * database are COPYed in with ids drawn from the table's sequence, the others upserted in
 * recordset chunks; either way `described` learns each key's id, year and digest, so later
 * chunks of the file write a row only when they say something newer and different.
 */
import { sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { queryRows, type Db } from '../client';
import { copyInto, type Cell } from './bulk';
import type { Descriptions } from './kept-state';
import { recordset, type Insert } from './recordset';
import { allocateIds, BIG_CHUNK, chunks, type Tx } from './write-common';

export interface DescribedRow<V> {
  key: string;
  year: number;
  /** The row as COPY writes it: one cell per `copyColumns` after the id. */
  cells: Cell[];
  /** The row as the upsert writes it (drizzle keys). */
  values: V;
  digest: number;
}

export interface DescribedTable<T extends PgTable> {
  table: T;
  name: 'projects' | 'indicators';
  /** Column names COPY writes after `id`, in the order of each row's `cells`. */
  copyColumns: string[];
  /** Drizzle keys the upsert sends, and the columns a conflict updates. */
  keys: (keyof Insert<T> & string)[];
  updateColumns: string[];
  /** The unique key: `on conflict (…)`, and the same columns returned to find each row's key. */
  conflict: string[];
  keyOf: (row: Record<string, unknown>) => string;
}

export async function writeDescribed<T extends PgTable>(
  tx: Tx,
  spec: DescribedTable<T>,
  fresh: DescribedRow<Insert<T>>[],
  known: DescribedRow<Insert<T>>[],
  described: Descriptions,
): Promise<void> {
  const freshIds = await allocateIds(tx, spec.name, fresh.length);
  fresh.forEach((w, i) => {
    described.set(w.key, { year: w.year, id: freshIds[i]!, created: true, digest: w.digest });
  });
  await copyInto(
    tx,
    spec.name,
    ['id', ...spec.copyColumns],
    fresh.map((w, i) => [freshIds[i]!, ...w.cells]),
  );

  const updates = sql.raw(spec.updateColumns.map((c) => `"${c}" = excluded."${c}"`).join(', '));
  const conflict = sql.raw(spec.conflict.join(', '));
  for (const part of chunks(known, BIG_CHUNK)) {
    const { columns, select } = recordset(
      spec.table,
      spec.keys,
      part.map((w) => w.values),
    );
    const rows = await queryRows<Record<string, unknown> & { id: number }>(
      tx as unknown as Db,
      sql`insert into ${spec.table} ${columns} ${select}
          on conflict (${conflict}) do update set ${updates}
          returning id, ${conflict}`,
    );
    const byKey = new Map(part.map((w) => [w.key, w]));
    for (const row of rows) {
      const key = spec.keyOf(row);
      const w = byKey.get(key)!;
      described.set(key, { year: w.year, id: Number(row.id), created: described.get(key)?.created ?? false, digest: w.digest });
    }
  }
}
