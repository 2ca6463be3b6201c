/**
 * One node of the policy tree (目標 › 基本政策 › 方向 › 施策): the overview's figures over its
 * subtree, its children side by side, and the projects under it.
 */
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { Suspense } from 'react';
import { ChildTable } from '@/app/components/dashboard/ChildTable';
import { CityYearFilters } from '@/app/components/dashboard/Filters';
import { type DashboardScope, startDashboard } from '@/app/components/dashboard/dashboard-scope';
import { Pending, ScopeDashboard } from '@/app/components/dashboard/ScopeDashboard';
import { cityYearHref, policyNodeParams, readCityYear } from '@/app/components/dashboard/scope-params';
import { Pagination } from '@/app/components/Pagination';
import { NodeProjectRows } from '@/app/components/dashboard/NodeProjectRows';
import { DASHBOARD_TEXT } from '@/app/components/dashboard/text';
import { formatCount, formatPercent, formatThousandYen, formatYearIn } from '@/app/lib/format';
import { COMMON, getLocale, pick, type Locale } from '@/app/lib/i18n';
import type { SearchParams } from '@/app/lib/search-params';
import { getDb } from '@/db/client';
import { findPolicyNode, pageProjectsInScope } from '@/db/queries/policies';
import '@/app/styles/dashboard.css';

export default async function PolicyNodePage({ params, searchParams }: { params: Promise<{ path: string[] }>; searchParams: Promise<SearchParams> }) {
  await connection();
  const [{ path: segments }, query, locale, db] = await Promise.all([params, searchParams, getLocale(), getDb()]);
  const t = pick(DASHBOARD_TEXT, locale);
  const state = await readCityYear(db, query);
  if (state.kind === 'no-municipality') return <p className="empty">{pick(COMMON, locale).noData}</p>;
  if (state.kind === 'no-year') return <p className="empty">{t.noEvaluations(state.municipality.name)}</p>;
  const path = segments.map((s) => decodeURIComponent(s)).join('/');
  const node = await findPolicyNode(db, state.municipality.id, path);
  if (!node) notFound();

  const basePath = `/policies/${node.path}`;
  const { criterion, page } = policyNodeParams.read(query);
  const scope: DashboardScope = { state, policyPath: node.path, level: node.level, basePath, locale, ratingCriterion: criterion };
  const data = startDashboard(db, scope);
  // The node's projects a page at a time: a まちづくり目標 of a large city holds hundreds.
  const projects = pageProjectsInScope(db, { municipalityId: state.municipality.id, fiscalYear: state.fiscalYear, policyPath: node.path }, page);
  projects.catch(() => {}); // awaited by NodeProjects below
  // The KPIs (and the subtitle's count) paint first; the charts and tables stream in.
  const kpis = await data.kpis;
  const year = formatYearIn(state.fiscalYear, locale);
  return (
    <>
      <nav aria-label={t.breadcrumb} className="breadcrumb" data-testid="breadcrumb">
        <ol>
          <li>
            <a href={cityYearHref('/policies', state)}>{t.policyRoot}</a>
          </li>
          {node.ancestors.map((a) => (
            <li key={a.path}>
              <a href={cityYearHref(`/policies/${a.path}`, state)}>
                <span className="crumb-level">{t.levels[a.level]}</span> {title(a)}
              </a>
            </li>
          ))}
          <li aria-current="page">
            <span className="crumb-level">{t.levels[node.level]}</span> {title(node)}
          </li>
        </ol>
      </nav>
      <h1>
        <span className="level-badge">{t.levels[node.level]}</span> {title(node)}
      </h1>
      <p className="subtitle">
        {state.municipality.name} · {t.nodeSubtitle(formatCount(kpis.projectCount), year)}
        {state.municipalities.length > 1 && (
          <>
            {' '}
            <a href={cityYearHref('/compare', state, { policy: node.path })} data-testid="compare-link">
              {t.compareWithOthers}
            </a>
          </>
        )}
      </p>
      <CityYearFilters state={state} action={basePath} locale={locale} />
      <ScopeDashboard scope={scope} data={data} />
      <Suspense fallback={<Pending height={320} />}>
        <ChildTable scope={scope} data={data} />
      </Suspense>
      <Suspense fallback={<Pending height={400} />}>
        <NodeProjects projects={projects} node={node} state={state} criterion={criterion} t={t} locale={locale} />
      </Suspense>
    </>
  );
}

type Text = (typeof DASHBOARD_TEXT)['ja'];
type Ready = Extract<Awaited<ReturnType<typeof readCityYear>>, { kind: 'ready' }>;

const title = (n: { number: string | null; name: string }) => `${n.number ? `${n.number} ` : ''}${n.name}`;

/** The projects under the node, streamed after the KPIs. */
async function NodeProjects({
  projects: pending,
  node,
  state,
  criterion,
  t,
  locale,
}: {
  projects: ReturnType<typeof pageProjectsInScope>;
  node: { path: string; childCount: number };
  state: Ready;
  /** Kept in the page links, so paging does not close the rating split. */
  criterion: string | undefined;
  t: Text;
  locale: Locale;
}) {
  const { rows, total, page, pageCount } = await pending;
  const pageHref = (n: number) => cityYearHref(`/policies/${node.path}`, state, { criterion, page: n === 1 ? undefined : n }) + '#projects';
  return (
    <section className="panel" aria-labelledby="projects">
      <div className="panel-head">
        <h2 id="projects">{t.projectsTitle(formatCount(total))}</h2>
        <a href={cityYearHref('/projects', state, { policy: node.path })}>{t.openInProjectList}</a>
      </div>
      <div className="dash-table-scroll">
        <table className="data" data-testid="node-projects">
          <thead>
            <tr>
              <th>{t.projectTable.code}</th>
              <th>{t.projectTable.name}</th>
              {node.childCount > 0 && <th>{t.projectTable.policy}</th>}
              <th className="num">{t.projectTable.cost}</th>
              <th className="num">{t.projectTable.attainment}</th>
            </tr>
          </thead>
          <tbody>
            <NodeProjectRows
              rows={rows.map((p) => ({
                code: p.code,
                name: p.name,
                ...(node.childCount > 0 ? { policy: p.policy ? ([p.policy.path, title(p.policy)] as [string, string]) : null } : {}),
                cost: formatThousandYen(p.totalCost),
                attainment: formatPercent(p.attainment),
              }))}
              sheetQuery={`?municipality=${encodeURIComponent(state.municipality.code)}`}
              policyQuery={cityYearHref('', state)}
            />
          </tbody>
        </table>
      </div>
      <Pagination page={page} pageCount={pageCount} pageHref={pageHref} label={t.projectPages} locale={locale} />
    </section>
  );
}
