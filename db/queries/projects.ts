/**
 * The project list (事業一覧): every evaluated project of one municipality and fiscal year with
 * its cost, attainment and ratings, filtered, sorted and paged in the database. The CSV export
 * reads the same rows through `exportProjects` (all pages, same order).
 *
 * User input reaches SQL only as bound parameters; the sort column and direction are picked
 * from whitelists, never interpolated.
 */
import { eq, inArray, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../client';
import { attainmentBandSql, NO_ATTAINMENT, type AttainmentBandOrNone } from '../domain/attainment-bands';
import { costPerCitizenYen } from '../domain/metrics';
import { projectTextConditions } from './search';
import { departments, ratingCriteria, ratingGrades, ratings } from '../schema';
import { listRatingCriteria, type GradeLabel, type RatingCriterion } from './rating-criteria';

export const PROJECT_PAGE_SIZE = 30;

/** Columns the list can be sorted by (URL `sort=`). */
export const PROJECT_SORTS = ['code', 'name', 'totalCost', 'costPerCitizen', 'change', 'attainment'] as const;
export type ProjectSort = (typeof PROJECT_SORTS)[number];
export type SortDirection = 'asc' | 'desc';

/** A grade to look for under one criterion; `grade: null` finds the projects not rated on it. */
export interface RatingFilter {
  criterionKey: string;
  grade: string | null;
}

export interface ProjectFilter {
  municipalityId: number;
  fiscalYear: number;
  /** Department (部) name, exactly. */
  department?: string;
  /** A policy node's path (`1`, `1/2`, `1/2/3/4`): the node and everything under it. */
  policyPath?: string;
  rating?: RatingFilter;
  /** Words in the project's text, indicator names or this year's 総評 (see db/queries/search.ts). */
  q?: string;
  /** Projects whose attainment falls in this band (db/domain/attainment-bands.ts); `none` = undefined. */
  attainment?: AttainmentBandOrNone;
}

export interface ProjectOrder {
  sort: ProjectSort;
  dir: SortDirection;
}

export interface PolicyLabel {
  path: string;
  number: string | null;
  name: string;
}

export type { GradeLabel };

export interface ProjectListRow {
  evaluationId: number;
  projectId: number;
  code: string;
  name: string;
  department: string | null;
  section: string | null;
  /** The まちづくり目標 (level 1) above the project, and the node the project hangs on (usually a 施策). */
  goal: PolicyLabel | null;
  policy: PolicyLabel | null;
  /** 千円, exact decimal strings. */
  totalCost: string;
  /** The project's total cost in the previous fiscal year (year − 1); null when it was not evaluated then. */
  previousTotalCost: string | null;
  /** (this year − previous) ÷ previous; null without a previous year or when it cost 0. */
  change: number | null;
  /** 円 per citizen; null when the population of the year is unknown. */
  costPerCitizen: number | null;
  /** Mean of the indicators' capped attainments (ratio); null when no indicator has one. */
  attainment: number | null;
  /** By criterion key; null (or absent) = not rated. */
  ratings: Record<string, GradeLabel | null>;
}

export interface ProjectPage {
  rows: ProjectListRow[];
  /** Rows matching the filter, on all pages. */
  total: number;
  /** The page shown (clamped to the last page), 1-based. */
  page: number;
  pageCount: number;
  pageSize: number;
  /** Population of the fiscal year, or null when unknown (cost per citizen is then null). */
  population: number | null;
}

// ── Filtering and sorting ───────────────────────────────────────────────────────────────────

/** The WHERE conditions for a filter, each with its values bound as parameters. */
function filterConditions(filter: ProjectFilter): SQL[] {
  const conditions: SQL[] = [sql`p.municipality_id = ${filter.municipalityId}`, sql`e.fiscal_year = ${filter.fiscalYear}`];
  if (filter.department !== undefined) conditions.push(sql`d.name = ${filter.department}`);
  if (filter.policyPath !== undefined) {
    conditions.push(sql`(n.path = ${filter.policyPath} or starts_with(n.path, ${filter.policyPath + '/'}))`);
  }
  // The same matching as the search page (db/queries/search.ts), on this year's row.
  conditions.push(...projectTextConditions(filter.q));
  if (filter.rating) {
    const { criterionKey, grade } = filter.rating;
    conditions.push(
      grade === null
        ? sql`not exists (
            select 1 from ratings r join rating_criteria c on c.id = r.criterion_id
            where r.evaluation_id = e.id and c.key = ${criterionKey} and r.grade_id is not null)`
        : sql`exists (
            select 1 from ratings r
            join rating_criteria c on c.id = r.criterion_id
            join rating_grades g on g.id = r.grade_id
            where r.evaluation_id = e.id and c.key = ${criterionKey} and g.code = ${grade})`,
    );
  }
  if (filter.attainment !== undefined) {
    // The evaluation's attainment, from the rollup (ru, see evaluationsWithFigures).
    conditions.push(
      filter.attainment === NO_ATTAINMENT.key ? sql`ru.attainment is null` : sql`${attainmentBandSql(sql`ru.attainment`)} = ${filter.attainment}`,
    );
  }
  return conditions;
}

/**
 * Sort expressions by key: the only SQL a sort parameter can select. Qualified with `ev.` so
 * they name the CTE's numeric columns, not the select list's text copies (a bare output name
 * would sort '9' after '10'). Text sorts use the "C" collation so both drivers (and any server
 * locale) order identically. Cost per citizen divides every row by the same population, so it
 * sorts exactly as total cost does.
 */
const SORT_SQL: Record<ProjectSort, SQL> = {
  code: sql`ev.code collate "C"`,
  name: sql`ev.name collate "C"`,
  totalCost: sql`ev.total_cost`,
  costPerCitizen: sql`ev.total_cost`,
  change: sql`ev.change`,
  attainment: sql`ev.attainment`,
};

function orderBy({ sort, dir }: ProjectOrder): SQL {
  const expression = SORT_SQL[sort] ?? SORT_SQL.code;
  // Rows without a value ('—') stay at the bottom either way; the code breaks ties.
  return sql`${expression} ${dir === 'desc' ? sql`desc` : sql`asc`} nulls last, ev.code collate "C" asc`;
}

/** The filtered evaluations with every listed figure, as a CTE body. */
function evaluationsWithFigures(filter: ProjectFilter): SQL {
  // Total costs and attainment come from the per-evaluation rollup (db/queries/rollups.ts).
  const total = sql`ru.total_cost`;
  const previousTotal = sql`prev.total_cost`;
  return sql`
    select e.id as evaluation_id, p.id as project_id, p.code, p.name,
           d.name as department, s.name as section,
           n.path as policy_path, n.number as policy_number, n.name as policy_name,
           g.path as goal_path, g.number as goal_number, g.name as goal_name,
           ${total} as total_cost,
           ${previousTotal} as previous_total_cost,
           ((${total} - ${previousTotal}) / nullif(${previousTotal}, 0))::float8 as change,
           ru.attainment
    from evaluations e
    join evaluation_rollups ru on ru.evaluation_id = e.id
    join projects p on p.id = e.project_id
    left join departments d on d.id = p.department_id
    left join sections s on s.id = p.section_id
    left join policy_nodes n on n.id = p.policy_node_id
    left join policy_nodes g on g.municipality_id = p.municipality_id and g.level = 1
                             and g.path = split_part(n.path, '/', 1)
    left join evaluation_rollups prev on prev.project_id = e.project_id and prev.fiscal_year = e.fiscal_year - 1
    where ${sql.join(filterConditions(filter), sql` and `)}`;
}

interface RawRow extends Record<string, unknown> {
  evaluation_id: number;
  project_id: number;
  code: string;
  name: string;
  department: string | null;
  section: string | null;
  policy_path: string | null;
  policy_number: string | null;
  policy_name: string | null;
  goal_path: string | null;
  goal_number: string | null;
  goal_name: string | null;
  total_cost: string;
  previous_total_cost: string | null;
  change: number | null;
  attainment: number | null;
}

function selectRows(filter: ProjectFilter, order: ProjectOrder, limit?: { limit: number; offset: number }): SQL {
  return sql`
    with ev as (${evaluationsWithFigures(filter)})
    select evaluation_id, project_id, code, name, department, section,
           policy_path, policy_number, policy_name, goal_path, goal_number, goal_name,
           total_cost::text as total_cost, previous_total_cost::text as previous_total_cost,
           change, attainment
    from ev
    order by ${orderBy(order)}
    ${limit ? sql`limit ${limit.limit} offset ${limit.offset}` : sql``}`;
}

async function populationOf(db: Db, municipalityId: number, fiscalYear: number): Promise<number | null> {
  const [row] = await queryRows<{ population: number }>(
    db,
    sql`select population from municipality_populations where municipality_id = ${municipalityId} and fiscal_year = ${fiscalYear}`,
  );
  return row ? Number(row.population) : null;
}

/** The rated grades of some evaluations, by evaluation id and criterion key. */
async function ratingsOf(db: Db, evaluationIds: number[]): Promise<Map<number, Record<string, GradeLabel>>> {
  const byEvaluation = new Map<number, Record<string, GradeLabel>>();
  if (evaluationIds.length === 0) return byEvaluation;
  const rows = await db
    .select({
      evaluationId: ratings.evaluationId,
      key: ratingCriteria.key,
      code: ratingGrades.code,
      labelJa: ratingGrades.labelJa,
      labelEn: ratingGrades.labelEn,
      band: ratingGrades.band,
    })
    .from(ratings)
    .innerJoin(ratingCriteria, eq(ratingCriteria.id, ratings.criterionId))
    .innerJoin(ratingGrades, eq(ratingGrades.id, ratings.gradeId))
    .where(inArray(ratings.evaluationId, evaluationIds));
  for (const { evaluationId, key, ...grade } of rows) {
    const entry = byEvaluation.get(evaluationId) ?? {};
    entry[key] = grade;
    byEvaluation.set(evaluationId, entry);
  }
  return byEvaluation;
}

async function toListRows(db: Db, raw: RawRow[], population: number | null): Promise<ProjectListRow[]> {
  const grades = await ratingsOf(
    db,
    raw.map((r) => Number(r.evaluation_id)),
  );
  const label = (path: string | null, number: string | null, name: string | null): PolicyLabel | null =>
    path === null || name === null ? null : { path, number, name };
  return raw.map((r) => ({
    evaluationId: Number(r.evaluation_id),
    projectId: Number(r.project_id),
    code: r.code,
    name: r.name,
    department: r.department,
    section: r.section,
    goal: label(r.goal_path, r.goal_number, r.goal_name),
    policy: label(r.policy_path, r.policy_number, r.policy_name),
    totalCost: r.total_cost,
    previousTotalCost: r.previous_total_cost,
    change: r.change === null ? null : Number(r.change),
    costPerCitizen: costPerCitizenYen(Number(r.total_cost), population),
    attainment: r.attainment === null ? null : Number(r.attainment),
    ratings: grades.get(Number(r.evaluation_id)) ?? {},
  }));
}

// ── The list and the export ─────────────────────────────────────────────────────────────────

/** How many evaluations match the filter. */
export async function countProjects(db: Db, filter: ProjectFilter): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    // Only the joins the filter conditions need (no figures, sections, goals or previous year).
    sql`select count(*)::int as n
        from evaluations e
        join evaluation_rollups ru on ru.evaluation_id = e.id
        join projects p on p.id = e.project_id
        left join departments d on d.id = p.department_id
        left join policy_nodes n on n.id = p.policy_node_id
        where ${sql.join(filterConditions(filter), sql` and `)}`,
  );
  return Number(row?.n ?? 0);
}

