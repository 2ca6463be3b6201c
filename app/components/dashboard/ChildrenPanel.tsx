/** Cost per citizen by the level below, and the attainment (or indicator-trend) histogram. */
import { LinkedBarChart, type LinkedBar } from '@/app/components/charts/LinkedBarChart';
import { ATTAINMENT_BAND_COLOURS } from '@/app/components/charts/palette';
import { roundTicks } from '@/app/components/charts/ticks';
import { formatCount, formatPercent, formatThousandYen, formatYearIn, formatYen } from '@/app/lib/format';
import { pick } from '@/app/lib/i18n';
import { ATTAINMENT_BANDS, NO_ATTAINMENT } from '@/db/domain/attainment-bands';
import { cityYearHref } from './scope-params';
import { DASHBOARD_TEXT } from './text';
import { measureOf, TrendHistogramPanel } from './IndicatorTrend';
import { Panel } from './Panel';
import { childColours, childFullName, childLabel, childLevelOf, type DashboardData, type DashboardScope } from './dashboard-scope';

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
