/**
 * Where the money comes from: the sources of 事業費 (国・県支出金, 地方債, その他特財, 一般財源) summed
 * over a scope (the whole city, or one policy node's subtree) per fiscal year and per node one
 * level below, with what the stated sources leave unexplained or overstate (db/domain/metrics.ts
 * `fundingGap`) and 一般財源 per citizen beside cost per citizen. Read from `evaluations` through
 * the scope's `ev` rows (a primary-key join): the rollup does not carry the sources.
 */
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../client';
import { costPerCitizenYen, excessFundingSql, generalFundsPerCitizenYen, unexplainedFundingSql } from '../domain/metrics';
import { listChildNodes, scopeCtes, type AllYearsScope, type PolicyNodeInfo, type Scope } from './scope';

/** The sheets' sources of 事業費, in the sheets' order (国庫 and 都道府県 are one column on the sheets). */
export const FUNDING_SOURCES = ['nationalPrefectural', 'localBonds', 'otherSpecific', 'generalFunds'] as const;
export type FundingSource = (typeof FUNDING_SOURCES)[number];

export interface FundingFigures {
  /** Evaluations in the group. */
  projectCount: number;
  /** 事業費, 千円 (exact decimal strings, as every amount here). */
  projectCost: string;
  sources: Record<FundingSource, string>;
  /** 事業費 no stated source covers, summed per sheet. */
  unexplained: string;
  /** Stated sources beyond 事業費, summed per sheet. */
  excess: string;
  /** Sheets with 事業費 but no source stated at all. */
  withoutBreakdown: number;
  /** Sheets whose stated sources add up to less than 事業費 (some stated). */
  shortOfCost: number;
  /** Sheets whose stated sources add up to more than 事業費. */
  overCost: number;
  /** トータルコスト (事業費 + 人件費), 千円: what cost per citizen divides. */
  totalCost: string;
}

export interface FundingYear extends FundingFigures {
  fiscalYear: number;
  population: number | null;
  /** 円 per citizen, null without a population. */
  generalFundsPerCitizen: number | null;
  costPerCitizen: number | null;
}

export interface FundingChild extends FundingFigures {
  /** The node one level below the scope's root; null: projects directly on it or outside the tree. */
  node: (PolicyNodeInfo & { parentName: string | null }) | null;
}

const SOURCE_COLUMNS: Record<FundingSource, SQL> = {
  nationalPrefectural: sql`e.national_prefectural`,
  localBonds: sql`e.local_bonds`,
  otherSpecific: sql`e.other_specific`,
  generalFunds: sql`e.general_funds`,
};

type FundingRow = {
  grp: number;
  project_count: number;
  project_cost: string;
  national_prefectural: string;
  local_bonds: string;
  other_specific: string;
  general_funds: string;
  unexplained: string;
  excess: string;
  without_breakdown: number;
  short_of_cost: number;
  over_cost: number;
  total_cost: string;
};

/** The aggregates of `ev` joined to its evaluations, grouped by `key` (one row per group). */
function fundingSelect(key: SQL): SQL {
  const sources = FUNDING_SOURCES.map((s) => SOURCE_COLUMNS[s]);
  const unexplained = unexplainedFundingSql(sql`e.project_cost`, sources);
  const excess = excessFundingSql(sql`e.project_cost`, sources);
  const noneStated = sql.join(
    sources.map((s) => sql`${s} is null`),
    sql` and `,
  );
  const sum = (column: SQL) => sql`coalesce(sum(${column}), 0)::text`;
  return sql`
    select ${key} as grp,
           count(*)::int as project_count,
           ${sum(sql`e.project_cost`)} as project_cost,
           ${sum(SOURCE_COLUMNS.nationalPrefectural)} as national_prefectural,
           ${sum(SOURCE_COLUMNS.localBonds)} as local_bonds,
           ${sum(SOURCE_COLUMNS.otherSpecific)} as other_specific,
           ${sum(SOURCE_COLUMNS.generalFunds)} as general_funds,
           ${sum(unexplained)} as unexplained,
           ${sum(excess)} as excess,
           count(*) filter (where coalesce(e.project_cost, 0) > 0 and ${noneStated})::int as without_breakdown,
           count(*) filter (where ${unexplained} > 0 and not (${noneStated}))::int as short_of_cost,
           count(*) filter (where ${excess} > 0)::int as over_cost,
           ${sum(sql`ev.total_cost`)} as total_cost
    from ev join evaluations e on e.id = ev.id
    group by 1`;
}

function figuresOf(r: FundingRow): FundingFigures {
  return {
    projectCount: r.project_count,
    projectCost: r.project_cost,
    sources: {
      nationalPrefectural: r.national_prefectural,
      localBonds: r.local_bonds,
      otherSpecific: r.other_specific,
      generalFunds: r.general_funds,
    },
    unexplained: r.unexplained,
    excess: r.excess,
    withoutBreakdown: r.without_breakdown,
    shortOfCost: r.short_of_cost,
    overCost: r.over_cost,
    totalCost: r.total_cost,
  };
}

/** The scope's funding for every fiscal year with evaluations, oldest first, with that year's population. */
export async function getFundingByYear(db: Db, scope: AllYearsScope): Promise<FundingYear[]> {
  const rows = await queryRows<FundingRow & { population: number | null }>(
    db,
    sql`${scopeCtes({ municipalityId: scope.municipalityId, policyPath: scope.policyPath })},
    totals as (${fundingSelect(sql`ev.fiscal_year`)})
    select t.*, mp.population
    from totals t
    left join municipality_populations mp on mp.municipality_id = ${scope.municipalityId} and mp.fiscal_year = t.grp
    order by t.grp`,
  );
  return rows.map((r) => {
    const figures = figuresOf(r);
    const population = r.population ?? null;
    return {
      ...figures,
      fiscalYear: Number(r.grp),
      population,
      generalFundsPerCitizen: generalFundsPerCitizenYen(Number(figures.sources.generalFunds), population),
      costPerCitizen: costPerCitizenYen(Number(figures.totalCost), population),
    };
  });
}

/**
 * The scope's funding in one fiscal year per node one level below its root, in plan order
 * (only nodes with evaluations that year), then projects directly on the root or outside the tree.
 */
export async function getFundingByChild(db: Db, scope: Scope): Promise<FundingChild[]> {
  const [nodes, rows] = await Promise.all([
    listChildNodes(db, scope.municipalityId, scope.policyPath),
    queryRows<FundingRow>(db, sql`${scopeCtes(scope)} ${fundingSelect(sql`coalesce(ev.child_id, 0)`)}`),
  ]);
  const byGroup = new Map(rows.map((r) => [Number(r.grp), figuresOf(r)]));
  const children: FundingChild[] = nodes.flatMap((node) => {
    const figures = byGroup.get(node.id);
    return figures ? [{ node, ...figures }] : [];
  });
  const outside = byGroup.get(0);
  return outside ? [...children, { node: null, ...outside }] : children;
}
