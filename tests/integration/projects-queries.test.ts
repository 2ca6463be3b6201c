/**
 * The project list, its CSV export and the project sheet's queries, on a small hand-built pair
 * of cities whose figures are worked out by hand below (not by the code under test), on both
 * drivers.
 */
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../db/client';
import { encodeCsv, projectsCsvText } from '../../db/export/projects-csv';
import { canonicalHeader } from '../../db/import/format';
import { decode, loadCsvFile } from '../../db/import/load';
import { listMunicipalities } from '../../db/queries/overview';
import { findProject, getIndicatorYears, getProjectYears, getRatingYears, getSheetHeader, listProjectMunicipalities } from '../../db/queries/project-sheet';
import {
  countProjects,
  exportProjects,
  listDepartments,
  listPolicyOptions,
  listProjects,
  listRatingCriteria,
  PROJECT_PAGE_SIZE,
  type ProjectFilter,
  type ProjectOrder,
} from '../../db/queries/projects';
import { DRIVERS_AND_WORKER, freshDatabase } from '../support/databases';

const city = { 市区町村コード: '999999', 市区町村名: 'テスト市', 人口: '1,000' };
const y2023 = { ...city, 年度: '令和5年度' };
const y2022 = { ...city, 年度: '令和4年度' };
const p1 = {
  事業番号: 'P1',
  事業名: '子育て支援事業',
  部名: '子ども部',
  課名: '子育て課',
  政策の柱: '暮らし',
  まちづくり目標番号: '1',
  まちづくり目標: '子育て',
  基本政策番号: '1',
  基本政策: '保育',
};
const p2 = {
  事業番号: 'P2',
  事業名: '健康づくり事業',
  部名: '保健部',
  課名: '健康課',
  まちづくり目標番号: '2',
  まちづくり目標: '福祉',
  基本政策番号: '2',
  基本政策: '健康',
};
const p3 = {
  事業番号: 'P3',
  事業名: '福祉総務事務',
  部名: '保健部',
  課名: '福祉課',
  まちづくり目標番号: '2',
  まちづくり目標: '福祉',
  基本政策番号: '3',
  基本政策: '福祉総務',
};
// Goal 10: its path '10/4' must not match the policy filter '1'.
const a10 = {
  事業番号: 'A-10',
  事業名: 'デジタル推進事業',
  部名: '総務部',
  課名: '情報課',
  まちづくり目標番号: '10',
  まちづくり目標: '情報化',
  基本政策番号: '4',
  基本政策: '情報',
};

const rows = [
  // P1 FY2023: 100 + 50 = 150 千円; FY2022 100 + 20 = 120 → change (150 − 120) ÷ 120 = +0.25.
  // Indicators 12/10 = 1.2 and 2/4 = 0.5 → attainment (1.2 + 0.5) ÷ 2 = 0.85. Rated A/B/C/B.
  {
    ...y2023,
    ...p1,
    事業費合計: '100',
    国県支出金: '40',
    一般財源: '60',
    正規職員人数: '0.5人',
    正規職員人件費: '50',
    人件費合計: '50',
    トータルコスト: '150',
    対象数定義: '世帯',
    対象数: '300',
    対象数単位: '世帯',
    実施方法: '直接実施',
    実施した取組の内容: '相談会を開いた。',
    進捗状況: 'A',
    進捗状況の理由: '計画どおり。',
    実施水準: 'B',
    有効性: 'C',
    有効性の理由: '利用が少ない。',
    効率性: 'B',
    所管部長による総評: '周知を強める。',
    今後の方向性: '改善',
    指標1名: '利用者数',
    指標1単位: '人',
    指標1種別: '成果指標',
    指標1目標値: '10',
    指標1実績値: '12',
    指標2名: '相談件数',
    指標2単位: '件',
    指標2種別: '活動指標',
    指標2目標値: '4',
    指標2実績値: '2',
  },
  {
    ...y2022,
    ...p1,
    事業費合計: '100',
    一般財源: '100',
    人件費合計: '20',
    トータルコスト: '120',
    指標1名: '利用者数',
    指標1単位: '人',
    指標1目標値: '10',
    指標1実績値: '5',
  },
  // P2 FY2023: 1,000 + 200 = 1,200 千円, not evaluated in FY2022 → change undefined.
  // Lower is better: 5 ÷ 2 = 2.5, capped to 2.0. 進捗状況 B, 有効性 C; 実施水準 and 効率性 blank (not rated).
  {
    ...y2023,
    ...p2,
    事業費合計: '1,000',
    一般財源: '1,000',
    人件費合計: '200',
    トータルコスト: '1,200',
    進捗状況: 'B',
    有効性: 'C',
    指標1名: '待機者数',
    指標1方向: '低いほど良い',
    指標1目標値: '5',
    指標1実績値: '2',
  },
  // P3 FY2023: 0 + 30 = 30 千円; FY2022 40 + 0 = 40 → change (30 − 40) ÷ 40 = −0.25.
  // Its indicator has no target: attainment undefined. No rating at all.
  { ...y2023, ...p3, 事業費合計: '0', 人件費合計: '30', トータルコスト: '30', 指標1名: '会議回数', 指標1目標値: '', 指標1実績値: '3' },
  { ...y2022, ...p3, 事業費合計: '40', 一般財源: '40', トータルコスト: '40' },
  // A-10 FY2023: 500.5 + 0 = 500.5 千円 (decimals stay exact); FY2022 cost 0 → change undefined (÷ 0).
  // 3/3 = 1.0. Only 有効性 rated (A).
  {
    ...y2023,
    ...a10,
    事業費合計: '500.5',
    一般財源: '500.5',
    トータルコスト: '500.5',
    有効性: 'A',
    指標1名: 'オンライン申請数',
    指標1目標値: '3',
    指標1実績値: '3',
  },
  { ...y2022, ...a10, 事業費合計: '0', トータルコスト: '0' },
  // Another city with the same code P1 and no population: never in テスト市's list.
  {
    市区町村コード: '999998',
    市区町村名: '別市',
    年度: '令和5年度',
    事業番号: 'P1',
    事業名: '別市の事業',
    部名: '子ども部',
    事業費合計: '7',
    トータルコスト: '7',
  },
];

