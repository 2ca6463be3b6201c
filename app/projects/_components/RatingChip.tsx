/** A rating grade as a small coloured chip (colour = the grade's band), or 未評価 when there is none. */
import type { Locale } from '@/app/lib/i18n';
import { COMMON, pick } from '@/app/lib/i18n';
import type { GradeLabel } from '@/db/queries/projects';

export function RatingChip({ grade, locale, withLabel = false }: { grade: GradeLabel | null | undefined; locale: Locale; withLabel?: boolean }) {
  if (!grade) {
    return <span className="grade grade-none">{pick(COMMON, locale).notRated}</span>;
  }
  const label = locale === 'en' ? grade.labelEn : grade.labelJa;
  return (
    <span className="grade-with-label" title={label}>
      <span className={`grade band-${grade.band}`} data-band={grade.band}>
        {grade.code === grade.labelJa ? label : grade.code}
      </span>
      {withLabel && grade.code !== grade.labelJa && <span className="grade-label">{label}</span>}
    </span>
  );
}
