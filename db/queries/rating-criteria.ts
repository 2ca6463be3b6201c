/** A municipality's rating scheme as the pages read it: its criteria and their grades, in the sheet's order. */
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../client';
import type { Band } from '../domain/rating-scheme';
import { ratingCriteria, ratingGrades, ratingSchemes } from '../schema';

export interface GradeLabel {
  code: string;
  labelJa: string;
  labelEn: string;
  band: Band;
}

export interface RatingCriterion {
  key: string;
  labelJa: string;
  labelEn: string;
  /** Best first. */
  grades: GradeLabel[];
}

export async function listRatingCriteria(db: Db, municipalityId: number): Promise<RatingCriterion[]> {
  const rows = await db
    .select({
      key: ratingCriteria.key,
      criterionJa: ratingCriteria.labelJa,
      criterionEn: ratingCriteria.labelEn,
      code: ratingGrades.code,
      labelJa: ratingGrades.labelJa,
      labelEn: ratingGrades.labelEn,
      band: ratingGrades.band,
    })
    .from(ratingCriteria)
    .innerJoin(ratingSchemes, eq(ratingSchemes.id, ratingCriteria.schemeId))
    .innerJoin(ratingGrades, eq(ratingGrades.criterionId, ratingCriteria.id))
    .where(eq(ratingSchemes.municipalityId, municipalityId))
    .orderBy(asc(ratingCriteria.position), asc(ratingGrades.position));
  const criteria: RatingCriterion[] = [];
  for (const r of rows) {
    let c = criteria.at(-1);
    if (c?.key !== r.key) criteria.push((c = { key: r.key, labelJa: r.criterionJa, labelEn: r.criterionEn, grades: [] }));
    c.grades.push({ code: r.code, labelJa: r.labelJa, labelEn: r.labelEn, band: r.band });
  }
  return criteria;
}
