/**
 * 取込 (/imports): upload a CSV file, read the check result (a dry run kept as a pending batch,
 * or the errors of a rejected file), commit or discard it, and see the import history.
 *
 * State is in the URL: ?batch=<id> shows a check result, ?done=<id> a finished import,
 * ?already=<id> the import a second commit of one check result found, ?upload=<problem> a form
 * mistake the upload route found, ?page=<n> pages the history.
 */
import type { Metadata } from 'next';
import { connection } from 'next/server';
import { requirePermission } from '@/app/lib/auth';
import { formatCount, formatYearIn } from '@/app/lib/format';
import { getLocale, pick, type Locale } from '@/app/lib/i18n';
import { intParam, param, type SearchParams } from '@/app/lib/search-params';
import { getDb } from '@/db/client';
import { POPULATION_PROFILE, POPULATION_PROFILE_LABEL } from '@/db/import/population/load';
import { PROFILES } from '@/db/import/profiles';
import { getBatchCoverage, getImportBatch, listImportBatches, type BatchCoverage, type ImportBatchDetail } from '@/db/queries/imports';
import { commitAction, discardAction } from './actions';
import { BatchCounts, BatchFacts } from './_components/BatchFacts';
import { HistoryTable } from './_components/HistoryTable';
import { ProblemTable } from './_components/ProblemTable';
import { SubmitButton } from './_components/SubmitButton';
import { UploadForm } from './_components/UploadForm';
import { IMPORT_TEXT, type ImportText } from './_lib/text';
import { MAP_TEXT } from './map/text';
import { PROFILES_TEXT } from './profiles/text';
import { MAX_UPLOAD_TEXT } from './_lib/limits';
import { uploadProblemText } from './_lib/upload-problem';

export const metadata: Metadata = { title: '取込 — Hyoka' };

export default async function ImportsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await connection();
  // Here, not (only) in the layout: a layout's redirect still streams the page rendered below it.
  await requirePermission('import', '/imports');
  const params = await searchParams;
  const locale = await getLocale();
  const t = pick(IMPORT_TEXT, locale);
  const db = await getDb();

  // An id no batch can have (too large, not a number) shows as "not found" (id 0), not as no request.
  const previewId = param(params, 'batch') === undefined ? undefined : (intParam(params, 'batch') ?? 0);
  const doneId = intParam(params, 'done');
  const alreadyId = intParam(params, 'already');
  const [preview, done, coverage, history] = await Promise.all([
    previewId === undefined ? null : getImportBatch(db, previewId),
    doneId === undefined ? null : getImportBatch(db, doneId),
    doneId === undefined ? [] : getBatchCoverage(db, doneId),
    listImportBatches(db, { page: intParam(params, 'page') ?? 1 }),
  ]);

  return (
    <div className="imports-page">
      <h1>{t.title}</h1>
      <p className="subtitle lead">{t.lead}</p>
      <p className="profiles-link">
        <a href="/imports/profiles" data-testid="profiles-link">
          {pick(PROFILES_TEXT, locale).link}
        </a>
      </p>

      <div className="imports-top">
        <UploadForm
          problem={uploadProblemText(t.form, params.upload, params.detail)}
          profiles={[...PROFILES.map((p) => ({ name: p.name, label: p.label[locale] })), { name: POPULATION_PROFILE, label: POPULATION_PROFILE_LABEL[locale] }]}
          text={{
            heading: t.form.heading,
            file: t.form.file,
            fileHint: t.form.fileHint,
            options: t.form.options,
            municipalityCode: t.form.municipalityCode,
            municipalityName: t.form.municipalityName,
            municipalityHint: t.form.municipalityHint,
            mapping: t.form.mapping,
            mappingHint: t.form.mappingHint,
            profile: t.form.profile,
            profileHint: t.form.profileHint,
            fiscalYear: t.form.fiscalYear,
            fiscalYearHint: t.form.fiscalYearHint,
            submit: t.form.submit,
            submitting: t.form.submitting,
            tooLarge: t.form.tooLarge(MAX_UPLOAD_TEXT),
          }}
        />
        {previewId !== undefined && <Preview batch={preview} text={t} locale={locale} />}
        {doneId !== undefined && done && <Done batch={done} coverage={coverage} text={t} locale={locale} />}
        {alreadyId !== undefined && <AlreadyCommitted batchId={alreadyId} text={t} />}
      </div>

      <HistoryTable history={history} params={params} text={t} locale={locale} />
    </div>
  );
}

