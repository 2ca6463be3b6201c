/**
 * Three tiny municipalities for the benchmark's integration tests (tests/integration/
 * compare-queries.test.ts), every figure worked out by hand here. Their plans number the same
 * まちづくり目標 differently, so the benchmark must match by name.
 *
 * A市 (999901, population 1,000), FY2023:
 *   goal 1 子育て › 1/1 › 1/1/1 › 施策 1/1/1/1 保育所の運営
 *     A1 保育所運営事業   100 + 0   = 100 千円, 5 ÷ 5 = 1.0, 有効性 A (good)
 *     A2 保育士確保事業   200 + 100 = 300 千円, 4 ÷ 5 = 0.8, 有効性 C (poor)
 *   goal 2 福祉
 *     A3 福祉総務事務      50 千円, no indicator, not rated
 * B町 (999902, population 500), FY2023:
 *   goal 1 福祉:            B3 地域福祉事業 30 千円, 有効性 B
 *   goal 2 子育て › 2/5 › 2/5/5 › 施策 2/5/5/5 保育所の運営
 *     B1 保育所運営補助事業  50 + 50 = 100 千円, 6 ÷ 5 = 1.2, 有効性 A (good)
 *     B2 学童保育事業        20 千円, 3 ÷ 4 = 0.75, 有効性 B (middle)
 * C村 (999903, no population given), FY2023:
 *   goal 1 環境:            C1 ごみ減量事業 10 千円
 */
import Papa from 'papaparse';
import type { Db } from '../../db/client';
import { canonicalHeader } from '../../db/import/format';
import { loadCsvFile } from '../../db/import/load';

const A = { 市区町村コード: '999901', 市区町村名: 'A市', 年度: '2023', 人口: '1000' };
const B = { 市区町村コード: '999902', 市区町村名: 'B町', 年度: '2023', 人口: '500' };
const C = { 市区町村コード: '999903', 市区町村名: 'C村', 年度: '2023', 人口: '' };

const nursery = (goal: string, n: string) => ({
  まちづくり目標番号: goal,
  まちづくり目標: '子育て',
  基本政策番号: n,
  基本政策: '保育',
  施策展開の方向番号: n,
  施策展開の方向: '保育サービス',
  施策番号: n,
  施策: '保育所の運営',
});
const goal = (number: string, name: string) => ({ まちづくり目標番号: number, まちづくり目標: name });
const cost = (projectCost: string, staffCost: string) => ({ 事業費合計: projectCost, 一般財源: projectCost, 人件費合計: staffCost, 正規職員人件費: staffCost });
const indicator = (target: string, actual: string) => ({ 指標1名: '利用者数', 指標1目標値: target, 指標1実績値: actual });

export const THREE_TOWNS_ROWS: Record<string, string>[] = [
  { ...A, 事業番号: 'A1', 事業名: '保育所運営事業', ...nursery('1', '1'), ...cost('100', '0'), ...indicator('5', '5'), 有効性: 'A' },
  { ...A, 事業番号: 'A2', 事業名: '保育士確保事業', ...nursery('1', '1'), ...cost('200', '100'), ...indicator('5', '4'), 有効性: 'C' },
  { ...A, 事業番号: 'A3', 事業名: '福祉総務事務', ...goal('2', '福祉'), ...cost('50', '0') },
  { ...B, 事業番号: 'B1', 事業名: '保育所運営補助事業', ...nursery('2', '5'), ...cost('50', '50'), ...indicator('5', '6'), 有効性: 'A' },
  { ...B, 事業番号: 'B2', 事業名: '学童保育事業', ...nursery('2', '5'), ...cost('20', '0'), ...indicator('4', '3'), 有効性: 'B' },
  { ...B, 事業番号: 'B3', 事業名: '地域福祉事業', ...goal('1', '福祉'), ...cost('30', '0'), 有効性: 'B' },
  { ...C, 事業番号: 'C1', 事業名: 'ごみ減量事業', ...goal('1', '環境'), ...cost('10', '0') },
];

export async function loadThreeTowns(db: Db): Promise<void> {
  const header = canonicalHeader(1);
  const csv = Papa.unparse({ fields: header, data: THREE_TOWNS_ROWS.map((r) => header.map((h) => r[h] ?? '')) });
  await loadCsvFile(db, new TextEncoder().encode(csv), { fileName: 'three-towns.csv' });
}
