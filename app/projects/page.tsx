/**
 * 事業一覧: every evaluated project of a municipality and fiscal year, with cost, cost per
 * citizen, change on the previous year, attainment and the four ratings. Filters, sort and page
 * live in the URL (GET form, header links), so a view can be linked, printed or downloaded as
 * CSV with exactly the same rows.
 */
import { DepartmentSelect, MunicipalitySelect, YearSelect } from '@/app/components/dashboard/Filters';
import { gradeText } from '@/db/domain/rating-scheme';
import { connection } from 'next/server';
import { formatChange, formatCount, formatPercent, formatThousandYen, formatYearIn, formatYen } from '@/app/lib/format';
import { COMMON, defineText, getLocale, pick, type Locale } from '@/app/lib/i18n';
import { href, type SearchParams } from '@/app/lib/search-params';
import { getDb } from '@/db/client';
import {
  countProjects,
  listDepartments,
  listPolicyOptions,
  listProjects,
  type CriterionOption,
  type ProjectListRow,
  type ProjectSort,
} from '@/db/queries/projects';
import { ATTAINMENT_BANDS, NO_ATTAINMENT } from '@/db/domain/attainment-bands';
import { Pagination } from '@/app/components/Pagination';
import { listGradeText } from './_components/list-grade';
import { ProjectRows, type CompactProjectRow } from './_components/ProjectRows';
import { defaultDirection, listParams, NOT_RATED_PARAM, ratingParam, readListState } from './list-params';
import '@/app/styles/projects.css';
import { ATTAINMENT_CAP } from '@/db/domain/metrics';

const TEXT = defineText({
  ja: {
    title: (city: string, year: string) => `${city} ${year} 事業一覧`,
    matching: (n: string, all: string) => `${n}事業（全${all}事業中）`,
    all: (n: string) => `${n}事業`,
    department: '部',
    policy: '政策体系',
    rating: '評価',
    attainmentBand: '目標達成率',
    search: 'キーワード（事業名・目的・内容・総評・指標）',
    searchPlaceholder: '例: 健診、0012',
    any: 'すべて',
    notRated: '未評価',
    clear: '条件をクリア',
    download: 'CSVダウンロード',
    downloadUtf8: 'Excel用（UTF-8）',
    downloadSjis: 'Shift_JIS',
    downloadXlsx: 'Excel (.xlsx)',
    code: '事業番号',
    name: '事業名',
    org: '部／課',
    goalAndMeasure: 'まちづくり目標 › 施策',
    totalCost: 'トータルコスト',
    perCitizen: '市民1人当たり',
    change: '前年度比',
    attainment: '目標達成率',
    sortBy: (label: string) => `${label}で並べ替え`,
    noRows: '条件に合う事業はありません。',
    populationUnknown: (year: string) => `${year}の人口が登録されていないため、市民1人当たりコストは表示できません。`,
    pages: '事業一覧のページ',
    outsideTree: '政策体系外',
    changeNote: `前年度比はトータルコストの増減率（前年度の評価がない事業は —）。目標達成率は指標ごとの達成率（上限${ATTAINMENT_CAP * 100}%）の平均。`,
  },
  en: {
    title: (city: string, year: string) => `${city} ${year} projects`,
    matching: (n: string, all: string) => `${n} of ${all} projects`,
    all: (n: string) => `${n} projects`,
    department: 'Department',
    policy: 'Policy area',
    rating: 'Rating',
    attainmentBand: 'Attainment',
    search: 'Words (name, purpose, content, review, indicators)',
    searchPlaceholder: 'e.g. 健診, 0012',
    any: 'All',
    notRated: 'not rated',
    clear: 'Clear filters',
    download: 'Download CSV',
    downloadUtf8: 'Excel (UTF-8)',
    downloadSjis: 'Shift_JIS',
    downloadXlsx: 'Excel (.xlsx)',
    code: 'Code',
    name: 'Project',
    org: 'Department / section',
    goalAndMeasure: 'Goal › measure',
    totalCost: 'Total cost',
    perCitizen: 'Per citizen',
    change: 'vs. last year',
    attainment: 'Attainment',
    sortBy: (label: string) => `Sort by ${label}`,
    noRows: 'No project matches these filters.',
    populationUnknown: (year: string) => `The population of ${year} is not registered, so cost per citizen cannot be shown.`,
    pages: 'Project list pages',
    outsideTree: 'Outside the policy tree',
    changeNote: `vs. last year: change in total cost (— when the project was not evaluated the year before). Attainment: mean of the indicators’ attainment, each capped at ${ATTAINMENT_CAP * 100} %.`,
  },
});