/** One page of the filtered, sorted list (page numbers past the end show the last page). */
export async function listProjects(db: Db, filter: ProjectFilter, order: ProjectOrder, page = 1, pageSize = PROJECT_PAGE_SIZE): Promise<ProjectPage> {
  const [total, population] = await Promise.all([countProjects(db, filter), populationOf(db, filter.municipalityId, filter.fiscalYear)]);
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const shown = Math.min(Math.max(1, Math.floor(page) || 1), pageCount);
  const raw = await queryRows<RawRow>(db, selectRows(filter, order, { limit: pageSize, offset: (shown - 1) * pageSize }));
  return { rows: await toListRows(db, raw, population), total, page: shown, pageCount, pageSize, population };
}

/** Every filtered row in list order (all pages), for the CSV download. */
export async function exportProjects(db: Db, filter: ProjectFilter, order: ProjectOrder): Promise<ProjectListRow[]> {
  const [raw, population] = await Promise.all([queryRows<RawRow>(db, selectRows(filter, order)), populationOf(db, filter.municipalityId, filter.fiscalYear)]);
  return toListRows(db, raw, population);
}

// ── Filter choices ──────────────────────────────────────────────────────────────────────────

/** The municipality's department (部) names, in code-point order (the same on both drivers). */
export async function listDepartments(db: Db, municipalityId: number): Promise<string[]> {
  const rows = await db
    .select({ name: departments.name })
    .from(departments)
    .where(eq(departments.municipalityId, municipalityId))
    .orderBy(sql`${departments.name} collate "C"`);
  return rows.map((r) => r.name);
}

