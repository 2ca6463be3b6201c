/**
 * A tiny hand-built city for the overview and policy queries' integration tests. Every figure
 * the tests expect is worked out by hand in the comments below (and in the tests), never by the
 * code under test.
 *
 * Policy tree (paths):                                        FY2023 projects
 *   1 子育て (政策の柱 子育て・教育)
 *     1/1 保育 › 1/1/1 保育サービス › 1/1/1/1 保育所の運営        P01 P02 P09
 *                                  › 1/1/1/2 学童保育             P03 P08
 *     1/2 教育 › 1/2/2 学力向上     › 1/2/2/3 学校教育             P04 P10
 *   2 福祉 (no 政策の柱; projects placed on the goal itself)        P05 P06
 *   3 環境 › 3/3 › 3/3/3 › 3/3/3/4 (only P11, only in FY2022)       —
 *   outside the tree (no policy columns)                          P07
 *
 * FY2023 (population 1,000), cost = 事業費 + 人件費 (千円), attainment = mean of capped ratios:
 *   P01  100 + 50  =  150   4 ÷ 5 = 0.8 exactly                      → band 80-100
 *   P02  200 + 0   =  200   5 ÷ 5 = 1.0 exactly                      → band 100-120
 *   P03  300 + 100 =  400   6 ÷ 5 = 1.2 exactly                      → band ge120
 *   P04 1000 + 200 = 1200   12 ÷ 10 = 1.2 and 2 ÷ 4 = 0.5 → 0.85     → band 80-100
 *   P05   50 + 0   =   50   lower is better 5 ÷ 2 = 2.5 → cap 2.0; a second indicator without
 *                           a target is left out (not averaged in as the cap)  → band ge120
 *   P06    0 + 30  =   30   no target → undefined                    → none
 *   P07   10 + 10  =   20   2 ÷ 5 = 0.4                              → band lt50
 *   P08    5 + 5   =   10   79.9 ÷ 100 = 0.799                       → band 50-80
 *   P09    1 + 0   =    1   no indicators at all → undefined         → none
 *   P10   40 + 0   =   40   1 ÷ 2 = 0.5 exactly                      → band 50-80
 *   total 2,101 千円; 2,101 円 per citizen.
 *
 * FY2022 (population 2,000): P01 90 千円, 5 ÷ 5 = 1.0; P11 (goal 3) 500 千円, 3 ÷ 4 = 0.75.
 *
 * Ratings FY2023 (進捗状況 / 実施水準 / 有効性 / 効率性; '' = not rated, N = 一律に比較できない):
 *   P01 A A A A   P02 A B B B   P03 B N C A   P04 C C C C   P05 A N A B
 *   P06 — — — —   P07 B B B B   P08 C B (reason only, no grade) C
 *   P09 A A A A   P10 B A C B
 */
import Papa from 'papaparse';
import type { Db } from '../../db/client';
import { canonicalHeader } from '../../db/import/format';
import { loadCsvFile } from '../../db/import/load';

const FY2023 = { 市区町村コード: '999999', 市区町村名: 'テスト市', 年度: '令和5年度', 人口: '1,000' };
const FY2022 = { ...FY2023, 年度: '令和4年度', 人口: '2,000' };

const GOAL1 = { 政策の柱: '子育て・教育', まちづくり目標番号: '1', まちづくり目標: '子育て' };
const M1 = { ...GOAL1, 基本政策番号: '1', 基本政策: '保育', 施策展開の方向番号: '1', 施策展開の方向: '保育サービス', 施策番号: '1', 施策: '保育所の運営' };
const M2 = { ...M1, 施策番号: '2', 施策: '学童保育' };
const M3 = { ...GOAL1, 基本政策番号: '2', 基本政策: '教育', 施策展開の方向番号: '2', 施策展開の方向: '学力向上', 施策番号: '3', 施策: '学校教育' };
const GOAL2 = { まちづくり目標番号: '2', まちづくり目標: '福祉' };
const M4 = {
  まちづくり目標番号: '3',
  まちづくり目標: '環境',
  基本政策番号: '3',
  基本政策: '環境保全',
  施策展開の方向番号: '3',
  施策展開の方向: 'ごみ減量',
  施策番号: '4',
  施策: '資源循環',
};

