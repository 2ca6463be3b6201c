/**
 * The national review's table 2-1 予算・執行_サマリ (RS system 2024): one row per project, 予算年度
 * and account. Summary rows (会計区分 empty) hold the project's totals; the per-account rows
 * below them are left out. Money in 円, national scale. 執行額（合計） (what was spent) is the
 * project cost. The budget figures (当初予算, 歳出予算現額, 翌年度要求額 …) have no column in
 * Hyoka's schema and are not kept (the original file is, with its batch).
 */
import { NATIONAL_BODY, NATIONAL_REVIEW_RATING } from './national-review-common';
import type { ProfileInput } from './schema';

export const nationalReview21Profile: ProfileInput = {
  version: 1,
  name: 'national-review-2-1',
  label: { ja: '行政事業レビュー 2-1（予算・執行サマリ）', en: 'National project review 2-1 (budget and execution summary)' },
  description: {
    ja: '会計区分が空の集計行だけを読み、予算年度ごとの執行額（合計）を事業費（円）として取り込みます。府省庁・局・庁は部・課に。予算額（当初予算・歳出予算現額など）は保存先がないため取り込みません',
    en: 'Reads the summary rows (会計区分 empty): 執行額（合計） per 予算年度 as the project cost (yen); 府省庁 / 局・庁 as department / section. Budget figures (initial, current) have no place in Hyoka and are not kept',
  },
  accepts: ['csv'],
  headerRow: 1,
  layout: 'columns',
  municipality: NATIONAL_BODY,
  moneyUnit: '円',
  amountCap: 'national',
  keepRows: [{ column: '会計区分', empty: true }],
  fiscalYear: { from: '予算年度' },
  columns: {
    事業番号: '予算事業ID',
    事業名: '事業名',
    部名: '府省庁',
    課名: '局・庁',
    '事業費合計（円）': '執行額（合計）',
  },
  rating: NATIONAL_REVIEW_RATING,
};
