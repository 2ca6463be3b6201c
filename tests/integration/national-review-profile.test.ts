/**
 * The national review sheet's 3-1 table (one row per indicator × 目標年度/目標値/実績値/達成率,
 * years as columns; the full 2024 column list of shared/realdata/national-review/rs2024-columns.csv)
 * read with the `national-review-3-1` profile, on both drivers. Fixture values are written by hand.
 */
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type DbHandle } from '../../db/client';
import { importFile, type ImportOutcome } from '../../db/import/load';
import { DRIVERS, freshDatabase } from '../support/databases';
import { dec } from '../support/read-back';

const FIXTURE = new URL('../fixtures/imports/national-review/rs2024-3-1.csv', import.meta.url);

describe.each(DRIVERS)('national review 3-1 (long indicator layout) on %s', (driver) => {
  let handle: DbHandle;
  let outcome: ImportOutcome;
  beforeAll(async () => {
    handle = await freshDatabase(driver);
    outcome = await importFile(handle.db, new Uint8Array(readFileSync(FIXTURE)), {
      fileName: 'rs2024-3-1.csv',
      profile: 'national-review-3-1',
      municipality: { code: '000001', name: '厚生労働省' },
    });
  });
  afterAll(async () => handle?.close());

  it('makes one record per project and year with an actual, indicators in order of appearance', async () => {
    expect(outcome.errors).toEqual([]);
    expect(outcome.result).toMatchObject({ rows: 5, inserted: 5 });
    const rows = await queryRows<{ code: string; name: string; department: string | null; years: string }>(
      handle.db,
      sql`select p.code, p.name, d.name as department, string_agg(e.fiscal_year::text, ',' order by e.fiscal_year) as years
          from projects p join evaluations e on e.project_id = p.id left join departments d on d.id = p.department_id
          group by 1, 2, 3 order by 1`,
    );
    expect(rows).toEqual([
      { code: '1001', name: '地域雇用活性化推進事業', department: '厚生労働省', years: '2021,2022,2023' },
      { code: '2002', name: '職業訓練受講給付金', department: '厚生労働省', years: '2022,2023' },
    ]);
  });

  it('stores 目標値 and 実績値 per year; 目標年度 and 達成率 rows are not figures Hyoka keeps', async () => {
    const values = await queryRows<{
      code: string;
      name: string;
      kind: string;
      direction: string;
      unit: string;
      fiscal_year: number;
      target: string | null;
      actual: string | null;
    }>(
      handle.db,
      sql`select p.code, i.name, i.kind::text as kind, i.direction::text as direction, i.unit, v.fiscal_year, v.target::text as target, v.actual::text as actual
          from indicators i join projects p on p.id = i.project_id join indicator_values v on v.indicator_id = i.id
          order by p.code, i.position, v.fiscal_year`,
    );
    expect(values.map((v) => [v.code, v.name, v.kind, v.direction, v.unit, v.fiscal_year, dec(v.target), dec(v.actual)])).toEqual([
      ['1001', '事業利用者の就職率', 'outcome', 'higher', '%', 2021, '60', '58.5'],
      ['1001', '事業利用者の就職率', 'outcome', 'higher', '%', 2022, '62', '63.1'],
      ['1001', '事業利用者の就職率', 'outcome', 'higher', '%', 2023, '65', '64'],
      ['1001', 'セミナー参加者数', 'activity', 'higher', '人', 2022, '1000', '1150'],
      ['1001', 'セミナー参加者数', 'activity', 'higher', '人', 2023, '1200', null],
      ['2002', '訓練修了者の離職率', 'outcome', 'lower', '%', 2022, '10', '11.2'],
      ['2002', '訓練修了者の離職率', 'outcome', 'lower', '%', 2023, '9', '8.7'],
    ]);
  });
});
