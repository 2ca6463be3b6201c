/**
 * The watchlist (要注意事業): the projects of one municipality and fiscal year that trip at least
 * one of the rules in db/domain/watch-rules.ts, worst first. The rules are applied here, in SQL,
 * with the metric definitions of db/domain/metrics.ts; the page and the CSV export both read
 * `getWatchlist`, so they always list the same rows.
 */
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../client';
import type { Band, WatchRole } from '../domain/rating-scheme';
import { ATTAINMENT_TOLERANCE, WATCH_RULE_KEYS, watchRule, type WatchRuleKey, type WatchThresholds } from '../domain/watch-rules';

export interface WatchlistScope {
  municipalityId: number;
  fiscalYear: number;
  /** Department name (部名), as the filter's URL carries it. */
  department?: string;
  /** A policy node's path (`1`, `1/2`, …): the node and everything below it. */
  policy?: string;
}

export interface WatchlistQuery extends WatchlistScope {
  /** The rules switched on: only these list a project, count towards severity and show as badges. */
  rules: readonly WatchRuleKey[];
  thresholds: WatchThresholds;
}

export interface WatchlistGrade {
  criterionKey: string;
  code: string;
  band: Band;
  /** The rule the criterion's poor band trips (null: none). */
  watchRule: WatchRole | null;
}

export interface WatchlistRow {
  projectCode: string;
  projectName: string;
  department: string | null;
  section: string | null;
  goalNumber: string | null;
  goalName: string | null;
  /** 千円, exact decimal strings. */
  totalCost: string;
  previousTotalCost: string | null;
  /** (this year − previous) ÷ previous, a ratio; null without a previous year or with a zero one. */
  costChange: number | null;
  /** Project attainment (mean of capped indicator attainments), this and the previous fiscal year. */
  attainment: number | null;
  previousAttainment: number | null;
  /** Indicators on this year's sheet, and how many of them have a computable attainment. */
  indicatorCount: number;
  indicatorsWithAttainment: number;
  /** Actuals-only indicators comparable with the previous year, and those worse two years running. */
  indicatorsWithTrend: number;
  indicatorsWorsenedTwice: number;
  /** This year's grades, in the scheme's criterion order (criteria without a grade are absent). */
  grades: WatchlistGrade[];
  /** The enabled rules this project trips, in rule order. */
  tripped: WatchRuleKey[];
  /** Sum of the tripped rules' weights. */
  severity: number;
}

/** Rows per page of the watchlist page (the CSV export lists every row). */
export const WATCHLIST_PAGE_SIZE = 25;

export interface Watchlist {
  /** The listed rows, worst first: every one, or one page's when a page was asked for. */
  rows: WatchlistRow[];
  /** Projects listed (tripping an enabled rule), over every page. */
  listedCount: number;
  /** The page shown (clamped to the last one) and how many there are; 1 and 1 without paging. */
  page: number;
  pageCount: number;
  /** Projects tripping each rule within the scope, whether the rule is switched on or not. */
  counts: Record<WatchRuleKey, number>;
  /** Projects evaluated in the scope (municipality, year, department, policy). */
  evaluatedCount: number;
}

const tolerance = () => sql.raw(`${ATTAINMENT_TOLERANCE}::float8`);

/** The rules that look at this year's grades (poor, efficiency). */
const RATING_RULES = WATCH_RULE_KEYS.filter((k) => watchRule(k).ratings);

/** Column name of a rating rule's per-evaluation fact; keys are our own constants. */
const ratingFact = (key: WatchRuleKey) => sql.raw(`"rated_${key}"`);

/**
 * Per evaluation: whether some grade on a criterion of each rating rule's watch role falls in the rule's band,
 * how many criteria are graded, and the grades themselves. A lateral aggregate, so the plan
 * is "this evaluation's ratings, by primary key" whatever the statistics: as a join (or an
 * EXISTS, which the planner turns into a semi-join) it hashed the whole ratings table, twice
 * per page, seconds at a million evaluations.
 */
function gradesLateral(evaluationId: SQL): SQL {
  return sql`cross join lateral (
    select count(*)::int as graded_count,
           json_agg(json_build_object('criterionKey', c.key, 'code', g.code, 'band', g.band, 'watchRule', c.watch_rule) order by c.position)::text as grades,
           ${sql.join(
             RATING_RULES.map((key) => {
               const spec = watchRule(key).ratings!;
               return sql`coalesce(bool_or(c.watch_rule = ${spec.role} and g.band = ${spec.band}), false) as ${ratingFact(key)}`;
             }),
             sql`, `,
           )}
    from ratings r
    join rating_criteria c on c.id = r.criterion_id
    join rating_grades g on g.id = r.grade_id
    where r.evaluation_id = ${evaluationId}
  ) gr`;
}

