/** The headline figures, each against the year before. */
import { approxOku, formatChange, formatCount, formatPercent, formatPointChange, formatThousandYen, formatYen } from '@/app/lib/format';
import { pick } from '@/app/lib/i18n';
import type { OverviewKpis } from '@/db/queries/overview';
import { DASHBOARD_TEXT } from './text';
import { measureOf, TrendKpis } from './IndicatorTrend';
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
