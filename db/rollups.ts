/**
 * The per-evaluation rollup (`evaluation_rollups`, db/schema.ts): each evaluation's total cost,
 * project attainment, indicator counts, effectiveness band and number of graded criteria,
 * computed once when data changes instead of on every page view. Every page (overview, policy
 * drill-down, watchlist, project list) aggregates these rows, so a figure is defined once, here,
 * with the formulas of db/domain/metrics.ts.
 *
 * `refreshRollups` is the only writer. It is called at the end of an import's write
 * (db/import/write-batch.ts) and of a rollback (db/import/rollback.ts), inside their transactions, so a
 * reader never sees base rows and rollups disagree. Population is not rolled up (pages join it
 * at read time), so the settings page needs no refresh.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from './client';
import { attainmentSql, cappedAttainmentSql, indicatorTrendSql, totalCostSql } from './domain/metrics';
import { EFFECTIVENESS_KEY } from './queries/scope';

/** The criterion whose band the KPIs count; a constant, inlined so the backfill renders without parameters. */
const EFFECTIVENESS = sql.raw(`'${EFFECTIVENESS_KEY}'`);

/**
 * Which evaluations to recompute: all of them, a batch's projects (every year of every project
 * the batch wrote: a project's indicators — their direction — are shared by its years), or some
 * municipalities.
 */
export type RollupScope = { all: true } | { batchId: number; municipalityIds?: number[] } | { municipalityIds: number[] };

function projectsIn(scope: RollupScope): SQL {
  if ('all' in scope) return sql`true`;
  const byMunicipality = scope.municipalityIds?.length
    ? sql`select id from projects where municipality_id in (${sql.join(
        scope.municipalityIds.map((id) => sql`${id}`),
        sql`, `,
      )})`
    : null;
  if ('batchId' in scope) {
    // A batch's projects, plus (the import's) every project of the municipalities it created.
    // One IN over a UNION, not `in (…) or in (…)`: an OR keeps each IN a subplan, and one whose
    // estimated hash table outgrows work_mem (a 1 M-row batch) is re-scanned for every row.
    const byBatch = sql`select project_id from import_replaced where batch_id = ${scope.batchId}`;
    return sql`e.project_id in (${byBatch}${byMunicipality ? sql` union ${byMunicipality}` : sql``})`;
  }
  return byMunicipality ? sql`e.project_id in (${byMunicipality})` : sql`false`;
}

/** The rollup rows for the evaluations in scope, as an INSERT … SELECT (set-based: hash joins, one pass). */
export function rollupInsertSql(scope: RollupScope): SQL {
  const ratio = attainmentSql(sql`y.target`, sql`y.actual`, sql`y.direction`);
  // Only an indicator without a target this year has a trend: where there is one, attainment is its measure.
  const trend = indicatorTrendSql(sql`y.actual`, sql`y.previous`, sql`y.previous2`, sql`y.direction`, sql`y.cumulative`);
  const previousTrend = indicatorTrendSql(sql`y.previous`, sql`y.previous2`, sql`y.previous3`, sql`y.direction`, sql`y.cumulative`);
  // The actual of `n` fiscal years back, when the indicator has a value that very year.
  const back = (n: number) => sql.raw(`(case when lag(v.fiscal_year, ${n}) over w = v.fiscal_year - ${n} then lag(v.actual, ${n}) over w end)`);
  const where = projectsIn(scope);
  return sql`
    insert into evaluation_rollups (evaluation_id, project_id, municipality_id, fiscal_year, total_cost, attainment,
                                    indicator_count, with_attainment, at_target, effectiveness_band, graded_count,
                                    verdict_band, with_trend, improved, worsened, worsened_twice, trend)
    select e.id, e.project_id, p.municipality_id, e.fiscal_year,
           ${totalCostSql(sql`e.project_cost`, sql`e.staff_cost`)},
           a.attainment,
           coalesce(a.indicator_count, 0), coalesce(a.with_attainment, 0), coalesce(a.at_target, 0),
           gr.effectiveness_band, coalesce(gr.graded_count, 0),
           gr.verdict_band,
           coalesce(a.with_trend, 0), coalesce(a.improved, 0), coalesce(a.worsened, 0), coalesce(a.worsened_twice, 0),
           case when a.with_trend > 0 then a.improved::float8 / a.with_trend end
    from evaluations e
    join projects p on p.id = e.project_id
    left join (
      -- avg and count skip the undefined ratios (NULL); the cap applies to defined ones only.
      -- The mean adds the ratios in a fixed order: a float8 sum depends on the order the plan
      -- feeds it rows in, and the same data must roll up to the same bits.
      select project_id, fiscal_year,
             count(*)::int as indicator_count,
             count(ratio)::int as with_attainment,
             count(*) filter (where ratio >= 1)::int as at_target,
             avg(${cappedAttainmentSql(sql`ratio`)} order by ratio)::float8 as attainment,
             count(trend)::int as with_trend,
             count(*) filter (where trend = 1)::int as improved,
             count(*) filter (where trend = -1)::int as worsened,
             count(*) filter (where trend = -1 and previous_trend = -1)::int as worsened_twice
      from (
        select y.project_id, y.fiscal_year, ${ratio} as ratio,
               case when y.target is null then ${trend} end as trend,
               case when y.target is null then ${previousTrend} end as previous_trend
        from (
          select i.project_id, i.id as indicator_id, i.direction, i.cumulative, v.fiscal_year, v.target, v.actual,
                 ${back(1)} as previous, ${back(2)} as previous2, ${back(3)} as previous3
          from indicators i
          join indicator_values v on v.indicator_id = i.id
          join evaluations e on e.project_id = i.project_id and e.fiscal_year = v.fiscal_year
          where ${where}
          window w as (partition by v.indicator_id order by v.fiscal_year)
        ) y
      ) x
      group by project_id, fiscal_year
    ) a on a.project_id = e.project_id and a.fiscal_year = e.fiscal_year
    left join (
      select r.evaluation_id,
             count(*)::int as graded_count,
             min(g.band::text) filter (where c.key = ${EFFECTIVENESS})::rating_band as effectiveness_band,
             -- Worst first: poor, then middle, then good; not_comparable says nothing of the project.
             (case min(case g.band when 'poor' then 1 when 'middle' then 2 when 'good' then 3 end)
                     filter (where c.watch_rule = 'poor')
                when 1 then 'poor' when 2 then 'middle' when 3 then 'good' end)::rating_band as verdict_band
      from ratings r
      join evaluations e on e.id = r.evaluation_id
      join rating_criteria c on c.id = r.criterion_id
      join rating_grades g on g.id = r.grade_id
      where ${where}
      group by r.evaluation_id
    ) gr on gr.evaluation_id = e.id
    where ${where}`;
}

/** Recomputes the rollup rows of the evaluations in scope (rows of deleted evaluations go by cascade). */
export async function refreshRollups(db: Db, scope: RollupScope): Promise<void> {
  if ('batchId' in scope) {
    // The batch's entries in import_replaced are new (written by this very transaction, on an
    // import). Statistics that have not seen the batch_id estimate it at one row, and the planner
    // then loops over the aggregates below once per evaluation: a 12 k-row re-import took 486 s
    // instead of 10 s. ANALYZE inside the transaction counts the transaction's own rows.
    await db.execute(sql`analyze import_replaced (batch_id, project_id, fiscal_year)`);
  }
  const where = projectsIn(scope);
  await db.execute(sql`delete from evaluation_rollups r using evaluations e where e.id = r.evaluation_id and ${where}`);
  await db.execute(rollupInsertSql(scope));
}