/** Each rule as a condition on one row of `facts` (alias f). Typed so no rule can be left out. */
const RULE_SQL: Record<WatchRuleKey, (t: WatchThresholds) => SQL> = {
  attainment: (t) => sql`f.attainment < ${t.attainmentBelowPercent / 100}::float8 - ${tolerance()}`,
  poor: () => sql`f.${ratingFact('poor')}`,
  efficiency: () => sql`f.${ratingFact('efficiency')}`,
  // Exact numeric arithmetic on the 千円 figures: exactly +20 % is not "more than 20 %".
  costUp: (t) => sql`(f.previous_total_cost > 0
    and f.total_cost > f.previous_total_cost * (1 + ${String(t.costUpPercent)}::numeric / 100)
    and f.attainment < f.previous_attainment - ${tolerance()})`,
  worsening: () => sql`f.indicators_worsened_twice > 0`,
  noIndicator: () => sql`(f.indicators_with_attainment = 0 and f.indicators_with_trend = 0)`,
  notRated: () => sql`f.graded_count = 0`,
};

/** Column name of a rule's flag; keys are our own constants, never user input. */
const flag = (key: WatchRuleKey) => sql.raw(`"trip_${key}"`);

/**
 * Every evaluated project in scope with its facts and one boolean per rule (all rules, so the
 * counts can show what a switched-off rule would add).
 */
function trippedSql(scope: WatchlistScope, thresholds: WatchThresholds): SQL {
  const { municipalityId, fiscalYear } = scope;
  const previousYear = fiscalYear - 1;
  const filters: SQL[] = [];
  if (scope.department !== undefined) filters.push(sql`and d.name = ${scope.department}`);
  if (scope.policy !== undefined) {
    filters.push(sql`and (n.path = ${scope.policy} or left(n.path, length(${scope.policy}) + 1) = ${scope.policy + '/'})`);
  }
  return sql`
    -- Per-evaluation figures from the rollup (db/queries/rollups.ts): total cost, attainment
    -- and indicator counts, for this fiscal year and the one before.
    cur as (
      select r.evaluation_id, r.project_id, r.total_cost, r.attainment, r.indicator_count, r.with_attainment,
             r.with_trend, r.worsened_twice
      from evaluation_rollups r
      where r.municipality_id = ${municipalityId} and r.fiscal_year = ${fiscalYear}
    ),
    prev as (
      select r.project_id, r.total_cost, r.attainment
      from evaluation_rollups r
      where r.municipality_id = ${municipalityId} and r.fiscal_year = ${previousYear}
    ),
    facts as (
      select cur.evaluation_id, p.code as project_code, p.name as project_name,
             d.name as department, s.name as section, goal.number as goal_number, goal.name as goal_name,
             cur.total_cost, prev.total_cost as previous_total_cost,
             cur.attainment, prev.attainment as previous_attainment,
             cur.indicator_count,
             cur.with_attainment as indicators_with_attainment,
             cur.with_trend as indicators_with_trend, cur.worsened_twice as indicators_worsened_twice,
             gr.graded_count, coalesce(gr.grades, '[]') as grades,
             ${sql.join(
               RATING_RULES.map((key) => sql`gr.${ratingFact(key)}`),
               sql`, `,
             )}
      from cur
      join projects p on p.id = cur.project_id
      left join departments d on d.id = p.department_id
      left join sections s on s.id = p.section_id
      left join policy_nodes n on n.id = p.policy_node_id
      left join policy_nodes goal on goal.municipality_id = n.municipality_id and goal.level = 1
                                 and goal.path = split_part(n.path, '/', 1)
      left join prev on prev.project_id = cur.project_id
      ${gradesLateral(sql`cur.evaluation_id`)}
      where true ${sql.join(filters, sql` `)}
    ),
    tripped as (
      select f.*, ${sql.join(
        WATCH_RULE_KEYS.map((key) => sql`coalesce(${RULE_SQL[key](thresholds)}, false) as ${flag(key)}`),
        sql`, `,
      )}
      from facts f
    )`;
}

