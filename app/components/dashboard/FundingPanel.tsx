/**
 * 財源の内訳: where a scope's 事業費 comes from — 国・県支出金, 地方債, その他特財, 一般財源 and the
 * part no stated source covers («内訳なし», never redistributed) — this year overall and per node
 * below, over the years as shares and as amounts, with 一般財源 per citizen beside cost per citizen.
 */
import { SOURCE_COLOURS, SOURCE_TEXTURES } from '@/app/components/charts/palette';
import { StackedShareBars, type StackRow, type StackSeries } from '@/app/components/charts/StackedShareBars';
import { formatCount, formatNumber, formatPercent, formatThousandYen, formatYearIn, formatYen } from '@/app/lib/format';
import { pick } from '@/app/lib/i18n';
import type { Db } from '@/db/client';
import { eraShort } from '@/db/domain/fiscal-year';
import { FUNDING_SOURCES, getFundingByChild, getFundingByYear, type FundingChild, type FundingFigures } from '@/db/queries/funding';
import type { Scope } from '@/db/queries/scope';
import { FUNDING_TEXT } from './funding-text';
import { Panel } from './Panel';
import { cityYearHref } from './scope-params';
import type { DashboardData, DashboardScope } from './ScopeDashboard';

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

const SERIES: StackSeries[] = PARTS.map((p) => {
  const key = p === 'unexplained' ? 'unbroken' : p;
  return { key: p, colour: SOURCE_COLOURS[key], texture: SOURCE_TEXTURES[key] };
});

function amountOf(f: FundingFigures, part: Part): number {
  return Number(part === 'unexplained' ? f.unexplained : f.sources[part]);
}

/** What the shares divide: the stated sources plus the remainder (事業費 + any excess). */
function partsTotal(f: FundingFigures): number {
  return PARTS.reduce((sum, p) => sum + amountOf(f, p), 0);
}

type Text = (typeof FUNDING_TEXT)['ja'];

/** A remainder to the yen (0.001 千円): a sheet's sub-yen rounding must not read as 0千円. */
const remainder = (thousandYen: number) => formatNumber(thousandYen, '千円', 3);

/** One bar: a share per part, every segment named by its amount and share; the row's tooltip lists them all. */
function mixRow(f: FundingFigures, label: string, full: string, href: string | undefined, t: Text, extra: string[] = []): StackRow {
  const total = partsTotal(f);
  const share = (p: Part) => (total > 0 ? amountOf(f, p) / total : 0);
  const line = (p: Part) => `${t.sources[p]}: ${formatThousandYen(amountOf(f, p))}（${formatPercent(share(p))}）`;
  return {
    label,
    shares: Object.fromEntries(PARTS.map((p) => [p, share(p) * 100])),
    hrefs: href ? Object.fromEntries(PARTS.map((p) => [p, href])) : {},
    ariaLabels: Object.fromEntries(PARTS.map((p) => [p, t.segment(full, t.sources[p], formatThousandYen(amountOf(f, p)), formatPercent(share(p)))])),
    tooltip: [
      full,
      t.tipProjects(formatCount(f.projectCount)),
      ...PARTS.map(line),
      ...(Number(f.excess) > 0 ? [t.tipExcess(remainder(Number(f.excess)))] : []),
      ...extra,
    ],
  };
}

function childNames(c: FundingChild, scope: DashboardScope, t: Text): { label: string; full: string } {
  if (!c.node) {
    const name = scope.policyPath === null ? t.outsideTree : t.directlyOnNode;
    return { label: name, full: name };
  }
  const number = c.node.number ? `${c.node.number} ` : '';
  // Under the whole city the 政策の柱 is the short name, as in the other charts; the full name is in the tooltip.
  const short = scope.policyPath === null && c.node.parentName ? c.node.parentName : c.node.name;
  return { label: `${number}${short}`, full: `${number}${c.node.name}` };
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
  const children = byChild.some((c) => c.node !== null) ? byChild : [];
  const legend = (
    <ul className="legend" data-testid="funding-legend">
      {SERIES.map((s) => (
        <li key={s.key}>
          <span className={`swatch texture-${s.texture}`} style={{ backgroundColor: s.colour }} />
          {t.sources[s.key as Part]}
        </li>
      ))}
    </ul>
  );
  const nowRows: StackRow[] = [
    mixRow(now, t.total, `${t.total}（${yearText}）`, undefined, t),
    ...children.map((c) => {
      const { label, full } = childNames(c, scope, t);
      return mixRow(c, label, full, c.node ? cityYearHref(`/policies/${c.node.path}`, state) : undefined, t);
    }),
  ];
  const yearRows: StackRow[] = byYear.map((y) => {
    const year = formatYearIn(y.fiscalYear, locale);
    return mixRow(
      y,
      locale === 'ja' ? eraShort(y.fiscalYear) : String(y.fiscalYear),
      year,
      y.fiscalYear === state.fiscalYear ? undefined : cityYearHref(scope.basePath, { ...state, fiscalYear: y.fiscalYear }),
      t,
      [t.tipGeneralPerCitizen(formatYen(y.generalFundsPerCitizen))],
    );
  });
  return (
    <Panel name="funding" title={t.title}>
      <div data-testid="funding">
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
        {total === 0 ? (
          <p className="missing">{t.noCost}</p>
        ) : (
          <>
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
            {unexplained === 0 && excess === 0 && <p className="caption">{t.complete}</p>}
            {legend}
            <div className="dashboard-row funding-charts">
              <figure data-testid="funding-now">
                <figcaption>{yearText}</figcaption>
                <div className="chart">
                  <StackedShareBars rows={nowRows} series={SERIES} name={`${t.title} ${yearText}`} labelWidth={scope.policyPath === null ? 124 : 172} />
                </div>
              </figure>
              <figure data-testid="funding-years">
                <figcaption>{t.byYear}</figcaption>
                <div className="chart">
                  <StackedShareBars rows={yearRows} series={SERIES} name={`${t.title}: ${t.byYear}`} labelWidth={locale === 'ja' ? 76 : 48} />
                </div>
              </figure>
            </div>
          </>
        )}
        <h3 className="funding-amounts-title">{t.amountsTitle}</h3>
        <div className="dash-table-scroll">
          <table className="data" data-testid="funding-table">
            <thead>
              <tr>
                <th scope="col">{t.table.year}</th>
                <th scope="col" className="num">
                  {t.table.projectCost}
                </th>
                {PARTS.map((p) => (
                  <th key={p} scope="col" className="num">
                    {t.sources[p]}
                  </th>
                ))}
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
                  <th scope="row">{formatYearIn(y.fiscalYear, locale)}</th>
                  <td className="num">{formatThousandYen(y.projectCost)}</td>
                  {PARTS.map((p) => (
                    <td key={p} className="num">
                      {formatThousandYen(amountOf(y, p))}
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
