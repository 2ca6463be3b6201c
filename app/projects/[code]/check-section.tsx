/**
 * 評価 (Check): each indicator's target, actual and attainment per year (table and chart), and
 * the ratings with their reasons, newest year first. A year without a grade says 未評価.
 */
import { formatNumber, formatPercent, formatYearIn, formatYearShort } from '@/app/lib/format';
import type { Locale } from '@/app/lib/i18n';
import type { IndicatorYear, RatingYear } from '@/db/queries/project-sheet';
import type { CriterionOption, GradeLabel } from '@/db/queries/projects';
import type { IndicatorPoint } from '../_components/IndicatorChart';
import { LazyIndicatorChart } from '../_components/LazyCharts';
import { RatingChip } from '../_components/RatingChip';
import type { SheetText } from './text';

/** The flat indicator-year rows grouped by indicator, in sheet order. */
function byIndicator(rows: IndicatorYear[]): IndicatorYear[][] {
  const groups = new Map<number, IndicatorYear[]>();
  for (const r of rows) groups.set(r.indicatorId, [...(groups.get(r.indicatorId) ?? []), r]);
  return [...groups.values()];
}

const value = (v: string | null) => (v === null ? null : Number(v));

function gradeOf(r: RatingYear | undefined): GradeLabel | null {
  return r?.grade && r.band ? { code: r.grade, labelJa: r.gradeLabel ?? '', labelEn: r.gradeLabelEn ?? '', band: r.band } : null;
}

export function CheckSection({
  indicatorYears,
  ratingYears,
  criteria,
  fiscalYears,
  locale,
  t,
}: {
  indicatorYears: IndicatorYear[];
  ratingYears: RatingYear[];
  criteria: CriterionOption[];
  fiscalYears: number[];
  locale: Locale;
  t: SheetText;
}) {
  const c = t.check;
  const indicators = byIndicator(indicatorYears);
  const newestFirst = [...fiscalYears].sort((a, b) => b - a);
  const oldestFirst = [...newestFirst].reverse();
  // Short year labels keep five years of an indicator beside its chart.
  const yearLabel = (fy: number) => (locale === 'en' ? `FY${fy}` : formatYearShort(fy));
  const rating = (year: number, key: string) => ratingYears.find((r) => r.fiscalYear === year && r.criterionKey === key);

  return (
    <section id="check" className="sheet-section panel" data-testid="section-check" aria-labelledby="check-title">
      <h2 id="check-title" className="pdca check">
        {c.title}
      </h2>

      <h3>{c.indicators}</h3>
      {indicators.length === 0 && <p className="missing">{c.noIndicators}</p>}
      {indicators.map((values, i) => {
        const first = values[0]!;
        const unit = first.unit ?? '';
        const points: IndicatorPoint[] = values.map((v) => ({
          year: yearLabel(v.fiscalYear),
          target: value(v.target),
          actual: value(v.actual),
        }));
        return (
          <div key={first.indicatorId} className="indicator-block" data-testid="indicator">
            <h4>
              <span className="indicator-number">{c.indicator(i + 1)}</span> {first.name}
            </h4>
            <p className="indicator-meta">
              {c.kind[first.kind]} ・ {c.direction[first.direction]}
              {first.cumulative && ` ・ ${c.cumulative}`}
              {first.baselineValue !== null &&
                ` ・ ${c.baseline} ${formatNumber(first.baselineValue, unit, 4)}${first.baselineFiscalYear ? `（${formatYearIn(first.baselineFiscalYear, locale)}）` : ''}`}
            </p>
            <div className="indicator-body">
              <div className="table-scroll" tabIndex={0}>
                <table className="data sheet-table indicator-table">
                  <thead>
                    <tr>
                      <th scope="col" />
                      {values.map((v) => (
                        <th key={v.fiscalYear} scope="col" className="num">
                          {yearLabel(v.fiscalYear)}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    <tr>
                      <th scope="row">{c.target}</th>
                      {values.map((v) => (
                        <td key={v.fiscalYear} className="num">
                          {formatNumber(v.target, unit, 4)}
                        </td>
                      ))}
                    </tr>
                    <tr>
                      <th scope="row">{c.actual}</th>
                      {values.map((v) => (
                        <td key={v.fiscalYear} className="num">
                          {formatNumber(v.actual, unit, 4)}
                        </td>
                      ))}
                    </tr>
                    <tr className="attainment-row">
                      <th scope="row">{c.attainment}</th>
                      {values.map((v) => (
                        <td key={v.fiscalYear} className={`num ${v.attainment === null ? '' : v.attainment >= 1 ? 'met' : 'missed'}`}>
                          {formatPercent(v.attainment)}
                        </td>
                      ))}
                    </tr>
                  </tbody>
                </table>
              </div>
              <div className="sheet-chart indicator-chart" data-testid="indicator-chart">
                <LazyIndicatorChart data={points} unit={unit} labels={{ target: c.target, actual: c.actual }} pending={c.chartPending} />
              </div>
            </div>
          </div>
        );
      })}
      {indicators.length > 0 && <p className="caption">{c.attainmentNote}</p>}

      <h3>{c.ratings}</h3>
      {/* At a glance: one row per criterion, the years left to right as on the cost table. */}
      <div className="table-scroll" tabIndex={0}>
        <table className="data sheet-table rating-history" data-testid="rating-history">
          <thead>
            <tr>
              <th scope="col">{c.criterion}</th>
              {oldestFirst.map((year) => (
                <th key={year} scope="col" className="grade-cell">
                  {yearLabel(year)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {criteria.map((criterion) => (
              <tr key={criterion.key}>
                <th scope="row">{locale === 'en' ? criterion.labelEn : criterion.labelJa}</th>
                {oldestFirst.map((year) => (
                  <td key={year} className="grade-cell" data-year={year}>
                    <RatingChip grade={gradeOf(rating(year, criterion.key))} locale={locale} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h3>{c.ratingReasons}</h3>
      <div className="table-scroll rating-table-scroll" tabIndex={0}>
        <table className="data sheet-table rating-table" data-testid="rating-table">
          <thead>
            <tr>
              <th scope="col">{c.year}</th>
              <th scope="col">{c.criterion}</th>
              <th scope="col">{c.grade}</th>
              <th scope="col">{c.reason}</th>
            </tr>
          </thead>
          {newestFirst.map((year) => (
            <tbody key={year} className="rating-year">
              {criteria.map((criterion, i) => {
                const r = rating(year, criterion.key);
                const grade = gradeOf(r);
                return (
                  <tr key={criterion.key}>
                    {i === 0 && (
                      <th scope="rowgroup" rowSpan={criteria.length} className="year-cell">
                        {formatYearIn(year, locale)}
                      </th>
                    )}
                    <td className="criterion-cell">{locale === 'en' ? criterion.labelEn : criterion.labelJa}</td>
                    <td className="grade-cell">
                      <RatingChip grade={grade} locale={locale} withLabel />
                    </td>
                    <td className="prose reason-cell">{r?.reason || t.empty}</td>
                  </tr>
                );
              })}
            </tbody>
          ))}
        </table>
      </div>
    </section>
  );
}
