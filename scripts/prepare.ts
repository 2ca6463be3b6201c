/** Migrates the configured database and, when it holds no evaluation yet, loads the demo city. */
import { openDatabase } from '../db/client';
import { seedDemoIfEmpty } from '../db/demo/seed';

const handle = await openDatabase();
console.log(`Database ready (${handle.driver}: ${handle.location}).`);
if (process.env.HYOKA_DEMO !== 'off') {
  const started = performance.now();
  const files = await seedDemoIfEmpty(handle.db);
  if (files.length > 0) {
    const rows = files.reduce((n, f) => n + f.rows, 0);
    console.log(`Demo data loaded: ${files.length} files, ${rows} evaluations in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
  }
}
await handle.close();
