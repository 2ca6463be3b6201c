/**
 * Two imports of overlapping municipality-years at once end exactly as if run one after the
 * other: never a mix, never a duplicate.
 *
 * A = a small demo city's five years (FY2020–2024); B = its FY2023–2024 rows again, each 総評
 * revised. Every import takes the import advisory lock (db/import/write.ts IMPORT_LOCK) before it
 * reads what is stored, so the second one waits for the first to commit and then updates its rows.
 *
 * - PostgreSQL, two processes: the test holds the import lock itself until both CLI processes are
 *   seen waiting for it, then lets go, so they really contend; both succeed, and the database
 *   equals a serial import in the order they got the lock (the batch ids say which).
 * - PGlite is embedded: one process owns the directory (a second is refused, db/pglite-lock.ts,
 *   proved below), so "two imports at once" means two in one process on one connection, as two
 *   uploads on the app's server. They too end equal to a serial import, on both drivers.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, queryRows, type Db } from '../../db/client';
import { DEFAULT_DEMO, generateDemoRows, toCsv } from '../../db/demo/generate';
import { loadCsvFile, type LoadResult } from '../../db/import/load';
import { IMPORT_LOCK } from '../../db/import/write';
import { DatabaseInUse } from '../../db/pglite-lock';
import { DRIVERS, freshDatabase, freshPostgresUrl } from '../support/databases';
import { importState } from '../support/fingerprint';

const work = mkdtempSync(join(tmpdir(), 'hyoka-concurrent-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// The demo city with 80 projects (~400 rows over five years): enough for two real write
// phases to contend, small enough to import four times per driver.
const { header, rows } = generateDemoRows({ ...DEFAULT_DEMO, municipalities: DEFAULT_DEMO.municipalities.map((m) => ({ ...m, projects: 80 })) });
const revised = rows
  .filter((r) => r['年度'] === '2023' || r['年度'] === '2024')
  .map((r) => ({ ...r, 所管部長による総評: `${r['所管部長による総評']}（修正版）` }));
const FILES = {
  'a.csv': Buffer.from('\uFEFF' + toCsv(header, rows)),
  'b.csv': Buffer.from('\uFEFF' + toCsv(header, revised)),
};
for (const [name, bytes] of Object.entries(FILES)) writeFileSync(join(work, name), bytes);
const A_ROWS = rows.length;
const B_ROWS = revised.length;
const USER = 'concurrency-test';
type FileName = keyof typeof FILES;

async function counts(db: Db) {
  const [row] = await queryRows<{ evaluations: number; keys: number; committed: number; revised: number }>(
    db,
    sql`select (select count(*)::int from evaluations) as evaluations,
               (select count(distinct (project_id, fiscal_year))::int from evaluations) as keys,
               (select count(*)::int from import_batches where status = 'committed') as committed,
               (select count(*)::int from evaluations where review like '%（修正版）') as revised`,
  );
  return row!;
}

/** What the two imports must have left: the same two files imported serially, in `order`. */
async function serialState(driver: 'pglite' | 'postgres', order: FileName[]) {
  const handle = await freshDatabase(driver);
  try {
    for (const name of order) await loadCsvFile(handle.db, FILES[name], { fileName: name, createdBy: USER });
    return await importState(handle.db); // before the finally closes it
  } finally {
    await handle.close();
  }
}

/** Row counts both orders must give: every project-year once; B's reviews only if B came last. */
function expectedCounts(last: FileName) {
  return { evaluations: A_ROWS, keys: A_ROWS, committed: 2, revised: last === 'b.csv' ? B_ROWS : 0 };
}

function runCli(env: Record<string, string>, file: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/import.ts', join(work, file)], {
      env: { ...process.env, USER, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('exit', (code) => resolve({ code, output }));
  });
}

