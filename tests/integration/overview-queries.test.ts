/**
 * The overview's query functions on a tiny hand-built city whose figures are worked out by hand
 * below (not by the code under test), on both drivers.
 */
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../db/client';
import { canonicalHeader } from '../../db/import/format';
import { loadCsvFile } from '../../db/import/load';
import { getOverviewKpis, listFiscalYears, listMunicipalities } from '../../db/queries/overview';
import { getChildFigures } from '../../db/queries/policies';
import { DRIVERS_AND_WORKER, freshDatabase } from '../support/databases';

const base = { 市区町村コード: '999999', 市区町村名: 'テスト市', 年度: '令和5年度', 人口: '1,000' };
const rows = [
  // P1, goal 1: 100 + 50 = 150 千円. Indicators 12/10 = 1.2 and 2/4 = 0.5 → project 0.85.
  {
    ...base,
    事業番号: 'P1',
    事業名: '子育て支援事業',
    まちづくり目標番号: '1',
    まちづくり目標: '子育て',
    施策番号: '1',
    施策: '保育',
    事業費合計: '100',
    一般財源: '100',
    人件費合計: '50',
    正規職員人件費: '50',
    トータルコスト: '150',
    指標1名: '利用者数',
    指標1目標値: '10',
    指標1実績値: '12',
    指標2名: '相談件数',
    指標2目標値: '4',
    指標2実績値: '2',
  },
  // P2, goal 2: 1,000 + 200 = 1,200 千円. Lower is better: 5 ÷ 2 = 2.5, capped to 2.0 for the mean.
  {
    ...base,
    事業番号: 'P2',
    事業名: '健康づくり事業',
    まちづくり目標番号: '2',
    まちづくり目標: '福祉',
    施策番号: '2',
    施策: '健康',
    事業費合計: '1,000',
    一般財源: '1,000',
    人件費合計: '200',
    正規職員人件費: '200',
    トータルコスト: '1,200',
    指標1名: '待機者数',
    指標1方向: '低いほど良い',
    指標1目標値: '5',
    指標1実績値: '2',
  },
  // P3, goal 2: 0 + 30 = 30 千円. No target: attainment undefined, so P3 has none.
  {
    ...base,
    事業番号: 'P3',
    事業名: '福祉総務事務',
    まちづくり目標番号: '2',
    まちづくり目標: '福祉',
    施策番号: '2',
    施策: '健康',
    事業費合計: '0',
    人件費合計: '30',
    正規職員人件費: '30',
    トータルコスト: '30',
    指標1名: '会議回数',
    指標1目標値: '',
    指標1実績値: '3',
  },
  // P1 a year earlier, to prove the year filter: 10 千円, nothing else.
  {
    ...base,
    年度: '令和4年度',
    事業番号: 'P1',
    事業名: '子育て支援事業',
    まちづくり目標番号: '1',
    まちづくり目標: '子育て',
    施策番号: '1',
    施策: '保育',
    事業費合計: '10',
    一般財源: '10',
    トータルコスト: '10',
  },
];

describe.each(DRIVERS_AND_WORKER)('overview queries on %s', (driver) => {
  let handle: DbHandle;
  let municipalityId: number;

  beforeAll(async () => {
    handle = await freshDatabase(driver);
    const csv = Papa.unparse({ fields: canonicalHeader(2), data: rows.map((r) => canonicalHeader(2).map((h) => (r as Record<string, string>)[h] ?? '')) });
    await loadCsvFile(handle.db, new TextEncoder().encode(csv), { fileName: 'test-city.csv' });
    const [m] = await listMunicipalities(handle.db);
    municipalityId = m!.id;
    expect(m).toMatchObject({ code: '999999', name: 'テスト市' });
  });
  afterAll(() => handle?.close());

  it('lists fiscal years newest first', async () => {
    expect(await listFiscalYears(handle.db, municipalityId)).toEqual([2023, 2022]);
  });

  it('computes the KPIs of FY2023', async () => {
    const kpis = await getOverviewKpis(handle.db, { municipalityId, fiscalYear: 2023 });
    expect(kpis).toMatchObject({
      projectCount: 3,
      population: 1000,
      indicatorsWithAttainment: 3, // P1 ×2, P2; P3's has no target
      indicatorsAtTarget: 2, // 1.2 and 2.5
    });
    expect(Number(kpis.totalCost)).toBe(1380); // 150 + 1,200 + 30
    expect(kpis.costPerCitizen).toBe(1380); // 1,380 千円 × 1000 ÷ 1,000 人
    expect(kpis.medianAttainment).toBeCloseTo((0.85 + 2.0) / 2, 10);
  });

  it('splits cost per citizen by まちづくり目標', async () => {
    const goals = await getChildFigures(handle.db, { municipalityId, fiscalYear: 2023 });
    expect(goals.map((g) => [g.node?.number, g.node?.name, g.projectCount, Number(g.totalCost), g.costPerCitizen])).toEqual([
      ['1', '子育て', 1, 150, 150],
      ['2', '福祉', 2, 1230, 1230],
    ]);
  });

  it('keeps years apart and says so when the population is unknown', async () => {
    const kpis = await getOverviewKpis(handle.db, { municipalityId, fiscalYear: 2022 });
    expect(kpis).toMatchObject({ projectCount: 1, population: 1000, medianAttainment: null, indicatorsWithAttainment: 0 });
    expect(Number(kpis.totalCost)).toBe(10);
    const none = await getOverviewKpis(handle.db, { municipalityId, fiscalYear: 2019 });
    expect(none).toMatchObject({ projectCount: 0, population: null, costPerCitizen: null, totalCost: '0' });
  });
});