export interface PolicyOption extends PolicyLabel {
  /** 1 = まちづくり目標 … 4 = 施策. */
  level: number;
}

/** The numbered policy tree (levels 1–4) in reading order: 1, 1/1, 1/1/1, …, 1/2, …, 10. */
export async function listPolicyOptions(db: Db, municipalityId: number): Promise<PolicyOption[]> {
  const rows = await queryRows<{ path: string; number: string | null; name: string; level: number }>(
    db,
    sql`select path, number, name, level from policy_nodes
        where municipality_id = ${municipalityId} and level between 1 and 4`,
  );
  return rows.map((r) => ({ path: r.path, number: r.number, name: r.name, level: Number(r.level) })).sort((a, b) => comparePaths(a.path, b.path));
}

/** Segment by segment, numbers as numbers: '1/2' < '1/10' < '2'. */
export function comparePaths(a: string, b: string): number {
  const as = a.split('/');
  const bs = b.split('/');
  for (let i = 0; i < Math.min(as.length, bs.length); i++) {
    const x = as[i]!;
    const y = bs[i]!;
    if (x === y) continue;
    const nx = Number(x);
    const ny = Number(y);
    if (x !== '' && y !== '' && Number.isFinite(nx) && Number.isFinite(ny)) return nx - ny;
    return x < y ? -1 : 1;
  }
  return as.length - bs.length;
}

/** A criterion and its grades, as the project list's filters and columns use them. */
export type CriterionOption = RatingCriterion;
export { listRatingCriteria };
