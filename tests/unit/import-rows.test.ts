/**
 * The row flow's profile stage (db/import/profile-stage.ts): Hyoka's own layout passes each batch
 * through untouched (the streamed hot path copies nothing), another profile holds the sheet's rows
 * until the file is read, then gives them back as rows of Hyoka columns with the header.
 */
import { describe, expect, it } from 'vitest';
import { identityStage, profileStage } from '../../db/import/profile-stage';
import { profileSchema } from '../../db/import/profiles/schema';

describe('profile stages', () => {
  it('identity: the first row is the header and every batch passes through as it is', () => {
    const stage = identityStage();
    expect(stage.header(['年度', '事業名'])).toEqual({ header: ['年度', '事業名'], rows: [], problems: [] });
    const batch = [{ line: 2, values: ['2024', 'A'] }];
    expect(stage.rows(batch).rows).toBe(batch);
    expect(stage.end().rows).toEqual([]);
  });

  it('a profile holds the rows to the end, then filters and maps them under its header', () => {
    const profile = profileSchema.parse({
      version: 1,
      name: 'test',
      label: { ja: 'テスト', en: 'Test' },
      description: { ja: '', en: '' },
      accepts: ['csv'],
      headerRow: 1,
      layout: 'columns',
      fiscalYear: { from: '予算年度' },
      columns: { 事業番号: '番号', 事業名: '名称' },
      keepRows: [{ column: '区分', empty: true }],
    });
    const stage = profileStage('p.csv', profile, 'csv', null);
    expect(stage.header(['予算年度', '番号', '名称', '区分'])).toEqual({ rows: [], problems: [] });
    expect(stage.rows([{ line: 2, values: ['2024', '1', 'A', ''] }])).toEqual({ rows: [], problems: [] });
    expect(stage.rows([{ line: 3, values: ['2024', '1', 'A', '一般'] }]).rows).toEqual([]);
    const out = stage.end();
    expect(out.problems).toEqual([]);
    expect(out.header).toEqual(['年度', '事業番号', '事業名']);
    expect(out.rows.map((r) => [r.line, r.values])).toEqual([[2, ['2024', '1', 'A']]]);
  });
});