describe.each(DRIVERS_AND_WORKER)('project list and sheet queries on %s', (driver) => {
  let handle: DbHandle;
  let cityId: number;
  let otherId: number;
  const scope = () => ({ municipalityId: cityId, fiscalYear: 2023 }) satisfies ProjectFilter;
  const codes = async (filter: Partial<ProjectFilter>, order: ProjectOrder = { sort: 'code', dir: 'asc' }) =>
    (await listProjects(handle.db, { ...scope(), ...filter }, order)).rows.map((r) => r.code);

  beforeAll(async () => {
    handle = await freshDatabase(driver);
    const header = canonicalHeader(2);
    const csv = Papa.unparse({ fields: header, data: rows.map((r) => header.map((h) => (r as Record<string, string>)[h] ?? '')) });
    await loadCsvFile(handle.db, new TextEncoder().encode(csv), { fileName: 'projects-test.csv' });
    const municipalities = await listMunicipalities(handle.db);
    otherId = municipalities.find((m) => m.code === '999998')!.id;
    cityId = municipalities.find((m) => m.code === '999999')!.id;
  });
  afterAll(() => handle?.close());

  it('lists one city and year with every figure', async () => {
    const page = await listProjects(handle.db, scope(), { sort: 'code', dir: 'asc' });
    expect(page).toMatchObject({ total: 4, page: 1, pageCount: 1, pageSize: PROJECT_PAGE_SIZE, population: 1000 });
    // "C" collation: 'A-10' < 'P1' < 'P2' < 'P3'.
    expect(page.rows.map((r) => r.code)).toEqual(['A-10', 'P1', 'P2', 'P3']);
    const [a, p1row, p2row, p3row] = page.rows;
    expect(p1row).toMatchObject({
      name: '子育て支援事業',
      department: '子ども部',
      section: '子育て課',
      goal: { path: '1', number: '1', name: '子育て' },
      policy: { path: '1/1', number: '1', name: '保育' },
      costPerCitizen: 150, // 150 千円 × 1000 ÷ 1,000 人
    });
    expect(Number(p1row!.totalCost)).toBe(150);
    expect(Number(p1row!.previousTotalCost)).toBe(120);
    expect(p1row!.change).toBeCloseTo(0.25, 12);
    expect(p1row!.attainment).toBeCloseTo(0.85, 12);
    expect(Object.fromEntries(Object.entries(p1row!.ratings).map(([k, g]) => [k, g?.code]))).toEqual({
      progress: 'A',
      level: 'B',
      effectiveness: 'C',
      efficiency: 'B',
    });
    expect(p1row!.ratings.effectiveness).toMatchObject({ labelJa: '低い', labelEn: 'Low', band: 'poor' });

    expect(p2row).toMatchObject({ previousTotalCost: null, change: null, attainment: 2 });
    expect(Object.keys(p2row!.ratings).sort()).toEqual(['effectiveness', 'progress']);
    expect(p3row).toMatchObject({ attainment: null, ratings: {} });
    expect(p3row!.change).toBeCloseTo(-0.25, 12);
    expect(a).toMatchObject({ totalCost: expect.stringMatching(/^500\.50*$/), change: null, attainment: 1, costPerCitizen: 500.5 });
    expect(Number(a!.previousTotalCost)).toBe(0);
  });

  it('sorts by each column, values first and missing ones last, ties by code', async () => {
    expect(await codes({}, { sort: 'totalCost', dir: 'desc' })).toEqual(['P2', 'A-10', 'P1', 'P3']); // 1200, 500.5, 150, 30
    expect(await codes({}, { sort: 'totalCost', dir: 'asc' })).toEqual(['P3', 'P1', 'A-10', 'P2']);
    // Numeric, not text: '1200' would sort before '150' and '30' as text.
    expect(await codes({}, { sort: 'costPerCitizen', dir: 'asc' })).toEqual(['P3', 'P1', 'A-10', 'P2']);
    expect(await codes({}, { sort: 'change', dir: 'asc' })).toEqual(['P3', 'P1', 'A-10', 'P2']); // −0.25, +0.25, —, —
    expect(await codes({}, { sort: 'change', dir: 'desc' })).toEqual(['P1', 'P3', 'A-10', 'P2']);
    expect(await codes({}, { sort: 'attainment', dir: 'desc' })).toEqual(['P2', 'A-10', 'P1', 'P3']); // 2.0, 1.0, 0.85, —
    expect(await codes({}, { sort: 'attainment', dir: 'asc' })).toEqual(['P1', 'A-10', 'P2', 'P3']);
    expect(await codes({}, { sort: 'code', dir: 'desc' })).toEqual(['P3', 'P2', 'P1', 'A-10']);
    // Code points: デ U+30C7 < 健 U+5065 < 子 U+5B50 < 福 U+798F.
    expect(await codes({}, { sort: 'name', dir: 'asc' })).toEqual(['A-10', 'P2', 'P1', 'P3']);
  });

  it('pages on the server and clamps a page past the end', async () => {
    const order: ProjectOrder = { sort: 'totalCost', dir: 'desc' };
    const first = await listProjects(handle.db, scope(), order, 1, 3);
    expect(first).toMatchObject({ total: 4, page: 1, pageCount: 2 });
    expect(first.rows.map((r) => r.code)).toEqual(['P2', 'A-10', 'P1']);
    const second = await listProjects(handle.db, scope(), order, 2, 3);
    expect(second.rows.map((r) => r.code)).toEqual(['P3']);
    const past = await listProjects(handle.db, scope(), order, 99, 3);
    expect(past.page).toBe(2);
    expect(past.rows.map((r) => r.code)).toEqual(['P3']);
  });

  it('filters by department, policy subtree, rating and text', async () => {
    expect(await codes({ department: '保健部' })).toEqual(['P2', 'P3']);
    expect(await codes({ department: '存在しない部' })).toEqual([]);
    expect(await codes({ policyPath: '2' })).toEqual(['P2', 'P3']);
    expect(await codes({ policyPath: '2/3' })).toEqual(['P3']);
    expect(await codes({ policyPath: '1' })).toEqual(['P1']); // not '10/4'
    expect(await codes({ policyPath: '10' })).toEqual(['A-10']);
    expect(await codes({ rating: { criterionKey: 'effectiveness', grade: 'C' } })).toEqual(['P1', 'P2']);
    expect(await codes({ rating: { criterionKey: 'effectiveness', grade: null } })).toEqual(['P3']);
    expect(await codes({ rating: { criterionKey: 'level', grade: null } })).toEqual(['A-10', 'P2', 'P3']);
    expect(await codes({ q: '健康' })).toEqual(['P2']);
    expect(await codes({ q: '事業' })).toEqual(['A-10', 'P1', 'P2']);
    expect(await codes({ q: 'a-1' })).toEqual(['A-10']);
    expect(await codes({ q: 'Ａ－１' })).toEqual(['A-10']); // full-width code
    expect(await codes({ q: "%' or 1=1 --" })).toEqual([]); // bound, not interpolated
    expect(await codes({ department: '保健部', rating: { criterionKey: 'effectiveness', grade: 'C' } })).toEqual(['P2']);
    expect(await countProjects(handle.db, { ...scope(), policyPath: '2' })).toBe(2);
  });

  it('filters by attainment band, boundaries going to the higher band', async () => {
    // P1 0.85, A-10 exactly 1.0, P2 2.0 (capped), P3 undefined.
    expect(await codes({ attainment: '80-100' })).toEqual(['P1']);
    expect(await codes({ attainment: '100-120' })).toEqual(['A-10']);
    expect(await codes({ attainment: 'ge120' })).toEqual(['P2']);
    expect(await codes({ attainment: 'none' })).toEqual(['P3']);
    expect(await codes({ attainment: 'lt50' })).toEqual([]);
    expect(await codes({ attainment: '50-80' })).toEqual([]);
    expect(await countProjects(handle.db, { ...scope(), attainment: '80-100', department: '子ども部' })).toBe(1);
    expect(await countProjects(handle.db, { ...scope(), attainment: '80-100', department: '保健部' })).toBe(0);
    // FY2022: P1 5 ÷ 10 = exactly 0.5 → 50–80 %; A-10 and P3 have no indicator values that year.
    const fy2022 = { municipalityId: cityId, fiscalYear: 2022 };
    const in2022 = async (attainment: ProjectFilter['attainment']) =>
      (await listProjects(handle.db, { ...fy2022, attainment }, { sort: 'code', dir: 'asc' })).rows.map((r) => r.code);
    expect(await in2022('50-80')).toEqual(['P1']);
    expect(await in2022('lt50')).toEqual([]);
    expect(await in2022('none')).toEqual(['A-10', 'P3']);
  });

  it('keeps years and cities apart', async () => {
    const fy2022 = await listProjects(handle.db, { municipalityId: cityId, fiscalYear: 2022 }, { sort: 'code', dir: 'asc' });
    expect(fy2022.rows.map((r) => [r.code, Number(r.totalCost), r.change])).toEqual([
      ['A-10', 0, null],
      ['P1', 120, null], // nothing in FY2021
      ['P3', 40, null],
    ]);
    expect(fy2022.rows[1]!.attainment).toBeCloseTo(0.5, 12); // 5 ÷ 10
    const other = await listProjects(handle.db, { municipalityId: otherId, fiscalYear: 2023 }, { sort: 'code', dir: 'asc' });
    expect(other).toMatchObject({ total: 1, population: null });
    expect(other.rows[0]).toMatchObject({ code: 'P1', name: '別市の事業', costPerCitizen: null, goal: null, policy: null });
  });

  it('exports every filtered row in list order, as CSV in UTF-8 with BOM or Shift_JIS', async () => {
    const order: ProjectOrder = { sort: 'totalCost', dir: 'desc' };
    const all = await exportProjects(handle.db, scope(), order);
    expect(all.map((r) => r.code)).toEqual(['P2', 'A-10', 'P1', 'P3']);
    const filtered = await exportProjects(handle.db, { ...scope(), department: '保健部' }, order);
    expect(filtered.map((r) => r.code)).toEqual(['P2', 'P3']);

    const criteria = await listRatingCriteria(handle.db, cityId);
    const text = projectsCsvText(all, { municipalityCode: '999999', fiscalYear: 2023, criteria });
    const lines = text.split('\r\n');
    expect(lines[0]).toBe(
      '市区町村コード,年度,事業番号,事業名,部名,課名,まちづくり目標番号,まちづくり目標,施策番号,施策,' +
        'トータルコスト（千円）,前年度トータルコスト（千円）,前年度比（%）,市民1人当たりコスト（円）,目標達成率（%）,' +
        '進捗状況,実施水準,有効性,効率性',
    );
    expect(lines.slice(1, 5)).toEqual([
      '999999,2023,P2,健康づくり事業,保健部,健康課,2,福祉,2,健康,1200,,,1200.00,200.0,B,未評価,C,未評価',
      '999999,2023,A-10,デジタル推進事業,総務部,情報課,10,情報化,4,情報,500.5,0,,500.50,100.0,未評価,未評価,A,未評価',
      '999999,2023,P1,子育て支援事業,子ども部,子育て課,1,子育て,1,保育,150,120,25.0,150.00,85.0,A,B,C,B',
      '999999,2023,P3,福祉総務事務,保健部,福祉課,2,福祉,3,福祉総務,30,40,-25.0,30.00,,未評価,未評価,未評価,未評価',
    ]);
    expect(lines.slice(5)).toEqual(['']); // one row per project, a final CRLF

    const utf8 = encodeCsv(text, 'utf8');
    expect([...utf8.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(decode(utf8)).toEqual({ text, encoding: 'UTF-8 (BOM)' });
    const sjis = encodeCsv(text, 'sjis');
    expect(decode(sjis)).toEqual({ text, encoding: 'Shift_JIS (CP932)' });
    expect(sjis.length).toBeLessThan(utf8.length); // two bytes a kana/kanji instead of three
  });

  it('offers departments, the policy tree in reading order and the rating scheme', async () => {
    expect(await listDepartments(handle.db, cityId)).toEqual(['保健部', '子ども部', '総務部']); // 保 < 子 < 総
    expect((await listPolicyOptions(handle.db, cityId)).map((p) => [p.path, p.level, p.name])).toEqual([
      ['1', 1, '子育て'],
      ['1/1', 2, '保育'],
      ['2', 1, '福祉'],
      ['2/2', 2, '健康'],
      ['2/3', 2, '福祉総務'],
      ['10', 1, '情報化'],
      ['10/4', 2, '情報'],
    ]);
    const criteria = await listRatingCriteria(handle.db, cityId);
    expect(criteria.map((c) => [c.key, c.labelJa, c.grades.map((g) => g.code).join('')])).toEqual([
      ['progress', '進捗状況', 'ABC'],
      ['level', '実施水準', 'ABCN'],
      ['effectiveness', '有効性', 'ABC'],
      ['efficiency', '効率性', 'ABC'],
    ]);
  });

  it('finds the sheet of a code shared by two cities, with its header and policy path', async () => {
    expect((await listProjectMunicipalities(handle.db, 'P1')).map((m) => [m.code, m.name])).toEqual([
      ['999998', '別市'],
      ['999999', 'テスト市'],
    ]);
    expect(await listProjectMunicipalities(handle.db, 'nope')).toEqual([]);
    const project = await findProject(handle.db, '999999', 'P1');
    const header = await getSheetHeader(handle.db, project!.id);
    expect(header).toMatchObject({ municipalityCode: '999999', municipalityName: 'テスト市', department: '子ども部', section: '子育て課' });
    expect(header!.policy.map((s) => [s.level, s.path, s.number, s.name])).toEqual([
      [0, 'pillar:暮らし', null, '暮らし'],
      [1, '1', '1', '子育て'],
      [2, '1/1', '1', '保育'],
    ]);
    const other = await findProject(handle.db, '999998', 'P1');
    expect((await getSheetHeader(handle.db, other!.id))!.policy).toEqual([]);
  });

  it('reads every year of the sheet: costs, population, texts, indicators and ratings', async () => {
    const project = await findProject(handle.db, '999999', 'P1');
    const years = await getProjectYears(handle.db, project!.id);
    expect(years.map((y) => [y.fiscalYear, Number(y.totalCost), y.population, y.costPerCitizen])).toEqual([
      [2022, 120, 1000, 120],
      [2023, 150, 1000, 150],
    ]);
    const y = years[1]!;
    expect([y.projectCost, y.nationalPrefectural, y.generalFunds, y.regularStaffFte, y.staffCost].map(Number)).toEqual([100, 40, 60, 0.5, 50]);
    expect(y).toMatchObject({
      localBonds: null,
      implementationMethod: '直接実施',
      activities: '相談会を開いた。',
      review: '周知を強める。',
      direction: '改善',
      targetUnit: '世帯',
    });
    expect(y.unitCostYen).toBe(500); // 150 千円 × 1000 ÷ 300 世帯

    const indicators = await getIndicatorYears(handle.db, project!.id);
    expect(indicators.map((i) => [i.position, i.name, i.kind, i.fiscalYear, i.attainment])).toEqual([
      [1, '利用者数', 'outcome', 2022, 0.5],
      [1, '利用者数', 'outcome', 2023, 1.2],
      [2, '相談件数', 'activity', 2023, 0.5],
    ]);

    const ratings = await getRatingYears(handle.db, project!.id);
    expect(ratings.map((r) => [r.fiscalYear, r.criterionKey, r.grade, r.gradeLabelEn, r.reason])).toEqual([
      [2023, 'progress', 'A', 'As planned', '計画どおり。'],
      [2023, 'level', 'B', 'Same as other cities', null],
      [2023, 'effectiveness', 'C', 'Low', '利用が少ない。'],
      [2023, 'efficiency', 'B', 'Room for improvement', null],
    ]);
  });
});
