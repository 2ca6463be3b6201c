/**
 * A grade in a list's column (project list, watchlist): its code when short (A, 3, Ⅱ); a worded
 * grade (見直し余地がある) as its common band (要改善), so eight verdict columns stay light —
 * the list's key names the words once.
 */
import type { Locale } from '@/app/lib/i18n';
import { BAND_LABELS, type Band } from '@/db/domain/rating-scheme';

export const SHORT_GRADE_CHARS = 3;

export function listGradeText(grade: { code: string; band: Band }, locale: Locale): string {
  return [...grade.code].length <= SHORT_GRADE_CHARS ? grade.code : BAND_LABELS[grade.band][locale];
}
