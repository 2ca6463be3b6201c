/** Cost per citizen by the level below, and the attainment (or indicator-trend) histogram. */
import { LinkedBarChart, type LinkedBar } from '@/app/components/charts/LinkedBarChart';
import { ATTAINMENT_BAND_COLOURS } from '@/app/components/charts/palette';
import { roundTicks } from '@/app/components/charts/ticks';
import { formatCount, formatThousandYen, formatYearIn, formatYen } from '@/app/lib/format';
import { pick } from '@/app/lib/i18n';
import { ATTAINMENT_BANDS, NO_ATTAINMENT } from '@/db/domain/attainment-bands';
import { cityYearHref } from './scope-params';
import { DASHBOARD_TEXT } from './text';
import { BandHistogram, type BandColumn } from './BandHistogram';
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
        <BandHistogram
          scope={scope}
          title={t.histogram}
          caption={t.histogramCaption}
          testId="attainment-histogram"
          projectCount={kpis.projectCount}
          bands={histogram.map((b): BandColumn => {
            const label = [...ATTAINMENT_BANDS, NO_ATTAINMENT].find((x) => x.key === b.key)!.label[scope.locale];
            return {
              label,
              count: b.count,
              colour: ATTAINMENT_BAND_COLOURS[b.key],
              href: b.count > 0 ? cityYearHref('/projects', state, { policy: scope.policyPath ?? undefined, attainment: b.key }) : undefined,
              ariaLabel: t.bandLink(label, formatCount(b.count)),
            };
          })}
        />
      )}
    </div>
  );
}
