/**
 * Overview (概要): the executives' first screen for one municipality and fiscal year.
 * Filter state lives in the URL (?municipality=CODE&year=2024) so the view can be linked and printed.
 */
import { connection } from 'next/server';
import { CostByGoalChart, type GoalBar } from '@/app/components/CostByGoalChart';
import { approxOku, formatCount, formatPercent, formatThousandYen, formatYear, formatYen } from '@/app/lib/format';
import { getDb } from '@/db/client';
import { getOverviewKpis, listFiscalYears, listMunicipalities, type OverviewKpis } from '@/db/queries/overview';
import { getChildFigures } from '@/db/queries/policies';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function param(params: Record<string, string | string[] | undefined>, key: string): string | undefined {
  const v = params[key];
  return Array.isArray(v) ? v[0] : v;
}

export default async function OverviewPage({ searchParams }: { searchParams: SearchParams }) {
  await connection();
  const params = await searchParams;
  const db = await getDb();
  const municipalities = await listMunicipalities(db);
  if (municipalities.length === 0) {
    return <p className="empty">データがまだありません。CSVを取り込んでください。</p>;
  }
  const municipality = municipalities.find((m) => m.code === param(params, 'municipality')) ?? municipalities[0]!;
  const years = await listFiscalYears(db, municipality.id);
  const requestedYear = Number(param(params, 'year'));
  const fiscalYear = years.includes(requestedYear) ? requestedYear : years[0];
  if (fiscalYear === undefined) {
    return <p className="empty">{municipality.name}の評価データがまだありません。</p>;
  }
  const previousYear = years.find((y) => y < fiscalYear);
  const scope = { municipalityId: municipality.id, fiscalYear };
  const [kpis, previous, goals] = await Promise.all([
    getOverviewKpis(db, scope),
    previousYear === undefined ? null : getOverviewKpis(db, { ...scope, fiscalYear: previousYear }),
    getChildFigures(db, scope).then((rows) => rows.map((g) => ({ ...g, path: g.node?.path ?? null, number: g.node?.number ?? null, name: g.node?.name ?? null, pillar: g.node?.parentName ?? null }))),
  ]);

  const chartData: GoalBar[] = goals
    .filter((g) => g.costPerCitizen !== null)
    .map((g) => ({
      label: axisLabel(g),
      fullName: g.name ?? '政策体系外',
      costPerCitizen: Math.round(g.costPerCitizen!),
      totalCostText: formatThousandYen(g.totalCost),
      projectCount: g.projectCount,
    }));

  return (
    <>
      <h1>
        {municipality.name} {formatYear(fiscalYear)} 事務事業評価の概要
      </h1>
      <p className="subtitle">
        {formatCount(kpis.projectCount)}事業の評価シートから集計
        {previousYear !== undefined && `（比較: ${formatYear(previousYear)}）`}
      </p>

      <form className="filters" method="get" action="/">
        <label>
          自治体
          <select name="municipality" defaultValue={municipality.code}>
            {municipalities.map((m) => (
              <option key={m.code} value={m.code}>
                {m.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          年度
          <select name="year" defaultValue={String(fiscalYear)}>
            {years.map((y) => (
              <option key={y} value={y}>
                {formatYear(y)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">表示</button>
      </form>

      <Kpis kpis={kpis} previous={previous} />

      <section className="panel" aria-labelledby="goal-cost">
        <h2 id="goal-cost">まちづくり目標別 市民1人当たりコスト</h2>
        <p className="caption">トータルコスト（事業費＋人件費）÷ 人口。{formatYear(fiscalYear)}</p>
        {kpis.population === null ? (
          <p className="warning">
            {formatYear(fiscalYear)}の人口が登録されていないため、市民1人当たりコストを計算できません。
          </p>
        ) : (
          <div data-testid="goal-chart">
            <CostByGoalChart data={chartData} />
          </div>
        )}
        <table className="data">
          <thead>
            <tr>
              <th>まちづくり目標</th>
              <th className="num">事業数</th>
              <th className="num">トータルコスト</th>
              <th className="num">市民1人当たり</th>
            </tr>
          </thead>
          <tbody>
            {goals.map((g) => (
              <tr key={g.path ?? 'none'}>
                <td>{g.number ? `${g.number} ${g.name}` : (g.name ?? '政策体系外')}</td>
                <td className="num">{formatCount(g.projectCount)}</td>
                <td className="num">{formatThousandYen(g.totalCost)}</td>
                <td className="num">{formatYen(g.costPerCitizen)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}

function Delta({ now, before, unit, lowerIsBetter }: { now: number | null; before: number | null | undefined; unit: 'percent' | 'points'; lowerIsBetter?: boolean }) {
  if (now === null || before === null || before === undefined || before === 0) return null;
  const change = unit === 'percent' ? (now - before) / Math.abs(before) : now - before;
  const sign = change > 0 ? '+' : change < 0 ? '−' : '±';
  const text = unit === 'percent' ? `${sign}${Math.abs(change * 100).toFixed(1)}%` : `${sign}${Math.abs(change * 100).toFixed(1)}ポイント`;
  const cls = lowerIsBetter ? (change > 0 ? 'delta-up' : 'delta-down') : undefined;
  return <span className={`note ${cls ?? ''}`}>前年度比 {text}</span>;
}

function Kpis({ kpis, previous }: { kpis: OverviewKpis; previous: OverviewKpis | null }) {
  const share = kpis.indicatorsWithAttainment ? kpis.indicatorsAtTarget / kpis.indicatorsWithAttainment : null;
  const previousShare = previous?.indicatorsWithAttainment ? previous.indicatorsAtTarget / previous.indicatorsWithAttainment : null;
  return (
    <dl className="kpis" data-testid="kpis">
      <div className="kpi">
        <dt>評価事業数</dt>
        <dd data-testid="kpi-projects">
          {formatCount(kpis.projectCount, '事業')}
          {previous && <span className="note">前年度 {formatCount(previous.projectCount, '事業')}</span>}
        </dd>
      </div>
      <div className="kpi">
        <dt>トータルコスト（事業費＋人件費）</dt>
        <dd data-testid="kpi-total-cost">
          {formatThousandYen(kpis.totalCost)}
          <span className="note">{approxOku(kpis.totalCost)}</span>
          <Delta now={Number(kpis.totalCost)} before={previous ? Number(previous.totalCost) : null} unit="percent" lowerIsBetter />
        </dd>
      </div>
      <div className="kpi">
        <dt>市民1人当たりコスト</dt>
        <dd data-testid="kpi-cost-per-citizen">
          {kpis.costPerCitizen === null ? '人口未登録' : formatYen(kpis.costPerCitizen)}
          {kpis.population !== null && <span className="note">人口 {formatCount(kpis.population, '人')}</span>}
        </dd>
      </div>
      <div className="kpi">
        <dt>目標達成率（中央値）</dt>
        <dd data-testid="kpi-median-attainment">
          {formatPercent(kpis.medianAttainment)}
          <Delta now={kpis.medianAttainment} before={previous?.medianAttainment} unit="points" />
        </dd>
      </div>
      <div className="kpi">
        <dt>目標を達成した指標の割合</dt>
        <dd data-testid="kpi-share-at-target">
          {formatPercent(share)}
          <span className="note">
            {formatCount(kpis.indicatorsAtTarget)} / {formatCount(kpis.indicatorsWithAttainment)} 指標
          </span>
          <Delta now={share} before={previousShare} unit="points" />
        </dd>
      </div>
    </dl>
  );
}

/** Short enough for a chart axis: the number and the 政策の柱 (the full name is in the tooltip). */
function axisLabel(g: { number: string | null; name: string | null; pillar: string | null }): string {
  const name = g.pillar ?? g.name ?? '政策体系外';
  const short = name.length > 12 ? `${name.slice(0, 11)}…` : name;
  return g.number ? `${g.number} ${short}` : short;
}
