/**
 * The database connection. One code path, two drivers:
 * - `DATABASE_URL` set   → a PostgreSQL server through postgres.js;
 * - `DATABASE_URL` unset → embedded PGlite, file-backed under `.data/pglite`
 *   (or `HYOKA_PGLITE_DIR`), so a new user needs nothing installed; run on a worker thread
 *   unless `HYOKA_PGLITE_WORKER=0`, so that its queries leave the server's thread free.
 * Both run the same drizzle migrations (db/migrate.ts) before first use.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import type { SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { migratePgliteDatabase, migratePostgresUrl } from './migrate';
import { createPglite } from './pglite';
import { lockPgliteDir } from './pglite-lock';
import { PgliteWorker } from './pglite-worker-client';
import { trackWrites, type WriteCounter } from './pglite-writes';
import * as schema from './schema';

export type Schema = typeof schema;
/** What every query function takes: either driver's database, or a transaction on it. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type DriverName = 'pglite' | 'postgres';

export interface DbHandle {
  db: Db;
  driver: DriverName;
  /** Where the data lives, for logs: a data directory or a server URL without its password. */
  location: string;
  /** PGlite only: the writes finished through this process's one connection (db/pglite-writes.ts). */
  writes?: WriteCounter;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** A postgres:// URL; when absent, PGlite is used. */
  url?: string;
  /** PGlite data directory; `memory://` for a throwaway in-memory database. */
  pgliteDir?: string;
  /** Run migrations before returning (default true). */
  migrate?: boolean;
  /** PostgreSQL: connections in the pool (default 10). */
  maxConnections?: number;
  /** PGlite: run it on a worker thread (db/pglite-worker-client.ts) instead of this one. */
  pgliteWorker?: boolean;
}

export const DEFAULT_PGLITE_DIR = '.data/pglite';

/** Reads the configuration from the environment, as the app and the scripts do. */
export function optionsFromEnv(env: NodeJS.ProcessEnv = process.env): OpenOptions {
  return {
    url: env.DATABASE_URL || undefined,
    pgliteDir: env.HYOKA_PGLITE_DIR || DEFAULT_PGLITE_DIR,
    pgliteWorker: env.HYOKA_PGLITE_WORKER !== '0',
  };
}

export async function openDatabase(options: OpenOptions = optionsFromEnv()): Promise<DbHandle> {
  const migrate = options.migrate !== false;
  if (options.url) {
    if (migrate) await migratePostgresUrl(options.url);
    return openPostgres(options.url, options.maxConnections);
  }
  const handle = await openPglite(options.pgliteDir, options.pgliteWorker);
  if (migrate) {
    try {
      await migratePgliteDatabase(handle.db);
    } catch (error) {
      await handle.close();
      throw error;
    }
  }
  return handle;
}

function openPostgres(url: string, max = 10): DbHandle {
  const client = postgres(url, { max, onnotice: () => {} });
  const db = drizzlePostgres({ client, schema }) as unknown as Db;
  return {
    db,
    driver: 'postgres',
    location: url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@'),
    close: () => client.end({ timeout: 5 }),
  };
}

async function openPglite(dir = DEFAULT_PGLITE_DIR, onWorker = false): Promise<DbHandle> {
  const inMemory = dir.startsWith('memory://');
  const dataDir = inMemory ? dir : resolve(/*turbopackIgnore: true*/ dir);
  if (!inMemory) mkdirSync(dataDir, { recursive: true });
  // One process per directory (see pglite-lock.ts); the same process opening it twice at once
  // is refused too: two PGlite instances on one directory corrupt it just the same.
  const release = inMemory ? () => {} : lockPgliteDir(dataDir);
  let client: PGlite;
  try {
    client = onWorker ? (await PgliteWorker.open(dataDir)).asPglite() : await createPglite(dataDir);
  } catch (error) {
    release();
    throw error;
  }
  const writes = trackWrites(client);
  const db = drizzlePglite({ client, schema }) as unknown as Db;
  return {
    db,
    driver: 'pglite',
    location: dataDir,
    writes,
    close: async () => {
      try {
        await client.close();
      } finally {
        release();
      }
    },
  };
}

/**
 * Runs raw SQL and returns its rows, whichever driver is underneath (postgres.js returns an
 * array, PGlite an object with `rows`). For the few statements the query builder cannot say.
 */
export async function queryRows<T extends Record<string, unknown>>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown;
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

// ── The process-wide connection used by the app ─────────────────────────────────────────────

const globalKey = Symbol.for('hyoka.db');
type GlobalWithDb = typeof globalThis & { [globalKey]?: Promise<DbHandle> };

/**
 * The app's shared connection, opened and migrated once per process. Kept on globalThis so
 * that Next's dev-mode module reloading does not open a second PGlite on the same directory.
 */
export function getDbHandle(): Promise<DbHandle> {
  const g = globalThis as GlobalWithDb;
  if (!g[globalKey]) {
    g[globalKey] = openDatabase().catch((error) => {
      delete g[globalKey];
      throw error;
    });
  }
  return g[globalKey];
}

export async function getDb(): Promise<Db> {
  return (await getDbHandle()).db;
}
