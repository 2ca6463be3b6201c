/**
 * Migration 0009: a 大船渡市 imported under 宮古市's code (032026, from the old ofunato profile)
 * becomes 032034, with everything attached to it; another city's 032026 is left alone. Both drivers.
 */
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type DbHandle } from '../../db/client';
import { DRIVERS, freshDatabase } from '../support/databases';

const MIGRATION = readFileSync('db/migrations/0009_ofunato_code.sql', 'utf8');

describe.each(DRIVERS)('migration 0009 (大船渡市 code) on %s', (driver) => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await freshDatabase(driver);
  });
  afterAll(() => handle?.close());

  const codes = async () =>
    (await queryRows<{ code: string; name: string }>(handle.db, sql`select code, name from municipalities order by code`)).map((m) => [m.code, m.name]);

  it('renames 大船渡市 from 032026 to 032034, keeping its id', async () => {
    const [m] = await queryRows<{ id: number }>(handle.db, sql`insert into municipalities (code, name) values ('032026', '大船渡市') returning id`);
    await handle.db.execute(sql.raw(MIGRATION));
    const [after] = await queryRows<{ id: number; code: string }>(handle.db, sql`select id, code from municipalities where name = '大船渡市'`);
    expect(after).toEqual({ id: m!.id, code: '032034' });
  });

  it('leaves 宮古市 and an already correct 大船渡市 alone', async () => {
    await handle.db.execute(sql`insert into municipalities (code, name) values ('032026', '宮古市')`);
    await handle.db.execute(sql.raw(MIGRATION));
    expect(await codes()).toEqual([
      ['032026', '宮古市'],
      ['032034', '大船渡市'],
    ]);
  });
});
