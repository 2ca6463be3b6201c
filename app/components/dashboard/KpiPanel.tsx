/** The headline figures, each against the year before. */
import { approxOku, formatChange, formatCount, formatPercent, formatPointChange, formatThousandYen, formatYen } from '@/app/lib/format';
import { pick } from '@/app/lib/i18n';
import type { OverviewKpis } from '@/db/queries/overview';
import { DASHBOARD_TEXT } from './text';
import { measureOf, TrendKpis } from './IndicatorTrend';
import { KpiFigure, KpiPrevious, toneOf } from './KpiFigure';
import type { DashboardScope } from './dashboard-scope';

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
  const difference = (now: number | null, before: number | null | undefined) => (now === null || before === null || before === undefined ? null : now - before);
  const prev = (testId: string, text: string, change: string, tone?: 'good' | 'poor') =>
    previous && <KpiPrevious testId={testId} label={t.previous} text={text} change={change} tone={tone} />;
  return (
    <dl className="kpis" data-testid="kpis">
      <KpiFigure label={t.projects} testId="kpi-projects" value={formatCount(kpis.projectCount, t.projectsUnit)}>
        {prev('kpi-projects', formatCount(previous?.projectCount, t.projectsUnit), formatChange(relativeChange(kpis.projectCount, previous?.projectCount)))}
      </KpiFigure>
      <KpiFigure label={t.totalCost} testId="kpi-total-cost" value={formatThousandYen(kpis.totalCost)}>
        {scope.locale === 'ja' && approxOku(kpis.totalCost) && <span className="kpi-note">{approxOku(kpis.totalCost)}</span>}
        {prev(
          'kpi-total-cost',
          formatThousandYen(previous?.totalCost),
          formatChange(relativeChange(Number(kpis.totalCost), previous ? Number(previous.totalCost) : null)),
        )}
      </KpiFigure>
      <KpiFigure label={t.costPerCitizen} testId="kpi-cost-per-citizen" value={kpis.costPerCitizen === null ? t.noPopulation : formatYen(kpis.costPerCitizen)}>
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
      </KpiFigure>
      {measureOf([kpis]) === 'trend' ? (
        <TrendKpis kpis={kpis} previous={previous} scope={scope} />
      ) : (
        <>
          <KpiFigure label={t.atTarget} testId="kpi-share-at-target" value={formatPercent(share)}>
            <span className="kpi-note">{t.indicators(formatCount(kpis.indicatorsAtTarget), formatCount(kpis.indicatorsWithAttainment))}</span>
            {prev(
              'kpi-share-at-target',
              formatPercent(previousShare),
              formatPointChange(difference(share, previousShare)),
              toneOf(difference(share, previousShare)),
            )}
          </KpiFigure>
          <KpiFigure label={t.medianAttainment} testId="kpi-median-attainment" value={formatPercent(kpis.medianAttainment)}>
            {prev(
              'kpi-median-attainment',
              formatPercent(previous?.medianAttainment),
              formatPointChange(difference(kpis.medianAttainment, previous?.medianAttainment)),
              toneOf(difference(kpis.medianAttainment, previous?.medianAttainment)),
            )}
          </KpiFigure>
        </>
      )}
    </dl>
  );
}
