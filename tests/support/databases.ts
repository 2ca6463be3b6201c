/**
 * Fresh, migrated databases for integration tests, on each driver: PGlite in memory, and a new
 * database on the throwaway PostgreSQL server started by global-postgres.ts.
 */
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { inject } from 'vitest';
import { openDatabase, type DbHandle, type DriverName } from '../../db/client';

/** The drivers, and PGlite on its worker thread (what the app runs; db/pglite-worker-client.ts). */
export type TestDriver = DriverName | 'pglite-worker';

export const DRIVERS: DriverName[] = ['pglite', 'postgres'];
/** For the main query, import and page-cache tests: PGlite in this thread, on a worker, and PostgreSQL. */
export const DRIVERS_AND_WORKER: TestDriver[] = ['pglite', 'pglite-worker', 'postgres'];

export async function freshDatabase(driver: TestDriver): Promise<DbHandle> {
  if (driver === 'pglite') return openDatabase({ pgliteDir: 'memory://' });
  if (driver === 'pglite-worker') return openDatabase({ pgliteDir: 'memory://', pgliteWorker: true });
  return openDatabase({ url: await freshPostgresUrl() });
}

/** A new, empty database on the throwaway PostgreSQL server, by URL (for child processes). */
export async function freshPostgresUrl(): Promise<string> {
  const serverUrl = inject('postgresUrl');
  const name = `hyoka_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${name}`);
  } finally {
    await admin.end();
  }
  return serverUrl.replace(/\/postgres$/, `/${name}`);
}
