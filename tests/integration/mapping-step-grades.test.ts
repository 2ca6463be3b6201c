/**
 * The mapping step on a city's export with grades no scheme knows (A–F), written in CP932 with a
 * two-row header: the trial check and the saved profile's check both use the proposed scheme, so
 * its grades are accepted once the municipality is typed in, and the import stores them.
 */
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../db/client';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client';
import { importFile } from '../../db/import/load';
import { commitUpload, stageUpload } from '../../db/import/pending';
import { parseProfile } from '../../db/import/profiles';
import { recogniseUpload } from '../../db/import/propose/recognise-upload';
import { saveProfile } from '../../db/import/saved-profiles';
import { choicesFrom, mappingStep } from '../../db/import/propose/mapping-step';
import { recordRejectedUpload } from '../../db/import/rejected';
import { DRIVERS, freshDatabase } from '../support/databases';

const rows = [
  ['事業', '', '', '担当', '費用', '', '評価'],
  ['番号', '名称', '年度', '課', '決算額（千円）', '職員人件費', '総合'],
  ['M-01', '見守り事業', '令和5年度', '福祉課', '1000', '200', 'A'],
  ['M-02', '子育て相談', '令和5年度', '子育て課', '2000', '300', 'F'],
  ['M-03', '道路補修', '令和5年度', '道路課', '500', '100', 'C'],
];
const cp932 = (lines: string[][]) => new Uint8Array(iconv.encode(`${lines.map((r) => r.join(',')).join('\r\n')}\r\n`, 'cp932'));
const bytes = cp932(rows);
const second = cp932([
  ...rows.slice(0, 2),
  ['M-01', '見守り事業', '令和6年度', '福祉課', '1100', '200', 'B'],
  ['M-02', '子育て相談', '令和6年度', '子育て課', '2100', '300', 'E'],
  ['M-03', '道路補修', '令和6年度', '道路課', '600', '100', 'A'],
]);

describe.each(DRIVERS)('mapping step with A–F grades (%s)', (driver) => {
  let handle: DbHandle;
  let batchId: number;
  const form = (fields: Record<string, string>) => choicesFrom((name) => fields[name]);

  beforeAll(async () => {
    handle = await freshDatabase(driver);
    const refused = await importFile(handle.db, bytes, { fileName: 'kodama-r5.csv', dryRun: true });
    expect(refused.ok).toBe(false);
    batchId = await recordRejectedUpload(handle.db, bytes, refused, { createdBy: 'test' });
  }, 120_000);
  afterAll(() => handle?.close());

  it('checks the file against the proposed A–F scheme once the municipality is given', async () => {
    const step = await mappingStep(handle.db, batchId, form({ from: '1', to: '2', c5: '人件費合計', code: '999201', city: 'こだま町', name: 'kodama-town' }));
    expect(step).not.toBeNull();
    expect(step!.proposals.map((p) => p.field)).toEqual(['事業番号', '事業名', '年度', '課名', '事業費合計', '人件費合計', '評価（新しい区分）']);
    const criterion = step!.profile.rating?.criteria[0];
    expect(criterion?.grades.map((g) => g.code)).toEqual(['A', 'B', 'C', 'D', 'E', 'F']);
    expect(step!.check.ok).toBe(true);
    if (!step!.check.ok) return;
    expect(step!.check.outcome.errors).toEqual([]);
    expect(step!.check.outcome.result?.inserted).toBe(3);
  });

  it("saves the profile, imports with it, and recognises next year's file with the same headers", async () => {
    const municipality = { code: '999201', name: 'こだま町' };
    const step = await mappingStep(handle.db, batchId, form({ from: '1', to: '2', c5: '人件費合計', code: '999201', city: 'こだま町', name: 'kodama-town' }));
    const headers = step!.sample.rows.find((r) => r.line === step!.headerTo)!.cells;
    const saved = await saveProfile(handle.db, { profile: step!.profile, municipality, headers, savedBy: 'test' });
    expect(saved.ok).toBe(true);
    const parsed = parseProfile(step!.profile);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const staged = await stageUpload(handle.db, bytes, { fileName: 'kodama-r5.csv', createdBy: 'test', profile: parsed.profile, municipality });
    expect(staged.outcome.errors).toEqual([]);
    const first = await commitUpload(handle.db, staged.pendingId!, 'test');
    expect(first.status).toBe('committed');

    const recognised = await recogniseUpload(handle.db, 'kodama-r6.csv', second);
    expect(recognised?.name).toBe('kodama-town');
    const next = await stageUpload(handle.db, second, {
      fileName: 'kodama-r6.csv',
      createdBy: 'test',
      profile: recognised!.profile,
      municipality: recognised!.municipality,
    });
    expect(next.outcome.errors).toEqual([]);
    expect((await commitUpload(handle.db, next.pendingId!, 'test')).status).toBe('committed');

    const stored = await queryRows<{ code: string; year: number; grade: string; cost: string }>(
      handle.db,
      sql`select p.code, e.fiscal_year as year, g.code as grade, e.project_cost::text as cost
            from evaluations e join projects p on p.id = e.project_id join municipalities m on m.id = p.municipality_id
            join ratings r on r.evaluation_id = e.id join rating_grades g on g.id = r.grade_id
           where m.code = '999201' order by p.code, e.fiscal_year`,
    );
    expect(stored.map((r) => `${r.code} ${r.year} ${r.grade} ${Number(r.cost)}`)).toEqual([
      'M-01 2023 A 1000',
      'M-01 2024 B 1100',
      'M-02 2023 F 2000',
      'M-02 2024 E 2100',
      'M-03 2023 C 500',
      'M-03 2024 A 600',
    ]);
  });

  it('maps the verdict column of a municipality it already holds to its stored criterion', async () => {
    // こだま町 now holds the scheme saved above; the same layout mapped afresh proposes its criterion, not a new one.
    const refused = await importFile(handle.db, second, { fileName: 'kodama-r6-again.csv', dryRun: true });
    const again = await recordRejectedUpload(handle.db, second, refused, { createdBy: 'test' });
    const step = await mappingStep(handle.db, again, form({ from: '1', to: '2', c5: '人件費合計', code: '999201', city: 'こだま町', name: 'kodama-again' }));
    expect(step!.fieldOptions).toContain('評価：評価 総合');
    expect(step!.proposals[6]).toMatchObject({ field: '評価：評価 総合', reason: 'similar' });
    expect(step!.profile.rating?.criteria.map((c) => [c.key, c.grades.length])).toEqual([['c1', 6]]);
    expect(step!.check.ok && step!.check.outcome.errors).toEqual([]);
    expect(step!.check.ok && step!.check.outcome.result?.unchanged).toBe(3);
  });
});
