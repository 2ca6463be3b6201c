/**
 * The figures of one scope — the whole city (the overview) or one node of the policy tree
 * (the drill-down) — for a fiscal year: KPIs against the year before, cost per citizen by the
 * level below, the attainment histogram, rating distributions, trends and the cost-versus-
 * attainment scatter. A server component: it calls db/queries and hands the small Recharts
 * components ready data, labels, tooltips and links in the reader's language.
 */
import { Suspense } from 'react';
import { BAND_LABELS, gradeText } from '@/db/domain/rating-scheme';
import { CostAttainmentScatter, type ScatterSeries } from '@/app/components/charts/CostAttainmentScatter';
import { LinkedBarChart, type LinkedBar } from '@/app/components/charts/LinkedBarChart';
import { ACCENT, ATTAINMENT_BAND_COLOURS, BAND_COLOURS, BAND_TEXTURES, groupColour, OTHER_GROUP_COLOUR } from '@/app/components/charts/palette';
import { StackedShareBars, type StackRow, type StackSeries } from '@/app/components/charts/StackedShareBars';
import { logTicks, roundTicks } from '@/app/components/charts/ticks';
import { TrendChart, type TrendPoint } from '@/app/components/charts/TrendChart';
import { approxOku, formatChange, formatCount, formatPercent, formatPointChange, formatThousandYen, formatYearIn, formatYen } from '@/app/lib/format';
import { COMMON, pick, type Locale } from '@/app/lib/i18n';
import { href } from '@/app/lib/search-params';
import type { Db } from '@/db/client';
import { ATTAINMENT_BANDS, NO_ATTAINMENT } from '@/db/domain/attainment-bands';
import { eraShort } from '@/db/domain/fiscal-year';
import {
  getAttainmentHistogram,
  getOverviewKpis,
  getRatingDistribution,
  getScatterPoints,
  getTrendHistogram,
  getTrends,
  type OverviewKpis,
  type RatingCounts,
  type RatingCriterionInfo,
} from '@/db/queries/overview';
import { getChildFigures, type ChildFigures } from '@/db/queries/policies';
import { FundingPanel, startFunding } from './FundingPanel';
import { cityYearHref, type CityYear } from './scope-params';
import { DASHBOARD_TEXT } from './text';
import { measureOf, shareImprovedOf, TrendHistogramPanel, TrendKpis } from './IndicatorTrend';
import { Panel } from './Panel';

