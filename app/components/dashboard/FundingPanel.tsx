/**
 * 財源の内訳: where a scope's 事業費 comes from — 国・県支出金, 地方債, その他特財, 一般財源 and the
 * part no stated source covers («内訳なし», never redistributed) — this year overall and per node
 * below (shares), and over the years (amounts and shares), with 一般財源 per citizen beside cost
 * per citizen. Tables with a CSS bar in each row rather than SVG charts: the figures are the
 * table (no separate text alternative needed) and the panel stays a few kB of HTML, where the
 * SVG version cost 大船渡's overview ≈108 kB (its marks, labels and tables, twice with the RSC payload).
 */
import type { CSSProperties } from 'react';
import { SOURCE_COLOURS, SOURCE_TEXTURES } from '@/app/components/charts/palette';
import { formatCount, formatNumber, formatPercent, formatThousandYen, formatYearIn, formatYearShort, formatYen } from '@/app/lib/format';
import { pick } from '@/app/lib/i18n';
import type { Db } from '@/db/client';
import { FUNDING_SOURCES, getFundingByChild, getFundingByYear, type FundingChild, type FundingFigures } from '@/db/queries/funding';
import type { Scope } from '@/db/queries/scope';
import { FUNDING_TEXT } from './funding-text';
import { Panel } from './Panel';
import { cityYearHref } from './scope-params';
import type { DashboardData, DashboardScope } from './dashboard-scope';

/** The panel's figures, started with the rest of the dashboard. */
export async function startFunding(db: Db, scope: Scope) {
  const [byYear, byChild] = await Promise.all([
    getFundingByYear(db, { municipalityId: scope.municipalityId, policyPath: scope.policyPath }),
    getFundingByChild(db, scope),
  ]);
  return { byYear, byChild };
}

/** The segments of a mix, in the sheets' order, then the remainder no source covers. */
const PARTS = [...FUNDING_SOURCES, 'unexplained'] as const;
type Part = (typeof PARTS)[number];

const paletteKey = (p: Part) => (p === 'unexplained' ? 'unbroken' : p);

/** The parts' colours as CSS variables on the panel, so each segment carries only a class and a width. */
const COLOUR_VARIABLES = Object.fromEntries(PARTS.map((p) => [`--fund-${p}`, SOURCE_COLOURS[paletteKey(p)]])) as CSSProperties;

function amountOf(f: FundingFigures, part: Part): number {
  return Number(part === 'unexplained' ? f.unexplained : f.sources[part]);
}

/** What the shares divide: the stated sources plus the remainder (事業費 + any excess). */
function partsTotal(f: FundingFigures): number {
  return PARTS.reduce((sum, p) => sum + amountOf(f, p), 0);
}

function shareOf(f: FundingFigures, part: Part): number | null {
  const total = partsTotal(f);
  return total > 0 ? amountOf(f, part) / total : null;
}

/** A remainder to the yen (0.001 千円): a sheet's sub-yen rounding must not read as 0千円. */
const remainder = (thousandYen: number) => formatNumber(thousandYen, '千円', 3);

type Text = (typeof FUNDING_TEXT)['ja'];

/** The mix drawn as one bar; hidden from screen readers, who read the same shares in the row's cells. */
function MixBar({ f }: { f: FundingFigures }) {
  return (
    <span className="fund-bar" aria-hidden="true">
      {PARTS.map((p) => {
        const share = shareOf(f, p) ?? 0;
        return share > 0 ? (
          <span key={p} className={`fund-${p} texture-${SOURCE_TEXTURES[paletteKey(p)]}`} style={{ width: `${Math.round(share * 1000) / 10}%` }} />
        ) : null;
      })}
    </span>
  );
}

function childName(c: FundingChild, scope: DashboardScope, t: Text): string {
  if (!c.node) return scope.policyPath === null ? t.outsideTree : t.directlyOnNode;
  return `${c.node.number ? `${c.node.number} ` : ''}${c.node.name}`;
}

