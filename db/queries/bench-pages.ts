/**
 * What each page asks the database for, next to the same figures written as plain SQL by hand,
 * so `npm run bench` can report how much the query layer costs over the physical minimum.
 * The raw SQL is deliberately naive (no shared CTE helpers, no metric functions) — it is the
 * baseline a DBA would type into psql.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client';
import { getAttainmentHistogram, getOverviewKpis, getRatingDistribution, getScatterPoints, getTrends } from './overview';
import { getChildFigures } from './policies';

export interface BenchContext {
  municipalityId: number;
  fiscalYear: number;
}

export interface BenchPage {
  name: string;
  /** The URL the page is served at (for the HTTP timings). */
  path: string;
  /** Everything the page's server component fetches. */
  data(db: Db, context: BenchContext): Promise<unknown>;
  /** The same aggregates, hand-written. */
  rawSql(context: BenchContext): SQL[];
}

export const BENCH_PAGES: BenchPage[] = [
  {
    name: 'overview',
    path: '/',
    data: async (db, scope) => [
      await getOverviewKpis(db, scope),
      await getOverviewKpis(db, { ...scope, fiscalYear: scope.fiscalYear - 1 }),
      await getAttainmentHistogram(db, scope),
      await getChildFigures(db, scope),
      await getRatingDistribution(db, scope),
      await getTrends(db, { municipalityId: scope.municipalityId }),
      await getScatterPoints(db, scope),
    ],
    rawSql: ({ municipalityId, fiscalYear }) => [
      sql`select count(*), sum(coalesce(e.project_cost, 0) + coalesce(e.staff_cost, 0))
          from evaluations e join projects p on p.id = e.project_id
          where p.municipality_id = ${municipalityId} and e.fiscal_year = ${fiscalYear}`,
      sql`select percentile_cont(0.5) within group (order by a), count(*), count(*) filter (where a >= 1)
          from (select i.project_id, avg(least(case when i.direction = 'lower' then v.target / nullif(v.actual, 0)
                                              else v.actual / nullif(v.target, 0) end, 2)) as a
                from indicator_values v join indicators i on i.id = v.indicator_id
                join projects p on p.id = i.project_id
                where p.municipality_id = ${municipalityId} and v.fiscal_year = ${fiscalYear}
                group by i.project_id) t`,
      sql`select split_part(n.path, '/', 1), count(*), sum(coalesce(e.project_cost, 0) + coalesce(e.staff_cost, 0))
          from evaluations e join projects p on p.id = e.project_id
          left join policy_nodes n on n.id = p.policy_node_id
          where p.municipality_id = ${municipalityId} and e.fiscal_year = ${fiscalYear}
          group by 1`,
    ],
  },
];
