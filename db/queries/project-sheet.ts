/**
 * One project's sheet across its fiscal years: header, costs, derived figures, indicators and
 * ratings — everything the evaluation sheet (事務事業評価シート) holds, for the sheet page.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../client';
import { attainmentSql, costPerCitizenYen, totalCostSql } from '../domain/metrics';
import type { Band } from '../domain/rating-scheme';
import {
  departments,
  evaluations,
  indicatorValues,
  indicators,
  municipalities,
  municipalityPopulations,
  projects,
  ratingCriteria,
  ratingGrades,
  ratings,
  sections,
} from '../schema';

/** One fiscal year of the sheet: Do (method, activities, costs), unit cost and Action. Money in 千円 as exact strings. */
export interface ProjectYear {
  fiscalYear: number;
  /** 前年度の取組方針, 実施方法, 実施した取組の内容. */
  previousPolicy: string | null;
  implementationMethod: string | null;
  activities: string | null;
  /** 事業費合計(a) and its sources: 国県支出金 + 地方債 + その他特財 + 一般財源. */
  projectCost: string | null;
  nationalPrefectural: string | null;
  localBonds: string | null;
  otherSpecific: string | null;
  generalFunds: string | null;
  /** 人件費: persons (FTE) or hours, and cost, for regular and other staff; 人件費合計(b). */
  regularStaffFte: string | null;
  regularStaffHours: string | null;
  regularStaffCost: string | null;
  otherStaffFte: string | null;
  otherStaffHours: string | null;
  otherStaffCost: string | null;
  staffCost: string | null;
  /** 千円: 事業費 + 人件費. */
  totalCost: string;
  /** トータルコスト as the sheet states it (may differ from the sum when the sheet is wrong). */
  totalCostStated: string | null;
  targetDefinition: string | null;
  targetCount: string | null;
  targetUnit: string | null;
  /** 円 per target unit, rounded as the sheet states it (total × 1000 ÷ 対象数). */
  unitCostYen: number | null;
  unitCostStatedYen: string | null;
  /** Population of the municipality that year (null when unknown) and 円 per citizen. */
  population: number | null;
  costPerCitizen: number | null;
  /** 所管部長による総評 and 今後の方向性. */
  review: string | null;
  direction: string | null;
}

export interface IndicatorYear {
  indicatorId: number;
  /** Order on the sheet (指標1, 指標2, …). */
  position: number;
  name: string;
  unit: string | null;
  kind: 'activity' | 'outcome';
  direction: 'higher' | 'lower';
  cumulative: boolean;
  /** 現状値 and its year. */
  baselineValue: string | null;
  baselineFiscalYear: number | null;
  fiscalYear: number;
  target: string | null;
  actual: string | null;
  attainment: number | null;
}

