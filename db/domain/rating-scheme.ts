/**
 * Rating schemes. Cities grade their projects differently (A/B/C, A–F, 1–5, Ⅰ–Ⅴ, verdict text),
 * so a scheme is data: criteria, each with ordered grades, each grade mapped to a common band.
 * Bands let distributions compare across cities whatever their letters.
 */

export const BANDS = ['good', 'middle', 'poor', 'not_comparable'] as const;
export type Band = (typeof BANDS)[number];

export const BAND_LABELS: Record<Band, { ja: string; en: string }> = {
  good: { ja: '良好', en: 'Good' },
  middle: { ja: '中位', en: 'Middle' },
  poor: { ja: '要改善', en: 'Poor' },
  not_comparable: { ja: '比較不可', en: 'Not comparable' },
};

/**
 * Which watchlist rule a criterion's 要改善 (poor band) grade trips: `poor` for a verdict on the
 * project's results or reason to exist (progress, effectiveness, 大船渡市's 公共関与の妥当性 …),
 * `efficiency` for value for money (効率性, 事業費の削減余地), none (null) for a criterion that
 * informs without judging the project (実施水準: the level compared with other cities). The
 * overview's 「要改善」評価 column counts the `poor` criteria too.
 */
export const WATCH_ROLES = ['poor', 'efficiency'] as const;
export type WatchRole = (typeof WATCH_ROLES)[number];

export interface GradeSpec {
  /** What a file writes in the grade column, e.g. `A`. */
  code: string;
  /** The sheet's wording, e.g. `計画どおり`; a file may write this instead of the code. */
  labelJa: string;
  labelEn: string;
  band: Band;
}

export interface CriterionSpec {
  /** Stable key used in URLs and code, e.g. `progress`. */
  key: string;
  labelJa: string;
  labelEn: string;
  /** Best first. */
  grades: GradeSpec[];
  /** The watchlist rule its poor band trips; absent means `poor`, null none (see WATCH_ROLES). */
  watch?: WatchRole | null;
}

export interface RatingSchemeSpec {
  name: string;
  criteria: CriterionSpec[];
}

/** The seed sheet's scheme (Isehara City): four criteria graded A/B/C. */
export const DEFAULT_RATING_SCHEME: RatingSchemeSpec = {
  name: '標準（進捗状況・実施水準・有効性・効率性）',
  criteria: [
    {
      key: 'progress',
      labelJa: '進捗状況',
      labelEn: 'Progress',
      grades: [
        { code: 'A', labelJa: '計画どおり', labelEn: 'As planned', band: 'good' },
        { code: 'B', labelJa: '概ね計画どおり', labelEn: 'Mostly as planned', band: 'middle' },
        { code: 'C', labelJa: '計画どおり進捗せず', labelEn: 'Behind plan', band: 'poor' },
      ],
    },
    {
      key: 'level',
      labelJa: '実施水準',
      labelEn: 'Level vs. other cities',
      // A comparison with other cities, not a verdict on the project itself.
      watch: null,
      grades: [
        { code: 'A', labelJa: '他市より高い水準で実施', labelEn: 'Higher than other cities', band: 'good' },
        { code: 'B', labelJa: '他市と同水準で実施', labelEn: 'Same as other cities', band: 'middle' },
        { code: 'C', labelJa: '他市より低い水準で実施', labelEn: 'Lower than other cities', band: 'poor' },
        { code: 'N', labelJa: '一律に比較できない事業', labelEn: 'Not comparable', band: 'not_comparable' },
      ],
    },
    {
      key: 'effectiveness',
      labelJa: '有効性',
      labelEn: 'Effectiveness',
      grades: [
        { code: 'A', labelJa: '高い', labelEn: 'High', band: 'good' },
        { code: 'B', labelJa: '普通', labelEn: 'Average', band: 'middle' },
        { code: 'C', labelJa: '低い', labelEn: 'Low', band: 'poor' },
      ],
    },
    {
      key: 'efficiency',
      labelJa: '効率性',
      labelEn: 'Efficiency',
      watch: 'efficiency',
      grades: [
        { code: 'A', labelJa: '効率的に実施されている', labelEn: 'Efficient', band: 'good' },
        { code: 'B', labelJa: '改善の余地がある', labelEn: 'Room for improvement', band: 'middle' },
        { code: 'C', labelJa: '抜本的な改善が必要である', labelEn: 'Needs fundamental change', band: 'poor' },
      ],
    },
  ],
};

/**
 * A criterion's watch role: as its scheme states it; else, for a criterion keyed like one of
 * the standard scheme's (a city grading 進捗状況 on its own letters), that criterion's role;
 * else `poor`, so a city's own verdicts trip the watchlist's poor rule.
 */
export function watchRoleOf(c: Pick<CriterionSpec, 'key' | 'watch'>): WatchRole | null {
  if (c.watch !== undefined) return c.watch;
  const standard = DEFAULT_RATING_SCHEME.criteria.find((d) => d.key === c.key);
  return standard && standard !== c ? watchRoleOf(standard) : 'poor';
}

/**
 * A grade as text: `A 計画どおり` for a coded grade; a verdict whose code is its own wording
 * (大船渡市's `妥当である`) once, not twice — in English its English label.
 */
export function gradeText(g: { code: string; labelJa: string; labelEn: string }, locale: 'ja' | 'en'): string {
  const label = locale === 'ja' ? g.labelJa : g.labelEn;
  if (g.code === g.labelJa) return label;
  return `${g.code} ${label}`;
}
