/**
 * The overview's figures for one municipality and fiscal year: the executives' first screen.
 * Every figure is computed in the database with the definitions of db/domain/metrics.ts.
 */
import { asc, desc, eq, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../client';
import { attainmentSql, cappedAttainmentSql, totalCostSql } from '../domain/metrics';
import { evaluations, municipalities, projects } from '../schema';

export interface MunicipalityOption {
  id: number;
  code: string;
  name: string;
}

export async function listMunicipalities(db: Db): Promise<MunicipalityOption[]> {
  return db
    .select({ id: municipalities.id, code: municipalities.code, name: municipalities.name })
    .from(municipalities)
    .orderBy(asc(municipalities.code));
}

/** Fiscal years with at least one evaluation for the municipality, newest first. */
export async function listFiscalYears(db: Db, municipalityId: number): Promise<number[]> {
  const rows = await db
    .selectDistinct({ fiscalYear: evaluations.fiscalYear })
    .from(evaluations)
    .innerJoin(projects, eq(projects.id, evaluations.projectId))
    .where(eq(projects.municipalityId, municipalityId))
    .orderBy(desc(evaluations.fiscalYear));
  return rows.map((r) => r.fiscalYear);
}

export interface OverviewKpis {
  fiscalYear: number;
  projectCount: number;
  /** 千円, exact decimal string. */
  totalCost: string;
  /** Null when the municipality's population for the year is not known. */
  population: number | null;
  /** 円 per citizen, or null without a population. */
  costPerCitizen: number | null;
  /** Median of project attainments (ratio), over projects with at least one defined indicator. */
  medianAttainment: number | null;
  /** Indicator-years with a defined attainment, and how many of them reached the target. */
  indicatorsWithAttainment: number;
  indicatorsAtTarget: number;
}

export interface Scope {
  municipalityId: number;
  fiscalYear: number;
}

/** The evaluations in scope with their total cost, shared by the overview's queries. */
function scopedEvaluations({ municipalityId, fiscalYear }: Scope) {
  return sql`
    select e.id, e.project_id, p.policy_node_id,
           ${totalCostSql(sql`e.project_cost`, sql`e.staff_cost`)} as total_cost
    from evaluations e
    join projects p on p.id = e.project_id
    where e.fiscal_year = ${fiscalYear} and p.municipality_id = ${municipalityId}`;
}

/** Each in-scope indicator-year's attainment ratio (null where undefined). */
function scopedAttainments({ fiscalYear }: Scope) {
  return sql`
    select i.project_id,
           ${attainmentSql(sql`v.target`, sql`v.actual`, sql`i.direction`)} as ratio
    from ev
    join indicators i on i.project_id = ev.project_id
    join indicator_values v on v.indicator_id = i.id and v.fiscal_year = ${fiscalYear}`;
}

export async function getOverviewKpis(db: Db, scope: Scope): Promise<OverviewKpis> {
  const [row] = await queryRows<{
    project_count: number;
    total_cost: string | null;
    population: number | null;
    median_attainment: number | null;
    with_attainment: number;
    at_target: number;
  }>(
    db,
    sql`
    with ev as (${scopedEvaluations(scope)}),
         ind as (${scopedAttainments(scope)}),
         per_project as (
           select project_id, avg(${cappedAttainmentSql(sql`ratio`)}) as attainment
           from ind where ratio is not null group by project_id
         )
    select
      (select count(*)::int from ev) as project_count,
      (select sum(total_cost)::text from ev) as total_cost,
      (select population from municipality_populations
        where municipality_id = ${scope.municipalityId} and fiscal_year = ${scope.fiscalYear}) as population,
      (select percentile_cont(0.5) within group (order by attainment)::float8 from per_project) as median_attainment,
      (select count(ratio)::int from ind) as with_attainment,
      (select count(*)::int from ind where ratio >= 1) as at_target`,
  );
  const totalCost = row?.total_cost ?? '0';
  const population = row?.population ?? null;
  return {
    fiscalYear: scope.fiscalYear,
    projectCount: row?.project_count ?? 0,
    totalCost,
    population,
    costPerCitizen: population ? (Number(totalCost) * 1000) / population : null,
    medianAttainment: row?.median_attainment ?? null,
    indicatorsWithAttainment: row?.with_attainment ?? 0,
    indicatorsAtTarget: row?.at_target ?? 0,
  };
}

export interface GoalCost {
  /** The まちづくり目標's path (its number), or null for projects outside the policy tree. */
  path: string | null;
  number: string | null;
  name: string | null;
  /** The 政策の柱 above it, a short name that fits a chart axis. */
  pillar: string | null;
  projectCount: number;
  totalCost: string;
  costPerCitizen: number | null;
}

/** Total cost and cost per citizen by まちづくり目標 (policy level 1), in the tree's order. */
export async function getCostByGoal(db: Db, scope: Scope): Promise<GoalCost[]> {
  const rows = await queryRows<{
    path: string | null;
    number: string | null;
    name: string | null;
    pillar: string | null;
    project_count: number;
    total_cost: string;
    population: number | null;
  }>(
    db,
    sql`
    with ev as (${scopedEvaluations(scope)})
    select g.path, g.number, g.name, p.name as pillar,
           count(*)::int as project_count,
           sum(ev.total_cost)::text as total_cost,
           (select population from municipality_populations
             where municipality_id = ${scope.municipalityId} and fiscal_year = ${scope.fiscalYear}) as population
    from ev
    left join policy_nodes n on n.id = ev.policy_node_id
    left join policy_nodes g on g.municipality_id = n.municipality_id and g.level = 1
                             and g.path = split_part(n.path, '/', 1)
    left join policy_nodes p on p.id = g.parent_id and p.level = 0
    group by g.path, g.number, g.name, p.name
    order by g.path is null, nullif(regexp_replace(g.number, '\\D', '', 'g'), '')::int nulls last, g.path`,
  );
  return rows.map((r) => ({
    path: r.path,
    number: r.number,
    name: r.name,
    pillar: r.pillar,
    projectCount: r.project_count,
    totalCost: r.total_cost,
    costPerCitizen: r.population ? (Number(r.total_cost) * 1000) / r.population : null,
  }));
}
