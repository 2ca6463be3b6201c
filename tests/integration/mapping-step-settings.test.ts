/**
 * The mapping step's settings beyond the columns — the file's money unit, merging rows of one
 * project-year, year blocks with their years, and the bands of a proposed rating scheme — each
 * followed by the dry run (its problems by column) and by what the saved profile stores.
 */
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, DbHandle } from '../../db/client';
import { queryRows } from '../../db/client';
import { importFile } from '../../db/import/load';
import { commitUpload, stageUpload } from '../../db/import/pending';
import { parseProfile } from '../../db/import/profiles';
import { choicesFrom, type MappingStep, mappingStep } from '../../db/import/propose/mapping-step';
import { recordRejectedUpload } from '../../db/import/rejected';
import { saveProfile } from '../../db/import/saved-profiles';
import { ofunatoProfile } from '../../db/import/profiles/ofunato';
import { DRIVERS, freshDatabase } from '../support/databases';
import { realDataFile, realDataReady } from '../support/realdata';

const csv = (lines: string[][]) => new TextEncoder().encode(`${lines.map((r) => r.join(',')).join('\n')}\n`);

// Money in yen (no unit in the header): proposed 円 from the figures.
const yen = csv([
  ['番号', '名称', '年度', '課', '執行額'],
  ['Y-01', '見守り事業', '令和5年度', '福祉課', '33498000'],
  ['Y-02', '子育て相談', '令和5年度', '子育て課', '120000000'],
  ['Y-03', '道路補修', '令和5年度', '道路課', '5000000'],
]);
// One row per account: Y-01 twice in 令和5年度.
const accounts = csv([
  ['番号', '名称', '年度', '会計', '決算額（千円）'],
  ['A-01', '見守り事業', '令和5年度', '一般会計', '1000'],
  ['A-01', '見守り事業', '令和5年度', '特別会計', '500'],
  ['A-02', '子育て相談', '令和5年度', '一般会計', '2000'],
]);
// Three unlabeled year blocks of 事業費計 （A）; the file evaluates 令和7 (2025).
const blocks = csv([
  ['事務事業ID', '事務事業名', '年度', '事業費計 （A）', '事業費計 （A）', '事業費計 （A）'],
  ['B-01', '見守り事業', '7', '100', '110', '120'],
  ['B-02', '子育て相談', '7', '200', '210', '220'],
]);
// A verdict column with A–F letters: a new scheme is proposed.
const grades = csv([
  ['番号', '名称', '年度', '課', '決算額（千円）', '総合評価'],
  ['G-01', '見守り事業', '令和5年度', '福祉課', '1000', 'A'],
  ['G-02', '子育て相談', '令和5年度', '子育て課', '2000', 'C'],
  ['G-03', '道路補修', '令和5年度', '道路課', '500', 'F'],
]);

