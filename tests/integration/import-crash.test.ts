/**
 * Crash safety: the import CLI (scripts/import.ts, a real child process) killed with SIGKILL at
 * points through writing a large generated file (the demo city's five years, ~3,000 rows), on a
 * file-backed PGlite directory and on a real PostgreSQL server.
 *
 * For each kill point, in a database holding a previous import (the seed sheet):
 * - after the kill the database equals, table by table, either the previous state exactly or
 *   the state a complete import leaves (a reference database that ran the same import to the
 *   end) — never anything in between;
 * - while the transaction is open (kills after the middle and late write phases) it must
 *   be the previous state; once the CLI has printed its success line it must be the new one
 *   (a reported import is durable); the kill just before COMMIT may land on either side;
 * - the next start works: opening runs the migrations (and on PGlite recovers the directory),
 *   the dashboard's queries answer, and another import completes.
 *
 * Each kill point gets its own database from the same seed: on PostgreSQL a killed transaction
 * still uses up sequence values, so ids are only comparable between databases with the same
 * history.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type DbHandle, type DriverName } from '../../db/client';
import { DEFAULT_DEMO, generateDemoRows, toCsv } from '../../db/demo/generate';
import { loadCsvFile } from '../../db/import/load';
import { getOverviewKpis, listFiscalYears, listMunicipalities } from '../../db/queries/overview';
import { DRIVERS, freshPostgresUrl } from '../support/databases';
import { fingerprint, importState } from '../support/fingerprint';

const SEED = readFileSync('tests/fixtures/seed/isehara-40-106.csv');
/** Imported after each crash: the next import works. */
const NEXT = readFileSync('tests/fixtures/imports/utf8.csv');
const NEXT_ROWS = 2;
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

/** When to kill: a line of the CLI's output (HYOKA_DEBUG_IMPORT prints each write phase as it ends). */
const KILL_POINTS = [
  { after: '  upsertEvaluations:', expect: 'previous' },
  { after: '  upsertIndicators:', expect: 'previous' },
  { after: '  storeOriginal:', expect: 'either' }, // the streamed import's last phase: the next thing the CLI does is COMMIT
  { after: '行 取り込みました', expect: 'new' }, // the success line: committed
] as const;

interface Target {
  env: Record<string, string>;
  open: () => Promise<DbHandle>;
}

let dirs = 0;
async function freshTarget(driver: DriverName): Promise<Target> {
  if (driver === 'pglite') {
    const dir = join(work, `pglite-${++dirs}`);
    return { env: { DATABASE_URL: '', HYOKA_PGLITE_DIR: dir }, open: () => openDatabase({ pgliteDir: dir }) };
  }
  const url = await freshPostgresUrl();
  return { env: { DATABASE_URL: url }, open: () => openDatabase({ url }) };
}

/** Runs the import CLI on the big file; kills it with SIGKILL when `killAfter` appears (if given). */
function runImport(env: Record<string, string>, killAfter?: string): Promise<{ killed: boolean; code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/import.ts', bigFile], {
      env: { ...process.env, HYOKA_DEBUG_IMPORT: '1', USER: 'crash-test', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let killed = false;
    const watch = (d: Buffer) => {
      output += d;
      if (killAfter && !killed && output.includes(killAfter)) {
        killed = true;
        child.kill('SIGKILL');
      }
    };
    child.stdout.on('data', watch);
    child.stderr.on('data', watch);
    child.on('exit', (code) => resolve({ killed, code, output }));
  });
}

/** A database with the seed sheet in it: the "previous state". */
async function seeded(driver: DriverName): Promise<Target> {
  const target = await freshTarget(driver);
  const handle = await target.open();
  await loadCsvFile(handle.db, SEED, { fileName: 'seed.csv', createdBy: 'crash-test' });
  await handle.close();
  return target;
}

async function stateOf(target: Target) {
  const handle = await target.open();
  try {
    return { full: await fingerprint(handle.db), imported: await importState(handle.db) };
  } finally {
    await handle.close();
  }
}

describe.each(DRIVERS)('an import killed with SIGKILL on %s', (driver) => {
  let previous: Awaited<ReturnType<typeof stateOf>>;
  let complete: Awaited<ReturnType<typeof stateOf>>;

  it('reference: the seed alone, and the seed plus the complete import', { timeout: 240_000 }, async () => {
    const target = await seeded(driver);
    previous = await stateOf(target);
    expect(previous.full.evaluations!.rows).toBe(2);
    const run = await runImport(target.env);
    expect(run.code, run.output).toBe(0);
    complete = await stateOf(target);
    expect(complete.full.evaluations!.rows).toBe(2 + BIG_ROWS);
    expect(complete.imported.batches).toHaveLength(2);
  });

  it.each(KILL_POINTS)('killed after "$after": $expect state, never a mix; the next start works', { timeout: 240_000 }, async ({ after, expect: expected }) => {
    expect(complete, 'the reference test ran').toBeDefined();
    const target = await seeded(driver);
    const before = (await stateOf(target)).full;
    expect((await stateOf(target)).imported, 'seeded like the reference').toEqual(previous.imported);
    const run = await runImport(target.env, after);
    expect(run.killed, run.output).toBe(true);

    // The next start: open (migrations; PGlite recovers the killed directory) and compare.
    const state = await stateOf(target);
    const isPrevious = JSON.stringify(state.full) === JSON.stringify(before);
    const isComplete = JSON.stringify(state.imported) === JSON.stringify(complete.imported);
    if (expected === 'previous')
      expect(state.full).toEqual(before); // every table, byte for byte
    else if (expected === 'new') expect(state.imported).toEqual(complete.imported);
    else expect(isPrevious || isComplete, 'previous or complete state').toBe(true);

    // The dashboard reads it, and the same file imports again (all new, or all unchanged).
    const handle = await target.open();
    try {
      const [city] = (await listMunicipalities(handle.db)).filter((m) => m.code === '999001');
      if (isComplete) {
        const years = await listFiscalYears(handle.db, city!.id);
        expect(years).toEqual([2024, 2023, 2022, 2021, 2020]);
        expect((await getOverviewKpis(handle.db, { municipalityId: city!.id, fiscalYear: 2024 })).projectCount).toBeGreaterThan(0);
      } else {
        expect(city).toBeUndefined();
      }
      const next = await loadCsvFile(handle.db, NEXT, { fileName: 'next.csv' });
      expect(next).toMatchObject({ rows: NEXT_ROWS, inserted: NEXT_ROWS });
    } finally {
      await handle.close();
    }
  });
});
