/**
 * Every PGlite database Hyoka opens (the app, the scripts, the tests, the bench) comes from here,
 * so each loads the extensions the migrations create: pg_trgm for the search indexes.
 */
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';

export function createPglite(dataDir: string): Promise<PGlite> {
  return PGlite.create(dataDir, { extensions: { pg_trgm } });
}
