/** `npm run db:migrate`: applies db/migrations to the configured database (DATABASE_URL or PGlite). */
import { openDatabase } from '../db/client';

const handle = await openDatabase();
console.log(`Migrations applied (${handle.driver}: ${handle.location}).`);
await handle.close();
