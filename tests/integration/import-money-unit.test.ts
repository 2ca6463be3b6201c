/**
 * A mapping whose target names a unit (`執行額` → `事業費合計（円）`) stores the amount in 千円
 * exactly (11,200,834 円 → 11,200.834 千円), and a fraction of a yen is refused, not rounded.
 * Both drivers.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type DbHandle } from '../../db/client';
import { importFile } from '../../db/import/load';
import { DRIVERS, freshDatabase } from '../support/databases';
import { dec } from '../support/read-back';

const bytes = (text: string) => new TextEncoder().encode(text);
const CSV = `市区町村コード,市区町村名,年度,事業番号,事業名,執行額
999001,試験市,2023,1,内閣人事局経費,11200834
`;
const mapping = { columns: { 執行額: '事業費合計（円）' } };

describe.each(DRIVERS)('a unit in a mapping target on %s', (driver) => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await freshDatabase(driver);
  });
  afterAll(() => handle?.close());

  it('stores 円 as 千円, exactly', async () => {
    const outcome = await importFile(handle.db, bytes(CSV), { fileName: 'costs.csv', mapping });
    expect(outcome.errors).toEqual([]);
    const [row] = await queryRows<{ cost: string }>(handle.db, sql`select project_cost::text as cost from evaluations`);
    expect(dec(row!.cost)).toBe('11200.834');
  });

  it('refuses a fraction of a yen rather than rounding it', async () => {
    const outcome = await importFile(handle.db, bytes(CSV.replace('11200834', '11200834.5')), { fileName: 'costs.csv', mapping });
    expect(outcome.ok).toBe(false);
    expect(outcome.errors[0]!.message.ja).toContain('1円未満');
    expect(outcome.errors[0]!.message.en).toContain('fraction of a yen');
  });
});
