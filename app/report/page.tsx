/**
 * 評価委員会資料: the briefing pack a planning division hands out, one A4 document for one
 * municipality and fiscal year (?municipality=CODE&year=2024): a cover with the data's source and
 * date, the overview's KPIs and charts, a page per まちづくり目標, the watchlist's top 30 with their
 * reasons and a data-quality summary. Every figure comes from the dashboard's own queries and
 * components, so the paper and the screen agree; app/styles/report.css lays it out on A4.
 */
import type { Metadata } from 'next';
import { connection } from 'next/server';
import { ChildrenAndHistogram } from '@/app/components/dashboard/ChildrenPanel';
import { type DashboardScope, startDashboard } from '@/app/components/dashboard/dashboard-scope';
import { Kpis } from '@/app/components/dashboard/KpiPanel';
import { RatingDistributions } from '@/app/components/dashboard/RatingsPanel';
import { ScopeDashboard } from '@/app/components/dashboard/ScopeDashboard';
import { cityYearHref, readCityYear } from '@/app/components/dashboard/scope-params';
import { DASHBOARD_TEXT } from '@/app/components/dashboard/text';
import { allows, requirePermission, viewMode } from '@/app/lib/auth';
import { formatCount, formatDate, formatThousandYen, formatYearIn } from '@/app/lib/format';
import { COMMON, getLocale, pick, type Locale } from '@/app/lib/i18n';
import { href, type SearchParams } from '@/app/lib/search-params';
import { trippedRulesText, type CriterionLabel } from '@/app/watchlist/tripped-rules';
import { getDb, type Db } from '@/db/client';
import { describePractice, QUALITY_CHECKS } from '@/db/domain/quality-checks';
import { parseWatchSettings } from '@/db/domain/watch-rules';
import { getExplanations } from '@/db/queries/explain';
import { getDataSources } from '@/db/queries/imports';
import { getChildFigures, type ChildFigures } from '@/db/queries/policies';
import { listRatingCriteria } from '@/db/queries/projects';
import { getQualityReport } from '@/db/queries/quality';
import { getWatchlist, type WatchlistRow } from '@/db/queries/watchlist';
import { pageFooterCss } from './page-footer';
import { REPORT_TEXT } from './text';
import '@/app/styles/dashboard.css';
import '@/app/styles/report.css';

/** The watchlist's rows in the pack, and each goal's. */
const WATCH_TOP = 30;
const GOAL_WATCH_TOP = 5;

type Text = (typeof REPORT_TEXT)['ja'];

/** The document's title names the pack, the city and the year: it becomes the PDF's title and the tab's. */
export async function generateMetadata({ searchParams }: { searchParams: Promise<SearchParams> }): Promise<Metadata> {
  const [params, locale] = await Promise.all([searchParams, getLocale()]);
  const t = pick(REPORT_TEXT, locale);
  // The city's name is data: a reader who may not read gets the generic title (the page redirects).
  if (viewMode() === 'login' && !(await allows('view'))) return { title: t.genericTitle };
  const state = await readCityYear(await getDb(), params);
  if (state.kind !== 'ready') return { title: t.genericTitle };
  return { title: t.documentTitle(state.municipality.name, formatYearIn(state.fiscalYear, locale)) };
}

