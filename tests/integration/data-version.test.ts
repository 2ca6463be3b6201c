/**
 * The data version the page cache keys on (db/queries/data-version.ts, migration 0005): it moves
 * on every committed write of the dashboard's data — an import, a rollback, a settings change, a
 * statement typed in psql — and never on a read, a rolled-back write or a login. Both drivers.
 */
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type DbHandle } from '../../db/client';
import { loadCsvFile } from '../../db/import/load';
import { rollbackBatch } from '../../db/import/rollback';
import { dataVersion } from '../../db/queries/data-version';
import { getOverviewKpis } from '../../db/queries/overview';
import { savePopulations } from '../../db/queries/settings';
import { DRIVERS_AND_WORKER, freshDatabase } from '../support/databases';
import { emptyDatabase } from '../support/reset';

const FIXTURE = new TextEncoder().encode(readFileSync('tests/fixtures/seed/isehara-40-106.csv', 'utf8'));

describe.each(DRIVERS_AND_WORKER)('data version on %s', (driver) => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await freshDatabase(driver);
  });
  afterAll(() => handle?.close());

  const version = () => dataVersion(handle.db);

  it('a freshly migrated database already has a version', async () => {
    expect(await version()).toMatch(/^1:\d+$/);
  });

  it('an import moves it once; reading does not', async () => {
    const before = await version();
    const { batchId } = await loadCsvFile(handle.db, FIXTURE, { fileName: 'seed.csv' });
    const afterImport = await version();
    expect(afterImport).not.toBe(before);
    expect(Number(afterImport.split(':')[0])).toBe(Number(before.split(':')[0]) + 1); // one transaction, one change
    const [city] = await queryRows<{ id: number }>(handle.db, sql`select id from municipalities`);
    await getOverviewKpis(handle.db, { municipalityId: city!.id, fiscalYear: 2022 });
    expect(await version()).toBe(afterImport);

    await rollbackBatch(handle.db, batchId, 'test');
    expect(await version()).not.toBe(afterImport);
  });

  it('a settings change moves it', async () => {
    const { batchId } = await loadCsvFile(handle.db, FIXTURE, { fileName: 'seed-again.csv' });
    expect(batchId).toBeGreaterThan(0);
    const [city] = await queryRows<{ id: number }>(handle.db, sql`select id from municipalities`);
    const before = await version();
    await savePopulations(handle.db, city!.id, [{ fiscalYear: 2022, population: 123_456 }]);
    expect(await version()).not.toBe(before);
  });

  it('a write made outside Hyoka moves it; a rolled-back one does not', async () => {
    const before = await version();
    await expect(
      handle.db.transaction(async (tx) => {
        await tx.execute(sql`update projects set name = name || '（改）'`);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await version()).toBe(before);
    await handle.db.execute(sql`update projects set name = name || '（改）'`);
    expect(await version()).not.toBe(before);
  });

  it('a long write that commits after a shorter one still moves it', async () => {
    // The long transaction starts first (older xid) and commits last; the version must still move.
    const before = await version();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const long = handle.db.transaction(async (tx) => {
      await tx.execute(sql`update projects set name = name`);
      await held;
    });
    if (driver === 'postgres') {
      await handle.db.execute(sql`update municipality_populations set population = population`);
      const afterShort = await version();
      expect(afterShort).not.toBe(before);
      release();
      await long;
      expect(await version()).not.toBe(afterShort);
    } else {
      // PGlite has one connection: the transactions cannot overlap, so only the order is tested.
      release();
      await long;
      expect(await version()).not.toBe(before);
    }
  });

  it('logins and sessions (the auth tables) leave it alone', async () => {
    const before = await version();
    await handle.db.execute(
      sql`insert into auth_users (id, name, email, email_verified, created_at, updated_at) values ('u-dv', 'x', 'dv@example.jp', false, now(), now())`,
    );
    expect(await version()).toBe(before);
  });

  it('emptying every table still leaves a version never seen before', async () => {
    const seen = await version();
    await emptyDatabase(handle.db);
    const after = await version();
    expect(after).not.toBe(seen);
    expect(after).toMatch(/^1:\d+$/); // the truncate itself is recorded
  });

  it('every data table records its changes (a new table must be added to the trigger list)', async () => {
    // activity_log records who changed what; no page the cache keeps shows it, so it moves no version.
    const rows = await queryRows<{ table: string; triggered: boolean }>(
      handle.db,
      sql`select t.table_name::text as table,
                 exists (select 1 from information_schema.triggers g
                         where g.event_object_table = t.table_name and g.trigger_name = 'record_data_change') as triggered
          from information_schema.tables t
          where t.table_schema = 'public' and t.table_type = 'BASE TABLE'
            and t.table_name not like 'auth\\_%' and t.table_name not in ('data_changes', 'activity_log', '__drizzle_migrations')
          order by 1`,
    );
    expect(rows.length).toBeGreaterThan(15);
    expect(rows.filter((r) => !r.triggered).map((r) => r.table)).toEqual([]);
  });
});
