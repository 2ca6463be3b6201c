/** The level below the scope side by side, as a table: the figures behind the charts, printable. */
import { formatCount, formatPercent, formatThousandYen, formatYen } from '@/app/lib/format';
import { pick } from '@/app/lib/i18n';
import { ChildRows } from './ChildRows';
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
            <ChildRows
              rows={children.map((c) => ({
                path: c.node?.path ?? '',
                name: c.node ? `${c.node.number ? `${c.node.number} ` : ''}${c.node.name}` : scope.policyPath === null ? t.outsideTree : t.directlyOnNode,
                href: c.node ? cityYearHref(`/policies/${c.node.path}`, scope.state) : undefined,
                cells: [
                  formatCount(c.projectCount),
                  formatThousandYen(c.totalCost),
                  formatYen(c.costPerCitizen),
                  formatPercent(byTrend ? c.medianTrend : c.medianAttainment),
                  formatPercent(byTrend ? shareImprovedOf(c) : c.indicatorsWithAttainment ? c.indicatorsAtTarget / c.indicatorsWithAttainment : null),
                  formatPercent(c.verdictRated ? c.verdictPoor / c.verdictRated : null),
                ],
              }))}
            />
          </tbody>
        </table>
      </div>
    </Panel>
  );
}
