/**
 * What a figure covers, and the SQL building blocks every scoped query starts from.
 *
 * A scope is one municipality and fiscal year, optionally narrowed to one node of the policy
 * tree (its whole subtree). The overview (whole city) and the policy drill-down (one node) use
 * the same building blocks and the same KPI aggregation (`scopeFigures`), so a figure means the
 * same on both pages.
 *
 * Building blocks, as common table expressions (CTEs):
 * - `lineage(node_id, ancestor_id, ancestor_level)`: every policy node of the municipality
 *   paired with itself and each of its ancestors (so "in the subtree of X" and "the child of X
 *   above this node" are joins, at any depth);
 * - `ev`: the evaluations in scope (one per project and fiscal year), each with
 *   - `total_cost` (千円, numeric),
 *   - `child_id`: the node one level below the scope's root that the project sits under (a
 *     まちづくり目標 for the whole city; null for projects directly on the root or outside the tree),
 *   - `attainment`: the project attainment (mean of its indicators' capped ratios; null where
 *     no indicator has one),
 *   - `with_attainment`, `at_target`: its indicators with a defined ratio, and those ≥ 100 %,
 *   - `effectiveness_band`: the band of its effectiveness grade (null: not rated),
 *   - `trend`, `with_trend`, `improved`: its actuals-only indicators compared with the year
 *     before (share improved, comparable, improved),
 *   - `verdict_band`: the worst band of its verdict criteria's grades (null: none graded),
 *   all read from the per-evaluation rollup (db/queries/rollups.ts).
 */
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../client';
import { costPerCitizenYen } from '../domain/metrics';

export interface Scope {
  municipalityId: number;
  fiscalYear: number;
  /**
   * A policy node's path (`1/2/3`): only projects in its subtree. Absent or null: the whole
   * municipality, projects outside the policy tree included.
   */
  policyPath?: string | null;
}

/** A scope over every fiscal year (for trends). */
export type AllYearsScope = Omit<Scope, 'fiscalYear'>;

interface EvaluationFilter {
  municipalityId: number;
  /** Undefined: every fiscal year. */
  fiscalYear?: number;
  policyPath?: string | null;
  /** Only these projects (by code); undefined: every project. */
  projectCodes?: readonly string[];
}

/** The `with recursive lineage as (…), ev as (…)` prefix of a scoped query. */
export function scopeCtes(filter: EvaluationFilter): SQL {
  const { municipalityId, fiscalYear, policyPath, projectCodes } = filter;
  const inProjects =
    projectCodes === undefined
      ? sql`true`
      : projectCodes.length === 0
        ? sql`false`
        : sql`p.code in (${sql.join(
            projectCodes.map((c) => sql`${c}`),
            sql`, `,
          )})`;
  const hasNode = policyPath !== undefined && policyPath !== null;
  const inYear = fiscalYear === undefined ? sql`true` : sql`e.fiscal_year = ${fiscalYear}`;
  const inNode = hasNode
    ? sql`p.policy_node_id in (
        select l.node_id from lineage l join policy_nodes r on r.id = l.ancestor_id where r.path = ${policyPath})`
    : sql`true`;
  // The children of the whole city are the まちづくり目標 (level 1); of a node, the level below it.
  const childLevel = hasNode ? sql`(select r.level + 1 from policy_nodes r where r.municipality_id = ${municipalityId} and r.path = ${policyPath})` : sql`1`;
  // The per-evaluation figures (total cost, attainment, indicator counts, effectiveness band)
  // are read from the rollup kept by db/queries/rollups.ts, not recomputed from indicator
  // values and ratings on every view; `materialized` reads them once whatever the query joins
  // `ev` to.
  return sql`
    with recursive
    lineage (node_id, ancestor_id, ancestor_level) as (
      select id, id, level from policy_nodes where municipality_id = ${municipalityId}
      union all
      select l.node_id, parent.id, parent.level
      from lineage l
      join policy_nodes node on node.id = l.ancestor_id
      join policy_nodes parent on parent.id = node.parent_id
    ),
    ev as materialized (
      select e.evaluation_id as id, e.project_id, e.fiscal_year::int as fiscal_year, p.policy_node_id,
             e.total_cost, child.ancestor_id as child_id,
             e.attainment, e.with_attainment, e.at_target, e.effectiveness_band,
             e.trend, e.with_trend, e.improved, e.verdict_band
      from evaluation_rollups e
      join projects p on p.id = e.project_id
      left join lineage child on child.node_id = p.policy_node_id and child.ancestor_level = ${childLevel}
      where e.municipality_id = ${municipalityId} and ${inYear} and ${inNode} and ${inProjects}
    )`;
}