describe.each(DRIVERS)('mapping step settings (%s)', (driver) => {
  let handle: DbHandle;
  const batch: Record<string, number> = {};
  const files: Record<string, Uint8Array> = { yen, accounts, blocks, grades };
  const step = async (file: string, fields: Record<string, string>) => {
    const s = await mappingStep(
      handle.db,
      batch[file]!,
      choicesFrom((name) => fields[name], Object.keys(fields)),
    );
    expect(s).not.toBeNull();
    return s!;
  };
  const errors = (s: MappingStep) => (s.check.ok ? s.check.outcome.errors : [{ column: null, message: { ja: s.check.error, en: s.check.error } }]);
  // As the page's save does: the profile is saved for the municipality, then the file checked with it and committed.
  const store = async (db: Db, s: MappingStep, file: string) => {
    const municipality = s.profile.municipality!;
    const headers = s.sample.rows.find((r) => r.line === s.headerTo)?.cells ?? [];
    expect((await saveProfile(db, { profile: s.profile, municipality, headers, savedBy: 'test' })).ok).toBe(true);
    const parsed = parseProfile(s.profile);
    expect(parsed.ok, parsed.ok ? '' : parsed.error).toBe(true);
    if (!parsed.ok) return;
    const staged = await stageUpload(db, files[file]!, { fileName: `${file}.csv`, createdBy: 'test', profile: parsed.profile, municipality });
    expect(staged.outcome.errors).toEqual([]);
    const committed = await commitUpload(db, staged.pendingId!, 'test');
    expect(committed.status, JSON.stringify(committed).slice(0, 600)).toBe('committed');
  };
  const costs = (code: string) =>
    queryRows<{ code: string; year: number; cost: string }>(
      handle.db,
      sql`select p.code, e.fiscal_year as year, e.project_cost::text as cost
            from evaluations e join projects p on p.id = e.project_id join municipalities m on m.id = p.municipality_id
           where m.code = ${code} order by p.code, e.fiscal_year`,
    ).then((rows) => rows.map((r) => `${r.code} ${r.year} ${Number(r.cost)}`));

  beforeAll(async () => {
    handle = await freshDatabase(driver);
    for (const [name, bytes] of Object.entries(files)) {
      const refused = await importFile(handle.db, bytes, { fileName: `${name}.csv`, dryRun: true });
      batch[name] = await recordRejectedUpload(handle.db, bytes, refused, { createdBy: 'test' });
    }
  }, 120_000);
  afterAll(() => handle?.close());

  it('proposes 円 for a file of yen figures, stores them in 千円, and re-checks another unit', async () => {
    const city = { code: '999301', city: 'えん町' };
    const proposed = await step('yen', city);
    expect(proposed.proposedMoneyUnit).toBe('円');
    expect(proposed.profile.moneyUnit).toBe('円');
    expect(proposed.profile.columns).toMatchObject({ 事業費合計: '執行額' });
    expect(errors(proposed)).toEqual([]);
    // 百万円: 120,000,000百万円 is over the city cap of 1兆円, and the dry run says so on 執行額.
    const millions = await step('yen', { ...city, unit: '百万円', cap: 'city' });
    expect(millions.profile.moneyUnit).toBe('百万円');
    expect(errors(millions).length).toBeGreaterThan(0);
    expect(millions.check.ok && millions.check.groups.map((g) => g.column)).toEqual(['執行額']);
    await store(handle.db, await step('yen', { ...city, unit: '円' }), 'yen');
    expect(await costs('999301')).toEqual(['Y-01 2023 33498', 'Y-02 2023 120000', 'Y-03 2023 5000']);
  });

  it('refuses differing repeats of a project-year by default and adds them up when asked', async () => {
    const base = { code: '999302', city: 'かいけい町', c3: '' };
    const refused = await step('accounts', base);
    expect(refused.profile.mergeRows).toBeUndefined();
    expect(errors(refused).map((e) => e.column)).toEqual(['決算額（千円）']);
    const summed = await step('accounts', { ...base, merge: 'sum' });
    expect(summed.profile.mergeRows).toEqual({ sum: ['事業費合計'] });
    expect(errors(summed)).toEqual([]);
    await store(handle.db, summed, 'accounts');
    expect(await costs('999302')).toEqual(['A-01 2023 1500', 'A-02 2023 2000']);
  });

  it('shows the year blocks, reads each as the year the user gives, or only the last column when refused', async () => {
    const city = { code: '999303', city: 'ぶろっく町' };
    const proposed = await step('blocks', city);
    expect(proposed.blocks).toMatchObject({ count: 3, accepted: true, proposedYears: [2023, 2024, 2025], years: [2023, 2024, 2025] });
    expect(proposed.blocks?.columns).toEqual([{ field: '事業費合計', header: '事業費計 （A）', letters: ['D', 'E', 'F'] }]);
    expect(proposed.check.ok && proposed.check.outcome.rows).toBe(6);
    const off = await step('blocks', { ...city, blocks: 'off' });
    expect(off.profile.yearBlocks).toBeUndefined();
    expect(off.check.ok && off.check.outcome.rows).toBe(2);
    expect(errors(off)).toEqual([]);
    const years = await step('blocks', { ...city, blocks: 'on', year0: '2021', year1: '2023', year2: '2025' });
    expect(years.profile.yearBlocks?.fiscalYears).toEqual([2021, 2023, 2025]);
    expect(errors(years)).toEqual([]);
    await store(handle.db, years, 'blocks');
    expect(await costs('999303')).toEqual(['B-01 2021 100', 'B-01 2023 110', 'B-01 2025 120', 'B-02 2021 200', 'B-02 2023 210', 'B-02 2025 220']);
  });

  it("stores a grade's band as the user placed it", async () => {
    const fields = { code: '999304', city: 'ひょうか町', 'band.0.C': 'poor', 'band.0.F': 'not_comparable' };
    const s = await step('grades', fields);
    const grades = s.profile.rating?.criteria[0]?.grades ?? [];
    expect(Object.fromEntries(grades.map((g) => [g.code, g.band]))).toEqual({
      A: 'good',
      B: 'good',
      C: 'poor',
      D: 'middle',
      E: 'poor',
      F: 'not_comparable',
    });
    expect(errors(s)).toEqual([]);
    await store(handle.db, s, 'grades');
    const stored = await queryRows<{ code: string; band: string }>(
      handle.db,
      sql`select g.code, g.band from rating_grades g join rating_criteria c on c.id = g.criterion_id
            join rating_schemes s on s.id = c.scheme_id join municipalities m on m.id = s.municipality_id
           where m.code = '999304' order by g.code`,
    );
    expect(stored.map((r) => `${r.code} ${r.band}`)).toEqual(['A good', 'B good', 'C poor', 'D middle', 'E poor', 'F not_comparable']);
  });
});

const OFUNATO = 'ofunato/report.xlsx';

describe.skipIf(!realDataReady(OFUNATO)).each(DRIVERS)('mapping step on 大船渡市 workbook: year blocks (%s)', (driver) => {
  let handle: DbHandle;
  let batchId: number;
  beforeAll(async () => {
    handle = await freshDatabase(driver);
    const bytes = new Uint8Array(readFileSync(realDataFile(OFUNATO)));
    const refused = await importFile(handle.db, bytes, { fileName: 'report.xlsx', dryRun: true });
    batchId = await recordRejectedUpload(handle.db, bytes, refused, { createdBy: 'test' });
  }, 120_000);
  afterAll(() => handle?.close());

  it('finds the six blocks the built-in profile names, in its years, and reads one record per block', async () => {
    const fields = { code: '032034', city: '大船渡市' };
    const on = await mappingStep(
      handle.db,
      batchId,
      choicesFrom((n) => (fields as Record<string, string>)[n]),
    );
    expect(on?.blocks).toMatchObject({ count: 6, accepted: true, years: ofunatoProfile.yearBlocks!.fiscalYears });
    const builtIn = Object.values(ofunatoProfile.yearBlocks!.columns).filter((h): h is string => typeof h === 'string');
    expect(on!.blocks!.columns.map((c) => c.header)).toEqual(expect.arrayContaining(builtIn));
    const off = await mappingStep(
      handle.db,
      batchId,
      choicesFrom((n) => ({ ...fields, blocks: 'off' })[n]),
    );
    expect(off?.profile.yearBlocks).toBeUndefined();
    expect(on!.check.ok && off!.check.ok).toBe(true);
    if (!on!.check.ok || !off!.check.ok) return;
    expect(off!.check.outcome.rows).toBeGreaterThan(100);
    expect(on!.check.outcome.rows).toBe(6 * off!.check.outcome.rows);
  }, 120_000);
});