export default async function ReportPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await connection();
  const params = await searchParams;
  // Checked here, not only in the proxy: nothing is read before the reader may read.
  if (viewMode() === 'login') await requirePermission('view', href('/report', params));
  const [locale, db] = await Promise.all([getLocale(), getDb()]);
  const t = pick(REPORT_TEXT, locale);
  const state = await readCityYear(db, params);
  if (state.kind === 'no-municipality') return <p className="empty">{pick(COMMON, locale).noData}</p>;
  if (state.kind === 'no-year') return <p className="empty">{pick(DASHBOARD_TEXT, locale).noEvaluations(state.municipality.name)}</p>;

  const municipalityId = state.municipality.id;
  const { fiscalYear } = state;
  const watchQuery = { municipalityId, fiscalYear, ...parseWatchSettings(() => undefined) };
  const [goals, sources, watchlist, quality, criteria] = await Promise.all([
    getChildFigures(db, { municipalityId, fiscalYear, policyPath: null }),
    getDataSources(db, municipalityId, fiscalYear),
    getWatchlist(db, watchQuery, { page: 1, pageSize: WATCH_TOP }),
    getQualityReport(db, { municipalityId, fiscalYear }),
    listRatingCriteria(db, municipalityId),
  ]);
  const goalNodes = goals.flatMap((g) => (g.node ? [{ ...g, node: g.node }] : []));
  const [explanations, goalWatch] = await Promise.all([
    getExplanations(
      db,
      municipalityId,
      fiscalYear,
      watchlist.rows.map((r) => r.projectCode),
      locale,
    ),
    Promise.all(goalNodes.map((g) => getWatchlist(db, { ...watchQuery, policy: g.node.path }, { page: 1, pageSize: GOAL_WATCH_TOP }))),
  ]);

  const year = formatYearIn(fiscalYear, locale);
  const dataDate = sources[0] ? formatDate(sources[0].importedAt, locale) : t.noSource;
  const overview: DashboardScope = { state, policyPath: null, level: 0, basePath: '/', locale };
  const overviewData = startDashboard(db, overview);
  const kpis = await overviewData.kpis;

  return (
    <article className="report" data-testid="report">
      {/* The date of the data in the margin of every printed page, for printing from the browser. */}
      <style>{pageFooterCss(t.footer(dataDate))}</style>
      <p className="report-screen-only">
        <a href={cityYearHref('/', state)}>{t.backToOverview}</a> {t.printHint}
      </p>

      <section className="report-cover" data-testid="report-cover">
        <p className="report-kicker">{t.coverKicker}</p>
        <h1>{t.coverTitle}</h1>
        <p className="report-cover-city">
          {state.municipality.name} {year}
        </p>
        <p>{t.coverSubtitle(formatCount(kpis.projectCount))}</p>
        <dl className="report-facts">
          <dt>{t.municipality}</dt>
          <dd>
            {state.municipality.name}（{state.municipality.code}）
          </dd>
          <dt>{t.fiscalYear}</dt>
          <dd>{year}</dd>
          {state.previousYear !== null && (
            <>
              <dt>{t.comparedWith}</dt>
              <dd>{formatYearIn(state.previousYear, locale)}</dd>
            </>
          )}
          <dt>{t.dataSource}</dt>
          <dd>
            {sources.length === 0 ? (
              t.noSource
            ) : (
              <ul data-testid="report-sources">
                {sources.map((s) => (
                  <li key={`${s.fileName}-${s.importedAt.getTime()}`}>
                    {t.sourceLine(s.fileName, formatDate(s.importedAt, locale), formatCount(s.evaluations))}
                  </li>
                ))}
              </ul>
            )}
          </dd>
          <dt>{t.dataDate}</dt>
          <dd data-testid="report-data-date">{dataDate}</dd>
        </dl>
        <h2>{t.contents}</h2>
        <ol className="report-contents">
          <li>{t.overview.replace(/^\d+\. /, '')}</li>
          <li>
            {t.goalsHeading.replace(/^\d+\. /, '')}
            <ol>
              {goalNodes.map((g) => (
                <li key={g.node.id}>{goalName(g)}</li>
              ))}
            </ol>
          </li>
          <li>{t.watchlist(formatCount(WATCH_TOP)).replace(/^\d+\. /, '')}</li>
          <li>{t.quality.replace(/^\d+\. /, '')}</li>
        </ol>
      </section>

      <section className="report-section" data-testid="report-overview">
        <h2 className="report-heading">{t.overview}</h2>
        <ScopeDashboard scope={overview} data={overviewData} />
      </section>

      {goalNodes.map((g, i) => (
        <GoalPage
          key={g.node.id}
          db={db}
          goal={g}
          index={i}
          count={goalNodes.length}
          state={state}
          watch={goalWatch[i]!.rows}
          listed={goalWatch[i]!.listedCount}
          criteria={criteria}
          locale={locale}
        />
      ))}

      <section className="report-section" data-testid="report-watchlist">
        <h2 className="report-heading">{t.watchlist(formatCount(WATCH_TOP))}</h2>
        <p>{t.watchlistLead(formatCount(watchlist.listedCount), formatCount(watchlist.evaluatedCount))}</p>
        <WatchRows rows={watchlist.rows} explanations={explanations} criteria={criteria} locale={locale} t={t} ranked />
      </section>

      <section className="report-section" data-testid="report-quality">
        <h2 className="report-heading">{t.quality}</h2>
        <QualitySummary quality={quality} locale={locale} t={t} />
      </section>
    </article>
  );
}

function goalName(g: ChildFigures & { node: NonNullable<ChildFigures['node']> }): string {
  return g.node.number ? `${g.node.number} ${g.node.name}` : g.node.name;
}

