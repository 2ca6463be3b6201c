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
import { FundingTable } from './FundingTable';
import { KpiFigure } from './KpiFigure';
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
  const swatches = PARTS.map((p) => `fund-${p} texture-${SOURCE_TEXTURES[paletteKey(p)]}`);
  const mixOf = (f: FundingFigures) => PARTS.map((p) => Math.round((shareOf(f, p) ?? 0) * 1000) / 10);
  const partColumns = PARTS.map((p, i) => ({ label: t.sources[p], swatch: swatches[i] }));
  const yearName = (fiscalYear: number) => (locale === 'ja' ? formatYearShort(fiscalYear) : formatYearIn(fiscalYear, locale));
  return (
    <Panel name="funding" title={t.title}>
      <div data-testid="funding" style={COLOUR_VARIABLES}>
        <p className="caption">{t.caption}</p>
        <dl className="kpis funding-facts" data-testid="funding-facts">
          <KpiFigure label={t.facts.projectCost} testId="funding-project-cost" value={formatThousandYen(now.projectCost)} />
          <KpiFigure label={t.facts.generalFunds} testId="funding-general" value={formatThousandYen(general)}>
            <span className="kpi-note">{t.facts.generalFundsShare(formatPercent(total > 0 ? general / total : null))}</span>
          </KpiFigure>
          <KpiFigure
            label={t.facts.costPerCitizen}
            testId="funding-cost-per-citizen"
            value={now.costPerCitizen === null ? t.facts.noPopulation : formatYen(now.costPerCitizen)}
          >
            <span className="kpi-note">{t.facts.costPerCitizenNote}</span>
          </KpiFigure>
          <KpiFigure
            label={t.facts.generalFundsPerCitizen}
            testId="funding-general-per-citizen"
            value={now.generalFundsPerCitizen === null ? t.facts.noPopulation : formatYen(now.generalFundsPerCitizen)}
          >
            <span className="kpi-note">{t.facts.generalFundsPerCitizenNote}</span>
          </KpiFigure>
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
        <FundingTable
          testId="funding-now"
          caption={t.nowTitle(yearText)}
          head={t.table.scope}
          mixHead={t.table.mix}
          columns={[{ label: t.table.projectCost }, ...partColumns]}
          swatches={swatches}
          rows={[
            { head: t.total, href: undefined, f: now as FundingFigures },
            ...children.map((c) => ({
              head: childName(c, scope, t),
              href: c.node ? cityYearHref(`/policies/${c.node.path}`, state) : undefined,
              f: c as FundingFigures,
            })),
          ].map(({ f, ...r }) => ({ ...r, mix: mixOf(f), cells: [formatThousandYen(f.projectCost), ...PARTS.map((p) => formatPercent(shareOf(f, p)))] }))}
        />
        <FundingTable
          testId="funding-table"
          caption={t.amountsTitle}
          head={t.table.year}
          mixHead={t.table.mix}
          columns={[{ label: t.table.projectCost }, ...partColumns, { label: t.table.generalFundsPerCitizen }, { label: t.table.costPerCitizen }]}
          swatches={swatches}
          rows={byYear.map((y) => {
            const current = y.fiscalYear === state.fiscalYear;
            return {
              head: yearName(y.fiscalYear),
              href: current ? undefined : cityYearHref(scope.basePath, { ...state, fiscalYear: y.fiscalYear }),
              current,
              mix: mixOf(y),
              cells: [
                formatThousandYen(y.projectCost),
                ...PARTS.map((p): [string, string] => [formatThousandYen(amountOf(y, p)), formatPercent(shareOf(y, p))]),
                formatYen(y.generalFundsPerCitizen),
                formatYen(y.costPerCitizen),
              ],
            };
          })}
        />
      </div>
    </Panel>
  );
}
