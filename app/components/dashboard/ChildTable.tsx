/** The level below the scope side by side, as a table: the figures behind the charts, printable. */
import { formatCount, formatPercent, formatThousandYen, formatYen } from '@/app/lib/format';
import { pick } from '@/app/lib/i18n';
import { cityYearHref } from './scope-params';
import type { DashboardData, DashboardScope } from './dashboard-scope';
import { measureOf, shareImprovedOf } from './IndicatorTrend';
import { DASHBOARD_TEXT } from './text';
import { Panel } from './Panel';

export async function ChildTable({ scope, data }: { scope: DashboardScope; data: DashboardData }) {
  const [kpis, children] = await Promise.all([data.kpis, data.children]);
  const t = pick(DASHBOARD_TEXT, scope.locale);
  if (children.length === 0) return null;
  // The scope's indicator measure, so the rows read like the KPIs above them.
  const byTrend = measureOf([kpis]) === 'trend';
  const level = t.levels[Math.min(scope.level + 1, t.levels.length - 1)]!;
  return (
    <Panel name="children-table" title={t.childrenTitle(level)}>
      <div className="dash-table-scroll">
        <table className="data" data-testid="children-table">
          <thead>
            <tr>
              <th>{level}</th>
              <th className="num">{t.table.projects}</th>
              <th className="num">{t.table.totalCost}</th>
              <th className="num">{t.table.perCitizen}</th>
              <th className="num">{byTrend ? t.trend.tableMedian : t.table.median}</th>
              <th className="num">{byTrend ? t.trend.tableImproved : t.table.atTarget}</th>
              <th className="num">{t.tableVerdictPoor}</th>
            </tr>
          </thead>
          <tbody>
            {children.map((c) => {
              const name = c.node ? `${c.node.number ? `${c.node.number} ` : ''}${c.node.name}` : scope.policyPath === null ? t.outsideTree : t.directlyOnNode;
              return (
                <tr key={c.node?.path ?? 'none'} data-path={c.node?.path ?? ''}>
                  <td>{c.node ? <a href={cityYearHref(`/policies/${c.node.path}`, scope.state)}>{name}</a> : name}</td>
                  <td className="num">{formatCount(c.projectCount)}</td>
                  <td className="num">{formatThousandYen(c.totalCost)}</td>
                  <td className="num">{formatYen(c.costPerCitizen)}</td>
                  <td className="num">{formatPercent(byTrend ? c.medianTrend : c.medianAttainment)}</td>
                  <td className="num">
                    {formatPercent(byTrend ? shareImprovedOf(c) : c.indicatorsWithAttainment ? c.indicatorsAtTarget / c.indicatorsWithAttainment : null)}
                  </td>
                  <td className="num">{formatPercent(c.verdictRated ? c.verdictPoor / c.verdictRated : null)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </Panel>
  );
}