describe('two import processes on PostgreSQL', () => {
  it('contend for the import lock, both commit, and the result equals a serial import', { timeout: 600_000 }, async () => {
    const url = await freshPostgresUrl();
    await (await openDatabase({ url })).close(); // migrated, as the CLI would find it

    // Hold the import lock so neither can start writing until both are waiting for it.
    const holder = postgres(url, { max: 1, onnotice: () => {} });
    const reserved = await holder.reserve();
    await reserved`begin`;
    await reserved`select pg_advisory_xact_lock(${IMPORT_LOCK})`;
    const runs = [runCli({ DATABASE_URL: url }, 'a.csv'), runCli({ DATABASE_URL: url }, 'b.csv')];
    const finished: string[] = [];
    runs.forEach((r, i) => {
      r.then((x) => finished.push(`${i}: ${x.code} ${x.output}`));
    });
    for (;;) {
      // On the holding connection itself (pg_locks is live, not the transaction's snapshot).
      const [row] = await reserved<{ waiting: number }[]>`
        select count(*)::int as waiting from pg_locks
        where locktype = 'advisory' and not granted and objid = ${IMPORT_LOCK % 2 ** 32}`;
      if (row!.waiting === 2) break;
      expect(finished, 'an import finished while the lock was held').toEqual([]);
      await new Promise((r) => setTimeout(r, 100));
    }
    await reserved`commit`;
    reserved.release();
    await holder.end();

    const [a, b] = await Promise.all(runs);
    expect(a!.code, a!.output).toBe(0);
    expect(b!.code, b!.output).toBe(0);

    const handle = await openDatabase({ url });
    try {
      const batches = await queryRows<{ id: number; file_name: FileName }>(handle.db, sql`select id, file_name from import_batches order by id`);
      const order = batches.map((x) => x.file_name);
      expect([...order].sort()).toEqual(['a.csv', 'b.csv']);
      expect(await counts(handle.db)).toEqual(expectedCounts(order[1]!));
      expect(await importState(handle.db)).toEqual(await serialState('postgres', order));
    } finally {
      await handle.close();
    }
  });
});

describe.each(DRIVERS)('two imports at once in one process on %s', (driver) => {
  it('are serialised: both commit, and the result equals a serial import', { timeout: 600_000 }, async () => {
    const handle = await freshDatabase(driver);
    try {
      const results: Record<FileName, LoadResult> = Object.fromEntries(
        await Promise.all(
          (Object.keys(FILES) as FileName[]).map(
            async (name) => [name, await loadCsvFile(handle.db, FILES[name], { fileName: name, createdBy: USER })] as const,
          ),
        ),
      ) as Record<FileName, LoadResult>;
      const order = (Object.keys(results) as FileName[]).sort((x, y) => results[x].batchId - results[y].batchId);
      // Whichever came second saw the first one's rows.
      if (order[0] === 'a.csv') {
        expect(results['b.csv']).toMatchObject({ inserted: 0, updated: B_ROWS, unchanged: 0 });
      } else {
        expect(results['a.csv']).toMatchObject({ inserted: A_ROWS - B_ROWS, updated: B_ROWS, unchanged: 0 });
      }
      expect(await counts(handle.db)).toEqual(expectedCounts(order[1]!));
      expect(await importState(handle.db)).toEqual(await serialState(driver, order));
    } finally {
      await handle.close();
    }
  });
});

describe('a PGlite directory and a second process', () => {
  it('refuses the second opener with a clear message, and admits it once the first is gone', { timeout: 600_000 }, async () => {
    const dir = join(work, 'pglite');
    const first = await openDatabase({ pgliteDir: dir });
    let second: Awaited<ReturnType<typeof runCli>>;
    try {
      // The same process opening it twice is refused just the same.
      await expect(openDatabase({ pgliteDir: dir })).rejects.toBeInstanceOf(DatabaseInUse);
      second = await runCli({ DATABASE_URL: '', HYOKA_PGLITE_DIR: dir }, 'b.csv');
    } finally {
      await first.close();
    }
    expect(second.code).not.toBe(0);
    expect(second.output).toContain(`PGliteのデータ ${dir} は別のプロセス（pid ${process.pid}）が使用中です`);
    expect(second.output).toContain(`The PGlite data directory ${dir} is in use by another process (pid ${process.pid})`);

    const again = await runCli({ DATABASE_URL: '', HYOKA_PGLITE_DIR: dir }, 'b.csv');
    expect(again.code, again.output).toBe(0);
    const handle = await openDatabase({ pgliteDir: dir });
    try {
      expect((await counts(handle.db)).evaluations).toBe(B_ROWS);
    } finally {
      await handle.close();
    }
  });
});
