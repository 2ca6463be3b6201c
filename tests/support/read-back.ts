/**
 * Everything an import stored, read straight from the tables (not through the dashboard's
 * queries), so import tests assert what is in the database: per project-year the identity,
 * costs as exact decimal strings, grades by criterion and the indicators with their values.
 */
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
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
} from '../../db/schema';

/** numeric(18,3) comes back as '1234.000' on both drivers: the exact figure without the padding. */
export function dec(v: string | null): string | null {
  if (v === null) return null;
  return v.includes('.') ? v.replace(/0+$/, '').replace(/\.$/, '') : v;
}

export interface StoredIndicator {
  position: number;
  name: string;
  unit: string | null;
  kind: string;
  direction: string;
  baseline: string | null;
  baselineYear: number | null;
  target: string | null;
  actual: string | null;
}

export interface StoredYear {
  municipality: string;
  municipalityName: string;
  population: number | null;
  code: string;
  name: string;
  fiscalYear: number;
  department: string | null;
  section: string | null;
  startFiscalYear: number | null;
  content: string | null;
  costs: Record<'project' | 'national' | 'bonds' | 'otherSpecific' | 'general' | 'staff' | 'total' | 'regularFte' | 'regularStaff', string | null>;
  targetCount: string | null;
  unitCostStatedYen: string | null;
  /** criterion key → grade code (null: not rated). */
  grades: Record<string, string | null>;
  reasons: Record<string, string | null>;
  indicators: StoredIndicator[];
}

/** Every stored project-year, ordered by municipality, project code and fiscal year. */
export async function readBack(db: Db): Promise<StoredYear[]> {
  const rows = await db
    .select({
      evaluationId: evaluations.id,
      projectId: projects.id,
      municipalityId: municipalities.id,
      municipality: municipalities.code,
      municipalityName: municipalities.name,
      code: projects.code,
      name: projects.name,
      fiscalYear: evaluations.fiscalYear,
      department: departments.name,
      section: sections.name,
      startFiscalYear: projects.startFiscalYear,
      content: projects.content,
      e: evaluations,
    })
    .from(evaluations)
    .innerJoin(projects, eq(projects.id, evaluations.projectId))
    .innerJoin(municipalities, eq(municipalities.id, projects.municipalityId))
    .leftJoin(departments, eq(departments.id, projects.departmentId))
    .leftJoin(sections, eq(sections.id, projects.sectionId))
    .orderBy(asc(municipalities.code), asc(projects.code), asc(evaluations.fiscalYear));

  const out: StoredYear[] = [];
  for (const r of rows) {
    const [population] = await db
      .select({ n: municipalityPopulations.population })
      .from(municipalityPopulations)
      .where(and(eq(municipalityPopulations.municipalityId, r.municipalityId), eq(municipalityPopulations.fiscalYear, r.fiscalYear)));
    const grades = await db
      .select({ key: ratingCriteria.key, code: ratingGrades.code, reason: ratings.reason })
      .from(ratings)
      .innerJoin(ratingCriteria, eq(ratingCriteria.id, ratings.criterionId))
      .leftJoin(ratingGrades, eq(ratingGrades.id, ratings.gradeId))
      .where(eq(ratings.evaluationId, r.evaluationId))
      .orderBy(asc(ratingCriteria.position));
    const values = await db
      .select({
        position: indicators.position,
        name: indicators.name,
        unit: indicators.unit,
        kind: indicators.kind,
        direction: indicators.direction,
        baseline: indicators.baselineValue,
        baselineYear: indicators.baselineFiscalYear,
        target: indicatorValues.target,
        actual: indicatorValues.actual,
      })
      .from(indicators)
      .innerJoin(indicatorValues, and(eq(indicatorValues.indicatorId, indicators.id), eq(indicatorValues.fiscalYear, r.fiscalYear)))
      .where(eq(indicators.projectId, r.projectId))
      .orderBy(asc(indicators.position));
    const e = r.e;
    out.push({
      municipality: r.municipality,
      municipalityName: r.municipalityName,
      population: population?.n ?? null,
      code: r.code,
      name: r.name,
      fiscalYear: r.fiscalYear,
      department: r.department,
      section: r.section,
      startFiscalYear: r.startFiscalYear,
      content: r.content,
      costs: {
        project: dec(e.projectCost),
        national: dec(e.nationalPrefectural),
        bonds: dec(e.localBonds),
        otherSpecific: dec(e.otherSpecific),
        general: dec(e.generalFunds),
        staff: dec(e.staffCost),
        total: dec(e.totalCostStated),
        regularFte: dec(e.regularStaffFte),
        regularStaff: dec(e.regularStaffCost),
      },
      targetCount: dec(e.targetCount),
      unitCostStatedYen: dec(e.unitCostStatedYen),
      grades: Object.fromEntries(grades.map((g) => [g.key, g.code])),
      reasons: Object.fromEntries(grades.map((g) => [g.key, g.reason])),
      indicators: values.map((v) => ({ ...v, baseline: dec(v.baseline), target: dec(v.target), actual: dec(v.actual) })),
    });
  }
  return out;
}
