/**
 * Applies the drizzle-kit migrations in db/migrations. The same SQL files serve PGlite and
 * PostgreSQL; only the migrator entry point differs.
 */
import { resolve } from 'node:path';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';

export const MIGRATIONS_FOLDER = resolve(/*turbopackIgnore: true*/ process.env.HYOKA_MIGRATIONS_DIR ?? 'db/migrations');

/** An arbitrary constant: the advisory lock that keeps two processes from migrating at once. */
const MIGRATION_LOCK = 4_815_162_342;

/** PGlite is single-process by construction: nobody else can be migrating. */
export async function migratePgliteDatabase(db: unknown): Promise<void> {
  await migratePglite(db as PgliteDatabase, { migrationsFolder: MIGRATIONS_FOLDER });
}

/**
 * Several app processes (or a test run and a script) may start against one server together,
 * so migrations run under a session advisory lock, on one dedicated connection.
 */
export async function migratePostgresUrl(url: string): Promise<void> {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  const db = drizzle({ client });
  try {
    await db.execute(sql`select pg_advisory_lock(${MIGRATION_LOCK})`);
    await migratePostgres(db, { migrationsFolder: MIGRATIONS_FOLDER });
    await db.execute(sql`select pg_advisory_unlock(${MIGRATION_LOCK})`);
  } finally {
    await client.end({ timeout: 5 });
  }
}
