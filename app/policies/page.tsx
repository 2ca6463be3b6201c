/**
 * 政策体系: the municipality's policy tree for a fiscal year, every node with its project count
 * and total cost over its subtree, each a link to its drill-down page.
 */
import { connection } from 'next/server';
import { CityYearFilters } from '@/app/components/dashboard/Filters';
import { cityYearHref, readCityYear, type CityYear } from '@/app/components/dashboard/scope-params';
import { DASHBOARD_TEXT } from '@/app/components/dashboard/text';
import { formatCount, formatThousandYen, formatYearIn } from '@/app/lib/format';
import { COMMON, getLocale, pick, type Locale } from '@/app/lib/i18n';
import type { SearchParams } from '@/app/lib/search-params';
import { getDb } from '@/db/client';
import { getPolicyTree, type PolicyTreeNode } from '@/db/queries/policies';
import '@/app/styles/dashboard.css';

export default async function PoliciesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await connection();
  const [params, locale, db] = await Promise.all([searchParams, getLocale(), getDb()]);
  const t = pick(DASHBOARD_TEXT, locale);
  const state = await readCityYear(db, params);
  if (state.kind === 'no-municipality') return <p className="empty">{pick(COMMON, locale).noData}</p>;
  if (state.kind === 'no-year') return <p className="empty">{t.noEvaluations(state.municipality.name)}</p>;
  const tree = await getPolicyTree(db, state.municipality.id, state.fiscalYear);
  return (
    <>
      <h1>{t.policiesTitle(state.municipality.name, formatYearIn(state.fiscalYear, locale))}</h1>
      <p className="subtitle">{t.policiesLead}</p>
      <CityYearFilters state={state} action="/policies" locale={locale} />
      <div className="policy-tree panel" data-testid="policy-tree">
        {tree.map((goal) => (
          <section key={goal.path} className="policy-goal">
            {goal.pillar && <p className="pillar">{goal.pillar}</p>}
            <h2>
              <TreeEntry node={goal} state={state} locale={locale} />
            </h2>
            <TreeList nodes={goal.children} state={state} locale={locale} />
          </section>
        ))}
      </div>
    </>
  );
}

type Ready = Extract<CityYear, { kind: 'ready' }>;

function TreeList({ nodes, state, locale }: { nodes: PolicyTreeNode[]; state: Ready; locale: Locale }) {
  if (nodes.length === 0) return null;
  return (
    <ul>
      {nodes.map((n) => (
        <li key={n.path} className={`level-${n.level}`}>
          <TreeEntry node={n} state={state} locale={locale} />
          <TreeList nodes={n.children} state={state} locale={locale} />
        </li>
      ))}
    </ul>
  );
}

function TreeEntry({ node, state, locale }: { node: PolicyTreeNode; state: Ready; locale: Locale }) {
  const t = pick(DASHBOARD_TEXT, locale);
  return (
    <span className={`tree-entry${node.projectCount === 0 ? ' empty-node' : ''}`}>
      <span className="tree-level">{t.levels[node.level]}</span>
      <a href={cityYearHref(`/policies/${node.path}`, state)} data-path={node.path}>
        {node.number ? `${node.number} ` : ''}
        {node.name}
      </a>
      <span className="tree-figures">
        {t.count(formatCount(node.projectCount))}・{formatThousandYen(node.totalCost)}
      </span>
    </span>
  );
}