type Ready = Extract<CityYear, { kind: 'ready' }>;

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
  const settle = <T,>(p: Promise<T>) => {
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
type Resolved<K extends keyof DashboardData> = Awaited<DashboardData[K]>;

/** A child's chart label: its number and, under the whole city, the 政策の柱 (short); the full name is in the tooltip. */
function childLabel(child: ChildFigures, scope: DashboardScope, t: Text): string {
  if (!child.node) return scope.policyPath === null ? t.outsideTree : t.directlyOnNode;
  const name = scope.policyPath === null && child.node.parentName ? child.node.parentName : child.node.name;
  // Cut to fit by the chart (svg.tsx fitLabel); the full name is in the tooltip.
  return child.node.number ? `${child.node.number} ${name}` : name;
}

function childFullName(child: ChildFigures, scope: DashboardScope, t: Text): string {
  if (!child.node) return scope.policyPath === null ? t.outsideTree : t.directlyOnNode;
  return child.node.number ? `${child.node.number} ${child.node.name}` : child.node.name;
}

type Text = (typeof DASHBOARD_TEXT)['ja'];

/** One colour per child node, in plan order, the same in every chart of the page. */
function childColours(children: ChildFigures[]): Map<number | null, string> {
  const colours = new Map<number | null, string>();
  // Without a level below (a 施策), every project is in the one group: the accent colour.
  if (children.length === 0) return new Map([[null, ACCENT]]);
  children.forEach((c, i) => {
    colours.set(c.node?.id ?? null, c.node ? groupColour(i) : OTHER_GROUP_COLOUR);
  });
  if (!colours.has(null)) colours.set(null, OTHER_GROUP_COLOUR);
  return colours;
}

export async function ScopeDashboard({ scope, data }: { scope: DashboardScope; data: DashboardData }) {
  const [kpis, previous] = await Promise.all([data.kpis, data.previous]);
  return (
    <div className="dashboard">
      <Kpis kpis={kpis} previous={previous} scope={scope} />
      <Suspense fallback={<Pending height={340} />}>
        <ChildrenAndHistogram scope={scope} data={data} />
      </Suspense>
      <Suspense fallback={<Pending height={720} />}>
        <RatingDistributions scope={scope} data={data} />
      </Suspense>
      <Suspense fallback={<Pending height={300} />}>
        <Trends scope={scope} data={data} />
      </Suspense>
      <Suspense fallback={<Pending height={520} />}>
        <Scatter scope={scope} data={data} />
      </Suspense>
      <Suspense fallback={<Pending height={640} />}>
        <FundingPanel scope={scope} data={data} />
      </Suspense>
    </div>
  );
}

/** A panel still loading: its room kept, so the page does not jump when the chart arrives. */
export function Pending({ height }: { height: number }) {
  return <section className="panel pending" aria-busy="true" style={{ minHeight: height }} />;
}

function childLevelOf(scope: DashboardScope, t: Text): string {
  return t.levels[Math.min(scope.level + 1, t.levels.length - 1)]!;
}

export async function ChildrenAndHistogram({ scope, data }: { scope: DashboardScope; data: DashboardData }) {
  const [kpis, children, histogram, trendHistogram] = await Promise.all([data.kpis, data.children, data.histogram, data.trendHistogram]);
  const t = pick(DASHBOARD_TEXT, scope.locale);
  const { state } = scope;
  const colours = childColours(children);
  const childLevel = childLevelOf(scope, t);
  return (
    <div className="dashboard-row">
      {children.length > 0 && (
        <Panel name="child-cost" title={t.costByChild(t.childrenOf(childLevel))}>
          <p className="caption">
            {t.costByChildCaption} {formatYearIn(state.fiscalYear, scope.locale)}
          </p>
          {kpis.population === null ? (
            <p className="warning">{t.noPopulation(formatYearIn(state.fiscalYear, scope.locale))}</p>
          ) : (
            <div data-testid="goal-chart" className="chart">
              <LinkedBarChart
                name={t.costByChild(t.childrenOf(childLevel))}
                format="yen"
                labelWidth={scope.policyPath === null ? 140 : 200}
                ticks={roundTicks(
                  children.map((c) => c.costPerCitizen),
                  true,
                )}
                data={children.map((c): LinkedBar => {
                  const full = childFullName(c, scope, t);
                  return {
                    label: childLabel(c, scope, t),
                    value: Math.round(c.costPerCitizen ?? 0),
                    valueText: formatYen(c.costPerCitizen),
                    colour: colours.get(c.node?.id ?? null),
                    href: c.node ? cityYearHref(`/policies/${c.node.path}`, state) : undefined,
                    ariaLabel: `${childLabel(c, scope, t)}: ${formatYen(c.costPerCitizen)}`,
                    tooltip: [
                      full,
                      `${t.perCitizen} ${formatYen(c.costPerCitizen)}`,
                      `${formatThousandYen(c.totalCost)}・${t.count(formatCount(c.projectCount))}`,
                    ],
                  };
                })}
              />
            </div>
          )}
        </Panel>
      )}

      {measureOf([kpis]) === 'trend' ? (
        <TrendHistogramPanel scope={scope} kpis={kpis} histogram={trendHistogram} />
      ) : (
        <Panel name="histogram" title={t.histogram}>
          <p className="caption">{t.histogramCaption}</p>
          <div data-testid="attainment-histogram" className="chart">
            <LinkedBarChart
              name={t.histogram}
              format="count"
              orientation="columns"
              height={260}
              data={histogram.map((b): LinkedBar => {
                const band = [...ATTAINMENT_BANDS, NO_ATTAINMENT].find((x) => x.key === b.key)!;
                const label = band.label[scope.locale];
                const share = kpis.projectCount ? b.count / kpis.projectCount : null;
                return {
                  label,
                  value: b.count,
                  valueText: formatCount(b.count),
                  colour: ATTAINMENT_BAND_COLOURS[b.key],
                  href: b.count > 0 ? cityYearHref('/projects', state, { policy: scope.policyPath ?? undefined, attainment: b.key }) : undefined,
                  ariaLabel: t.bandLink(label, formatCount(b.count)),
                  tooltip: [label, t.share(formatCount(b.count), formatPercent(share)), ...(b.count > 0 ? [t.tooltipGoTo] : [])],
                };
              })}
            />
          </div>
        </Panel>
      )}
    </div>
  );
}

async function Trends({ scope, data }: { scope: DashboardScope; data: DashboardData }) {
  const trends = await data.trends;
  const t = pick(DASHBOARD_TEXT, scope.locale);
  return (
    <Panel name="trends" title={t.trends}>
      <p className="caption">{t.trendsCaption}</p>
      <div className="dashboard-row trends">
        <Trend
          scope={scope}
          trends={trends}
          title={t.trendCost}
          testId="trend-cost"
          format="thousandYenShort"
          value={(y) => Number(y.totalCost)}
          text={(y) => formatThousandYen(y.totalCost)}
        />
        {measureOf(trends) === 'trend' ? (
          <Trend
            scope={scope}
            trends={trends}
            title={t.trend.trendChart}
            testId="trend-improved"
            format="percent"
            reference={0.5}
            empty={t.trend.noTrend}
            value={(y) => shareImprovedOf(y)}
            text={(y) => formatPercent(shareImprovedOf(y))}
          />
        ) : (
          <Trend
            scope={scope}
            trends={trends}
            title={t.trendAttainment}
            testId="trend-attainment"
            format="percent"
            reference={1}
            value={(y) => y.medianAttainment}
            text={(y) => formatPercent(y.medianAttainment)}
          />
        )}
      </div>
    </Panel>
  );
}

// ── KPIs ─────────────────────────────────────────────────────────────────────────────────────

function shareAtTarget(k: OverviewKpis | null): number | null {
  return k?.indicatorsWithAttainment ? k.indicatorsAtTarget / k.indicatorsWithAttainment : null;
}

function relativeChange(now: number | null, before: number | null | undefined): number | null {
  if (now === null || before === null || before === undefined || before === 0) return null;
  return (now - before) / Math.abs(before);
}

export function Kpis({ kpis, previous, scope }: { kpis: OverviewKpis; previous: OverviewKpis | null; scope: DashboardScope }) {
  const t = pick(DASHBOARD_TEXT, scope.locale).kpi;
  const share = shareAtTarget(kpis);
  const previousShare = shareAtTarget(previous);
  const prev = (testId: string, text: string, change: string, tone?: 'good' | 'poor') =>
    previous && (
      <span className="kpi-previous" data-testid={`${testId}-previous`}>
        {t.previous} {text}
        <span className={`kpi-change ${tone ?? ''}`}>{change}</span>
      </span>
    );
  const tone = (d: number | null) => (d === null || Math.abs(d) < 0.0005 ? undefined : d > 0 ? 'good' : 'poor');
  return (
    <dl className="kpis" data-testid="kpis">
      <div className="kpi">
        <dt>{t.projects}</dt>
        <dd>
          <span className="kpi-value" data-testid="kpi-projects">
            {formatCount(kpis.projectCount, t.projectsUnit)}
          </span>
          {prev('kpi-projects', formatCount(previous?.projectCount, t.projectsUnit), formatChange(relativeChange(kpis.projectCount, previous?.projectCount)))}
        </dd>
      </div>
      <div className="kpi">
        <dt>{t.totalCost}</dt>
        <dd>
          <span className="kpi-value" data-testid="kpi-total-cost">
            {formatThousandYen(kpis.totalCost)}
          </span>
          {scope.locale === 'ja' && approxOku(kpis.totalCost) && <span className="kpi-note">{approxOku(kpis.totalCost)}</span>}
          {prev(
            'kpi-total-cost',
            formatThousandYen(previous?.totalCost),
            formatChange(relativeChange(Number(kpis.totalCost), previous ? Number(previous.totalCost) : null)),
          )}
        </dd>
      </div>
      <div className="kpi">
        <dt>{t.costPerCitizen}</dt>
        <dd>
          <span className="kpi-value" data-testid="kpi-cost-per-citizen">
            {kpis.costPerCitizen === null ? t.noPopulation : formatYen(kpis.costPerCitizen)}
          </span>
          {kpis.population !== null && (
            <span className="kpi-note" data-testid="kpi-population">
              {t.population(formatCount(kpis.population, t.peopleUnit))}
              {kpis.populationSource !== null && t.populationFrom(kpis.populationSource)}
            </span>
          )}
          {kpis.population === null && (
            <a className="kpi-note" href="/settings">
              {t.setPopulation}
            </a>
          )}
          {prev('kpi-cost-per-citizen', formatYen(previous?.costPerCitizen), formatChange(relativeChange(kpis.costPerCitizen, previous?.costPerCitizen)))}
        </dd>
      </div>
      {measureOf([kpis]) === 'trend' ? (
        <TrendKpis kpis={kpis} previous={previous} scope={scope} />
      ) : (
        <>
          <div className="kpi">
            <dt>{t.atTarget}</dt>
            <dd>
              <span className="kpi-value" data-testid="kpi-share-at-target">
                {formatPercent(share)}
              </span>
              <span className="kpi-note">{t.indicators(formatCount(kpis.indicatorsAtTarget), formatCount(kpis.indicatorsWithAttainment))}</span>
              {prev(
                'kpi-share-at-target',
                formatPercent(previousShare),
                formatPointChange(share === null || previousShare === null ? null : share - previousShare),
                tone(share === null || previousShare === null ? null : share - previousShare),
              )}
            </dd>
          </div>
          <div className="kpi">
            <dt>{t.medianAttainment}</dt>
            <dd>
              <span className="kpi-value" data-testid="kpi-median-attainment">
                {formatPercent(kpis.medianAttainment)}
              </span>
              {prev(
                'kpi-median-attainment',
                formatPercent(previous?.medianAttainment),
                formatPointChange(
                  kpis.medianAttainment === null || previous?.medianAttainment == null ? null : kpis.medianAttainment - previous.medianAttainment,
                ),
                tone(kpis.medianAttainment === null || previous?.medianAttainment == null ? null : kpis.medianAttainment - previous.medianAttainment),
              )}
            </dd>
          </div>
        </>
      )}
    </dl>
  );
}

// ── Rating distributions ─────────────────────────────────────────────────────────────────────

const NOT_RATED = 'none';

export async function RatingDistributions({ scope, data }: { scope: DashboardScope; data: DashboardData }) {
  const [kpis, children, ratings] = await Promise.all([data.kpis, data.children, data.ratings]);
  const t = pick(DASHBOARD_TEXT, scope.locale);
  const common = pick(COMMON, scope.locale);
  const childLevel = childLevelOf(scope, t);
  const { criteria, groups } = ratings;
  if (criteria.length === 0) return null;
  const { state } = scope;
  // The whole scope first, then each group with evaluations this year.
  const total = {
    label: t.ratingsTotal,
    full: t.ratingsTotal,
    total: kpis.projectCount,
    path: scope.policyPath,
    byCriterion: sumCounts(
      criteria,
      groups.map((g) => g.byCriterion),
    ),
  };
  // A 施策 has no level below: its projects are one group, the same as the total.
  const leaf = children.length === 0;
  const title = leaf ? t.ratingsPlain : t.ratings(t.childrenOf(childLevel));
  const rows = [
    total,
    ...groups
      .filter((g) => g.total > 0 && !leaf)
      .map((g) => {
        const child = { node: g.node } as ChildFigures;
        // Projects outside the tree, or directly on the node, have no policy filter of their own.
        return {
          label: childLabel(child, scope, t),
          full: childFullName(child, scope, t),
          total: g.total,
          path: g.node ? g.node.path : undefined,
          byCriterion: g.byCriterion,
        };
      }),
  ];
  const label = (x: { labelJa: string; labelEn: string }) => (scope.locale === 'ja' ? x.labelJa : x.labelEn);
  const seriesOf = (c: RatingCriterionInfo): StackSeries[] => [
    ...c.grades.map((g) => ({ key: g.code, colour: BAND_COLOURS[g.band], texture: BAND_TEXTURES[g.band] })),
    { key: NOT_RATED, colour: BAND_COLOURS.not_rated, texture: BAND_TEXTURES.not_rated },
  ];
  const chartRow = (r: (typeof rows)[number], c: RatingCriterionInfo, rowLabel: string, prefix = ''): StackRow => {
    const counts = r.byCriterion[c.key] ?? { byGrade: {}, notRated: 0 };
    const entries = [
      ...c.grades.map((g) => ({ key: g.code, name: gradeText(g, scope.locale), n: counts.byGrade[g.code] ?? 0 })),
      { key: NOT_RATED, name: common.notRated, n: counts.notRated },
    ];
    const of = (n: number) => (r.total ? n / r.total : 0);
    return {
      label: rowLabel,
      shares: Object.fromEntries(entries.map((e) => [prefix + e.key, of(e.n) * 100])),
      hrefs: Object.fromEntries(
        entries
          .filter((e) => e.n > 0 && r.path !== undefined)
          .map((e) => [prefix + e.key, cityYearHref('/projects', state, { policy: r.path ?? undefined, rating: `${c.key}:${e.key}` })]),
      ),
      ariaLabels: Object.fromEntries(entries.map((e) => [prefix + e.key, t.ratingLink(r.full, label(c), e.name, formatCount(e.n))])),
      tooltip: [`${r.full} — ${label(c)}`, ...entries.map((e) => `${e.name}: ${t.share(formatCount(e.n), formatPercent(of(e.n)))}`)],
    };
  };
  // Every criterion for the scope as a whole in one chart; one criterion by the level below on
  // request (`?criterion=`): eight criteria by nine goals, each segment a link, weighed 200 kB.
  const overallSeries = criteria.flatMap((c) => seriesOf(c).map((s) => ({ ...s, key: `${c.key}:${s.key}` })));
  const overallRows = criteria.map((c) => chartRow(total, c, label(c), `${c.key}:`));
  const bands = [...new Set(criteria.flatMap((c) => c.grades.map((g) => g.band)))];
  const selected = leaf ? undefined : criteria.find((c) => c.key === scope.ratingCriterion);
  const basePath = scope.basePath;
  return (
    <Panel name="ratings" title={title}>
      <p className="caption">{t.ratingsCaption}</p>
      <figure className="rating-chart" data-testid="ratings-overall">
        <figcaption>
          <strong>{t.ratingsAllCriteria(t.ratingsTotal)}</strong>
          <ul className="legend">
            {[...bands.map((b) => ({ key: b, name: BAND_LABELS[b][scope.locale] })), { key: 'not_rated' as const, name: common.notRated }].map((b) => (
              <li key={b.key}>
                <span className={`swatch texture-${BAND_TEXTURES[b.key]}`} style={{ backgroundColor: BAND_COLOURS[b.key] }} />
                {b.name}
              </li>
            ))}
          </ul>
        </figcaption>
        <div className="chart">
          <StackedShareBars rows={overallRows} series={overallSeries} name={`${title}: ${t.ratingsTotal}`} labelWidth={172} />
        </div>
      </figure>
      {!leaf && (
        <nav className="criterion-switch" id="rating-criteria" aria-label={t.ratingsByCriterion}>
          {criteria.map((c) => (
            <a
              key={c.key}
              href={`${cityYearHref(basePath, state, { criterion: c.key })}#rating-criteria`}
              aria-current={c.key === selected?.key ? 'true' : undefined}
            >
              {label(c)}
            </a>
          ))}
        </nav>
      )}
      {selected && (
        <figure className="rating-chart" data-testid={`ratings-${selected.key}`}>
          <figcaption>
            <strong>{label(selected)}</strong>
            <ul className="legend">
              {seriesOf(selected).map((s) => {
                const grade = selected.grades.find((g) => g.code === s.key);
                return (
                  <li key={s.key}>
                    <span className={`swatch texture-${s.texture}`} style={{ backgroundColor: s.colour }} />
                    {grade ? gradeText(grade, scope.locale) : common.notRated}
                  </li>
                );
              })}
            </ul>
          </figcaption>
          <div className="chart">
            <StackedShareBars
              rows={rows.map((r) => chartRow(r, selected, r.label))}
              series={seriesOf(selected)}
              name={`${title}: ${label(selected)}`}
              labelWidth={scope.policyPath === null ? 124 : 172}
            />
          </div>
        </figure>
      )}
    </Panel>
  );
}

function sumCounts(criteria: RatingCriterionInfo[], all: Record<string, RatingCounts>[]): Record<string, RatingCounts> {
  return Object.fromEntries(
    criteria.map((c) => {
      const byGrade = Object.fromEntries(c.grades.map((g) => [g.code, all.reduce((n, x) => n + (x[c.key]?.byGrade[g.code] ?? 0), 0)]));
      return [c.key, { byGrade, notRated: all.reduce((n, x) => n + (x[c.key]?.notRated ?? 0), 0) }];
    }),
  );
}

// ── Trends ──────────────────────────────────────────────────────────────────────────────────

type YearFigures = Resolved<'trends'>[number];

function Trend({
  scope,
  trends,
  title,
  testId,
  format,
  reference,
  empty,
  value,
  text,
}: {
  scope: DashboardScope;
  trends: YearFigures[];
  title: string;
  testId: string;
  format: 'thousandYenShort' | 'percent';
  reference?: number;
  /** Why every point is missing; by default, that no indicator has a target. */
  empty?: string;
  value: (y: YearFigures) => number | null;
  text: (y: YearFigures) => string;
}) {
  const t = pick(DASHBOARD_TEXT, scope.locale);
  const points: TrendPoint[] = trends.map((y) => {
    const year = formatYearIn(y.fiscalYear, scope.locale);
    return {
      label: scope.locale === 'ja' ? eraShort(y.fiscalYear) : String(y.fiscalYear),
      value: value(y),
      href: cityYearHref(scope.basePath, { ...scope.state, fiscalYear: y.fiscalYear }),
      ariaLabel: `${t.yearLink(year)}: ${title} ${text(y)}`,
      selected: y.fiscalYear === scope.state.fiscalYear,
      tooltip: [year, `${title} ${text(y)}`, t.count(formatCount(y.projectCount))],
    };
  });
  return (
    <figure className="trend" data-testid={testId}>
      <figcaption>{title}</figcaption>
      {points.every((p) => p.value === null) ? (
        // A city with actuals but no targets: say why, rather than draw empty axes.
        <p className="missing chart-empty" data-testid={`${testId}-empty`}>
          {empty ?? t.noAttainment}
        </p>
      ) : (
        <div className="chart">
          <TrendChart
            points={points}
            format={format}
            reference={reference}
            ticks={roundTicks(
              points.map((p) => p.value),
              format !== 'percent',
              reference,
            )}
            name={title}
          />
        </div>
      )}
    </figure>
  );
}

// ── Scatter ─────────────────────────────────────────────────────────────────────────────────

async function Scatter({ scope, data }: { scope: DashboardScope; data: DashboardData }) {
  const [kpis, children, points] = await Promise.all([data.kpis, data.children, data.scatter]);
  const colours = childColours(children);
  const t = pick(DASHBOARD_TEXT, scope.locale);
  const { state } = scope;
  // Where indicators are actuals only, the vertical axis is the share improved on the previous year.
  const byTrend = measureOf([kpis]) === 'trend';
  const scatter = byTrend ? points.map((p) => ({ ...p, attainment: p.trend })) : points;
  const names = new Map<number | null, string>(children.map((c) => [c.node?.id ?? null, childFullName(c, scope, t)]));
  const plotted = scatter.filter((p) => p.attainment !== null && p.totalCost > 0);
  const left = scatter.length - plotted.length;
  const byGroup = new Map<number | null, ScatterSeries>();
  for (const p of plotted) {
    const key = colours.has(p.groupId) ? p.groupId : null;
    let s = byGroup.get(key);
    if (!s) {
      const name = names.get(key) ?? (scope.policyPath === null ? t.outsideTree : t.directlyOnNode);
      byGroup.set(key, (s = { key: String(key ?? 'other'), name, colour: colours.get(key) ?? OTHER_GROUP_COLOUR, points: [] }));
    }
    s.points.push({ x: p.totalCost, y: p.attainment!, code: p.code });
  }
  // Legend and series in plan order (the same order as the bars).
  const series = [...colours.keys()].flatMap((k) => byGroup.get(k) ?? []);
  return (
    <Panel name="scatter" title={byTrend ? t.trend.scatter : t.scatter}>
      <p className="caption">{(byTrend ? t.trend.scatterCaption : t.scatterCaption)(formatCount(plotted.length), left > 0 ? formatCount(left) : null)}</p>
      {plotted.length === 0 && scatter.length > 0 && (
        <p className="missing chart-empty" data-testid="scatter-empty">
          {t.noAttainment}
        </p>
      )}
      {plotted.length > 0 && children.length > 0 && (
        <ul className="legend">
          {series.map((s) => (
            <li key={s.key}>
              <span className="swatch round" style={{ background: s.colour }} />
              {s.name}
            </li>
          ))}
        </ul>
      )}
      {(plotted.length > 0 || scatter.length === 0) && (
        <div data-testid="scatter" className="chart scatter">
          <CostAttainmentScatter
            series={series}
            xTicks={logTicks(plotted.map((p) => p.totalCost))}
            name={byTrend ? t.trend.scatter : t.scatter}
            axisNames={{ x: t.scatterAxis.cost, y: byTrend ? t.trend.scatterAxis : t.scatterAxis.attainment }}
            yScale={byTrend ? { max: 1, reference: 0.5 } : undefined}
            links={{ hrefPrefix: '/projects/', hrefSuffix: `?municipality=${encodeURIComponent(state.municipality.code)}`, hint: t.scatterHint }}
            alternative={
              <p className="scatter-alternative" data-testid="scatter-alternative">
                {byTrend
                  ? t.trend.scatterSummary(
                      formatCount(plotted.filter((p) => p.attainment! >= 0.5).length),
                      formatCount(plotted.filter((p) => p.attainment! < 0.5).length),
                    )
                  : t.scatterSummary(
                      formatCount(plotted.filter((p) => p.attainment! >= 1).length),
                      formatCount(plotted.filter((p) => p.attainment! < 1).length),
                    )}{' '}
                <a
                  href={href('/projects', {
                    municipality: state.municipality.code,
                    year: String(state.fiscalYear),
                    policy: scope.policyPath ?? undefined,
                    sort: 'totalCost',
                    dir: 'desc',
                  })}
                  data-testid="scatter-list"
                >
                  {t.scatterList}
                </a>
              </p>
            }
          />
        </div>
      )}
    </Panel>
  );
}
