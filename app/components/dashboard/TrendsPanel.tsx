/** The five-year trends: cost, cost per citizen, and attainment or the indicator trend. */
import { roundTicks } from '@/app/components/charts/ticks';
import { TrendChart, type TrendPoint } from '@/app/components/charts/TrendChart';
import { formatCount, formatPercent, formatThousandYen, formatYearIn } from '@/app/lib/format';
import { pick } from '@/app/lib/i18n';
import { eraShort } from '@/db/domain/fiscal-year';
import { cityYearHref } from './scope-params';
import { DASHBOARD_TEXT } from './text';
import { measureOf, shareImprovedOf } from './IndicatorTrend';
import { Panel } from './Panel';
import type { DashboardData, DashboardScope, Resolved } from './dashboard-scope';

export async function Trends({ scope, data }: { scope: DashboardScope; data: DashboardData }) {
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
