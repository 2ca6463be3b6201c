/**
 * 他自治体との比較 (cross-municipality benchmark): one policy node and fiscal year in every loaded
 * municipality side by side — cost per citizen, attainment, rating mixes by common band, ranks.
 * URL: ?municipality=CODE&year=2024&policy=PATH (a node of that municipality's plan; none = the
 * whole municipality). Nodes correspond by level and name (db/queries/compare.ts).
 */
import { BAND_TEXTURES } from '@/app/components/charts/palette';
import { MunicipalitySelect, YearSelect } from '@/app/components/dashboard/Filters';
import { connection } from 'next/server';
import { compareParams, readCityYear, cityYearHref } from '@/app/components/dashboard/scope-params';
import { formatCount, formatPercent, formatThousandYen, formatYearIn, formatYen } from '@/app/lib/format';
import { COMMON, getLocale, pick, type Locale } from '@/app/lib/i18n';
import { href, type SearchParams } from '@/app/lib/search-params';
import { getDb } from '@/db/client';
import { getComparison, listPlanNodes, type CriterionMix, type MunicipalityComparison } from '@/db/queries/compare';
import { DASHBOARD_TEXT } from '@/app/components/dashboard/text';
import { MIX_BANDS } from './mix-bands';
import { MixRows } from './MixRows';
import { PolicyOptions } from './PolicyOptions';
import { COMPARE_TEXT } from './text';
import '@/app/styles/dashboard.css';
import '@/app/styles/compare.css';

export default async function ComparePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await connection();
  const [params, locale, db] = await Promise.all([searchParams, getLocale(), getDb()]);
  const t = pick(COMPARE_TEXT, locale);
  const common = pick(COMMON, locale);
  const levels = pick(DASHBOARD_TEXT, locale).levels;
  const state = await readCityYear(db, params);
  if (state.kind !== 'ready') return <p className="empty">{common.noData}</p>;

  const nodes = await listPlanNodes(db, state.municipality.id);
  const requested = compareParams.read(params).policy;
  const policyPath = requested !== undefined && nodes.some((n) => n.path === requested) ? requested : null;
  const comparison = await getComparison(db, state.municipality.id, state.fiscalYear, policyPath);
  if (!comparison) return <p className="empty">{common.noData}</p>;
  const year = formatYearIn(state.fiscalYear, locale);
  const nodeTitle = (n: { number: string | null; name: string }) => `${n.number ? `${n.number} ` : ''}${n.name}`;
  const scopeName = comparison.source ? comparison.source.name : t.wholeMunicipality;
  const exportParams = { municipality: state.municipality.code, year: String(state.fiscalYear), policy: policyPath ?? undefined };
  const ranked = comparison.rows.filter((r) => (r.figures?.projectCount ?? 0) > 0).length;

  return (
    <div className="compare">
      <h1>{t.title(scopeName, year)}</h1>
      {comparison.source && (
        <p className="subtitle">
          {levels[comparison.source.level]}・{state.municipality.name} {nodeTitle(comparison.source)}
        </p>
      )}
      <p className="compare-lead">{t.lead}</p>
      <form className="filters" method="get" action="/compare">
        <MunicipalitySelect municipalities={state.municipalities} selected={state.municipality.code} locale={locale} />
        <YearSelect years={state.years} selected={state.fiscalYear} locale={locale} />
        <label className="compare-policy">
          {t.policy}
          <select name="policy" defaultValue={policyPath ?? ''}>
            <option value="">{t.wholeMunicipality}</option>
            <PolicyOptions options={nodes.map((n) => [n.path, `${'　'.repeat(n.level - 1)}${levels[n.level]}: ${nodeTitle(n)}`])} />
          </select>
        </label>
        <button type="submit">{common.show}</button>
      </form>

      <section className="panel" aria-labelledby="compare-figures">
        <h2 id="compare-figures">{t.figuresTitle}</h2>
        <div className="dash-table-scroll">
          <table className="data compare-table" data-testid="compare-table">
            <thead>
              <tr>
                <th>{t.municipality}</th>
                {comparison.source && <th>{t.matchedNode}</th>}
                <th className="num">{t.population}</th>
                <th className="num">{t.projects}</th>
                <th className="num">{t.totalCost}</th>
                <th className="num">{t.costPerCitizen}</th>
                <th className="num">{t.medianAttainment}</th>
                <th className="num">{t.effectivenessGood}</th>
              </tr>
            </thead>
            <tbody>
              {comparison.rows.map((row) => (
                <FigureRow
                  key={row.municipality.code}
                  row={row}
                  showNode={comparison.source !== null}
                  selected={row.municipality.id === state.municipality.id}
                  ranked={ranked}
                  fiscalYear={state.fiscalYear}
                  locale={locale}
                />
              ))}
            </tbody>
          </table>
        </div>
        <p className="caption">{t.rankNote}</p>
        <p className="compare-export">
          {t.download}:{' '}
          <a href={href('/compare/export', exportParams)} data-testid="compare-csv" download>
            {t.csv}
          </a>{' '}
          ・{' '}
          <a href={href('/compare/export', exportParams, { encoding: 'sjis' })} download>
            {t.sjis}
          </a>{' '}
          ・{' '}
          <a href={href('/compare/export', exportParams, { format: 'xlsx' })} data-testid="compare-xlsx" download>
            {t.xlsx}
          </a>
        </p>
      </section>

      <section className="panel" aria-labelledby="compare-mix">
        <h2 id="compare-mix">{t.mixTitle}</h2>
        <p className="caption">{t.mixCaption}</p>
        <ul className="mix-legend" aria-hidden="true">
          {MIX_BANDS.map((b) => (
            <li key={b}>
              <span className={`swatch band-${b} texture-${BAND_TEXTURES[b]}`} /> {t.bands[b]}
            </li>
          ))}
        </ul>
        <div className="mix-grid" data-testid="compare-mix">
          {criteriaOf(comparison.rows).map((criterion) => (
            <div className="mix-criterion" key={criterion.key}>
              <h3>{locale === 'ja' ? criterion.labelJa : criterion.labelEn}</h3>
              <MixRows
                rows={comparison.rows.map((row) => {
                  const mix = row.ratingMix.find((c) => c.key === criterion.key);
                  return [row.municipality.code, row.municipality.name, mix ? MIX_BANDS.map((b) => mix.counts[b]) : null];
                })}
                bandNames={MIX_BANDS.map((b) => t.bands[b])}
                none={t.ratingsNone}
              />
            </div>
          ))}
        </div>
      </section>
    </div>
  );
}

