/**
 * Empties every table of the public schema (found in information_schema, like fingerprint.ts)
 * and restarts their sequences: a fresh database in milliseconds, for tests that need one per
 * case (opening and migrating a new PGlite database takes seconds).
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client';

export async function emptyDatabase(db: Db): Promise<void> {
  const tables = await queryRows<{ name: string }>(
    db,
    sql`select table_name::text as name from information_schema.tables
        where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
  );
  if (tables.length === 0) throw new Error('emptyDatabase: no tables in the public schema');
  await db.execute(
    sql`truncate ${sql.join(
      tables.map((t) => sql.identifier(t.name)),
      sql`, `,
    )} restart identity cascade`,
  );
}
