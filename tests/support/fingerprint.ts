/**
 * A database fingerprint for "nothing was written" assertions: for every table of the public
 * schema (found in information_schema, so a table added by a later migration is covered
 * without touching this file), its row count and an md5 over its rows in primary-key order.
 * Equal fingerprints mean equal data, byte for byte (`t::text` spells out every column,
 * bytea included).
 *
 * Sequences are deliberately left out: PostgreSQL never rolls back nextval(), so a rolled-back
 * import (a dry run) advances them without storing anything. So is `data_changes`: it records
 * which transactions wrote (ids and times, for the page cache's data version), not what they
 * wrote, and two databases with equal data have different transaction ids
 * (tests/integration/data-version.test.ts covers it).
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client';

export type Fingerprint = Record<string, { rows: number; md5: string }>;

/** Public tables with their primary-key columns, in key order. */
async function tablesWithKeys(db: Db): Promise<{ table: string; keys: string[] }[]> {
  const rows = await queryRows<{ table_name: string; keys: string[] | null }>(
    db,
    sql`select t.table_name::text as table_name,
               array_agg(k.column_name::text order by k.ordinal_position)
                 filter (where k.column_name is not null) as keys
        from information_schema.tables t
        left join information_schema.table_constraints c
          on c.table_schema = t.table_schema and c.table_name = t.table_name and c.constraint_type = 'PRIMARY KEY'
        left join information_schema.key_column_usage k
          on k.constraint_schema = c.constraint_schema and k.constraint_name = c.constraint_name
        where t.table_schema = 'public' and t.table_type = 'BASE TABLE' and t.table_name <> 'data_changes'
        group by t.table_name
        order by t.table_name`,
  );
  return rows.map((r) => ({ table: r.table_name, keys: r.keys ?? [] }));
}

/**
 * `only`: just these tables (e.g. the data tables, when an import's own history rows are
 * expected to change); a name that is not a table is an error, so a typo cannot pass silently.
 */
export async function fingerprint(db: Db, options: { only?: string[] } = {}): Promise<Fingerprint> {
  const out: Fingerprint = {};
  const all = await tablesWithKeys(db);
  if (all.length === 0) throw new Error('fingerprint: no tables in the public schema (migrations not run?)');
  const unknown = (options.only ?? []).filter((t) => !all.some((a) => a.table === t));
  if (unknown.length > 0) throw new Error(`fingerprint: no such table(s): ${unknown.join(', ')}`);
  const tables = options.only ? all.filter((t) => options.only!.includes(t.table)) : all;
  for (const { table, keys } of tables) {
    // Without a primary key the whole row text is the order: still deterministic.
    const order =
      keys.length > 0
        ? sql.join(
            keys.map((k) => sql`t.${sql.identifier(k)}`),
            sql`, `,
          )
        : sql`t::text`;
    const [row] = await queryRows<{ rows: number; md5: string }>(
      db,
      sql`select count(*)::int as rows, md5(coalesce(string_agg(t::text, '|' order by ${order}), '')) as md5
          from ${sql.identifier(table)} t`,
    );
    out[table] = { rows: row!.rows, md5: row!.md5 };
  }
  return out;
}

/**
 * What an import leaves behind, without the clock: every table's fingerprint except
 * import_batches, whose rows are compared without started_at / finished_at. Two databases that
 * ran the same imports in the same order have equal import states (ids included: ids are only
 * drawn while the import lock is held, so the order decides them).
 */
export async function importState(db: Db): Promise<{ tables: Fingerprint; batches: Record<string, unknown>[] }> {
  const tables = await fingerprint(db);
  delete tables.import_batches;
  const batches = await queryRows(
    db,
    sql`select id, file_name, sha256, encoding, row_count, inserted_count, updated_count, unchanged_count,
               rejected_count, warning_count, status::text, created_by, report::text as report
        from import_batches order by id`,
  );
  return { tables, batches };
}
