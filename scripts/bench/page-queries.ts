/**
 * What each benchmarked page asks the database for, next to the same figures written as plain
 * SQL by hand, so `npm run bench` can report how much the query layer costs over the physical
 * minimum. The raw SQL is deliberately naive: no shared CTE helpers, no rollup table — it
 * computes every figure the page shows from the base tables (evaluations, indicator values,
 * ratings), the way a DBA would type it into psql. It covers every figure of the page: KPIs of
 * both years, children, histogram, rating mix, trends, scatter, node projects, list rows,
 * watch rules, and the small lookups (municipalities, years, criteria, departments, policies).
 *
 * `check` compares a few headline figures of both, so a baseline that computes something else
 * shows up in the bench output instead of flattering (or damning) the ratio.
 */
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client';
import { attainmentBandSql } from '../../db/domain/attainment-bands';
import { DEFAULT_THRESHOLDS, parseRules } from '../../db/domain/watch-rules';
import {
  getAttainmentHistogram,
  getOverviewKpis,
  getRatingDistribution,
  getScatterPoints,
  getTrends,
  listFiscalYears,
  listMunicipalities,
} from '../../db/queries/overview';
import { findPolicyNode, getChildFigures, getProjectsInScope } from '../../db/queries/policies';
import { countProjects, listDepartments, listPolicyOptions, listProjects, listRatingCriteria } from '../../db/queries/projects';
import { getWatchlist } from '../../db/queries/watchlist';

export interface BenchContext {
  municipalityId: number;
  municipalityCode: string;
  fiscalYear: number;
  /** The year before (the KPIs' comparison). */
  previousYear: number;
  /** The まちづくり目標 with the most projects: the policy page benchmarked. */
  policyPath: string;
  /** The department with the most projects: the project list's filter. */
  department: string;
}

export interface BenchPage {
  name: string;
  /** The URL the page is served at (for the HTTP timings). */
  path(context: BenchContext): string;
  /** Everything the page's server components fetch, in the order they fetch it. */
  data(db: Db, context: BenchContext): Promise<unknown>;
  /** The same figures, hand-written: one statement per figure set. */
  rawSql(context: BenchContext): SQL[];
  /** Headline figures from both, which must agree: [what, Hyoka, raw]. */
  check(data: unknown, raw: Record<string, unknown>[][], context: BenchContext): [string, unknown, unknown][];
}

/** The municipality and year the pages show by default, and the node and department to bench. */
export async function benchContext(db: Db): Promise<BenchContext> {
  const [row] = await queryRows<{ municipality_id: number; code: string; fiscal_year: number }>(
    db,
    sql`select m.id as municipality_id, m.code, max(e.fiscal_year)::int as fiscal_year
        from evaluations e join projects p on p.id = e.project_id join municipalities m on m.id = p.municipality_id
        group by m.id, m.code order by count(*) desc, m.code limit 1`,
  );
  const municipalityId = Number(row!.municipality_id);
  const fiscalYear = Number(row!.fiscal_year);
  const [goal] = await queryRows<{ path: string }>(
    db,
    sql`select split_part(n.path, '/', 1) as path from evaluations e join projects p on p.id = e.project_id
        join policy_nodes n on n.id = p.policy_node_id
        where p.municipality_id = ${municipalityId} and e.fiscal_year = ${fiscalYear} and n.level >= 1
        group by 1 order by count(*) desc, 1 limit 1`,
  );
  const [department] = await queryRows<{ name: string }>(
    db,
    sql`select d.name from evaluations e join projects p on p.id = e.project_id join departments d on d.id = p.department_id
        where p.municipality_id = ${municipalityId} and e.fiscal_year = ${fiscalYear}
        group by d.name order by count(*) desc, d.name limit 1`,
  );
  return { municipalityId, municipalityCode: row!.code, fiscalYear, previousYear: fiscalYear - 1, policyPath: goal!.path, department: department!.name };
}

// ── The hand-written baseline ───────────────────────────────────────────────────────────────

/**
 * Per project-year of the municipality: total cost, attainment (mean of the indicators'
 * ratios capped at 200 %, undefined ones left out), indicators with a ratio and at target,
 * the effectiveness band, the project's node path and goal — straight from the base tables.
 */