/** Orders policy nodes as the plan numbers them (2 before 10), then by path. */
export function policyOrderSql(alias: string): SQL {
  const a = sql.raw(alias);
  return sql`nullif(regexp_replace(coalesce(${a}.number, ''), '\\D', '', 'g'), '')::int nulls last, ${a}.path`;
}

// ── The KPIs, for a whole scope or split into groups ────────────────────────────────────────

export interface ScopeFigures {
  projectCount: number;
  /** 千円, exact decimal string. */
  totalCost: string;
  /** The municipality's population in the fiscal year; null when not known. */
  population: number | null;
  /** Where that population came from: the import's file name, or `settings` when typed in; null when not known. */
  populationSource: string | null;
  /** 円 per citizen, or null without a population. */
  costPerCitizen: number | null;
  /** Median of project attainments (ratio), over projects with at least one defined indicator. */
  medianAttainment: number | null;
  /** Indicator-years with a defined attainment, and how many of them reached the target. */
  indicatorsWithAttainment: number;
  indicatorsAtTarget: number;
  /** Evaluations graded on 有効性 (effectiveness), and how many of them in the poor band (C). */
  effectivenessRated: number;
  effectivenessPoor: number;
  /**
   * Actuals-only indicator-years compared with the year before, and how many improved
   * (metrics.ts `indicatorTrend`); the median of the projects' shares improved.
   */
  indicatorsWithTrend: number;
  indicatorsImproved: number;
  medianTrend: number | null;
  /**
   * Evaluations graded on any verdict criterion of the city's scheme (watch role `poor`), and
   * how many have one in the 要改善 band, whatever the scheme calls it.
   */
  verdictRated: number;
  verdictPoor: number;
}

/**
 * How `scopeFigures` splits a scope: not at all (one group, key 0), by the node one level below
 * the scope's root (key = node id; 0 = projects directly on the root or outside the tree), or
 * by fiscal year (key = the year).
 */
export type Grouping = 'none' | 'child' | 'year';

/** The criterion whose poor band the policy pages count ("share rated C on effectiveness"). */
export const EFFECTIVENESS_KEY = 'effectiveness';