type Text = (typeof TEXT)['ja'];

export default async function ProjectsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await connection();
  const locale = await getLocale();
  const t = pick(TEXT, locale);
  const common = pick(COMMON, locale);
  const db = await getDb();
  const state = await readListState(db, await searchParams);
  if (state.kind === 'no-municipality') return <p className="empty">{common.noData}</p>;
  if (state.kind === 'no-year') return <p className="empty">{common.noData}</p>;

  const { municipality, filter, order, criteria } = state;
  const [page, unfiltered, departments, policies] = await Promise.all([
    listProjects(db, filter, order, state.page),
    // The year's size, to say "n of N" when a filter is on.
    countProjects(db, { municipalityId: filter.municipalityId, fiscalYear: filter.fiscalYear }),
    listDepartments(db, municipality.id),
    listPolicyOptions(db, municipality.id),
  ]);
  const current = listParams(state);
  const yearText = formatYearIn(state.fiscalYear, locale);
  const filtered = page.total !== unfiltered;
  const exportHref = (encoding?: string) => href('/projects/export', current, { encoding });

  return (
    <div className="projects-page">
      <h1>{t.title(municipality.name, yearText)}</h1>
      <p className="subtitle" data-testid="project-count" data-count={page.total}>
        {filtered ? t.matching(formatCount(page.total), formatCount(unfiltered)) : t.all(formatCount(page.total))}
      </p>

      <form className="filters project-filters" method="get" action="/projects">
        <MunicipalitySelect municipalities={state.municipalities} selected={municipality.code} locale={locale} />
        <YearSelect years={state.years} selected={state.fiscalYear} locale={locale} />
        <DepartmentSelect departments={departments} selected={filter.department} label={t.department} anyLabel={t.any} />
        <label>
          {t.policy}
          <select name="policy" defaultValue={filter.policyPath ?? ''}>
            <option value="">{t.any}</option>
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
          {t.rating}
          <select name="rating" defaultValue={ratingParam(filter.rating) ?? ''}>
            <option value="">{t.any}</option>
            {criteria.map((c) => (
              <optgroup key={c.key} label={locale === 'en' ? c.labelEn : c.labelJa}>
                {c.grades.map((g) => (
                  <option key={g.code} value={`${c.key}:${g.code}`}>
                    {`${locale === 'en' ? c.labelEn : c.labelJa}: ${gradeText(g, locale)}`}
                  </option>
                ))}
                <option value={`${c.key}:${NOT_RATED_PARAM}`}>{locale === 'en' ? `${c.labelEn}: ${t.notRated}` : `${c.labelJa}: ${t.notRated}`}</option>
              </optgroup>
            ))}
          </select>
        </label>
        <label>
          {t.attainmentBand}
          <select name="attainment" defaultValue={filter.attainment ?? ''}>
            <option value="">{t.any}</option>
            {[...ATTAINMENT_BANDS, NO_ATTAINMENT].map((b) => (
              <option key={b.key} value={b.key}>
                {b.label[locale]}
              </option>
            ))}
          </select>
        </label>
        <label className="search">
          {t.search}
          <input type="search" name="q" defaultValue={filter.q ?? ''} placeholder={t.searchPlaceholder} />
        </label>
        {/* Keep the sort when filtering; a new filter starts again on page 1. */}
        <input type="hidden" name="sort" value={order.sort} />
        <input type="hidden" name="dir" value={order.dir} />
        <button type="submit">{common.show}</button>
        <a className="clear" href={href('/projects', { municipality: municipality.code, year: String(state.fiscalYear) })}>
          {t.clear}
        </a>
      </form>

      <div className="list-actions">
        <span>{t.download}:</span>
        <a href={exportHref()} data-testid="export-utf8" download>
          {t.downloadUtf8}
        </a>
        <a href={exportHref('sjis')} data-testid="export-sjis" download>
          {t.downloadSjis}
        </a>
        <a href={href('/projects/export', current, { format: 'xlsx' })} data-testid="export-xlsx" download>
          {t.downloadXlsx}
        </a>
      </div>

      {page.population === null && <p className="warning">{t.populationUnknown(yearText)}</p>}

      {page.rows.length === 0 ? (
        <p className="empty">{t.noRows}</p>
      ) : (
        <div className="table-scroll">
          <table className="data project-table" data-testid="project-table">
            <thead>
              <tr>
                <SortHeader label={t.code} sort="code" current={current} t={t} />
                <SortHeader label={t.name} sort="name" current={current} t={t} />
                <th>{t.org}</th>
                <th>{t.goalAndMeasure}</th>
                <SortHeader label={t.totalCost} sort="totalCost" current={current} t={t} numeric />
                <SortHeader label={t.perCitizen} sort="costPerCitizen" current={current} t={t} numeric />
                <SortHeader label={t.change} sort="change" current={current} t={t} numeric />
                <SortHeader label={t.attainment} sort="attainment" current={current} t={t} numeric />
                {criteria.map((c) => (
                  <th key={c.key} className="rating-col">
                    {locale === 'en' ? c.labelEn : c.labelJa}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              <ProjectRows
                rows={page.rows.map((row) =>
                  compactRow(
                    row,
                    criteria.map((c) => c.key),
                    locale,
                    t,
                  ),
                )}
                sheetQuery={href('', { municipality: municipality.code })}
                notRated={t.notRated}
              />
            </tbody>
          </table>
        </div>
      )}
      <p className="caption table-note">{t.changeNote}</p>
      {page.rows.length > 0 && <GradeKey criteria={criteria} locale={locale} />}

      <Pagination
        page={page.page}
        pageCount={page.pageCount}
        pageHref={(n) => href('/projects', current, { page: n === 1 ? undefined : n })}
        label={t.pages}
        locale={locale}
      />
    </div>
  );
}

/** A row's figures as the list shows them (ProjectRows draws them). */
function compactRow(row: ProjectListRow, criteriaKeys: string[], locale: Locale, t: Text): CompactProjectRow {
  const goal = row.goal ? `${row.goal.number ?? ''} ${row.goal.name}`.trim() : null;
  const measure = row.policy && row.policy.path !== row.goal?.path ? `${row.policy.number ?? ''} ${row.policy.name}`.trim() : null;
  return {
    key: row.evaluationId,
    code: row.code,
    name: row.name,
    department: row.department ?? '—',
    section: row.section,
    goal: goal ?? t.outsideTree,
    measure,
    cost: [formatThousandYen(row.totalCost), String(row.totalCost)],
    costPerCitizen: formatYen(row.costPerCitizen),
    change: [formatChange(row.change), changeClass(row.change)],
    attainment: [formatPercent(row.attainment), row.attainment === null ? '' : String(row.attainment)],
    grades: criteriaKeys.map((key) => {
      const grade = row.ratings[key];
      return grade ? [grade.band, listGradeText(grade, locale)] : null;
    }),
  };
}

/** What each criterion's grades mean, once for the whole table. */
function GradeKey({ criteria, locale }: { criteria: CriterionOption[]; locale: Locale }) {
  return (
    <dl className="caption grade-key" data-testid="grade-key">
      {criteria.map((c) => (
        <div key={c.key}>
          <dt>{locale === 'en' ? c.labelEn : c.labelJa}</dt>
          <dd>
            {c.grades
              .map((g) => (listGradeText(g, locale) === g.code ? gradeText(g, locale) : `${gradeText(g, locale)} (${listGradeText(g, locale)})`))
              .join(locale === 'en' ? ' / ' : '／')}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** Rising cost in red, falling in green; a change that reads ±0.0% in neither. */
function changeClass(change: number | null): string {
  if (change === null || Math.abs(change) < 0.0005) return '';
  return change > 0 ? 'up' : 'down';
}

function SortHeader({
  label,
  sort,
  current,
  t,
  numeric,
}: {
  label: string;
  sort: ProjectSort;
  current: Record<string, string | undefined>;
  t: Text;
  numeric?: boolean;
}) {
  const active = current.sort === sort;
  // Clicking the sorted column turns it around; another column starts in its natural direction.
  const dir = active ? (current.dir === 'asc' ? 'desc' : 'asc') : defaultDirection(sort);
  const arrow = active ? (current.dir === 'asc' ? '▲' : '▼') : '';
  return (
    <th className={numeric ? 'num' : undefined} aria-sort={active ? (current.dir === 'asc' ? 'ascending' : 'descending') : undefined}>
      <a className="sort" href={href('/projects', current, { sort, dir, page: undefined })} title={t.sortBy(label)} data-sort={sort}>
        {label}
        <span className="arrow" aria-hidden>
          {arrow}
        </span>
      </a>
    </th>
  );
}
