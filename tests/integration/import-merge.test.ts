/**
 * A file owns the columns it maps: importing a second file for the same project-years keeps
 * what the first stated in columns the second does not map, an empty cell in a mapped column
 * clears it, and rolling the second file back restores exactly the state after the first.
 * Both drivers.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type DbHandle } from '../../db/client';
import { importFile, loadCsvFile } from '../../db/import/load';
import { rollbackBatch } from '../../db/import/rollback';
import { DRIVERS, freshDatabase } from '../support/databases';
import { dec } from '../support/read-back';
import { fingerprint } from '../support/fingerprint';

const bytes = (text: string) => new TextEncoder().encode(text);
const ID = '市区町村コード,市区町村名,年度,事業番号,事業名';
// Like the national 4-1 table: verdicts only.
const VERDICTS = `${ID},今後の方向性,所管部長による総評,有効性,有効性の理由
999001,試験市,2023,A-1,案内事業,現状維持,よくやった,A,効果あり
999001,試験市,2023,A-2,相談事業,縮小,見直す,,
`;
// Like the national 2-1 table: costs only.
const COSTS = `${ID},部名,事業費合計
999001,試験市,2023,A-1,案内事業,総務部,1200
999001,試験市,2023,A-2,相談事業,総務部,300
`;
// The same costs file with A-2's cost left empty: the file still maps the column, so it clears it.
const COSTS_CLEARED = COSTS.replace('総務部,300', '総務部,');

// Departments a rolled-back file named stay (harmless names); the data an import writes is compared.
const DATA_TABLES = ['projects', 'evaluations', 'ratings', 'indicators', 'indicator_values', 'municipality_populations'];

type Row = { code: string; direction: string | null; review: string | null; cost: string | null; ratings: number; department: string | null };
async function stored(handle: DbHandle): Promise<Row[]> {
  const rows = await queryRows<Row>(
    handle.db,
    sql`select p.code, e.direction, e.review, e.project_cost::text as cost,
               (select count(*)::int from ratings r where r.evaluation_id = e.id) as ratings, d.name as department
        from evaluations e join projects p on p.id = e.project_id left join departments d on d.id = p.department_id
        order by p.code`,
  );
  return rows.map((r) => ({ ...r, cost: r.cost === null ? null : dec(r.cost) }));
}

describe.each(DRIVERS)('merge, never erase, on %s', (driver) => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await freshDatabase(driver);
  });
  afterAll(() => handle?.close());

  it('a costs file keeps the verdicts a verdicts file stored, and rolls back to exactly them', async () => {
    const first = await loadCsvFile(handle.db, bytes(VERDICTS), { fileName: 'verdicts.csv' });
    expect(first).toMatchObject({ inserted: 2 });
    const afterFirst = await fingerprint(handle.db, { only: DATA_TABLES });

    const second = await loadCsvFile(handle.db, bytes(COSTS), { fileName: 'costs.csv' });
    expect(second).toMatchObject({ updated: 2 });
    expect(await stored(handle)).toEqual([
      { code: 'A-1', direction: '現状維持', review: 'よくやった', cost: '1200', ratings: 1, department: '総務部' },
      { code: 'A-2', direction: '縮小', review: '見直す', cost: '300', ratings: 0, department: '総務部' },
    ]);

    // The verdicts again: what they state is what is stored, so nothing is updated.
    const again = await importFile(handle.db, bytes(VERDICTS), { fileName: 'verdicts.csv', dryRun: true });
    expect(again.result).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 });

    expect(await rollbackBatch(handle.db, second.batchId, 'test')).toMatchObject({ ok: true, restored: 2 });
    expect(await fingerprint(handle.db, { only: DATA_TABLES })).toEqual(afterFirst);
  });

  it('an empty cell in a mapped column clears it; the columns not mapped stay', async () => {
    await loadCsvFile(handle.db, bytes(COSTS), { fileName: 'costs.csv' });
    const cleared = await loadCsvFile(handle.db, bytes(COSTS_CLEARED), { fileName: 'costs-cleared.csv' });
    expect(cleared).toMatchObject({ updated: 1, unchanged: 1 });
    expect(await stored(handle)).toEqual([
      { code: 'A-1', direction: '現状維持', review: 'よくやった', cost: '1200', ratings: 1, department: '総務部' },
      { code: 'A-2', direction: '縮小', review: '見直す', cost: null, ratings: 0, department: '総務部' },
    ]);
  });

  it('the dry run says which columns the file sets and which it leaves as they are', async () => {
    const outcome = await importFile(handle.db, bytes(COSTS), { fileName: 'costs.csv', dryRun: true });
    expect(outcome.columns?.sets).toEqual(expect.arrayContaining(['部名・課名', '事業費合計']));
    expect(outcome.columns?.sets).not.toContain('今後の方向性');
    expect(outcome.columns?.keeps).toEqual(expect.arrayContaining(['今後の方向性', '所管部長による総評', '評価']));
  });
});
