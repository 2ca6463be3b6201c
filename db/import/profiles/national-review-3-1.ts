/**
 * The national government's administrative project review (行政事業レビュー, RS system 2024),
 * table 3-1 効果発現経路_目標・実績: one row per indicator and measure (目標年度 / 目標値 /
 * 実績値 / 達成率), the years as columns (shared/realdata/national-review/rs2024-columns.csv).
 * Hyoka reads 目標値 and 実績値; 達成率 is recomputed from them, 目標年度 is not stored.
 */
import type { ProfileInput } from './schema';

export const nationalReview31Profile: ProfileInput = {
  version: 1,
  name: 'national-review-3-1',
  label: { ja: '行政事業レビュー 3-1（目標・実績、縦持ち）', en: 'National project review 3-1 (targets and results, long)' },
  description: {
    ja: '1行が1指標×区分（目標値・実績値など）、年度が列。事業ごと・年度ごとの指標の目標値と実績値を読み込みます（自治体コードは指定してください）',
    en: "One row per indicator × measure (target, actual …), years as columns; reads each indicator's target and actual per project and year (give the organisation code)",
  },
  accepts: ['csv', 'xlsx'],
  headerRow: 1,
  layout: 'indicator-rows',
  missing: ['-', 'ー', '該当なし'],
  indicatorRows: {
    identity: {
      事業番号: '予算事業ID',
      事業名: '事業名',
      部名: '府省庁',
      課名: '課',
    },
    name: '活動指標／成果指標',
    unit: '単位',
    kind: '種別（アクティビティ・アウトプット・アウトカム）',
    direction: '改善の上向き／下向き',
    measure: '目標年度／目標値／実績値／達成率',
    targetWords: ['目標値'],
    actualWords: ['実績値'],
    years: { from: 2007, to: 2100 },
  },
};