/** KPI figures per group key, computed in one statement. */
export async function scopeFigures(db: Db, filter: EvaluationFilter, grouping: Grouping): Promise<Map<number, ScopeFigures & { fiscalYear: number }>> {
  const { municipalityId, fiscalYear, policyPath } = filter;
  const key = { none: sql`0`, child: sql`coalesce(ev.child_id, 0)`, year: sql`ev.fiscal_year` }[grouping];
  // Every group that must appear, even with no evaluations (a child with no projects this year).
  let groups: SQL;
  if (grouping === 'year') {
    groups = sql`select distinct fiscal_year as grp, fiscal_year from ev`;
  } else {
    if (fiscalYear === undefined) throw new Error(`grouping '${grouping}' needs a fiscal year`);
    const fy = sql`${fiscalYear}::int`;
    if (grouping === 'none') {
      groups = sql`select 0 as grp, ${fy} as fiscal_year`;
    } else {
      const children = policyPath
        ? sql`parent_id = (select id from policy_nodes where municipality_id = ${municipalityId} and path = ${policyPath})`
        : sql`level = 1`;
      groups = sql`
        select id as grp, ${fy} as fiscal_year from policy_nodes where municipality_id = ${municipalityId} and ${children}
        union all
        select 0, ${fy} where exists (select 1 from ev where child_id is null)`;
    }
  }
  const rows = await queryRows<{
    grp: number;
    fiscal_year: number;
    project_count: number;
    total_cost: string | null;
    population: number | null;
    population_source: string | null;
    median_attainment: number | null;
    with_attainment: number;
    at_target: number;
    effectiveness_rated: number;
    effectiveness_poor: number;
    with_trend: number;
    improved: number;
    median_trend: number | null;
    verdict_rated: number;
    verdict_poor: number;
  }>(
    db,
    sql`
    ${scopeCtes(filter)},
    groups as (${groups}),
    totals as (
      select ${key} as grp,
             count(*)::int as project_count,
             sum(ev.total_cost) as total_cost,
             -- ordered-set aggregates skip nulls: projects without attainment are left out
             percentile_cont(0.5) within group (order by ev.attainment)::float8 as median_attainment,
             sum(ev.with_attainment)::int as with_attainment,
             sum(ev.at_target)::int as at_target,
             count(ev.effectiveness_band)::int as effectiveness_rated,
             count(*) filter (where ev.effectiveness_band = 'poor')::int as effectiveness_poor,
             sum(ev.with_trend)::int as with_trend,
             sum(ev.improved)::int as improved,
             percentile_cont(0.5) within group (order by ev.trend)::float8 as median_trend,
             count(ev.verdict_band)::int as verdict_rated,
             count(*) filter (where ev.verdict_band = 'poor')::int as verdict_poor
      from ev
      group by 1
    )
    select g.grp, g.fiscal_year,
           coalesce(t.project_count, 0) as project_count,
           t.total_cost::text as total_cost,
           mp.population,
           coalesce(ib.file_name, mp.source) as population_source,
           t.median_attainment,
           coalesce(t.with_attainment, 0) as with_attainment,
           coalesce(t.at_target, 0) as at_target,
           coalesce(t.effectiveness_rated, 0) as effectiveness_rated,
           coalesce(t.effectiveness_poor, 0) as effectiveness_poor,
           coalesce(t.with_trend, 0) as with_trend,
           coalesce(t.improved, 0) as improved,
           t.median_trend,
           coalesce(t.verdict_rated, 0) as verdict_rated,
           coalesce(t.verdict_poor, 0) as verdict_poor
    from groups g
    left join totals t on t.grp = g.grp
    left join municipality_populations mp on mp.municipality_id = ${municipalityId} and mp.fiscal_year = g.fiscal_year
    left join import_batches ib on mp.source = 'import:' || ib.id`,
  );
  const result = new Map<number, ScopeFigures & { fiscalYear: number }>();
  for (const r of rows) {
    const totalCost = r.total_cost ?? '0';
    const population = r.population ?? null;
    result.set(Number(r.grp), {
      fiscalYear: Number(r.fiscal_year),
      projectCount: r.project_count,
      totalCost,
      population,
      populationSource: r.population_source ?? null,
      costPerCitizen: costPerCitizenYen(Number(totalCost), population),
      medianAttainment: r.median_attainment === null ? null : Number(r.median_attainment),
      indicatorsWithAttainment: r.with_attainment,
      indicatorsAtTarget: r.at_target,
      effectivenessRated: r.effectiveness_rated,
      effectivenessPoor: r.effectiveness_poor,
      indicatorsWithTrend: r.with_trend,
      indicatorsImproved: r.improved,
      medianTrend: r.median_trend === null ? null : Number(r.median_trend),
      verdictRated: r.verdict_rated,
      verdictPoor: r.verdict_poor,
    });
  }
  return result;
}

// ── The groups a scope splits into ──────────────────────────────────────────────────────────

export interface PolicyNodeInfo {
  id: number;
  level: number;
  number: string | null;
  name: string;
  path: string;
}

/**
 * The nodes one level below the scope's root, in plan order: the まちづくり目標 for the whole
 * city, a node's children otherwise. Each with its parent's name (for a まちづくり目標, the
 * 政策の柱, short enough for a chart axis).
 */
export async function listChildNodes(db: Db, municipalityId: number, policyPath?: string | null): Promise<(PolicyNodeInfo & { parentName: string | null })[]> {
  const where = policyPath
    ? sql`n.parent_id = (select id from policy_nodes where municipality_id = ${municipalityId} and path = ${policyPath})`
    : sql`n.level = 1`;
  const rows = await queryRows<{ id: number; level: number; number: string | null; name: string; path: string; parent_name: string | null }>(
    db,
    sql`select n.id, n.level, n.number, n.name, n.path, parent.name as parent_name
        from policy_nodes n left join policy_nodes parent on parent.id = n.parent_id
        where n.municipality_id = ${municipalityId} and ${where}
        order by ${policyOrderSql('n')}`,
  );
  return rows.map((r) => ({ id: r.id, level: Number(r.level), number: r.number, name: r.name, path: r.path, parentName: r.parent_name }));
}
