/**
 * One import's report (/imports/<id>): what was loaded, by whom and when, which municipalities
 * and fiscal years it wrote, its problems, the original file, and rolling it back.
 */
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { requirePermission } from '@/app/lib/auth';
import { formatCount, formatDateTime, formatYearIn } from '@/app/lib/format';
import { getLocale, pick } from '@/app/lib/i18n';
import { getDb } from '@/db/client';
import { getBatchCoverage, getImportBatch } from '@/db/queries/imports';
import { BatchCounts, BatchFacts } from '../_components/BatchFacts';
import { ProblemTable } from '../_components/ProblemTable';
import { RollbackForm } from '../_components/RollbackForm';
import { userLabel } from '../_components/StatusBadge';
import { IMPORT_TEXT } from '../_lib/text';

export const metadata: Metadata = { title: '取込の詳細 — Hyoka' };

export default async function ImportReportPage({ params }: { params: Promise<{ id: string }> }) {
  await connection();
  const { id: raw } = await params;
  await requirePermission('import', `/imports/${raw}`);
  if (!/^\d{1,9}$/.test(raw)) notFound();
  const id = Number(raw);
  const locale = await getLocale();
  const t = pick(IMPORT_TEXT, locale);
  const db = await getDb();
  const [batch, coverage] = await Promise.all([getImportBatch(db, id), getBatchCoverage(db, id)]);
  if (!batch) {
    return (
      <div className="imports-page">
        <p>
          <a href="/imports">{t.report.back}</a>
        </p>
        <p className="empty">{t.report.notFound(id)}</p>
      </div>
    );
  }
  const r = t.report;
  const rolledBack = batch.report.rolledBack;
  const problemsShown = batch.report.errors.length + batch.report.warnings.length > 0;

  return (
    <div className="imports-page report-page">
      <p className="back">
        <a href="/imports">{r.back}</a>
      </p>
      <h1>
        {r.title(batch.id)} <span className="file-name">{batch.fileName}</span>
      </h1>

      {batch.status === 'pending' && (
        <p className="notice">
          <a href={`/imports?batch=${batch.id}#preview`}>{r.pendingLink}</a>
        </p>
      )}
      {rolledBack && (
        <p className="notice" data-testid="rolled-back">
          {t.rollback.done(userLabel(rolledBack.by, t.users), formatDateTime(rolledBack.at, locale), rolledBack.restored, rolledBack.removed)}
        </p>
      )}

      <div className="report-grid">
        <section className="panel">
          <h2>{r.summary}</h2>
          <BatchFacts batch={batch} text={t} locale={locale} withStatus />
          <BatchCounts batch={batch} text={t} />
        </section>

        <section className="panel">
          <h2>{r.coverage}</h2>
          {coverage.length === 0 ? (
            <p className="muted">{r.coverageEmpty}</p>
          ) : (
            <table className="data coverage-table" data-testid="coverage">
              <thead>
                <tr>
                  <th scope="col">{r.municipality}</th>
                  <th scope="col">{r.fiscalYear}</th>
                  <th scope="col" className="num">
                    {r.added}
                  </th>
                  <th scope="col" className="num">
                    {r.replaced}
                  </th>
                </tr>
              </thead>
              <tbody>
                {coverage.map((c) => (
                  <tr key={`${c.municipalityCode}-${c.fiscalYear}`}>
                    <td>
                      {batch.status === 'committed' ? (
                        <a href={`/?municipality=${encodeURIComponent(c.municipalityCode)}&year=${c.fiscalYear}`}>{c.municipalityName}</a>
                      ) : (
                        c.municipalityName
                      )}{' '}
                      <span className="muted">{c.municipalityCode}</span>
                    </td>
                    <td>{formatYearIn(c.fiscalYear, locale)}</td>
                    <td className="num">{formatCount(c.added)}</td>
                    <td className="num">{formatCount(c.replaced)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <h2 className="spaced">{r.original}</h2>
          {batch.byteLength !== null ? (
            <p>
              <a className="download" href={`/imports/${batch.id}/original`} download data-testid="download-original">
                {r.download(batch.fileName)}
              </a>
            </p>
          ) : (
            <p className="muted">{r.noOriginal}</p>
          )}
        </section>
      </div>

      <section className="panel">
        <h2>{r.problems}</h2>
        {problemsShown ? (
          <>
            <p className="problem-export" data-testid="problem-export">
              <a href={`/imports/${batch.id}/export`} download data-testid="problems-csv">
                {r.exportCsv}
              </a>{' '}
              ・{' '}
              <a href={`/imports/${batch.id}/export?format=xlsx`} download data-testid="problems-xlsx">
                {r.exportXlsx}
              </a>
            </p>
            <ProblemTable problems={batch.report.errors} total={batch.report.errorCount} kind="error" text={t.problems} locale={locale} />
            <ProblemTable problems={batch.report.warnings} total={batch.warnings} kind="warning" text={t.problems} locale={locale} />
          </>
        ) : (
          <p className="muted">{r.noProblems}</p>
        )}
      </section>

      {batch.status === 'committed' && (
        <RollbackForm
          batchId={batch.id}
          locale={locale}
          text={{
            heading: t.rollback.heading,
            explain: t.rollback.explain,
            confirm: t.rollback.confirm,
            button: t.rollback.button,
            running: t.rollback.running,
            refused: t.rollback.refused,
          }}
        />
      )}
    </div>
  );
}