function cost(projectCost: string, staffCost: string) {
  return { 事業費合計: projectCost, 一般財源: projectCost, 人件費合計: staffCost, 正規職員人件費: staffCost };
}
function indicator(n: number, target: string, actual: string, lower = false) {
  return {
    [`指標${n}名`]: `指標${n}`,
    [`指標${n}目標値`]: target,
    [`指標${n}実績値`]: actual,
    ...(lower ? { [`指標${n}方向`]: '低いほど良い' } : {}),
  };
}
function grades(progress: string, level: string, effectiveness: string, efficiency: string) {
  return { 進捗状況: progress, 実施水準: level, 有効性: effectiveness, 効率性: efficiency };
}

export const PORTFOLIO_ROWS: Record<string, string>[] = [
  { ...FY2023, 事業番号: 'P01', 事業名: '保育所運営事業', ...M1, ...cost('100', '50'), ...indicator(1, '5', '4'), ...grades('A', 'A', 'A', 'A') },
  { ...FY2023, 事業番号: 'P02', 事業名: '保育士確保事業', ...M1, ...cost('200', '0'), ...indicator(1, '5', '5'), ...grades('A', 'B', 'B', 'B') },
  { ...FY2023, 事業番号: 'P03', 事業名: '学童保育事業', ...M2, ...cost('300', '100'), ...indicator(1, '5', '6'), ...grades('B', 'N', 'C', 'A') },
  {
    ...FY2023,
    事業番号: 'P04',
    事業名: '学力向上事業',
    ...M3,
    ...cost('1,000', '200'),
    ...indicator(1, '10', '12'),
    ...indicator(2, '4', '2'),
    ...grades('C', 'C', 'C', 'C'),
  },
  {
    ...FY2023,
    事業番号: 'P05',
    事業名: '待機者解消事業',
    ...GOAL2,
    ...cost('50', '0'),
    ...indicator(1, '5', '2', true),
    ...indicator(2, '', '7'),
    ...grades('A', 'N', 'A', 'B'),
  },
  { ...FY2023, 事業番号: 'P06', 事業名: '福祉総務事務', ...GOAL2, ...cost('0', '30'), ...indicator(1, '', '3'), ...grades('', '', '', '') },
  { ...FY2023, 事業番号: 'P07', 事業名: '庁舎管理事務', ...cost('10', '10'), ...indicator(1, '5', '2'), ...grades('B', 'B', 'B', 'B') },
  {
    ...FY2023,
    事業番号: 'P08',
    事業名: '学童指導員研修事業',
    ...M2,
    ...cost('5', '5'),
    ...indicator(1, '100', '79.9'),
    ...grades('C', 'B', '', 'C'),
    有効性の理由: '評価は次年度に行う',
  },
  { ...FY2023, 事業番号: 'P09', 事業名: '保育所施設点検事務', ...M1, ...cost('1', '0'), ...grades('A', 'A', 'A', 'A') },
  { ...FY2023, 事業番号: 'P10', 事業名: '学校図書事業', ...M3, ...cost('40', '0'), ...indicator(1, '2', '1'), ...grades('B', 'A', 'C', 'B') },
  { ...FY2022, 事業番号: 'P01', 事業名: '保育所運営事業', ...M1, ...cost('90', '0'), ...indicator(1, '5', '5'), ...grades('A', 'A', 'A', 'A') },
  { ...FY2022, 事業番号: 'P11', 事業名: '資源回収事業', ...M4, ...cost('500', '0'), ...indicator(1, '4', '3'), ...grades('B', 'B', 'B', 'B') },
];

/** Loads the city through the real importer. */
export async function loadPortfolioCity(db: Db): Promise<void> {
  const header = canonicalHeader(2);
  const csv = Papa.unparse({ fields: header, data: PORTFOLIO_ROWS.map((r) => header.map((h) => r[h] ?? '')) });
  await loadCsvFile(db, new TextEncoder().encode(csv), { fileName: 'portfolio-city.csv' });
}
