/**
 * Overview (概要): the executives' first screen for one municipality and fiscal year, compared
 * with the year before. Filter state lives in the URL (?municipality=CODE&year=2024) so the view
 * can be linked and printed; every chart element links to the view behind it.
 */
import { connection } from 'next/server';
import { Suspense } from 'react';
import { ChildTable } from '@/app/components/dashboard/ChildTable';
import { CityYearFilters } from '@/app/components/dashboard/Filters';
import { type DashboardScope, startDashboard } from '@/app/components/dashboard/dashboard-scope';
import { Pending, ScopeDashboard } from '@/app/components/dashboard/ScopeDashboard';
import { dashboardParams, readCityYear } from '@/app/components/dashboard/scope-params';
import { DASHBOARD_TEXT } from '@/app/components/dashboard/text';
import { formatCount, formatYearIn } from '@/app/lib/format';
import { COMMON, getLocale, pick } from '@/app/lib/i18n';
import type { SearchParams } from '@/app/lib/search-params';
import { getDb } from '@/db/client';
import { getQualityCounts } from '@/db/queries/quality';
import { cityYearHref } from '@/app/components/dashboard/scope-params';
import '@/app/styles/dashboard.css';

export default async function OverviewPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await connection();
  const [params, locale, db] = await Promise.all([searchParams, getLocale(), getDb()]);
  const t = pick(DASHBOARD_TEXT, locale);
  const state = await readCityYear(db, params);
  if (state.kind === 'no-municipality') return <p className="empty">{pick(COMMON, locale).noData}</p>;
  if (state.kind === 'no-year') return <p className="empty">{t.noEvaluations(state.municipality.name)}</p>;

  const scope: DashboardScope = { state, policyPath: null, level: 0, basePath: '/', locale, ratingCriterion: dashboardParams.read(params).criterion };
  const data = startDashboard(db, scope);
  // The KPIs (and the subtitle's count) paint first; the charts stream in as their figures arrive.
  const [kpis, quality] = await Promise.all([data.kpis, getQualityCounts(db, state.municipality.id, state.fiscalYear)]);
  const year = formatYearIn(state.fiscalYear, locale);
  return (
    <>
      <h1>{t.overviewTitle(state.municipality.name, year)}</h1>
      <p className="subtitle">
        {t.overviewSubtitle(formatCount(kpis.projectCount), state.previousYear === null ? null : formatYearIn(state.previousYear, locale))}
      </p>
      <CityYearFilters state={state} action="/" locale={locale} />
      <a className="quality-card" href={cityYearHref('/quality', state)} data-testid="quality-card">
        <span className="quality-card-label">{t.qualityCard}</span>
        <b data-testid="quality-card-count">{formatCount(quality.findings)}</b>
        <span>{t.qualityCardNote(formatCount(quality.affected))}</span>
      </a>
      <p className="report-link">
        <a href={cityYearHref('/report', state)} data-testid="report-link">
          {t.reportLink}
        </a>
      </p>
      <ScopeDashboard scope={scope} data={data} />
      <Suspense fallback={<Pending height={320} />}>
        <ChildTable scope={scope} data={data} />
      </Suspense>
    </>
  );
}