function rawEvaluations(municipalityId: number, years: SQL): SQL {
  return sql`
    r as (
      select v.indicator_id, i.project_id, v.fiscal_year,
             case when v.target is null or v.actual is null then null
                  when i.direction = 'higher' then case when v.target = 0 then null else v.actual::float8 / v.target::float8 end
                  when v.target = 0 then null
                  when v.actual = 0 then 2::float8
                  else v.target::float8 / v.actual::float8 end as ratio
      from indicator_values v join indicators i on i.id = v.indicator_id join projects p on p.id = i.project_id
      where p.municipality_id = ${municipalityId} and v.fiscal_year ${years}
    ),
    a as (
      select project_id, fiscal_year, avg(least(ratio, 2)) filter (where ratio is not null) as attainment,
             count(ratio) as with_att, count(*) filter (where ratio >= 1) as at_target, count(*) as indicators
      from r group by 1, 2
    ),
    ev as (
      select e.id, e.project_id, e.fiscal_year, p.code, p.name, n.path,
             coalesce(e.project_cost, 0) + coalesce(e.staff_cost, 0) as cost,
             a.attainment, coalesce(a.with_att, 0) as with_att, coalesce(a.at_target, 0) as at_target, coalesce(a.indicators, 0) as indicators
      from evaluations e join projects p on p.id = e.project_id
      left join policy_nodes n on n.id = p.policy_node_id
      left join a on a.project_id = e.project_id and a.fiscal_year = e.fiscal_year
      where p.municipality_id = ${municipalityId} and e.fiscal_year ${years}
    ),
    eff as (
      select r.evaluation_id, g.band from ratings r join rating_criteria c on c.id = r.criterion_id join rating_grades g on g.id = r.grade_id
      where c.key = 'effectiveness' and r.evaluation_id in (select id from ev)
    )`;
}

/** In the subtree of `path` (everything when null). */
const rawInScope = (path: string | null) => (path === null ? sql`true` : sql`(ev.path = ${path} or ev.path like ${path + '/%'})`);
/** The node one level below the scope's root a project sits under (null: on the root, or outside the tree). */
function rawChild(path: string | null): SQL {
  const depth = path === null ? 1 : path.split('/').length + 1;
  return sql`case when ev.path is null or ev.path like 'pillar:%' or array_length(string_to_array(ev.path, '/'), 1) < ${depth} then null
                  else array_to_string((string_to_array(ev.path, '/'))[1:${depth}], '/') end`;
}

