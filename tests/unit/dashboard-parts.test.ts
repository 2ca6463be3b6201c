/**
 * The dashboard starts the queries of the parts a page shows, and no others: the report's
 * goal pages show the KPIs, the level below and the rating mixes, not the trend, scatter or
 * funding panels. The query modules are replaced by recorders, so no database is needed.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

const calls: string[] = [];
const recorder = (name: string) => async () => {
  calls.push(name);
  return name;
};

vi.mock('@/db/queries/overview', () => ({
  getOverviewKpis: recorder('kpis'),
  getAttainmentHistogram: recorder('histogram'),
  getTrendHistogram: recorder('trendHistogram'),
  getRatingDistribution: recorder('ratings'),
  getTrends: recorder('trends'),
  getScatterPoints: recorder('scatter'),
}));
vi.mock('@/db/queries/policies', () => ({ getChildFigures: recorder('children') }));
vi.mock('@/db/queries/funding', () => ({
  FUNDING_SOURCES: [],
  getFundingByYear: recorder('fundingByYear'),
  getFundingByChild: recorder('fundingByChild'),
}));

const { startDashboard } = await import('@/app/components/dashboard/dashboard-scope');
type Scope = Parameters<typeof startDashboard>[1];

const scope = {
  state: { kind: 'ready', municipality: { id: 1 }, fiscalYear: 2024, previousYear: 2023 },
  policyPath: '1',
  level: 1,
  basePath: '/policies/1',
  locale: 'ja',
} as unknown as Scope;
const db = {} as Parameters<typeof startDashboard>[0];

describe('startDashboard', () => {
  beforeEach(() => {
    calls.length = 0;
  });

  it('starts every query at once by default', async () => {
    const data = startDashboard(db, scope);
    expect([...calls].sort()).toEqual(
      ['children', 'fundingByChild', 'fundingByYear', 'histogram', 'kpis', 'kpis', 'ratings', 'scatter', 'trendHistogram', 'trends'].sort(),
    );
    await expect(data.previous).resolves.toBe('kpis');
  });

  it('starts only the parts asked for, and another part once, when a panel first reads it', async () => {
    const data = startDashboard(db, scope, ['kpis', 'children', 'ratings']);
    expect([...calls].sort()).toEqual(['children', 'kpis', 'ratings']);
    await data.funding;
    await data.funding;
    expect(calls.filter((c) => c.startsWith('funding'))).toEqual(['fundingByYear', 'fundingByChild']);
    expect(calls).not.toContain('scatter');
  });
});
