/**
 * 要注意事業 (watchlist): the planning division's list of projects to look at first, for one
 * municipality and fiscal year. Every setting is in the URL (?year=2024&attainment=70&rules=poor
 * &department=総務部&policy=1) so a view can be linked, printed and exported as the same rows.
 */
import { DepartmentSelect, MunicipalitySelect, YearSelect } from '@/app/components/dashboard/Filters';
import { Pagination } from '@/app/components/Pagination';
import { connection } from 'next/server';
import { formatCount, formatYearIn } from '@/app/lib/format';
import { COMMON, getLocale, pick } from '@/app/lib/i18n';
import { href, type SearchParams } from '@/app/lib/search-params';
import '@/app/styles/watchlist.css';
import { getDb } from '@/db/client';
import { WATCH_RULES, watchRule } from '@/db/domain/watch-rules';
import { listDepartments, listPolicyOptions, listRatingCriteria } from '@/db/queries/projects';
import { getWatchlist, WATCHLIST_PAGE_SIZE } from '@/db/queries/watchlist';
import { getExplanations } from '@/db/queries/explain';
import { RuleSummary } from './RuleSummary';
import { WATCHLIST_TEXT } from './text';
import { WatchTable } from './WatchTable';
import { resolveWatchlistRequest } from './watchlist-request';

export default async function WatchlistPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await connection();
  const params = await searchParams;
  const locale = await getLocale();
  const t = pick(WATCHLIST_TEXT, locale);
  const common = pick(COMMON, locale);
  const db = await getDb();

  const resolved = await resolveWatchlistRequest(db, params);
  if (resolved.kind === 'no-municipality') return <p className="empty">{common.noData}</p>;
  if (resolved.kind === 'no-year') return <p className="empty">{common.noData}</p>;
  const { municipalities, municipality, years, query, settings, linkParams, page } = resolved.request;

  const [watchlist, departments, policies, criteria] = await Promise.all([
    getWatchlist(db, query, { page }),
    listDepartments(db, municipality.id),
    listPolicyOptions(db, municipality.id),
    listRatingCriteria(db, municipality.id),
  ]);
  const explanations = await getExplanations(
    db,
    municipality.id,
    query.fiscalYear,
    watchlist.rows.map((r) => r.projectCode),
    locale,
  );
  const exportHref = href('/watchlist/export', linkParams);
  // The filters in words, so a printed or shared list says what it is limited to.
  const policy = policies.find((p) => p.path === query.policy);
  const scope = [
    query.department !== undefined && `${t.department} = ${query.department}`,
    query.policy !== undefined && `${t.policy} = ${policy ? `${policy.number ?? ''} ${policy.name}`.trim() : query.policy}`,
  ].filter((s): s is string => typeof s === 'string');

  return (
    <div className="watchlist">
      <h1>{t.title(municipality.name, formatYearIn(query.fiscalYear, locale))}</h1>
      <p className="subtitle">
        <strong data-testid="watch-total">{t.summary(formatCount(watchlist.listedCount), formatCount(watchlist.evaluatedCount))}</strong>
        <span className="watch-compare">（{t.comparedWith(formatYearIn(query.fiscalYear - 1, locale))}）</span>
        {watchlist.rows.length > 0 && (
          <a className="watch-jump" href="#watch-list">
            {t.jumpToList}
          </a>
        )}
      </p>
      {scope.length > 0 && (
        <p className="watch-scope" data-testid="watch-scope">
          {t.scope}: {scope.join(locale === 'ja' ? '、' : '; ')}
        </p>
      )}
      <p className="watch-lead">{t.lead}</p>

      {settings.rejected.map((r) => (
        <p className="warning" key={r.param}>
          {t.rejected(r.param, r.value, r.defaultPercent)}
        </p>
      ))}

      <form className="filters watch-filters" method="get" action="/watchlist">
        <MunicipalitySelect municipalities={municipalities} selected={municipality.code} locale={locale} />
        <YearSelect years={years} selected={query.fiscalYear} locale={locale} />
        <DepartmentSelect departments={departments} selected={query.department} label={t.department} anyLabel={t.allDepartments} />
        <label>
          {t.policy}
          <select name="policy" defaultValue={query.policy ?? ''}>
            <option value="">{t.allPolicies}</option>
            {policies.map((p) => (
              <option key={p.path} value={p.path}>
                {'\u3000'.repeat(p.level - 1)}
                {p.number ? `${p.number} ` : ''}
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.attainmentThreshold}
          <input
            type="number"
            name={watchRule('attainment').threshold!.param}
            min={watchRule('attainment').threshold!.min}
            max={watchRule('attainment').threshold!.max}
            step="any"
            inputMode="decimal"
            defaultValue={settings.thresholds.attainmentBelowPercent}
          />
        </label>
        <label>
          {t.costUpThreshold}
          <input
            type="number"
            name={watchRule('costUp').threshold!.param}
            min={watchRule('costUp').threshold!.min}
            max={watchRule('costUp').threshold!.max}
            step="any"
            inputMode="decimal"
            defaultValue={settings.thresholds.costUpPercent}
          />
        </label>
        <fieldset className="watch-rule-toggles">
          <legend>
            {t.rulesLegend} <small>({t.rulesHint})</small>
          </legend>
          {WATCH_RULES.map((rule) => (
            <label key={rule.key}>
              <input type="checkbox" name="rules" value={rule.key} defaultChecked={settings.rules.includes(rule.key)} />
              {rule.short[locale]}
            </label>
          ))}
        </fieldset>
        <button type="submit">{common.show}</button>
      </form>

      <RuleSummary counts={watchlist.counts} listed={watchlist.listedCount} settings={settings} linkParams={linkParams} locale={locale} />

      <p className="watch-export">
        <a href={exportHref} download data-testid="export-csv">
          {t.exportCsv}
        </a>
        <a href={href('/watchlist/export', linkParams, { encoding: 'sjis' })} download>
          {t.exportSjis}
        </a>
        <a href={href('/watchlist/export', linkParams, { format: 'xlsx' })} download data-testid="export-xlsx">
          {t.exportXlsx}
        </a>
        <span className="watch-export-hint">{t.exportHint}</span>
      </p>

      {watchlist.pageCount > 1 && (
        <p className="watch-rows-shown" data-testid="watch-rows-shown">
          {t.rowsShown(
            formatCount((watchlist.page - 1) * WATCHLIST_PAGE_SIZE + 1),
            formatCount((watchlist.page - 1) * WATCHLIST_PAGE_SIZE + watchlist.rows.length),
          )}
        </p>
      )}
      <WatchTable
        rows={watchlist.rows}
        explanations={explanations}
        criteria={criteria}
        municipalityCode={municipality.code}
        fiscalYear={query.fiscalYear}
        locale={locale}
      />
      <Pagination
        page={watchlist.page}
        pageCount={watchlist.pageCount}
        pageHref={(n) => `${href('/watchlist', linkParams, { page: n === 1 ? undefined : n })}#watch-list`}
        label={t.pages}
        locale={locale}
      />
    </div>
  );
}
