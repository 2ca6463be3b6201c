/**
 * The overview's figures for one municipality and fiscal year: the executives' first screen.
 * Every figure is computed in the database with the definitions of db/domain/metrics.ts and
 * db/domain/attainment-bands.ts, over a scope (db/queries/scope.ts) that may also be one node
 * of the policy tree, so the policy drill-down shows the same figures for its subtree.
 */
import { asc, desc, eq, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../client';
import { ATTAINMENT_BAND_KEYS, attainmentBandSql, type AttainmentBandOrNone } from '../domain/attainment-bands';
import { TREND_BAND_KEYS, trendBandSql, type TrendBandOrNone } from '../domain/trend-bands';
import { evaluations, municipalities, projects } from '../schema';
import { listChildNodes, scopeCtes, scopeFigures, type AllYearsScope, type PolicyNodeInfo, type Scope, type ScopeFigures } from './scope';
import { listRatingCriteria, type GradeLabel, type RatingCriterion } from './rating-criteria';

export type { Scope, AllYearsScope } from './scope';

export interface MunicipalityOption {
  id: number;
  code: string;
  name: string;
}

export async function listMunicipalities(db: Db): Promise<MunicipalityOption[]> {
  return db.select({ id: municipalities.id, code: municipalities.code, name: municipalities.name }).from(municipalities).orderBy(asc(municipalities.code));
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

export type OverviewKpis = ScopeFigures & { fiscalYear: number };

/** The headline figures of a scope (the whole city, or one policy node's subtree). */
export async function getOverviewKpis(db: Db, scope: Scope): Promise<OverviewKpis> {
  const figures = await scopeFigures(db, scope, 'none');
  return figures.get(0)!;
}

// ── Attainment histogram ────────────────────────────────────────────────────────────────────

export interface AttainmentBandCount {
  key: AttainmentBandOrNone;
  /** Projects (evaluations of the year) whose attainment falls in the band. */
  count: number;
}

/**
 * How many projects fall in each attainment band (db/domain/attainment-bands.ts), every band
 * listed (zero included), `none` last: projects whose attainment is undefined. The counts add
 * up to the scope's project count.
 */
export async function getAttainmentHistogram(db: Db, scope: Scope): Promise<AttainmentBandCount[]> {
  const rows = await queryRows<{ band: string; count: number }>(
    db,
    sql`${scopeCtes(scope)}
    select ${attainmentBandSql(sql`attainment`)} as band, count(*)::int as count from ev group by 1`,
  );
  const counts = new Map(rows.map((r) => [r.band, r.count]));
  return ATTAINMENT_BAND_KEYS.map((key) => ({ key, count: counts.get(key) ?? 0 }));
}

export interface TrendBandCount {
  key: TrendBandOrNone;
  /** Projects (evaluations of the year) whose share of indicators improved falls in the band. */
  count: number;
}

/**
 * The same for a city whose indicators are actuals only: projects by the share of their
 * indicators improved on the previous year (db/domain/trend-bands.ts), `none` last.
 */
export async function getTrendHistogram(db: Db, scope: Scope): Promise<TrendBandCount[]> {
  const rows = await queryRows<{ band: string; count: number }>(
    db,
    sql`${scopeCtes(scope)}
    select ${trendBandSql(sql`trend`)} as band, count(*)::int as count from ev group by 1`,
  );
  const counts = new Map(rows.map((r) => [r.band, r.count]));
  return TREND_BAND_KEYS.map((key) => ({ key, count: counts.get(key) ?? 0 }));
}

// ── Rating distributions ────────────────────────────────────────────────────────────────────

export type RatingGradeInfo = GradeLabel;
export type RatingCriterionInfo = RatingCriterion;

export interface RatingCounts {
  /** Evaluations per grade code (every grade of the criterion listed, zero included). */
  byGrade: Record<string, number>;
  /** Evaluations without a grade for the criterion. */
  notRated: number;
}

export interface RatingGroup {
  /** The まちづくり目標 (or the child node of a policy scope); null for projects outside it. */
  node: (PolicyNodeInfo & { parentName: string | null }) | null;
  /** Evaluations in the group: for every criterion, the grades plus not rated add up to it. */
  total: number;
  byCriterion: Record<string, RatingCounts>;
}

export interface RatingDistribution {
  criteria: RatingCriterionInfo[];
  groups: RatingGroup[];
}

/**
 * Every rating criterion's grade counts per まちづくり目標 (per child node for a policy scope),
 * counting every evaluation in scope: one without a ratings row or with an empty grade for a
 * criterion is not rated on it. Groups in plan order (those with no evaluation too), then
 * projects outside them.
 */
export async function getRatingDistribution(db: Db, scope: Scope): Promise<RatingDistribution> {
  const [criteria, nodes, rows] = await Promise.all([
    listRatingCriteria(db, scope.municipalityId),
    listChildNodes(db, scope.municipalityId, scope.policyPath),
    queryRows<{ grp: number; criterion: string; grade: string | null; count: number }>(
      db,
      sql`${scopeCtes(scope)}
      select coalesce(ev.child_id, 0) as grp, c.key as criterion, g.code as grade, count(*)::int as count
      from ev
      cross join rating_criteria c
      join rating_schemes s on s.id = c.scheme_id and s.municipality_id = ${scope.municipalityId}
      -- Lateral: one primary-key lookup per evaluation and criterion, with or without statistics.
      left join lateral (
        select grade_id from ratings r where r.evaluation_id = ev.id and r.criterion_id = c.id offset 0
      ) r on true
      left join rating_grades g on g.id = r.grade_id
      group by 1, 2, 3`,
    ),
  ]);
  const totals = await queryRows<{ grp: number; total: number }>(
    db,
    sql`${scopeCtes(scope)} select coalesce(child_id, 0) as grp, count(*)::int as total from ev group by 1`,
  );
  const empty = (): Record<string, RatingCounts> =>
    Object.fromEntries(criteria.map((c) => [c.key, { byGrade: Object.fromEntries(c.grades.map((g) => [g.code, 0])), notRated: 0 }]));
  const groups = new Map<number, RatingGroup>();
  for (const node of nodes) groups.set(node.id, { node, total: 0, byCriterion: empty() });
  for (const t of totals) {
    const group = groups.get(Number(t.grp)) ?? { node: null, total: 0, byCriterion: empty() };
    group.total = t.total;
    groups.set(Number(t.grp), group);
  }
  for (const r of rows) {
    const counts = groups.get(Number(r.grp))?.byCriterion[r.criterion];
    if (!counts) continue;
    if (r.grade === null) counts.notRated += r.count;
    else counts.byGrade[r.grade] = (counts.byGrade[r.grade] ?? 0) + r.count;
  }
  return { criteria, groups: [...groups.values()] };
}

// ── Trends ──────────────────────────────────────────────────────────────────────────────────

export type YearFigures = ScopeFigures & { fiscalYear: number };

/** The scope's KPIs for every fiscal year with evaluations, oldest first. */
export async function getTrends(db: Db, scope: AllYearsScope): Promise<YearFigures[]> {
  const figures = await scopeFigures(db, { municipalityId: scope.municipalityId, policyPath: scope.policyPath }, 'year');
  return [...figures.values()].sort((a, b) => a.fiscalYear - b.fiscalYear);
}

// ── Cost versus attainment ──────────────────────────────────────────────────────────────────

export interface ScatterPoint {
  code: string;
  name: string;
  /** The まちづくり目標 (child node of a policy scope) the project sits under; null outside the tree. */
  groupId: number | null;
  /** 千円 (a number: a chart coordinate, not an exact figure). */
  totalCost: number;
  /** Project attainment (ratio), null where undefined. */
  attainment: number | null;
  /** Share of its actuals-only indicators improved on the previous year, null where none is comparable. */
  trend: number | null;
}

/** Every project in scope with its total cost, attainment and trend share, by project code. */
export async function getScatterPoints(db: Db, scope: Scope): Promise<ScatterPoint[]> {
  const rows = await queryRows<{ code: string; name: string; child_id: number | null; total_cost: number; attainment: number | null; trend: number | null }>(
    db,
    sql`${scopeCtes(scope)}
    select p.code, p.name, ev.child_id, ev.total_cost::float8 as total_cost, ev.attainment, ev.trend
    from ev join projects p on p.id = ev.project_id
    order by p.code`,
  );
  return rows.map((r) => ({
    code: r.code,
    name: r.name,
    groupId: r.child_id === null ? null : Number(r.child_id),
    totalCost: Number(r.total_cost),
    attainment: r.attainment === null ? null : Number(r.attainment),
    trend: r.trend === null ? null : Number(r.trend),
  }));
}
