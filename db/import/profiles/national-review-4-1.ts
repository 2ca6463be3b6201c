/**
 * The national review's table 4-1 点検・評価 (RS system 2024): one row per project (a few
 * projects repeat their row, differing only in その他の指摘事項, which is not read, so the
 * repeats collapse). The review team's finding is the graded criterion, its 詳細 the 総評, and
 * the improvement reflected in the budget request the way forward.
 */
import { NATIONAL_BODY, NATIONAL_REVIEW_RATING } from './national-review-common';
import type { ProfileInput } from './schema';

export const nationalReview41Profile: ProfileInput = {
  version: 1,
  name: 'national-review-4-1',
  label: { ja: '行政事業レビュー 4-1（点検・評価）', en: 'National project review 4-1 (review findings)' },
  description: {
    ja: '事業年度ごとに、行政事業レビュー推進チームの所見を評価、その詳細を総評、所見を踏まえた改善点を今後の方向性として取り込みます',
    en: "Per 事業年度: the review team's finding as a graded criterion, its details as the review, and the resulting improvement as the way forward",
  },
  accepts: ['csv'],
  headerRow: 1,
  layout: 'columns',
  municipality: NATIONAL_BODY,
  amountCap: 'national',
  fiscalYear: { from: '事業年度' },
  columns: {
    事業番号: '予算事業ID',
    事業名: '事業名',
    今後の方向性: '所見を踏まえた改善点／概算要求における反映状況',
    所管部長による総評: '行政事業レビュー推進チームの所見の詳細',
  },
  rating: {
    ...NATIONAL_REVIEW_RATING,
    criteria: NATIONAL_REVIEW_RATING.criteria.map((c) => ({ ...c, grade: '行政事業レビュー推進チームの所見' })),
  },
};
