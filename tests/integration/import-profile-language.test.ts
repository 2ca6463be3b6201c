/**
 * A user's profile with the language real exports need, end to end on both drivers: a row
 * filter, a unit in a column target, rows of one key merged, 年度 in `columns`, and the amount
 * cap (city by default, national on request). Fixture values are written by hand.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type DbHandle } from '../../db/client';
import { importFile } from '../../db/import/load';
import { parseProfile } from '../../db/import/profiles';
import type { ImportProfile } from '../../db/import/profiles/schema';
import { DRIVERS, freshDatabase } from '../support/databases';
import { dec } from '../support/read-back';

const bytes = (text: string) => new TextEncoder().encode(text);
// Summary rows (区分 empty) and per-account rows; 2 repeats its summary row identically, and once blank.
const CSV = `ID,名称,年度,区分,執行額
1,案内事業,2023,,1200000
1,案内事業,2023,一般会計,1200000
2,相談事業,2023,,2000000000000
2,相談事業,2023,,2000000000000
2,相談事業,2023,,
`;

function profile(extra: Record<string, unknown> = {}): ImportProfile {
  const parsed = parseProfile({
    version: 1,
    name: 'test-summary',
    label: { ja: 'テスト', en: 'Test' },
    description: { ja: 'テスト', en: 'Test' },
    accepts: ['csv'],
    layout: 'columns',
    municipality: { code: '999001', name: '試験市' },
    keepRows: [{ column: '区分', empty: true }],
    columns: { 事業番号: 'ID', 事業名: '名称', 年度: '年度', '事業費合計（円）': '執行額' },
    ...extra,
  });
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.profile;
}

describe.each(DRIVERS)('profile language on %s', (driver) => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await freshDatabase(driver);
  });
  afterAll(() => handle?.close());

  it('the city cap refuses 2兆円, naming amountCap', async () => {
    const outcome = await importFile(handle.db, bytes(CSV), { fileName: 'summary.csv', profile: profile(), dryRun: true });
    expect(outcome.ok).toBe(false);
    expect(outcome.errors.map((e) => e.message.en).join('\n')).toContain('"amountCap": "national"');
  });

  it('keeps the summary rows, merges repeats, reads 年度 from columns and 円 from the target', async () => {
    const outcome = await importFile(handle.db, bytes(CSV), { fileName: 'summary.csv', profile: profile({ amountCap: 'national' }) });
    expect(outcome.errors).toEqual([]);
    expect(outcome.result).toMatchObject({ inserted: 2 });
    const rows = await queryRows<{ code: string; year: number; cost: string }>(
      handle.db,
      sql`select p.code, e.fiscal_year as year, e.project_cost::text as cost from evaluations e join projects p on p.id = e.project_id order by 1`,
    );
    expect(rows.map((r) => [r.code, r.year, dec(r.cost)])).toEqual([
      ['1', 2023, '1200'],
      ['2', 2023, '2000000000'],
    ]);
  });

  it('without the filter the per-account row conflicts with nothing but is merged as identical', async () => {
    const outcome = await importFile(handle.db, bytes(CSV), {
      fileName: 'summary.csv',
      profile: profile({ amountCap: 'national', keepRows: [] }),
      dryRun: true,
    });
    expect(outcome.errors).toEqual([]);
    expect(outcome.rows).toBe(2);
  });

  it('年度 given twice is a profile error naming fiscalYear', () => {
    const parsed = parseProfile({ ...profile(), fiscalYear: { from: '年度' } });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toContain('fiscalYear');
  });
});
