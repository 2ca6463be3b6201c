/**
 * What one dashboard covers (the whole city, or one node of the policy tree, in a fiscal year),
 * its figures started at once, and the names and colours its panels share.
 */
import { ACCENT, groupColour, OTHER_GROUP_COLOUR } from '@/app/components/charts/palette';
import type { Locale } from '@/app/lib/i18n';
import type { Db } from '@/db/client';
import { getAttainmentHistogram, getOverviewKpis, getRatingDistribution, getScatterPoints, getTrendHistogram, getTrends } from '@/db/queries/overview';
import { getChildFigures, type ChildFigures } from '@/db/queries/policies';
import { startFunding } from './FundingPanel';
import type { CityYear } from './scope-params';
import type { DASHBOARD_TEXT } from './text';

export type Ready = Extract<CityYear, { kind: 'ready' }>;

export interface DashboardScope {
  state: Ready;
  /** Null: the whole city. */
  policyPath: string | null;
  /** The level of the scope's root (0 for the whole city), so the level below can be named. */
  level: number;
  /** The page's own path, for the trend points' year links. */
  basePath: string;
  locale: Locale;
  /** The rating criterion shown by the level below (`?criterion=`); the scheme's first when unknown. */
  ratingCriterion?: string;
}

/**
 * Everything the dashboard shows, as promises started at once (the policy page also uses the
 * children). The KPIs are awaited before the first paint; each chart panel awaits only its own
 * figures inside a Suspense boundary, so the KPIs stream out before the slower charts.
 */
export function startDashboard(db: Db, scope: DashboardScope) {
  const { state, policyPath } = scope;
  const s = { municipalityId: state.municipality.id, fiscalYear: state.fiscalYear, policyPath };
  const settle = <T>(p: Promise<T>) => {
    // Awaited later by its panel; marked handled now so a failure surfaces there, not as an unhandled rejection.
    p.catch(() => {});
    return p;
  };
  return {
    kpis: settle(getOverviewKpis(db, s)),
    previous: settle(state.previousYear === null ? Promise.resolve(null) : getOverviewKpis(db, { ...s, fiscalYear: state.previousYear })),
    children: settle(getChildFigures(db, s)),
    histogram: settle(getAttainmentHistogram(db, s)),
    trendHistogram: settle(getTrendHistogram(db, s)),
    ratings: settle(getRatingDistribution(db, s)),
    trends: settle(getTrends(db, { municipalityId: s.municipalityId, policyPath })),
    scatter: settle(getScatterPoints(db, s)),
    funding: settle(startFunding(db, s)),
  };
}

export type DashboardData = ReturnType<typeof startDashboard>;

export type Resolved<K extends keyof DashboardData> = Awaited<DashboardData[K]>;

/** A child's chart label: its number and, under the whole city, the 政策の柱 (short); the full name is in the tooltip. */
export function childLabel(child: ChildFigures, scope: DashboardScope, t: Text): string {
  if (!child.node) return scope.policyPath === null ? t.outsideTree : t.directlyOnNode;
  const name = scope.policyPath === null && child.node.parentName ? child.node.parentName : child.node.name;
  // Cut to fit by the chart (svg.tsx fitLabel); the full name is in the tooltip.
  return child.node.number ? `${child.node.number} ${name}` : name;
}

export function childFullName(child: ChildFigures, scope: DashboardScope, t: Text): string {
  if (!child.node) return scope.policyPath === null ? t.outsideTree : t.directlyOnNode;
  return child.node.number ? `${child.node.number} ${child.node.name}` : child.node.name;
}

export type Text = (typeof DASHBOARD_TEXT)['ja'];

/** One colour per child node, in plan order, the same in every chart of the page. */
export function childColours(children: ChildFigures[]): Map<number | null, string> {
  const colours = new Map<number | null, string>();
  // Without a level below (a 施策), every project is in the one group: the accent colour.
  if (children.length === 0) return new Map([[null, ACCENT]]);
  children.forEach((c, i) => {
    colours.set(c.node?.id ?? null, c.node ? groupColour(i) : OTHER_GROUP_COLOUR);
  });
  if (!colours.has(null)) colours.set(null, OTHER_GROUP_COLOUR);
  return colours;
}

export function childLevelOf(scope: DashboardScope, t: Text): string {
  return t.levels[Math.min(scope.level + 1, t.levels.length - 1)]!;
}
