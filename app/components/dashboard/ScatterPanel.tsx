/** Cost against attainment (or the indicator trend): one point per project, coloured by the level below. */
import { CostAttainmentScatter, type ScatterSeries } from '@/app/components/charts/CostAttainmentScatter';
import { OTHER_GROUP_COLOUR } from '@/app/components/charts/palette';
import { logTicks } from '@/app/components/charts/ticks';
import { formatCount } from '@/app/lib/format';
import { pick } from '@/app/lib/i18n';
import { href } from '@/app/lib/search-params';
import { DASHBOARD_TEXT } from './text';
import { measureOf } from './IndicatorTrend';
import { Panel } from './Panel';
import { childColours, childFullName, type DashboardData, type DashboardScope } from './dashboard-scope';

export async function Scatter({ scope, data }: { scope: DashboardScope; data: DashboardData }) {
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
