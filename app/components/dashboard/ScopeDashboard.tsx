/**
 * The figures of one scope — the whole city (the overview) or one node of the policy tree
 * (the drill-down) — for a fiscal year: KPIs against the year before, cost per citizen by the
 * level below, the attainment histogram, rating distributions, trends and the cost-versus-
 * attainment scatter, and the funding mix. A server component that lays out the panels (a file
 * each, started together by startDashboard in dashboard-scope.ts); each awaits only its own figures.
 */
import { Suspense } from 'react';
import { FundingPanel } from './FundingPanel';
import type { DashboardData, DashboardScope } from './dashboard-scope';
import { ChildrenAndHistogram } from './ChildrenPanel';
import { Kpis } from './KpiPanel';
import { RatingDistributions } from './RatingsPanel';
import { Scatter } from './ScatterPanel';
import { Trends } from './TrendsPanel';

export async function ScopeDashboard({ scope, data }: { scope: DashboardScope; data: DashboardData }) {
  const [kpis, previous] = await Promise.all([data.kpis, data.previous]);
  return (
    <div className="dashboard">
      <Kpis kpis={kpis} previous={previous} scope={scope} />
      <Suspense fallback={<Pending height={340} />}>
        <ChildrenAndHistogram scope={scope} data={data} />
      </Suspense>
      <Suspense fallback={<Pending height={720} />}>
        <RatingDistributions scope={scope} data={data} />
      </Suspense>
      <Suspense fallback={<Pending height={300} />}>
        <Trends scope={scope} data={data} />
      </Suspense>
      <Suspense fallback={<Pending height={520} />}>
        <Scatter scope={scope} data={data} />
      </Suspense>
      <Suspense fallback={<Pending height={640} />}>
        <FundingPanel scope={scope} data={data} />
      </Suspense>
    </div>
  );
}

/** A panel still loading: its room kept, so the page does not jump when the chart arrives. */
export function Pending({ height }: { height: number }) {
  return <section className="panel pending" aria-busy="true" style={{ minHeight: height }} />;
}