export async function FundingPanel({ scope, data }: { scope: DashboardScope; data: DashboardData }) {
  const { byYear, byChild } = await data.funding;
  const t = pick(FUNDING_TEXT, scope.locale);
  const { state, locale } = scope;
  const now = byYear.find((y) => y.fiscalYear === state.fiscalYear);
  if (!now) return null;
  const yearText = formatYearIn(state.fiscalYear, locale);
  const total = partsTotal(now);
  const general = Number(now.sources.generalFunds);
  const unexplained = Number(now.unexplained);
  const excess = Number(now.excess);
  // A 施策 has no level below: its projects are one group, the same as the total.
  const children = byChild.some((c) => c.node !== null) ? byChild : [];
  const mixHead = (
    <th scope="col" className="fund-mix">
      {t.table.mix}
    </th>
  );
  const partHeads = PARTS.map((p) => (
    <th key={p} scope="col" className="num">
      <span className={`swatch fund-${p} texture-${SOURCE_TEXTURES[paletteKey(p)]}`} aria-hidden="true" /> {t.sources[p]}
    </th>
  ));
  const yearName = (fiscalYear: number) => (locale === 'ja' ? formatYearShort(fiscalYear) : formatYearIn(fiscalYear, locale));
  return (
    <Panel name="funding" title={t.title}>
      <div data-testid="funding" style={COLOUR_VARIABLES}>
        <p className="caption">{t.caption}</p>
        <dl className="kpis funding-facts" data-testid="funding-facts">
          <div className="kpi">
            <dt>{t.facts.projectCost}</dt>
            <dd>
              <span className="kpi-value" data-testid="funding-project-cost">
                {formatThousandYen(now.projectCost)}
              </span>
            </dd>
          </div>
          <div className="kpi">
            <dt>{t.facts.generalFunds}</dt>
            <dd>
              <span className="kpi-value" data-testid="funding-general">
                {formatThousandYen(general)}
              </span>
              <span className="kpi-note">{t.facts.generalFundsShare(formatPercent(total > 0 ? general / total : null))}</span>
            </dd>
          </div>
          <div className="kpi">
            <dt>{t.facts.costPerCitizen}</dt>
            <dd>
              <span className="kpi-value" data-testid="funding-cost-per-citizen">
                {now.costPerCitizen === null ? t.facts.noPopulation : formatYen(now.costPerCitizen)}
              </span>
              <span className="kpi-note">{t.facts.costPerCitizenNote}</span>
            </dd>
          </div>
          <div className="kpi">
            <dt>{t.facts.generalFundsPerCitizen}</dt>
            <dd>
              <span className="kpi-value" data-testid="funding-general-per-citizen">
                {now.generalFundsPerCitizen === null ? t.facts.noPopulation : formatYen(now.generalFundsPerCitizen)}
              </span>
              <span className="kpi-note">{t.facts.generalFundsPerCitizenNote}</span>
            </dd>
          </div>
        </dl>
        {total === 0 && <p className="missing">{t.noCost}</p>}
        {unexplained > 0 && (
          <p className="warning" data-testid="funding-unexplained">
            {t.unexplained(remainder(unexplained), formatCount(now.withoutBreakdown), formatCount(now.shortOfCost))}
          </p>
        )}
        {excess > 0 && (
          <p className="warning" data-testid="funding-excess">
            {t.excess(remainder(excess), formatCount(now.overCost))}
          </p>
        )}
        {total > 0 && unexplained === 0 && excess === 0 && <p className="caption">{t.complete}</p>}
        <div className="dash-table-scroll">
          <table className="data fund-table" data-testid="funding-now">
            <caption>{t.nowTitle(yearText)}</caption>
            <thead>
              <tr>
                <th scope="col">{t.table.scope}</th>
                {mixHead}
                <th scope="col" className="num">
                  {t.table.projectCost}
                </th>
                {partHeads}
              </tr>
            </thead>
            <tbody>
              {[
                { name: t.total, href: undefined, f: now as FundingFigures },
                ...children.map((c) => ({
                  name: childName(c, scope, t),
                  href: c.node ? cityYearHref(`/policies/${c.node.path}`, state) : undefined,
                  f: c as FundingFigures,
                })),
              ].map((r) => (
                <tr key={r.name}>
                  <th scope="row">{r.href ? <a href={r.href}>{r.name}</a> : r.name}</th>
                  <td className="fund-mix">
                    <MixBar f={r.f} />
                  </td>
                  <td className="num">{formatThousandYen(r.f.projectCost)}</td>
                  {PARTS.map((p) => (
                    <td key={p} className="num">
                      {formatPercent(shareOf(r.f, p))}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="dash-table-scroll">
          <table className="data fund-table" data-testid="funding-table">
            <caption>{t.amountsTitle}</caption>
            <thead>
              <tr>
                <th scope="col">{t.table.year}</th>
                {mixHead}
                <th scope="col" className="num">
                  {t.table.projectCost}
                </th>
                {partHeads}
                <th scope="col" className="num">
                  {t.table.generalFundsPerCitizen}
                </th>
                <th scope="col" className="num">
                  {t.table.costPerCitizen}
                </th>
              </tr>
            </thead>
            <tbody>
              {byYear.map((y) => (
                <tr key={y.fiscalYear} aria-current={y.fiscalYear === state.fiscalYear ? 'true' : undefined}>
                  <th scope="row">
                    {y.fiscalYear === state.fiscalYear ? (
                      yearName(y.fiscalYear)
                    ) : (
                      <a href={cityYearHref(scope.basePath, { ...state, fiscalYear: y.fiscalYear })}>{yearName(y.fiscalYear)}</a>
                    )}
                  </th>
                  <td className="fund-mix">
                    <MixBar f={y} />
                  </td>
                  <td className="num">{formatThousandYen(y.projectCost)}</td>
                  {PARTS.map((p) => (
                    <td key={p} className="num">
                      {formatThousandYen(amountOf(y, p))}
                      <small>{formatPercent(shareOf(y, p))}</small>
                    </td>
                  ))}
                  <td className="num">{formatYen(y.generalFundsPerCitizen)}</td>
                  <td className="num">{formatYen(y.costPerCitizen)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </Panel>
  );
}
