/**
 * 事業実施 (Do): how the project was carried out each year, and what it cost — the sheet's cost
 * table with the fiscal years as columns (oldest to newest, as on the sheet), and the same
 * figures as a stacked bar chart.
 */
import type { ReactNode } from 'react';
import { formatNumber, formatThousandYen, formatYearIn, formatYearShort, formatYen } from '@/app/lib/format';
import type { Locale } from '@/app/lib/i18n';
import type { ProjectYear } from '@/db/queries/project-sheet';
import { SOURCE_COLOURS } from '@/app/components/charts/palette';
import type { CostBar, CostSeries } from '../_components/CostBreakdownChart';
import { LazyCostBreakdownChart } from '../_components/LazyCharts';
import type { SheetText } from './text';

const num = (v: string | null) => (v === null ? 0 : Number(v));

/**
 * One bar per year. Where a sheet gives 事業費 without (all of) its sources, the remainder shows
 * as "no breakdown" rather than being attributed to general funds.
 */
function costBars(years: ProjectYear[], locale: Locale): { data: CostBar[]; keys: Set<string> } {
  const keys = new Set<string>();
  const data = years.map((y) => {
    const sources = {
      nationalPrefectural: num(y.nationalPrefectural),
      localBonds: num(y.localBonds),
      otherSpecific: num(y.otherSpecific),
      generalFunds: num(y.generalFunds),
    };
    const sum = Object.values(sources).reduce((a, b) => a + b, 0);
    const unbroken = Math.max(0, num(y.projectCost) - sum);
    const bar: CostBar = { year: locale === 'en' ? `FY${y.fiscalYear}` : formatYearShort(y.fiscalYear), ...sources, unbroken, staff: num(y.staffCost) };
    for (const [k, v] of Object.entries(bar)) if (k !== 'year' && v !== 0) keys.add(k);
    return bar;
  });
  return { data, keys };
}

function staffCell(fte: string | null, hours: string | null, cost: string | null, t: SheetText) {
  const amount = fte !== null ? formatNumber(fte, t.do.persons) : hours !== null ? formatNumber(hours, t.do.hours) : null;
  if (amount === null && cost === null) return t.empty;
  return (
    <>
      {amount && <span className="staff-amount">{amount}</span>} {formatThousandYen(cost)}
    </>
  );
}

export function DoSection({ years, locale, t }: { years: ProjectYear[]; locale: Locale; t: SheetText }) {
  const d = t.do;
  const newestFirst = [...years].reverse();
  const { data, keys } = costBars(years, locale);
  const series: CostSeries[] = (
    [
      ['nationalPrefectural', d.nationalPrefectural],
      ['localBonds', d.localBonds],
      ['otherSpecific', d.otherSpecific],
      ['generalFunds', d.generalFunds],
      ['unbroken', d.unbrokenProjectCost],
      ['staff', d.staffShort],
    ] as const
  )
    .filter(([key]) => keys.has(key))
    .map(([key, label]) => ({ key, label: label.replace(/\s*[①②③]$/, ''), color: SOURCE_COLOURS[key] }));

  const row = (label: string, cell: (y: ProjectYear) => ReactNode, className?: string) => (
    <tr className={className}>
      <th scope="row">{label}</th>
      {years.map((y) => (
        <td key={y.fiscalYear} className="num">
          {cell(y)}
        </td>
      ))}
    </tr>
  );

  return (
    <section id="do" className="sheet-section panel" data-testid="section-do" aria-labelledby="do-title">
      <h2 id="do-title" className="pdca do">
        {d.title}
      </h2>
      {years.length === 0 ? (
        <p className="missing">{d.noYears}</p>
      ) : (
        <>
          <h3>{d.implementation}</h3>
          <div className="year-blocks">
            {newestFirst.map((y) => (
              <div key={y.fiscalYear} className="year-block">
                <h4>{formatYearIn(y.fiscalYear, locale)}</h4>
                <dl className="text-fields compact">
                  <div>
                    <dt>{d.method}</dt>
                    <dd>{y.implementationMethod || t.empty}</dd>
                  </div>
                  {y.previousPolicy && (
                    <div>
                      <dt>{d.previousPolicy}</dt>
                      <dd className="prose">{y.previousPolicy}</dd>
                    </div>
                  )}
                  <div>
                    <dt>{d.activities}</dt>
                    <dd className={y.activities ? 'prose' : 'missing'}>{y.activities || t.empty}</dd>
                  </div>
                </dl>
              </div>
            ))}
          </div>

          <h3>{d.costs}</h3>
          <p className="caption">{d.costsCaption}</p>
          <div className="table-scroll" tabIndex={0}>
            <table className="data sheet-table cost-table" data-testid="cost-table">
              <thead>
                <tr>
                  <th scope="col">{d.item}</th>
                  {years.map((y) => (
                    <th key={y.fiscalYear} scope="col" className="num">
                      {formatYearIn(y.fiscalYear, locale)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {row(d.projectCost, (y) => formatThousandYen(y.projectCost), 'subtotal')}
                {row(d.nationalPrefectural, (y) => formatThousandYen(y.nationalPrefectural), 'indent')}
                {row(d.localBonds, (y) => formatThousandYen(y.localBonds), 'indent')}
                {row(d.otherSpecific, (y) => formatThousandYen(y.otherSpecific), 'indent')}
                {row(d.generalFunds, (y) => formatThousandYen(y.generalFunds), 'indent')}
                {row(d.regularStaff, (y) => staffCell(y.regularStaffFte, y.regularStaffHours, y.regularStaffCost, t))}
                {row(d.otherStaff, (y) => staffCell(y.otherStaffFte, y.otherStaffHours, y.otherStaffCost, t))}
                {row(d.staffCost, (y) => formatThousandYen(y.staffCost), 'subtotal')}
                {row(
                  d.totalCost,
                  (y) => (
                    <>
                      <span data-testid="sheet-total-cost">{formatThousandYen(y.totalCost)}</span>
                      {y.totalCostStated !== null && Number(y.totalCostStated) !== Number(y.totalCost) && (
                        <span className="stated">{d.statedDiffers(formatThousandYen(y.totalCostStated))}</span>
                      )}
                    </>
                  ),
                  'total',
                )}
                {row(d.population, (y) => (y.population === null ? d.populationUnknown : formatNumber(y.population, locale === 'en' ? '' : '人')))}
                {row(d.perCitizen, (y) => (y.population === null ? d.populationUnknown : formatYen(y.costPerCitizen)))}
                {row(d.targetCount, (y) =>
                  y.targetCount === null ? (
                    t.empty
                  ) : (
                    <>
                      {formatNumber(y.targetCount, y.targetUnit ?? '')}
                      {y.targetDefinition && <span className="stated">{y.targetDefinition}</span>}
                    </>
                  ),
                )}
                {row(d.unitCost, (y) => (
                  <>
                    {formatYen(y.unitCostYen)}
                    {y.unitCostStatedYen !== null && y.unitCostYen !== null && Number(y.unitCostStatedYen) !== y.unitCostYen && (
                      <span className="stated">{d.unitCostStated(formatYen(Number(y.unitCostStatedYen)))}</span>
                    )}
                  </>
                ))}
              </tbody>
            </table>
          </div>

          <h3>{d.chartTitle}</h3>
          <div className="sheet-chart" data-testid="cost-chart">
            <LazyCostBreakdownChart data={data} series={series} unit={locale === 'en' ? 'k¥' : '千円'} pending={d.chartPending} />
          </div>
        </>
      )}
    </section>
  );
}