async function GoalPage({
  db,
  goal,
  index,
  count,
  state,
  watch,
  listed,
  criteria,
  locale,
}: {
  db: Db;
  goal: ChildFigures & { node: NonNullable<ChildFigures['node']> };
  index: number;
  count: number;
  state: DashboardScope['state'];
  watch: WatchlistRow[];
  listed: number;
  criteria: CriterionLabel[];
  locale: Locale;
}) {
  const t = pick(REPORT_TEXT, locale);
  const scope: DashboardScope = { state, policyPath: goal.node.path, level: 1, basePath: `/policies/${goal.node.path}`, locale };
  // A goal page shows the KPIs, the level below and the rating mixes: the trend, scatter and funding panels are not started.
  const data = startDashboard(db, scope, ['kpis', 'previous', 'children', 'histogram', 'trendHistogram', 'ratings']);
  const [kpis, previous] = await Promise.all([data.kpis, data.previous]);
  return (
    <section className="report-section report-goal" data-testid="report-goal" data-goal={goal.node.path}>
      <p className="report-kicker">{t.goalKicker(formatCount(index + 1), formatCount(count))}</p>
      <h2 className="report-heading" data-testid="report-goal-name">
        {goalName(goal)}
      </h2>
      {kpis.projectCount === 0 ? (
        <p className="empty">{t.goalNoProjects}</p>
      ) : (
        <div className="dashboard">
          <Kpis kpis={kpis} previous={previous} scope={scope} />
          <ChildrenAndHistogram scope={scope} data={data} />
          <RatingDistributions scope={scope} data={data} />
          <section className="panel report-goal-watch">
            <h3>{t.goalWatch(formatCount(listed))}</h3>
            {watch.length === 0 ? <p>{t.goalWatchNone}</p> : <WatchRows rows={watch} criteria={criteria} locale={locale} t={t} />}
          </section>
        </div>
      )}
    </section>
  );
}

function WatchRows({
  rows,
  explanations,
  criteria,
  locale,
  t,
  ranked = false,
}: {
  rows: WatchlistRow[];
  explanations?: Map<string, string>;
  criteria: CriterionLabel[];
  locale: Locale;
  t: Text;
  ranked?: boolean;
}) {
  const c = t.columns;
  return (
    <table className="data report-table" data-testid={ranked ? 'report-watch-table' : 'report-goal-watch'}>
      <thead>
        <tr>
          {ranked && <th className="num">{c.rank}</th>}
          <th>{c.code}</th>
          <th>{c.name}</th>
          {ranked && <th>{c.department}</th>}
          <th className="num">{c.cost}</th>
          <th>{c.reasons}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={r.projectCode} data-testid="report-watch-row">
            {ranked && <td className="num">{i + 1}</td>}
            <td>{r.projectCode}</td>
            <td>
              {r.projectName}
              {ranked && r.goalName && <small className="report-goal-of">{r.goalNumber ? `${r.goalNumber} ${r.goalName}` : r.goalName}</small>}
            </td>
            {ranked && <td>{[r.department, r.section].filter(Boolean).join(' ')}</td>}
            <td className="num">{formatThousandYen(r.totalCost)}</td>
            <td>
              <strong>{trippedRulesText(r, criteria, locale)}</strong>
              {explanations?.get(r.projectCode) && <small className="report-explain">{explanations.get(r.projectCode)}</small>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function QualitySummary({ quality, locale, t }: { quality: Awaited<ReturnType<typeof getQualityReport>>; locale: Locale; t: Text }) {
  const practices = quality.practices.length > 0 && (
    <ul data-testid="report-quality-practices">
      {quality.practices.map((p) => (
        <li key={p.check}>{describePractice(p, locale)}</li>
      ))}
    </ul>
  );
  if (quality.listedCount === 0) {
    return (
      <>
        <p>{t.qualityNone}</p>
        {practices}
      </>
    );
  }
  const byDepartment = new Map<string, number>();
  for (const f of quality.findings) {
    const key = f.department ?? t.qualityNoDepartment;
    byDepartment.set(key, (byDepartment.get(key) ?? 0) + 1);
  }
  return (
    <>
      <p data-testid="report-quality-lead">
        {t.qualityLead(formatCount(quality.listedCount), formatCount(quality.affectedCount), formatCount(quality.evaluatedCount))}
      </p>
      {practices}
      <div className="report-two">
        <table className="data report-table" data-testid="report-quality-checks">
          <thead>
            <tr>
              <th>{t.columns.check}</th>
              <th className="num">{t.columns.findings}</th>
            </tr>
          </thead>
          <tbody>
            {QUALITY_CHECKS.map((check) => (
              <tr key={check.key}>
                <td>{check.label[locale]}</td>
                <td className="num">{formatCount(quality.counts[check.key])}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <table className="data report-table">
          <caption>{t.qualityByDepartment}</caption>
          <thead>
            <tr>
              <th>{t.columns.department2}</th>
              <th className="num">{t.columns.findings}</th>
            </tr>
          </thead>
          <tbody>
            {[...byDepartment].map(([department, n]) => (
              <tr key={department}>
                <td>{department}</td>
                <td className="num">{formatCount(n)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