/** Every figure of the dashboard (the overview, or a policy node's subtree) as hand-written statements. */
function rawDashboard(c: BenchContext, path: string | null): SQL[] {
  const { municipalityId: m, fiscalYear: y, previousYear: py } = c;
  const kpis = sql`count(*) as projects, sum(ev.cost) as total_cost, percentile_cont(0.5) within group (order by ev.attainment) as median,
                   sum(ev.with_att) as with_att, sum(ev.at_target) as at_target, count(eff.band) as eff_rated, count(*) filter (where eff.band = 'poor') as eff_poor`;
  const childNodes = path === null ? sql`level = 1` : sql`parent_id = (select id from policy_nodes where municipality_id = ${m} and path = ${path})`;
  return [
    sql`select id, code, name from municipalities order by code`,
    sql`select distinct e.fiscal_year from evaluations e join projects p on p.id = e.project_id where p.municipality_id = ${m} order by 1 desc`,
    // KPIs, this year and the one before.
    sql`with ${rawEvaluations(m, sql`in (${y}, ${py})`)}
        select ev.fiscal_year, ${kpis}, max(mp.population) as population
        from ev left join eff on eff.evaluation_id = ev.id
        left join municipality_populations mp on mp.municipality_id = ${m} and mp.fiscal_year = ev.fiscal_year
        where ${rawInScope(path)} group by ev.fiscal_year`,
    // The level below: its nodes, and their KPIs.
    sql`select n.id, n.number, n.name, n.path, pn.name as parent_name from policy_nodes n left join policy_nodes pn on pn.id = n.parent_id
        where n.municipality_id = ${m} and n.${childNodes} order by n.path`,
    sql`with ${rawEvaluations(m, sql`= ${y}`)}
        select ${rawChild(path)} as child, ${kpis} from ev left join eff on eff.evaluation_id = ev.id where ${rawInScope(path)} group by 1`,
    // Attainment histogram.
    sql`with ${rawEvaluations(m, sql`= ${y}`)}
        select ${attainmentBandSql(sql`ev.attainment`)} as band, count(*) from ev where ${rawInScope(path)} group by 1`,
    // Rating mix: every criterion × grade (or none) per child.
    sql`select c.key, c.label_ja, g.code, g.label_ja, g.band from rating_criteria c join rating_schemes s on s.id = c.scheme_id
        join rating_grades g on g.criterion_id = c.id where s.municipality_id = ${m} order by c.position, g.position`,
    sql`with ${rawEvaluations(m, sql`= ${y}`)}
        select ${rawChild(path)} as child, c.key, g.code, count(*)
        from ev cross join rating_criteria c join rating_schemes s on s.id = c.scheme_id and s.municipality_id = ${m}
        left join ratings r on r.evaluation_id = ev.id and r.criterion_id = c.id left join rating_grades g on g.id = r.grade_id
        where ${rawInScope(path)} group by 1, 2, 3`,
    // Trends: every year.
    sql`with ${rawEvaluations(m, sql`is not null`)}
        select ev.fiscal_year, ${kpis}, max(mp.population) as population
        from ev left join eff on eff.evaluation_id = ev.id
        left join municipality_populations mp on mp.municipality_id = ${m} and mp.fiscal_year = ev.fiscal_year
        where ${rawInScope(path)} group by ev.fiscal_year order by 1`,
    // Scatter: every project.
    sql`with ${rawEvaluations(m, sql`= ${y}`)}
        select ev.code, ev.name, ${rawChild(path)} as child, ev.cost::float8, ev.attainment from ev where ${rawInScope(path)} order by ev.code`,
  ];
}

const n = (v: unknown) => Number(v ?? 0);
const sumOf = (rows: Record<string, unknown>[], key: string) => rows.reduce((s, r) => s + n(r[key]), 0);
const yearRow = (rows: Record<string, unknown>[], year: number) => rows.find((r) => n(r.fiscal_year) === year) ?? {};

// ── The pages ───────────────────────────────────────────────────────────────────────────────

type DashboardData = [
  Awaited<ReturnType<typeof getOverviewKpis>>,
  Awaited<ReturnType<typeof getOverviewKpis>>,
  Awaited<ReturnType<typeof getAttainmentHistogram>>,
  Awaited<ReturnType<typeof getChildFigures>>,
  Awaited<ReturnType<typeof getRatingDistribution>>,
  Awaited<ReturnType<typeof getTrends>>,
  Awaited<ReturnType<typeof getScatterPoints>>,
];

/** What app/components/dashboard/ScopeDashboard.tsx fetches for a scope (after readCityYear). */
async function dashboardData(db: Db, c: BenchContext, policyPath: string | null): Promise<DashboardData> {
  await listMunicipalities(db);
  await listFiscalYears(db, c.municipalityId);
  const s = { municipalityId: c.municipalityId, fiscalYear: c.fiscalYear, policyPath };
  return [
    await getOverviewKpis(db, s),
    await getOverviewKpis(db, { ...s, fiscalYear: c.previousYear }),
    await getAttainmentHistogram(db, s),
    await getChildFigures(db, s),
    await getRatingDistribution(db, s),
    await getTrends(db, { municipalityId: c.municipalityId, policyPath }),
    await getScatterPoints(db, s),
  ];
}

