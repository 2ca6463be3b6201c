/** Migrates the configured database and, when it holds no evaluation yet, loads the demo city. */
import { countUsers } from '../db/auth/users';
import { openDatabase } from '../db/client';
import { seedDemoIfEmpty } from '../db/demo/seed';
import { removeStaleCopies } from '../db/import/original-copy';

// Temporary copies left by imports that were killed (their cleanup never ran).
removeStaleCopies();
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
if ((await countUsers(handle.db)) === 0) {
  console.log('利用者がまだいません。最初の管理者を作成してください / No users yet. Create the first admin (README, Access):');
  console.log('  npm run user:create -- --email EMAIL --name NAME --admin');
}
await handle.close();
