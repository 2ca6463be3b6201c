import type { PGlite } from '@electric-sql/pglite';

export declare function createPglite(dataDir: string): Promise<PGlite>;
