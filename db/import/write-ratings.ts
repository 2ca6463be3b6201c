/** A record's ratings, checked against its municipality's criteria and grades. */
import { eq, inArray } from 'drizzle-orm';
import { normalizeWidth } from '../domain/numbers';
import { ratingCriteria, ratingGrades, ratingSchemes, ratings } from '../schema';
import type { Problem } from './problems';
import type { SheetRecord } from './read-canonical';
import { copyInto, type Cell } from './bulk';
import { type Tx, chunks } from './write-common';

/** postgres.js returns booleans, PGlite too, but be tolerant of 't'/'true' text. */
export const isTrue = (value: boolean | string) => value === true || value === 't' || value === 'true';

/** Grade text as files write it: `A`, `Ａ`, `計画どおり`, or `計画どおり (A)`. */
function gradeKey(text: string): string {
  return normalizeWidth(text).replace(/\s+/g, '').toUpperCase();
}

export interface Criterion {
  id: number;
  labelJa: string;
  grades: Map<string, number>;
  codes: string[];
}

/** Each municipality's rating criteria by key, with every accepted spelling of each grade. */
export async function loadCriteria(tx: Tx, municipalityIds: number[]): Promise<Map<number, Map<string, Criterion>>> {
  const grades = await tx
    .select({
      municipalityId: ratingSchemes.municipalityId,
      criterionId: ratingCriteria.id,
      key: ratingCriteria.key,
      labelJa: ratingCriteria.labelJa,
      gradeId: ratingGrades.id,
      code: ratingGrades.code,
      gradeLabel: ratingGrades.labelJa,
    })
    .from(ratingGrades)
    .innerJoin(ratingCriteria, eq(ratingGrades.criterionId, ratingCriteria.id))
    .innerJoin(ratingSchemes, eq(ratingCriteria.schemeId, ratingSchemes.id))
    .where(inArray(ratingSchemes.municipalityId, municipalityIds));
  const byMunicipality = new Map<number, Map<string, Criterion>>(municipalityIds.map((id) => [id, new Map()]));
  for (const g of grades) {
    const criteria = byMunicipality.get(g.municipalityId)!;
    let c = criteria.get(g.key);
    if (!c) criteria.set(g.key, (c = { id: g.criterionId, labelJa: g.labelJa, grades: new Map(), codes: [] }));
    c.codes.push(g.code);
    for (const k of [g.code, g.gradeLabel, `${g.gradeLabel}(${g.code})`]) c.grades.set(gradeKey(k), g.gradeId);
  }
  return byMunicipality;
}

export async function replaceRatings(
  tx: Tx,
  records: SheetRecord[],
  ids: Map<string, number>,
  criteriaByMunicipality: Map<number, Map<string, Criterion>>,
  evaluationIds: Map<SheetRecord, number>,
  replacedIds: number[],
  fileName: string,
): Promise<Problem[]> {
  const problems: Problem[] = [];
  const rows: Cell[][] = [];
  for (const r of records) {
    const criteria = criteriaByMunicipality.get(ids.get(r.municipalityCode)!)!;
    for (const rating of r.ratings) {
      const criterion = criteria.get(rating.criterionKey);
      if (!criterion || (rating.grade === null && rating.reason === null)) continue;
      let gradeId: number | null = null;
      if (rating.grade !== null) {
        gradeId = criterion.grades.get(gradeKey(rating.grade)) ?? null;
        if (gradeId === null) {
          problems.push({
            severity: 'error',
            file: fileName,
            line: r.line,
            column: criterion.labelJa,
            value: rating.grade,
            message: {
              ja: `「${criterion.labelJa}」の評価「${rating.grade}」は評価基準にありません（使える値: ${criterion.codes.join('・')}）`,
              en: `"${rating.grade}" is not a grade of ${criterion.labelJa} (allowed: ${criterion.codes.join(', ')})`,
            },
          });
          continue;
        }
      }
      rows.push([evaluationIds.get(r)!, criterion.id, gradeId, rating.reason]);
    }
  }
  if (problems.length > 0) return problems;

  for (const part of chunks(replacedIds, 5000)) {
    await tx.delete(ratings).where(inArray(ratings.evaluationId, part));
  }
  // The old ratings are gone, so the new ones go straight into the table: no staging needed.
  await copyInto(tx, 'ratings', ['evaluation_id', 'criterion_id', 'grade_id', 'reason'], rows);
  return [];
}