function Preview({ batch, text, locale }: { batch: ImportBatchDetail | null; text: ImportText; locale: Locale }) {
  const t = text.preview;
  if (!batch || (batch.status !== 'pending' && batch.status !== 'failed')) {
    return (
      <section className="panel preview" id="preview" data-testid="preview">
        <h2>{t.heading}</h2>
        <p className="notice">{batch ? t.notPreview : t.gone}</p>
        {batch && <a href={`/imports/${batch.id}`}>{text.report.title(batch.id)}</a>}
      </section>
    );
  }
  if (batch.status === 'failed') {
    return (
      <section className="panel preview preview-failed" id="preview" data-testid="preview">
        <h2>{t.failedHeading}</h2>
        <p className="notice bad" role="alert">
          {t.failedNote(batch.report.errorCount)}
        </p>
        <p>
          <a className="button primary" href={`/imports/map?batch=${batch.id}`} data-testid="map-link">
            {pick(MAP_TEXT, locale).mapLink}
          </a>
        </p>
        <BatchFacts batch={batch} text={text} locale={locale} />
        <BatchCounts batch={batch} text={text} />
        <ProblemTable problems={batch.report.errors} total={batch.report.errorCount} kind="error" text={text.problems} locale={locale} />
        <ProblemTable problems={batch.report.warnings} total={batch.warnings} kind="warning" text={text.problems} locale={locale} />
      </section>
    );
  }
  return (
    <section className="panel preview preview-pending" id="preview" data-testid="preview">
      <h2>{t.heading}</h2>
      <p className="notice">{t.pendingNote}</p>
      <BatchFacts batch={batch} text={text} locale={locale} />
      <BatchCounts batch={batch} text={text} />
      <OwnedColumns batch={batch} text={text} />
      <FirstRows batch={batch} text={text} locale={locale} />
      <FirstFigures batch={batch} text={text} locale={locale} />
      <ProblemTable problems={batch.report.warnings} total={batch.warnings} kind="warning" text={text.problems} locale={locale} />
      <div className="actions decision">
        <form action={commitAction}>
          <input type="hidden" name="id" value={batch.id} />
          <SubmitButton label={t.commit} pendingLabel={t.committing} className="primary" />
        </form>
        <form action={discardAction}>
          <input type="hidden" name="id" value={batch.id} />
          <SubmitButton label={t.discard} pendingLabel={t.discarding} className="secondary" />
        </form>
      </div>
    </section>
  );
}

/** Which stored columns the file sets and which it leaves: a file owns only the columns it maps. */
function OwnedColumns({ batch, text }: { batch: ImportBatchDetail; text: ImportText }) {
  const columns = batch.report.columns;
  if (!columns) return null;
  const t = text.preview;
  return (
    <div className="owned-columns" data-testid="owned-columns">
      <h3>{t.columnsHeading}</h3>
      <dl>
        <dt>{t.columnsSets}</dt>
        <dd data-testid="columns-sets">{columns.sets.join('・') || '—'}</dd>
        <dt>{t.columnsKeeps}</dt>
        <dd data-testid="columns-keeps">{columns.keeps.join('・') || '—'}</dd>
      </dl>
    </div>
  );
}

