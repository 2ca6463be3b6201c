/**
 * データ品質 (data-quality report): every evaluation of a municipality and fiscal year whose
 * stated figures disagree, grouped by department. Filters in the URL (?municipality=&year=
 * &department=&check=), the same rows as CSV at /quality/export.
 */
import { DepartmentSelect, MunicipalitySelect, YearSelect } from '@/app/components/dashboard/Filters';
import { Pagination } from '@/app/components/Pagination';
import { connection } from 'next/server';
import { formatCount, formatYearIn } from '@/app/lib/format';
import { COMMON, getLocale, pick } from '@/app/lib/i18n';
import { href, type SearchParams } from '@/app/lib/search-params';
import { getDb } from '@/db/client';
import { QUALITY_CHECKS, describeFinding, describePractice, qualityCheck } from '@/db/domain/quality-checks';
import { getQualityReport, QUALITY_PAGE_SIZE, type QualityFinding } from '@/db/queries/quality';
import { resolveQualityRequest } from './quality-request';
import { QUALITY_TEXT } from './text';
import '@/app/styles/quality.css';

export default async function QualityPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await connection();
  const [params, locale, db] = await Promise.all([searchParams, getLocale(), getDb()]);
  const t = pick(QUALITY_TEXT, locale);
  const common = pick(COMMON, locale);
  const resolved = await resolveQualityRequest(db, params);
  if (resolved.kind !== 'ok') return <p className="empty">{common.noData}</p>;
  const { state, departments, scope, linkParams, page } = resolved;
  const report = await getQualityReport(db, scope, { page });

  const groups = new Map<string | null, QualityFinding[]>();
  for (const f of report.findings) groups.set(f.department, [...(groups.get(f.department) ?? []), f]);
  const sheetHref = (code: string) => href(`/projects/${encodeURIComponent(code)}`, { municipality: state.municipality.code });

  return (
    <div className="quality">
      <h1>{t.title(state.municipality.name, formatYearIn(state.fiscalYear, locale))}</h1>
      <p className="subtitle">
        <strong data-testid="quality-summary">
          {t.summary(formatCount(report.listedCount), formatCount(report.affectedCount), formatCount(report.evaluatedCount))}
        </strong>
      </p>
      <p className="quality-lead">{t.lead}</p>
      {report.practices.length > 0 && (
        <section className="panel quality-practices" data-testid="quality-practices">
          <h2>{t.practices}</h2>
          <ul>
            {report.practices.map((p) => (
              <li key={p.check} data-testid={`practice-${p.check}`}>
                {describePractice(p, locale)}
              </li>
            ))}
          </ul>
        </section>
      )}

      <form className="filters" method="get" action="/quality">
        <MunicipalitySelect municipalities={state.municipalities} selected={state.municipality.code} locale={locale} />
        <YearSelect years={state.years} selected={state.fiscalYear} locale={locale} />
        <DepartmentSelect departments={departments} selected={scope.department} label={t.department} anyLabel={t.allDepartments} />
        <label>
          {t.check}
          <select name="check" defaultValue={scope.check ?? ''}>
            <option value="">{t.allChecks}</option>
            {QUALITY_CHECKS.map((c) => (
              <option key={c.key} value={c.key}>
                {c.label[locale]}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">{common.show}</button>
      </form>

      <ul className="quality-checks" aria-label={t.check}>
        {QUALITY_CHECKS.map((c) => (
          <li key={c.key} className={scope.check === c.key ? 'active' : undefined} data-testid={`check-${c.key}`}>
            <a href={href('/quality', linkParams, { check: scope.check === c.key ? undefined : c.key })} title={t.showOnly}>
              <b data-testid={`check-count-${c.key}`}>{formatCount(report.counts[c.key])}</b>
              <span className="check-label">{c.label[locale]}</span>
            </a>
            <p>{c.describe[locale]}</p>
          </li>
        ))}
      </ul>

      <p className="quality-export">
        <a href={href('/quality/export', linkParams)} data-testid="quality-csv">
          {t.exportCsv}
        </a>{' '}
        ・ <a href={href('/quality/export', linkParams, { encoding: 'sjis' })}>{t.exportSjis}</a> ・{' '}
        <a href={href('/quality/export', linkParams, { format: 'xlsx' })} data-testid="quality-xlsx">
          {t.exportXlsx}
        </a>
      </p>

      {report.pageCount > 1 && (
        <p className="quality-rows-shown" data-testid="quality-rows-shown">
          {t.rowsShown(formatCount((report.page - 1) * QUALITY_PAGE_SIZE + 1), formatCount((report.page - 1) * QUALITY_PAGE_SIZE + report.findings.length))}
        </p>
      )}
      {report.findings.length === 0 ? (
        <p className="empty">{t.none}</p>
      ) : (
        [...groups].map(([department, findings]) => (
          <section className="panel quality-department" key={department ?? ''} data-testid="quality-department" data-department={department ?? ''}>
            <h2>
              {department ?? t.noDepartment} <span className="count">{t.findingsIn(formatCount(findings.length))}</span>
            </h2>
            <div className="dash-table-scroll">
              <table className="data quality-table">
                <thead>
                  <tr>
                    <th>{t.table.code}</th>
                    <th>{t.table.name}</th>
                    <th>{t.table.section}</th>
                    <th>{t.table.check}</th>
                    <th>{t.table.detail}</th>
                  </tr>
                </thead>
                <tbody>
                  {findings.map((f, i) => (
                    <tr key={`${f.projectCode}-${f.check}-${i}`} data-testid="quality-row" data-check={f.check} data-code={f.projectCode}>
                      <td className="code">{f.projectCode}</td>
                      <td>
                        <a href={sheetHref(f.projectCode)}>{f.projectName}</a>
                      </td>
                      <td className="section">{f.section ?? ''}</td>
                      <td>
                        <span className={`check-badge check-${f.check}`}>{qualityCheck(f.check).label[locale]}</span>
                      </td>
                      <td className="detail">{describeFinding(f, locale)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        ))
      )}
      <Pagination
        page={report.page}
        pageCount={report.pageCount}
        pageHref={(n) => href('/quality', linkParams, { page: n === 1 ? undefined : n })}
        label={t.pages}
        locale={locale}
      />
    </div>
  );
}
