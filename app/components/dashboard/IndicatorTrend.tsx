/**
 * The dashboard's indicator panels for a city whose indicators have actuals but no targets
 * (大船渡市): the share of indicators improved on the previous year (db/domain/metrics.ts
 * `indicatorTrend`) takes the place of attainment in the KPIs and the distribution, labelled
 * as what it is. Which measure a scope shows is decided once, by `measureOf`.
 */
import { LinkedBarChart, type LinkedBar } from '@/app/components/charts/LinkedBarChart';
import { formatCount, formatPercent, formatPointChange } from '@/app/lib/format';
import { pick } from '@/app/lib/i18n';
import { indicatorMeasure, type IndicatorMeasure } from '@/db/domain/metrics';
import { NO_TREND, TREND_BANDS, type TrendBandOrNone } from '@/db/domain/trend-bands';
import type { OverviewKpis, TrendBandCount } from '@/db/queries/overview';
import type { ScopeFigures } from '@/db/queries/scope';
import type { DashboardScope } from './dashboard-scope';
import { DASHBOARD_TEXT } from './text';
import { Panel } from './Panel';

/** The indicator measure of figures for one year, or summed over several (the five-year trend). */
export function measureOf(figures: Pick<ScopeFigures, 'indicatorsWithAttainment' | 'indicatorsWithTrend'>[]): IndicatorMeasure {
  return indicatorMeasure(
    figures.reduce((n, f) => n + f.indicatorsWithAttainment, 0),
    figures.reduce((n, f) => n + f.indicatorsWithTrend, 0),
  );
}

export function shareImprovedOf(k: Pick<ScopeFigures, 'indicatorsWithTrend' | 'indicatorsImproved'> | null | undefined): number | null {
  return k?.indicatorsWithTrend ? k.indicatorsImproved / k.indicatorsWithTrend : null;
}

const TREND_BAND_COLOURS: Record<TrendBandOrNone, string> = {
  'none-improved': 'var(--poor)',
  'under-half': 'var(--attainment-low)',
  'half-or-more': 'var(--good)',
  'all-improved': 'var(--attainment-high)',
  none: 'var(--na)',
};

/** The two indicator KPIs: share of indicators improved, and the median project's share. */
export function TrendKpis({ kpis, previous, scope }: { kpis: OverviewKpis; previous: OverviewKpis | null; scope: DashboardScope }) {
  const t = pick(DASHBOARD_TEXT, scope.locale);
  const share = shareImprovedOf(kpis);
  const previousShare = shareImprovedOf(previous);
  const difference = (now: number | null, before: number | null | undefined) => (now === null || before === null || before === undefined ? null : now - before);
  const tone = (d: number | null) => (d === null || Math.abs(d) < 0.0005 ? '' : d > 0 ? 'good' : 'poor');
  const prev = (testId: string, now: number | null, before: number | null | undefined) =>
    previous && (
      <span className="kpi-previous" data-testid={`${testId}-previous`}>
        {t.kpi.previous} {formatPercent(before ?? null)}
        <span className={`kpi-change ${tone(difference(now, before))}`}>{formatPointChange(difference(now, before))}</span>
      </span>
    );
  return (
    <>
      <div className="kpi">
        <dt>{t.trend.kpiImproved}</dt>
        <dd>
          <span className="kpi-value" data-testid="kpi-share-improved">
            {formatPercent(share)}
          </span>
          <span className="kpi-note">{t.trend.indicators(formatCount(kpis.indicatorsImproved), formatCount(kpis.indicatorsWithTrend))}</span>
          <span className="kpi-note">{t.trend.kpiNote}</span>
          {prev('kpi-share-improved', share, previousShare)}
        </dd>
      </div>
      <div className="kpi">
        <dt>{t.trend.kpiMedian}</dt>
        <dd>
          <span className="kpi-value" data-testid="kpi-median-trend">
            {formatPercent(kpis.medianTrend)}
          </span>
          {prev('kpi-median-trend', kpis.medianTrend, previous?.medianTrend)}
        </dd>
      </div>
    </>
  );
}

/** Projects by the share of their indicators improved on the previous year. */
export function TrendHistogramPanel({ scope, kpis, histogram }: { scope: DashboardScope; kpis: OverviewKpis; histogram: TrendBandCount[] }) {
  const t = pick(DASHBOARD_TEXT, scope.locale);
  return (
    <Panel name="histogram" title={t.trend.histogram}>
      <p className="caption">{t.trend.histogramCaption}</p>
      <div data-testid="trend-histogram" className="chart">
        <LinkedBarChart
          name={t.trend.histogram}
          format="count"
          orientation="columns"
          height={260}
          data={histogram.map((b): LinkedBar => {
            const band = [...TREND_BANDS, NO_TREND].find((x) => x.key === b.key)!;
            const label = band.label[scope.locale];
            const share = kpis.projectCount ? b.count / kpis.projectCount : null;
            return {
              label,
              value: b.count,
              valueText: formatCount(b.count),
              colour: TREND_BAND_COLOURS[b.key],
              ariaLabel: `${label}: ${t.share(formatCount(b.count), formatPercent(share))}`,
              tooltip: [label, t.share(formatCount(b.count), formatPercent(share))],
            };
          })}
        />
      </div>
    </Panel>
  );
}
