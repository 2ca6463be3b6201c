import { defineConfig } from 'drizzle-kit';

// Migrations are generated from db/schema.ts and applied by db/migrate.ts on both drivers
// (PGlite and PostgreSQL), so one SQL history serves every installation.
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema.ts',
  out: './db/migrations',
});
