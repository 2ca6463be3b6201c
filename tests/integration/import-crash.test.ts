/**
 * Crash safety and concurrency of imports, on both drivers.
 *
 * - An import process killed with SIGKILL in the middle of writing a large file leaves the
 *   database exactly as before (the previous complete state), and the next start and import work.
 *   On PGlite this also proves the embedded database recovers from a killed process.
 * - Two imports of the same municipality-years started together are serialised: both commit,
 *   one after the other, and the result is one file's rows entirely, never a mix or duplicates.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, queryRows, type Db, type DbHandle } from '../../db/client';
import { DEFAULT_DEMO, generateDemoRows, toCsv } from '../../db/demo/generate';
import { loadCsvFile } from '../../db/import/load';
import { DRIVERS, freshDatabase, freshPostgresUrl } from '../support/databases';
import { fingerprint } from '../support/fingerprint';

const SEED = readFileSync('tests/fixtures/seed/isehara-40-106.csv');
const work = mkdtempSync(join(tmpdir(), 'hyoka-crash-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The default demo city's five years in one file: ~3,000 rows, seconds to write. */
const bigFile = join(work, 'demo.csv');
const ONE_CITY = { ...DEFAULT_DEMO, municipalities: DEFAULT_DEMO.municipalities.slice(0, 1) };
{
  const { header, rows } = generateDemoRows(ONE_CITY);
  writeFileSync(bigFile, '\uFEFF' + toCsv(header, rows));
}
const BIG_ROWS = generateDemoRows(ONE_CITY).rows.length;

async function counts(db: Db) {
  const [row] = await queryRows<{ batches: number; committed: number; evaluations: number; ratings: number; values: number }>(
    db,
    sql`select (select count(*)::int from import_batches) as batches,
               (select count(*)::int from import_batches where status = 'committed') as committed,
               (select count(*)::int from evaluations) as evaluations,
               (select count(*)::int from ratings) as ratings,
               (select count(*)::int from indicator_values) as values`,
  );
  return row!;
}

/** Runs the import CLI and kills it with SIGKILL once the evaluations are written, mid-transaction. */
function importAndKill(env: Record<string, string>): Promise<{ killed: boolean; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/import.ts', bigFile], {
      env: { ...process.env, HYOKA_DEBUG_IMPORT: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let killed = false;
    const watch = (d: Buffer) => {
      output += d;
      if (!killed && output.includes('upsertEvaluations:')) {
        killed = true;
        child.kill('SIGKILL');
      }
    };
    child.stdout.on('data', watch);
    child.stderr.on('data', watch);
    child.on('exit', () => resolve({ killed, output }));
  });
}

describe.each(DRIVERS)('an import killed mid-way on %s', (driver) => {
  it('leaves the previous state, and the next start and import work', { timeout: 240_000 }, async () => {
    let env: Record<string, string>;
    let open: () => Promise<DbHandle>;
    if (driver === 'pglite') {
      const dir = join(work, 'pglite');
      env = { DATABASE_URL: '', HYOKA_PGLITE_DIR: dir };
      open = () => openDatabase({ pgliteDir: dir });
    } else {
      const url = await freshPostgresUrl();
      env = { DATABASE_URL: url };
      open = () => openDatabase({ url });
    }

    let handle = await open();
    await loadCsvFile(handle.db, SEED, { fileName: 'seed.csv' });
    expect(await counts(handle.db)).toMatchObject({ batches: 1, committed: 1, evaluations: 2 });
    const before = await fingerprint(handle.db);
    await handle.close();

    const { killed, output } = await importAndKill(env);
    expect(killed, output).toBe(true);

    // The next start: opening (and, on PGlite, recovering) the database, then reading it.
    handle = await open();
    expect(await fingerprint(handle.db)).toEqual(before); // every table, byte for byte
    await handle.close();

    handle = await open();
    const result = await loadCsvFile(handle.db, readFileSync(bigFile), { fileName: 'demo.csv' });
    expect(result).toMatchObject({ rows: BIG_ROWS, inserted: BIG_ROWS });
    expect(await counts(handle.db)).toMatchObject({ batches: 2, committed: 2, evaluations: 2 + BIG_ROWS });
    await handle.close();
  });
});

describe.each(DRIVERS)('two imports of the same rows at once on %s', (driver) => {
  let handle: DbHandle;
  afterAll(() => handle?.close());

  it('are serialised: both commit, the result is one file entirely, no duplicates', async () => {
    handle = await freshDatabase(driver);
    const corrected = Buffer.from(SEED.toString('utf8').replace(/,857(千円)?(?=,)/g, ',858$1'));
    const results = await Promise.all([
      loadCsvFile(handle.db, SEED, { fileName: 'seed.csv' }),
      loadCsvFile(handle.db, corrected, { fileName: 'corrected.csv' }),
    ]);
    // Whichever committed second saw the first one's rows: one inserted, the other updated.
    expect(results.map((r) => r.inserted).sort()).toEqual([0, 2]);
    expect(results.map((r) => r.updated).sort()).toEqual([0, 1]);
    const totals = await queryRows<{ fiscal_year: number; staff: string; batch: number }>(
      handle.db,
      sql`select fiscal_year::int, staff_cost::text as staff, import_batch_id::int as batch from evaluations order by fiscal_year`,
    );
    expect(totals).toHaveLength(2);
    const last = Math.max(...results.map((r) => r.batchId));
    const lastWasCorrected = results.find((r) => r.batchId === last) === results[1];
    expect(Number(totals[1]!.staff)).toBe(lastWasCorrected ? 858 : 857);
    expect((await counts(handle.db)).committed).toBe(2);
  });
});