function checkDashboard(data: unknown, raw: Record<string, unknown>[][], c: BenchContext): [string, unknown, unknown][] {
  const [kpis, previous, histogram, children, , trends, scatter] = data as DashboardData;
  const rawKpis = yearRow(raw[2]!, c.fiscalYear);
  return [
    ['projects', kpis.projectCount, n(rawKpis.projects)],
    ['total cost', Number(kpis.totalCost), n(rawKpis.total_cost)],
    ['median attainment', kpis.medianAttainment?.toFixed(9), rawKpis.median === null ? undefined : n(rawKpis.median).toFixed(9)],
    ['indicators at target', kpis.indicatorsAtTarget, n(rawKpis.at_target)],
    ['effectiveness poor', kpis.effectivenessPoor, n(rawKpis.eff_poor)],
    ['previous year projects', previous.projectCount, n(yearRow(raw[2]!, c.previousYear).projects)],
    ['children', children.reduce((s, x) => s + x.projectCount, 0), sumOf(raw[4]!, 'projects')],
    ['histogram', histogram.reduce((s, b) => s + b.count, 0), sumOf(raw[5]!, 'count')],
    ['trend years', trends.length, raw[8]!.length],
    ['scatter points', scatter.length, raw[9]!.length],
  ];
}

const WATCH = { rules: parseRules(undefined), thresholds: DEFAULT_THRESHOLDS };

