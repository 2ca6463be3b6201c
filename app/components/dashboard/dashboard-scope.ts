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
 * Everything the dashboard shows, as promises. The KPIs are awaited before the first paint; each
 * chart panel awaits only its own figures inside a Suspense boundary, so the KPIs stream out
 * before the slower charts. `parts` are started at once; any other part starts when a panel
 * first asks for it, so a page that shows a few panels (the report's goal pages) runs no more.
 */
export function startDashboard(db: Db, scope: DashboardScope, parts: readonly DashboardPart[] = DASHBOARD_PARTS) {
  const { state, policyPath } = scope;
  const s = { municipalityId: state.municipality.id, fiscalYear: state.fiscalYear, policyPath };
  const starters = {
    kpis: () => getOverviewKpis(db, s),
    previous: () => (state.previousYear === null ? Promise.resolve(null) : getOverviewKpis(db, { ...s, fiscalYear: state.previousYear })),
    children: () => getChildFigures(db, s),
    histogram: () => getAttainmentHistogram(db, s),
    trendHistogram: () => getTrendHistogram(db, s),
    ratings: () => getRatingDistribution(db, s),
    trends: () => getTrends(db, { municipalityId: s.municipalityId, policyPath }),
    scatter: () => getScatterPoints(db, s),
    funding: () => startFunding(db, s),
  };
  const started = new Map<string, Promise<unknown>>();
  const data = {} as { [K in keyof typeof starters]: ReturnType<(typeof starters)[K]> };
  for (const key of Object.keys(starters) as (keyof typeof starters)[]) {
    Object.defineProperty(data, key, {
      enumerable: true,
      get() {
        let p = started.get(key);
        if (!p) {
          p = starters[key]();
          // Awaited later by its panel; marked handled now so a failure surfaces there, not as an unhandled rejection.
          p.catch(() => {});
          started.set(key, p);
        }
        return p;
      },
    });
  }
  for (const part of parts) void data[part];
  return data;
}

export const DASHBOARD_PARTS = ['kpis', 'previous', 'children', 'histogram', 'trendHistogram', 'ratings', 'trends', 'scatter', 'funding'] as const;
export type DashboardPart = (typeof DASHBOARD_PARTS)[number];

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