/** The criteria of every municipality, first seen first (schemes share keys such as `effectiveness`). */
function criteriaOf(rows: MunicipalityComparison[]): CriterionMix[] {
  const seen = new Map<string, CriterionMix>();
  for (const r of rows) for (const c of r.ratingMix) if (!seen.has(c.key)) seen.set(c.key, c);
  return [...seen.values()];
}

function FigureRow({
  row,
  showNode,
  selected,
  ranked,
  fiscalYear,
  locale,
}: {
  row: MunicipalityComparison;
  showNode: boolean;
  selected: boolean;
  ranked: number;
  fiscalYear: number;
  locale: Locale;
}) {
  const t = pick(COMPARE_TEXT, locale);
  const f = row.figures;
  const hasData = (f?.projectCount ?? 0) > 0;
  const state = { municipality: row.municipality, fiscalYear };
  const rankNote = (n: number | null) => (n === null ? null : <span className="rank">{t.rank(n, ranked)}</span>);
  return (
    <tr data-testid="compare-row" data-code={row.municipality.code} className={selected ? 'selected' : undefined}>
      <th scope="row">
        <a href={cityYearHref(row.node ? `/policies/${row.node.path}` : '/', state)}>{row.municipality.name}</a>
        {selected && <span className="muted">{t.selected}</span>}
      </th>
      {showNode && (
        <td className="policy-cell">
          {row.node ? `${row.node.number ? `${row.node.number} ` : ''}${row.node.name}` : <span className="muted">{t.noMatch}</span>}
        </td>
      )}
      {!row.matched || !hasData ? (
        <td className="num muted" colSpan={6}>
          {row.matched ? t.noEvaluations : '—'}
        </td>
      ) : (
        <>
          <td className="num">
            {f!.population === null ? <a href={href('/settings', {})}>{t.populationUnknown}</a> : formatCount(f!.population, locale === 'ja' ? '人' : '')}
          </td>
          <td className="num" data-testid="compare-projects">
            {formatCount(f!.projectCount)}
          </td>
          <td className="num">{formatThousandYen(f!.totalCost)}</td>
          <td className="num" data-testid="compare-cost">
            <b>{formatYen(f!.costPerCitizen)}</b>
            {rankNote(row.rank.costPerCitizen)}
          </td>
          <td className="num" data-testid="compare-attainment">
            <b>{formatPercent(f!.medianAttainment)}</b>
            {rankNote(row.rank.medianAttainment)}
          </td>
          <td className="num" data-testid="compare-good">
            <b>{formatPercent(row.effectivenessGoodShare)}</b>
            {rankNote(row.rank.effectivenessGood)}
          </td>
        </>
      )}
    </tr>
  );
}
