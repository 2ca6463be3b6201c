/**
 * What the national review tables (行政事業レビュー, RS system) share: the national body as one
 * more "municipality", and the rating scheme of the review team's findings (4-1), which both
 * built-in profiles carry so either file may be loaded first.
 */
import type { ProfileInput } from './schema';

/** The national government, stored as an organisation like a city (no municipality code is 000000). */
export const NATIONAL_BODY = { code: '000000', name: '国' } as const;

/** 行政事業レビュー推進チームの所見: the review team's verdict, mapped to the common bands. */
export const NATIONAL_REVIEW_RATING = {
  name: '行政事業レビュー',
  criteria: [
    {
      key: 'review_team',
      labelJa: '行政事業レビュー推進チームの所見',
      labelEn: 'Review team finding',
      grades: [
        { code: '現状通り', labelJa: '現状通り', labelEn: 'Continue as is', band: 'good' },
        { code: '事業内容の一部改善', labelJa: '事業内容の一部改善', labelEn: 'Partly improve', band: 'middle' },
        { code: '事業全体の抜本的な改善', labelJa: '事業全体の抜本的な改善', labelEn: 'Fundamentally improve', band: 'poor' },
        { code: '廃止', labelJa: '廃止', labelEn: 'Abolish', band: 'poor' },
        // A project about to end is not judged against the others.
        { code: '終了予定', labelJa: '終了予定', labelEn: 'Ending', band: 'not_comparable' },
      ],
    },
  ],
} satisfies NonNullable<ProfileInput['rating']>;