export const BENCH_PAGES: BenchPage[] = [
  {
    name: 'overview',
    path: (c) => `/?municipality=${c.municipalityCode}&year=${c.fiscalYear}`,
    data: (db, c) => dashboardData(db, c, null),
    rawSql: (c) => rawDashboard(c, null),
    check: checkDashboard,
  },
  {
    name: 'policy node',
    path: (c) => `/policies/${c.policyPath}?municipality=${c.municipalityCode}&year=${c.fiscalYear}`,
    data: async (db, c) => {
      const node = await findPolicyNode(db, c.municipalityId, c.policyPath);
      const dashboard = await dashboardData(db, c, node!.path);
      const projects = await getProjectsInScope(db, { municipalityId: c.municipalityId, fiscalYear: c.fiscalYear, policyPath: node!.path });
      return [dashboard, projects];
    },
    rawSql: (c) => {
      const { municipalityId: m, fiscalYear: y, policyPath: path } = c;
      return [
        // The node and its ancestors (paths are prefixes), and its child count.
        sql`select n.id, n.level, n.number, n.name, n.path, (select count(*) from policy_nodes k where k.parent_id = n.id) as children
            from policy_nodes n where n.municipality_id = ${m} and (n.path = ${path} or ${path} like n.path || '/%') order by n.level`,
        ...rawDashboard(c, path),
        // The projects under the node, with cost, attainment and every grade.
        sql`with ${rawEvaluations(m, sql`= ${y}`)}
            select ev.code, ev.name, ev.path, n.number, n.name as node_name, ev.cost, ev.attainment,
                   (select json_agg(json_build_object('key', c.key, 'code', g.code, 'band', g.band)) from ratings r
                    join rating_criteria c on c.id = r.criterion_id join rating_grades g on g.id = r.grade_id where r.evaluation_id = ev.id) as grades
            from ev left join policy_nodes n on n.municipality_id = ${m} and n.path = ev.path
            where ${rawInScope(path)} order by ev.code`,
      ];
    },
    check: (data, raw, c) => {
      const [dashboard, projects] = data as [DashboardData, unknown[]];
      return [...checkDashboard(dashboard, raw.slice(1), c), ['node projects', projects.length, raw.at(-1)!.length]];
    },
  },
  {
    name: 'watchlist',
    path: (c) => `/watchlist?municipality=${c.municipalityCode}&year=${c.fiscalYear}`,
    data: async (db, c) => {
      await listMunicipalities(db);
      await listFiscalYears(db, c.municipalityId);
      return Promise.all([
        getWatchlist(db, { municipalityId: c.municipalityId, fiscalYear: c.fiscalYear, ...WATCH }),
        listDepartments(db, c.municipalityId),
        listPolicyOptions(db, c.municipalityId),
        listRatingCriteria(db, c.municipalityId),
      ]);
    },
    rawSql: (c) => {
      const { municipalityId: m, fiscalYear: y, previousYear: py } = c;
      const below = DEFAULT_THRESHOLDS.attainmentBelowPercent / 100;
      const up = 1 + DEFAULT_THRESHOLDS.costUpPercent / 100;
      const flags = sql`
        with ${rawEvaluations(m, sql`in (${y}, ${py})`)},
        cur as (select * from ev where fiscal_year = ${y}),
        prev as (select * from ev where fiscal_year = ${py}),
        g as (
          select r.evaluation_id, count(*) as graded,
                 bool_or(c.key in ('progress', 'effectiveness') and g.band = 'poor') as poor,
                 bool_or(c.key = 'efficiency' and g.band = 'poor') as inefficient,
                 json_agg(json_build_object('criterionKey', c.key, 'code', g.code, 'band', g.band) order by c.position) as grades
          from ratings r join rating_criteria c on c.id = r.criterion_id join rating_grades g on g.id = r.grade_id
          where r.evaluation_id in (select id from cur) group by 1
        ),
        f as (
          select cur.code, cur.name, d.name as department, s.name as section, goal.number as goal_number, goal.name as goal_name,
                 cur.cost, prev.cost as previous_cost, cur.attainment, prev.attainment as previous_attainment, cur.indicators, cur.with_att, g.grades,
                 coalesce(cur.attainment < ${below} - 1e-9, false) as t_attainment,
                 coalesce(g.poor, false) as t_poor, coalesce(g.inefficient, false) as t_efficiency,
                 coalesce(prev.cost > 0 and cur.cost > prev.cost * ${up} and cur.attainment < prev.attainment - 1e-9, false) as t_cost_up,
                 cur.with_att = 0 as t_no_indicator, g.graded is null as t_not_rated
          from cur join projects p on p.id = cur.project_id
          left join departments d on d.id = p.department_id left join sections s on s.id = p.section_id
          left join policy_nodes goal on goal.municipality_id = ${m} and goal.level = 1 and goal.path = split_part(cur.path, '/', 1)
          left join prev on prev.project_id = cur.project_id
          left join g on g.evaluation_id = cur.id
        )`;
      const severity = sql`(3 * t_attainment::int + 3 * t_poor::int + 2 * t_efficiency::int + 2 * t_cost_up::int + t_no_indicator::int + t_not_rated::int)`;
      return [
        sql`select id, code, name from municipalities order by code`,
        sql`select distinct e.fiscal_year from evaluations e join projects p on p.id = e.project_id where p.municipality_id = ${m} order by 1 desc`,
        sql`${flags} select *, ${severity} as severity from f where ${severity} > 0 order by severity desc, cost desc, code collate "C"`,
        sql`${flags} select count(*), count(*) filter (where t_attainment) as attainment, count(*) filter (where t_poor) as poor,
                            count(*) filter (where t_efficiency) as efficiency, count(*) filter (where t_cost_up) as cost_up,
                            count(*) filter (where t_no_indicator) as no_indicator, count(*) filter (where t_not_rated) as not_rated from f`,
        sql`select name from departments where municipality_id = ${m} order by name collate "C"`,
        sql`select path, number, name, level from policy_nodes where municipality_id = ${m} and level between 1 and 4`,
        sql`select c.key, c.label_ja, g.code, g.label_ja, g.band from rating_criteria c join rating_schemes s on s.id = c.scheme_id
            join rating_grades g on g.criterion_id = c.id where s.municipality_id = ${m} order by c.position, g.position`,
      ];
    },
    check: (data, raw) => {
      const [watchlist] = data as [Awaited<ReturnType<typeof getWatchlist>>];
      const counts = raw[3]![0]!;
      return [
        ['listed', watchlist.rows.length, raw[2]!.length],
        ['evaluated', watchlist.evaluatedCount, n(counts.count)],
        ['attainment rule', watchlist.counts.attainment, n(counts.attainment)],
        ['poor rule', watchlist.counts.poor, n(counts.poor)],
        ['cost-up rule', watchlist.counts.costUp, n(counts.cost_up)],
        ['first listed', watchlist.rows[0]?.projectCode, raw[2]![0]?.code],
      ];
    },
  },
  {
    name: 'project table',
    path: (c) => `/projects?municipality=${c.municipalityCode}&year=${c.fiscalYear}&department=${encodeURIComponent(c.department)}`,
    data: async (db, c) => {
      await listMunicipalities(db);
      await Promise.all([listFiscalYears(db, c.municipalityId), listRatingCriteria(db, c.municipalityId)]);
      const filter = { municipalityId: c.municipalityId, fiscalYear: c.fiscalYear, department: c.department };
      return Promise.all([
        listProjects(db, filter, { sort: 'code', dir: 'asc' }, 1),
        countProjects(db, { municipalityId: c.municipalityId, fiscalYear: c.fiscalYear }),
        listDepartments(db, c.municipalityId),
        listPolicyOptions(db, c.municipalityId),
      ]);
    },
    rawSql: (c) => {
      const { municipalityId: m, fiscalYear: y, department } = c;
      return [
        sql`select id, code, name from municipalities order by code`,
        sql`select distinct e.fiscal_year from evaluations e join projects p on p.id = e.project_id where p.municipality_id = ${m} order by 1 desc`,
        sql`select c.key, c.label_ja, g.code, g.label_ja, g.band from rating_criteria c join rating_schemes s on s.id = c.scheme_id
            join rating_grades g on g.criterion_id = c.id where s.municipality_id = ${m} order by c.position, g.position`,
        sql`select count(*) from evaluations e join projects p on p.id = e.project_id join departments d on d.id = p.department_id
            where p.municipality_id = ${m} and e.fiscal_year = ${y} and d.name = ${department}`,
        sql`select population from municipality_populations where municipality_id = ${m} and fiscal_year = ${y}`,
        // The first page: 50 rows by code, with every column, the attainment of those rows only.
        sql`select e.id, p.code, p.name, d.name as department, s.name as section, n.path, n.number, n.name as policy, g.number as goal_number, g.name as goal,
                   coalesce(e.project_cost, 0) + coalesce(e.staff_cost, 0) as cost,
                   coalesce(pe.project_cost, 0) + coalesce(pe.staff_cost, 0) as previous_cost,
                   (select avg(least(x.ratio, 2)) filter (where x.ratio is not null) from (
                      select case when v.target is null or v.actual is null then null
                                  when i.direction = 'higher' then case when v.target = 0 then null else v.actual::float8 / v.target::float8 end
                                  when v.target = 0 then null when v.actual = 0 then 2::float8
                                  else v.target::float8 / v.actual::float8 end as ratio
                      from indicators i join indicator_values v on v.indicator_id = i.id and v.fiscal_year = e.fiscal_year
                      where i.project_id = e.project_id) x) as attainment,
                   (select json_agg(json_build_object('key', c.key, 'code', gr.code, 'band', gr.band)) from ratings r
                    join rating_criteria c on c.id = r.criterion_id join rating_grades gr on gr.id = r.grade_id where r.evaluation_id = e.id) as grades
            from evaluations e join projects p on p.id = e.project_id
            join departments d on d.id = p.department_id left join sections s on s.id = p.section_id
            left join policy_nodes n on n.id = p.policy_node_id
            left join policy_nodes g on g.municipality_id = ${m} and g.level = 1 and g.path = split_part(n.path, '/', 1)
            left join evaluations pe on pe.project_id = e.project_id and pe.fiscal_year = e.fiscal_year - 1
            where p.municipality_id = ${m} and e.fiscal_year = ${y} and d.name = ${department}
            order by p.code collate "C" limit 50`,
        sql`select count(*) from evaluations e join projects p on p.id = e.project_id where p.municipality_id = ${m} and e.fiscal_year = ${y}`,
        sql`select name from departments where municipality_id = ${m} order by name collate "C"`,
        sql`select path, number, name, level from policy_nodes where municipality_id = ${m} and level between 1 and 4`,
      ];
    },
    check: (data, raw) => {
      const [page, unfiltered] = data as [Awaited<ReturnType<typeof listProjects>>, number];
      return [
        ['matching', page.total, n(raw[3]![0]!.count)],
        ['year total', unfiltered, n(raw[6]![0]!.count)],
        ['first row', page.rows[0]?.code, raw[5]![0]?.code],
        ['first row cost', Number(page.rows[0]?.totalCost), n(raw[5]![0]?.cost)],
        ['first row attainment', page.rows[0]?.attainment?.toFixed(9), raw[5]![0]?.attainment == null ? undefined : n(raw[5]![0]!.attainment).toFixed(9)],
        ['page rows', page.rows.length, raw[5]!.length],
      ];
    },
  },
];
