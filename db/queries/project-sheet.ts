/**
 * One project's sheet across its fiscal years: costs, derived figures, indicators and ratings.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { attainmentSql, totalCostSql } from '../domain/metrics';
import {
  evaluations,
  indicatorValues,
  indicators,
  municipalities,
  projects,
  ratingCriteria,
  ratingGrades,
  ratings,
} from '../schema';

export interface ProjectYear {
  fiscalYear: number;
  projectCost: string | null;
  staffCost: string | null;
  /** 千円: 事業費 + 人件費. */
  totalCost: string;
  targetCount: string | null;
  /** 円 per target unit, rounded as the sheet states it (total × 1000 ÷ 対象数). */
  unitCostYen: number | null;
  unitCostStatedYen: string | null;
}

export interface IndicatorYear {
  indicatorId: number;
  name: string;
  unit: string | null;
  fiscalYear: number;
  target: string | null;
  actual: string | null;
  attainment: number | null;
}

export interface RatingYear {
  fiscalYear: number;
  criterionKey: string;
  criterionLabel: string;
  grade: string | null;
  gradeLabel: string | null;
  band: string | null;
  reason: string | null;
}

export async function findProject(db: Db, municipalityCode: string, projectCode: string) {
  const [row] = await db
    .select({ project: projects })
    .from(projects)
    .innerJoin(municipalities, eq(municipalities.id, projects.municipalityId))
    .where(and(eq(municipalities.code, municipalityCode), eq(projects.code, projectCode)));
  return row?.project ?? null;
}

export async function getProjectYears(db: Db, projectId: number): Promise<ProjectYear[]> {
  const total = totalCostSql(evaluations.projectCost, evaluations.staffCost);
  const rows = await db
    .select({
      fiscalYear: evaluations.fiscalYear,
      projectCost: evaluations.projectCost,
      staffCost: evaluations.staffCost,
      totalCost: sql<string>`${total}::text`,
      targetCount: evaluations.targetCount,
      unitCostYen: sql<number | null>`round(${total} * 1000 / nullif(${evaluations.targetCount}, 0))::float8`,
      unitCostStatedYen: evaluations.unitCostStatedYen,
    })
    .from(evaluations)
    .where(eq(evaluations.projectId, projectId))
    .orderBy(asc(evaluations.fiscalYear));
  return rows.map((r) => ({ ...r, unitCostYen: r.unitCostYen === null ? null : Number(r.unitCostYen) }));
}

export async function getIndicatorYears(db: Db, projectId: number): Promise<IndicatorYear[]> {
  const rows = await db
    .select({
      indicatorId: indicators.id,
      name: indicators.name,
      unit: indicators.unit,
      fiscalYear: indicatorValues.fiscalYear,
      target: indicatorValues.target,
      actual: indicatorValues.actual,
      attainment: sql<number | null>`${attainmentSql(indicatorValues.target, indicatorValues.actual, indicators.direction)}`,
    })
    .from(indicators)
    .innerJoin(indicatorValues, eq(indicatorValues.indicatorId, indicators.id))
    .where(eq(indicators.projectId, projectId))
    .orderBy(asc(indicators.position), asc(indicatorValues.fiscalYear));
  return rows.map((r) => ({ ...r, attainment: r.attainment === null ? null : Number(r.attainment) }));
}

export async function getRatingYears(db: Db, projectId: number): Promise<RatingYear[]> {
  return db
    .select({
      fiscalYear: evaluations.fiscalYear,
      criterionKey: ratingCriteria.key,
      criterionLabel: ratingCriteria.labelJa,
      grade: ratingGrades.code,
      gradeLabel: ratingGrades.labelJa,
      band: ratingGrades.band,
      reason: ratings.reason,
    })
    .from(ratings)
    .innerJoin(evaluations, eq(evaluations.id, ratings.evaluationId))
    .innerJoin(ratingCriteria, eq(ratingCriteria.id, ratings.criterionId))
    .leftJoin(ratingGrades, eq(ratingGrades.id, ratings.gradeId))
    .where(eq(evaluations.projectId, projectId))
    .orderBy(asc(evaluations.fiscalYear), asc(ratingCriteria.position));
}