/**
 * The watchlist: listed rows (worst first), per-rule counts and the scope's size. With `paging`,
 * only that page's rows (a 50,000-project city lists tens of thousands); without, every row.
 */
export async function getWatchlist(db: Db, query: WatchlistQuery, paging?: { page: number; pageSize?: number }): Promise<Watchlist> {
  const enabled = WATCH_RULE_KEYS.filter((k) => query.rules.includes(k));
  const severitySql = enabled.length
    ? sql.join(
        enabled.map((k) => sql`(case when ${flag(k)} then ${sql.raw(String(watchRule(k).weight))} else 0 end)`),
        sql` + `,
      )
    : sql`0`;
  const anyEnabled = enabled.length
    ? sql.join(
        enabled.map((k) => sql`${flag(k)}`),
        sql` or `,
      )
    : sql`false`;

  const countsQuery = queryRows<Record<string, number>>(
    db,
    sql`with ${trippedSql(query, query.thresholds)}
    select count(*)::int as evaluated_count,
           (count(*) filter (where ${anyEnabled}))::int as listed_count,
           ${sql.join(
             WATCH_RULE_KEYS.map((k) => sql`(count(*) filter (where ${flag(k)}))::int as ${flag(k)}`),
             sql`, `,
           )}
    from tripped`,
  );
  // The page number is clamped to the last page, which needs the count first.
  const pageSize = paging?.pageSize ?? WATCHLIST_PAGE_SIZE;
  const counted = paging ? await countsQuery : undefined;
  const listedTotal = counted?.[0]?.listed_count ?? 0;
  const pageCount = paging ? Math.max(1, Math.ceil(listedTotal / pageSize)) : 1;
  const page = paging ? Math.min(Math.max(1, Math.floor(paging.page)), pageCount) : 1;
  const limit = paging ? sql`limit ${pageSize} offset ${(page - 1) * pageSize}` : sql``;

  const [rows, [counts]] = await Promise.all([
    queryRows<Record<string, unknown>>(
      db,
      sql`with ${trippedSql(query, query.thresholds)}
      select project_code, project_name, department, section, goal_number, goal_name,
             total_cost::text as total_cost, previous_total_cost::text as previous_total_cost,
             case when previous_total_cost > 0
                  then ((total_cost - previous_total_cost) / previous_total_cost)::float8 end as cost_change,
             attainment, previous_attainment, indicator_count, indicators_with_attainment,
             indicators_with_trend, indicators_worsened_twice, grades,
             ${sql.join(
               WATCH_RULE_KEYS.map((k) => flag(k)),
               sql`, `,
             )},
             (${severitySql})::int as severity
      from tripped
      where ${anyEnabled}
      -- Qualified: a bare total_cost would name the text copy in the select list (9,939 after 83,735).
      order by severity desc, tripped.total_cost desc, project_code collate "C"
      ${limit}`,
    ),
    counted ?? countsQuery,
  ]);

  return {
    rows: rows.map((r) => toRow(r, enabled)),
    listedCount: counts?.listed_count ?? 0,
    page,
    pageCount,
    counts: Object.fromEntries(WATCH_RULE_KEYS.map((k) => [k, counts?.[`trip_${k}`] ?? 0])) as Record<WatchRuleKey, number>,
    evaluatedCount: counts?.evaluated_count ?? 0,
  };
}

function toRow(r: Record<string, unknown>, enabled: readonly WatchRuleKey[]): WatchlistRow {
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return {
    projectCode: r.project_code as string,
    projectName: r.project_name as string,
    department: (r.department as string | null) ?? null,
    section: (r.section as string | null) ?? null,
    goalNumber: (r.goal_number as string | null) ?? null,
    goalName: (r.goal_name as string | null) ?? null,
    totalCost: r.total_cost as string,
    previousTotalCost: (r.previous_total_cost as string | null) ?? null,
    costChange: num(r.cost_change),
    attainment: num(r.attainment),
    previousAttainment: num(r.previous_attainment),
    indicatorCount: Number(r.indicator_count),
    indicatorsWithAttainment: Number(r.indicators_with_attainment),
    indicatorsWithTrend: Number(r.indicators_with_trend),
    indicatorsWorsenedTwice: Number(r.indicators_worsened_twice),
    // Read as text and parsed here: the two drivers disagree on whether json arrives parsed.
    grades: JSON.parse(r.grades as string) as WatchlistGrade[],
    tripped: enabled.filter((k) => r[`trip_${k}`] === true),
    severity: Number(r.severity),
  };
}