export interface RatingYear {
  fiscalYear: number;
  criterionKey: string;
  criterionLabel: string;
  criterionLabelEn: string;
  grade: string | null;
  gradeLabel: string | null;
  gradeLabelEn: string | null;
  band: Band | null;
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

/** The municipalities that have a project with this code (codes are per municipality), by code. */
export async function listProjectMunicipalities(db: Db, projectCode: string) {
  return db
    .select({ id: municipalities.id, code: municipalities.code, name: municipalities.name })
    .from(projects)
    .innerJoin(municipalities, eq(municipalities.id, projects.municipalityId))
    .where(eq(projects.code, projectCode))
    .orderBy(asc(municipalities.code));
}

export interface PolicyStep {
  /** 0 = 政策の柱 (pillar) … 4 = 施策. */
  level: number;
  path: string;
  number: string | null;
  name: string;
}

export interface SheetHeader {
  municipalityCode: string;
  municipalityName: string;
  department: string | null;
  section: string | null;
  /** The policy tree from the top (pillar, when the city has one) down to the project's node. */
  policy: PolicyStep[];
}

export async function getSheetHeader(db: Db, projectId: number): Promise<SheetHeader | null> {
  const [row] = await db
    .select({
      municipalityCode: municipalities.code,
      municipalityName: municipalities.name,
      department: departments.name,
      section: sections.name,
    })
    .from(projects)
    .innerJoin(municipalities, eq(municipalities.id, projects.municipalityId))
    .leftJoin(departments, eq(departments.id, projects.departmentId))
    .leftJoin(sections, eq(sections.id, projects.sectionId))
    .where(eq(projects.id, projectId));
  if (!row) return null;
  const policy = await queryRows<{ level: number; path: string; number: string | null; name: string }>(
    db,
    sql`with recursive chain as (
          select n.id, n.parent_id, n.level, n.path, n.number, n.name
          from policy_nodes n join projects p on p.policy_node_id = n.id
          where p.id = ${projectId}
          union all
          select n.id, n.parent_id, n.level, n.path, n.number, n.name
          from policy_nodes n join chain c on n.id = c.parent_id
        )
        select level, path, number, name from chain order by level`,
  );
  return { ...row, policy: policy.map((p) => ({ ...p, level: Number(p.level) })) };
}

/** Every evaluated fiscal year of the project, oldest first. */
export async function getProjectYears(db: Db, projectId: number): Promise<ProjectYear[]> {
  const total = totalCostSql(evaluations.projectCost, evaluations.staffCost);
  const rows = await db
    .select({
      fiscalYear: evaluations.fiscalYear,
      previousPolicy: evaluations.previousPolicy,
      implementationMethod: evaluations.implementationMethod,
      activities: evaluations.activities,
      projectCost: evaluations.projectCost,
      nationalPrefectural: evaluations.nationalPrefectural,
      localBonds: evaluations.localBonds,
      otherSpecific: evaluations.otherSpecific,
      generalFunds: evaluations.generalFunds,
      regularStaffFte: evaluations.regularStaffFte,
      regularStaffHours: evaluations.regularStaffHours,
      regularStaffCost: evaluations.regularStaffCost,
      otherStaffFte: evaluations.otherStaffFte,
      otherStaffHours: evaluations.otherStaffHours,
      otherStaffCost: evaluations.otherStaffCost,
      staffCost: evaluations.staffCost,
      totalCost: sql<string>`${total}::text`,
      totalCostStated: evaluations.totalCostStated,
      targetDefinition: evaluations.targetDefinition,
      targetCount: evaluations.targetCount,
      targetUnit: evaluations.targetUnit,
      unitCostYen: sql<number | null>`round(${total} * 1000 / nullif(${evaluations.targetCount}, 0))::float8`,
      unitCostStatedYen: evaluations.unitCostStatedYen,
      population: municipalityPopulations.population,
      review: evaluations.review,
      direction: evaluations.direction,
    })
    .from(evaluations)
    .innerJoin(projects, eq(projects.id, evaluations.projectId))
    .leftJoin(
      municipalityPopulations,
      and(eq(municipalityPopulations.municipalityId, projects.municipalityId), eq(municipalityPopulations.fiscalYear, evaluations.fiscalYear)),
    )
    .where(eq(evaluations.projectId, projectId))
    .orderBy(asc(evaluations.fiscalYear));
  return rows.map((r) => ({
    ...r,
    unitCostYen: r.unitCostYen === null ? null : Number(r.unitCostYen),
    costPerCitizen: costPerCitizenYen(Number(r.totalCost), r.population),
  }));
}

export async function getIndicatorYears(db: Db, projectId: number): Promise<IndicatorYear[]> {
  const rows = await db
    .select({
      indicatorId: indicators.id,
      position: indicators.position,
      name: indicators.name,
      unit: indicators.unit,
      kind: indicators.kind,
      direction: indicators.direction,
      cumulative: indicators.cumulative,
      baselineValue: indicators.baselineValue,
      baselineFiscalYear: indicators.baselineFiscalYear,
      fiscalYear: indicatorValues.fiscalYear,
      target: indicatorValues.target,
      actual: indicatorValues.actual,
      attainment: sql<number | null>`${attainmentSql(indicatorValues.target, indicatorValues.actual, indicators.direction)}`,
    })
    .from(indicators)
    .innerJoin(indicatorValues, eq(indicatorValues.indicatorId, indicators.id))
    .where(eq(indicators.projectId, projectId))
    .orderBy(asc(indicators.position), asc(indicators.id), asc(indicatorValues.fiscalYear));
  return rows.map((r) => ({ ...r, attainment: r.attainment === null ? null : Number(r.attainment) }));
}

export async function getRatingYears(db: Db, projectId: number): Promise<RatingYear[]> {
  return db
    .select({
      fiscalYear: evaluations.fiscalYear,
      criterionKey: ratingCriteria.key,
      criterionLabel: ratingCriteria.labelJa,
      criterionLabelEn: ratingCriteria.labelEn,
      grade: ratingGrades.code,
      gradeLabel: ratingGrades.labelJa,
      gradeLabelEn: ratingGrades.labelEn,
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
