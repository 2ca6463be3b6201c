/**
 * The data version as the page cache asks for it on every request (openDataVersionSource in
 * db/queries/data-version.ts): a stored page must be answerable while renders hold the database
 * (PGlite's one connection, or every pooled PostgreSQL connection), and it must still move on the
 * very next request after any committed write. Both drivers.
 */
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, queryRows, type DbHandle } from '../../db/client';
import { loadCsvFile } from '../../db/import/load';
import { rollbackBatch } from '../../db/import/rollback';
import { dataVersion, type DataVersionSource, openDataVersionSource } from '../../db/queries/data-version';
import { getOverviewKpis } from '../../db/queries/overview';
import { savePopulations } from '../../db/queries/settings';
import { DRIVERS_AND_WORKER, freshPostgresUrl } from '../support/databases';

const FIXTURE = new TextEncoder().encode(readFileSync('tests/fixtures/seed/isehara-40-106.csv', 'utf8'));
/** postgres.js pool size of the app's connection (db/client.ts). */
const POOL = 10;

describe.each(DRIVERS_AND_WORKER)('data version for the page cache on %s', (driver) => {
  let handle: DbHandle;
  let source: DataVersionSource;
  beforeAll(async () => {
    const url = driver === 'postgres' ? await freshPostgresUrl() : undefined;
    handle = await openDatabase(url ? { url } : { pgliteDir: 'memory://', pgliteWorker: driver === 'pglite-worker' });
    source = await openDataVersionSource(handle, url);
  });
  afterAll(async () => {
    await source?.close();
    await handle?.close();
  });

  /** What the database says now, read after everything before it (the truth to compare with). */
  const truth = () => dataVersion(handle.db);

  it('answers while long queries hold every connection of the app', async () => {
    await source.current();
    // Renders in progress: one long query on PGlite's single connection, a full pool on PostgreSQL.
    // (`execute` is lazy: `then` sends it.)
    const holders = Array.from({ length: driver === 'postgres' ? POOL : 1 }, () => handle.db.execute(sql`select pg_sleep(1.5)`).then(() => {}));
    await new Promise((resolve) => setTimeout(resolve, 200)); // they are running now
    // Before the first of them ends: waiting behind any one of them is what a cached page must not do.
    const first = await Promise.race([source.current().then(() => 'version'), Promise.race(holders).then(() => 'renders')]);
    await Promise.all(holders);
    expect(first).toBe('version');
  });

  it('moves on the very next request after an import, a rollback, a settings change and a raw write', async () => {
    const start = await source.current();
    expect(start).toBe(await truth());

    const { batchId } = await loadCsvFile(handle.db, FIXTURE, { fileName: 'seed.csv' });
    const afterImport = await source.current();
    expect(afterImport).not.toBe(start);
    expect(afterImport).toBe(await truth());

    const [city] = await queryRows<{ id: number }>(handle.db, sql`select id from municipalities`);
    await savePopulations(handle.db, city!.id, [{ fiscalYear: 2022, population: 123_456 }]);
    const afterSettings = await source.current();
    expect(afterSettings).not.toBe(afterImport);
    expect(afterSettings).toBe(await truth());

    await handle.db.execute(sql`update projects set name = name || '（改）'`);
    const afterRaw = await source.current();
    expect(afterRaw).not.toBe(afterSettings);
    expect(afterRaw).toBe(await truth());

    await rollbackBatch(handle.db, batchId, 'test');
    const afterRollback = await source.current();
    expect(afterRollback).not.toBe(afterRaw);
    expect(afterRollback).toBe(await truth());
  });

  it('a write committing while a version read waits is seen by the request after it', async () => {
    const before = await source.current();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const write = handle.db.transaction(async (tx) => {
      await tx.execute(sql`update projects set name = name`);
      await held;
    });
    const during = source.current(); // asked while the write is open: either version is right
    release();
    await write;
    await during;
    expect(await source.current()).toBe(await truth());
    expect(await source.current()).not.toBe(before);
  });

  it('reading leaves it where it is', async () => {
    await loadCsvFile(handle.db, FIXTURE, { fileName: 'seed-read.csv' });
    const before = await source.current();
    const writes = handle.writes?.count;
    const [city] = await queryRows<{ id: number }>(handle.db, sql`select id from municipalities`);
    await getOverviewKpis(handle.db, { municipalityId: city!.id, fiscalYear: 2022 });
    await queryRows(
      handle.db,
      sql`select count(*) -- a word such as copy or update in a comment
                                   from projects where name <> ${'update'}`,
    );
    // PGlite: a page's queries count as no write, so the kept version is served without a read.
    expect(handle.writes?.count).toBe(writes);
    expect(await source.current()).toBe(before);
    expect(before).toBe(await truth());
  });

  it('no function of the schema other than a trigger can write behind a select', async () => {
    // The PGlite source tells reads from writes by their statement; a SELECT calling a function
    // that writes would slip through, so the schema must define none
    // (an extension's functions, pg_trgm's similarity and the like, only read). An IMMUTABLE or
    // STABLE function cannot write: PostgreSQL refuses a write inside a non-volatile function.
    const functions = (volatility: 'v' | 'i') =>
      queryRows<{ name: string }>(
        handle.db,
        sql`select p.proname::text as name from pg_proc p
            where p.pronamespace = 'public'::regnamespace and p.prorettype <> 'trigger'::regtype
              and p.provolatile = ${volatility}
              and not exists (select 1 from pg_depend d where d.objid = p.oid and d.deptype = 'e')`,
      );
    expect((await functions('v')).map((r) => r.name)).toEqual([]);
    expect((await functions('i')).map((r) => r.name)).toEqual(['search_ngrams']);
  });
});
