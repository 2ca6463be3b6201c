/**
 * The dashboard's indicator panels for a city whose indicators have actuals but no targets
 * (大船渡市): the share of indicators improved on the previous year (db/domain/metrics.ts
 * `indicatorTrend`) takes the place of attainment in the KPIs and the distribution, labelled
 * as what it is. Which measure a scope shows is decided once, by `measureOf`.
 */
import { formatCount, formatPercent, formatPointChange } from '@/app/lib/format';
import { pick } from '@/app/lib/i18n';
import { indicatorMeasure, type IndicatorMeasure } from '@/db/domain/metrics';
import { NO_TREND, TREND_BANDS, type TrendBandOrNone } from '@/db/domain/trend-bands';
import type { OverviewKpis, TrendBandCount } from '@/db/queries/overview';
import type { ScopeFigures } from '@/db/queries/scope';
import type { DashboardScope } from './dashboard-scope';
import { DASHBOARD_TEXT } from './text';
import { BandHistogram } from './BandHistogram';
import { KpiFigure, KpiPrevious, toneOf } from './KpiFigure';

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
  const prev = (testId: string, now: number | null, before: number | null | undefined) =>
    previous && (
      <KpiPrevious
        testId={testId}
        label={t.kpi.previous}
        text={formatPercent(before ?? null)}
        change={formatPointChange(difference(now, before))}
        tone={toneOf(difference(now, before))}
      />
    );
  return (
    <>
      <KpiFigure label={t.trend.kpiImproved} testId="kpi-share-improved" value={formatPercent(share)}>
        <span className="kpi-note">{t.trend.indicators(formatCount(kpis.indicatorsImproved), formatCount(kpis.indicatorsWithTrend))}</span>
        <span className="kpi-note">{t.trend.kpiNote}</span>
        {prev('kpi-share-improved', share, previousShare)}
      </KpiFigure>
      <KpiFigure label={t.trend.kpiMedian} testId="kpi-median-trend" value={formatPercent(kpis.medianTrend)}>
        {prev('kpi-median-trend', kpis.medianTrend, previous?.medianTrend)}
      </KpiFigure>
    </>
  );
}

/** Projects by the share of their indicators improved on the previous year. */
export function TrendHistogramPanel({ scope, kpis, histogram }: { scope: DashboardScope; kpis: OverviewKpis; histogram: TrendBandCount[] }) {
  const t = pick(DASHBOARD_TEXT, scope.locale);
  return (
    <BandHistogram
      scope={scope}
      title={t.trend.histogram}
      caption={t.trend.histogramCaption}
      testId="trend-histogram"
      projectCount={kpis.projectCount}
      bands={histogram.map((b) => ({
        label: [...TREND_BANDS, NO_TREND].find((x) => x.key === b.key)!.label[scope.locale],
        count: b.count,
        colour: TREND_BAND_COLOURS[b.key],
      }))}
    />
  );
}