/** The first rows as the profile read them: the check a user makes before trusting a profile with a file. */
function FirstRows({ batch, text, locale }: { batch: ImportBatchDetail; text: ImportText; locale: Locale }) {
  const rows = batch.report.preview;
  if (rows.length === 0) return null;
  const t = text.preview;
  const money = (v: string | null) => (v === null ? '—' : formatCount(Number(v)));
  return (
    <div className="first-rows" data-testid="first-rows">
      <h3>{t.firstRows}</h3>
      <p className="hint">{t.firstRowsNote}</p>
      <div className="table-scroll">
        <table className="data first-rows-table">
          <thead>
            <tr>
              {t.firstRowsColumns.map((c) => (
                <th key={c} scope="col">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.line}-${r.fiscalYear}-${r.projectCode}`}>
                <td className="num">{r.line}</td>
                <td>{formatYearIn(r.fiscalYear, locale)}</td>
                <td className="code">{r.projectCode}</td>
                <td>{r.projectName}</td>
                <td>{[r.department, r.section].filter(Boolean).join(' ') || '—'}</td>
                <td className="num">{money(r.projectCost)}</td>
                <td className="num">{money(r.staffCost)}</td>
                <td className="num">{money(r.totalCost)}</td>
                <td className="num" title={r.ratings.join('・') || undefined}>
                  {r.ratings.length > 0 ? t.gradesCount(r.ratings.length) : '—'}
                </td>
                <td className="num">{r.indicators}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** A population file's first figures beside the ones they replace: what the commit will change. */
function FirstFigures({ batch, text, locale }: { batch: ImportBatchDetail; text: ImportText; locale: Locale }) {
  const rows = batch.report.figures;
  if (rows.length === 0) return null;
  const t = text.preview;
  return (
    <div className="first-rows" data-testid="first-figures">
      <h3>{t.figures}</h3>
      <p className="hint">{t.figuresNote}</p>
      <div className="table-scroll">
        <table className="data first-rows-table">
          <thead>
            <tr>
              {t.figuresColumns.map((c) => (
                <th key={c} scope="col">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.line}-${r.fiscalYear}-${r.municipality}`}>
                <td className="num">{r.line}</td>
                <td>{r.municipality}</td>
                <td>{formatYearIn(r.fiscalYear, locale)}</td>
                <td className="num">{formatCount(r.population)}</td>
                <td className="num">{r.previous === null ? '—' : formatCount(r.previous)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** A second commit of one check result (another tab, a second click): nothing was imported twice. */
function AlreadyCommitted({ batchId, text }: { batchId: number; text: ImportText }) {
  return (
    <section className="panel preview preview-already" id="preview" data-testid="already-committed">
      <h2>{text.preview.alreadyHeading}</h2>
      <p className="notice" role="status">
        {text.preview.alreadyCommitted(batchId)}
      </p>
      <p>
        <a href={`/imports/${batchId}`}>{text.report.title(batchId)}</a>
      </p>
    </section>
  );
}

function Done({ batch, coverage, text, locale }: { batch: ImportBatchDetail; coverage: BatchCoverage[]; text: ImportText; locale: Locale }) {
  const t = text.preview;
  return (
    <section className="panel preview preview-done" id="preview" data-testid="done">
      <h2>{t.doneHeading}</h2>
      <BatchFacts batch={batch} text={text} locale={locale} />
      <BatchCounts batch={batch} text={text} />
      {coverage.length > 0 && (
        <ul className="coverage-links">
          {coverage.map((c) => (
            <li key={`${c.municipalityCode}-${c.fiscalYear}`}>
              <a href={`/?municipality=${encodeURIComponent(c.municipalityCode)}&year=${c.fiscalYear}`}>
                {c.municipalityName} {formatYearIn(c.fiscalYear, locale)} — {t.viewOverview}
              </a>{' '}
              <span className="muted">
                （{text.report.added} {formatCount(c.added)} / {text.report.replaced} {formatCount(c.replaced)}）
              </span>
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href={`/imports/${batch.id}`}>{t.viewReport}</a>
      </p>
    </section>
  );
}
