/**
 * Every PGlite database Hyoka opens comes from here, so each loads the extensions the migrations
 * create: pg_trgm for the search indexes. Plain JavaScript because the PGlite worker thread
 * (db/pglite-worker.mjs) imports it too, and a worker runs its files as Node finds them.
 */
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';

/** @param {string} dataDir a directory, or `memory://` */
export function createPglite(dataDir) {
  return PGlite.create(dataDir, { extensions: { pg_trgm } });
}
