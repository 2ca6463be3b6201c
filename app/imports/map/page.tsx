/**
 * 列の対応付け (/imports/map?batch=ID): the mapping step for an uploaded file whose columns Hyoka
 * does not all know. Every column with its header, sample values and Hyoka's proposal in a
 * select; the header row(s); the municipality. The form is a GET to this page, so each change is
 * a new URL whose page runs the import as a dry run (nothing written) and shows its problems by
 * column; saving (a server action) keeps the profile and checks the file with it.
 */
import type { Metadata } from 'next';
import { connection } from 'next/server';
import { requirePermission } from '@/app/lib/auth';
import { getLocale, pick } from '@/app/lib/i18n';
import { intParam, param, type SearchParams } from '@/app/lib/search-params';
import { getDb } from '@/db/client';
import { overProfile, startFromProfile } from '@/db/import/propose/from-profile';
import { choicesFrom, mappingStep } from '@/db/import/propose/mapping-step';
import { NEW_RATING, RATING_REASON } from '@/db/import/propose/propose';
import { saveMappingAction } from './actions';
import { FromProfileNotice, UnchangedColumns } from './FromProfile';
import { GradeBands } from './grade-bands';
import { MoneyMergeSettings } from './money-merge-settings';
import { YearBlocks } from './year-blocks';
import { MAP_TEXT } from './text';

export const metadata: Metadata = { title: '列の対応付け — Hyoka' };

export default async function MapPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await connection();
  // Here, not (only) in the layout: a layout's redirect still streams the page rendered below it.
  await requirePermission('import', '/imports');
  const params = await searchParams;
  const locale = await getLocale();
  const t = pick(MAP_TEXT, locale);
  const batchId = intParam(params, 'batch');
  const db = await getDb();
  // A near match of a saved profile (?from-profile=ID): its choices are the defaults (FromProfile.tsx).
  const fromProfile = intParam(params, 'from-profile');
  const start = batchId !== undefined && fromProfile !== undefined ? await startFromProfile(db, batchId, fromProfile) : null;
  const choices = overProfile(
    start,
    choicesFrom((name) => param(params, name), Object.keys(params)),
    (name) => param(params, name) !== undefined,
  );
  const showAll = !start || param(params, 'all') === '1';
  const step = batchId === undefined ? null : await mappingStep(db, batchId, choices);
  const keep = choices.keep;
  if (!step || batchId === undefined) {
    return (
      <div className="imports-page map-page">
        <h1>{t.title}</h1>
        <p className="notice bad">{t.gone}</p>
        <a href="/imports">{t.back}</a>
      </div>
    );
  }
  const fieldLabel = (f: string) => (f === NEW_RATING ? t.newRating : f === RATING_REASON ? t.ratingReason : f);
  const rowText = (cells: string[]) =>
    cells
      .map((c) => c.replace(/\s+/g, ' ').trim())
      .filter((c) => c !== '')
      .slice(0, 4)
      .join(' | ')
      .slice(0, 60);
  const headerRows = step.sample.rows.slice(0, 10);
  const code = param(params, 'code') ?? step.profile.municipality?.code ?? '';
  const city = param(params, 'city') ?? step.profile.municipality?.name ?? '';
  // A field chosen for two different columns reads only the last: a problem to resolve, like the check's.
  const errorCount = (step.check.ok ? step.check.outcome.errors.length : 1) + step.clashes.length;
  const rating = step.profile.rating;

  const fields = (
    <>
      <input type="hidden" name="batch" value={batchId} />
      <div className="map-settings">
        <label>
          {t.headerRow}
          <select name="from" defaultValue={String(step.headerFrom)}>
            {headerRows.map((r) => (
              <option key={r.line} value={r.line}>
                {t.rowOption(r.line, rowText(r.cells))}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.headerTo}
          <select name="to" defaultValue={String(step.headerTo)} aria-describedby="header-hint">
            {headerRows.map((r) => (
              <option key={r.line} value={r.line}>
                {t.rowOption(r.line, rowText(r.cells))}
              </option>
            ))}
          </select>
        </label>
        <p className="hint" id="header-hint">
          {t.headerRowHint}
        </p>
        <label>
          {t.municipalityCode}
          <input name="code" defaultValue={code} inputMode="numeric" pattern="\d{6}" autoComplete="off" />
        </label>
        <label>
          {t.municipalityName}
          <input name="city" defaultValue={city} autoComplete="off" />
        </label>
        <label>
          {t.profileName}
          <input name="name" defaultValue={param(params, 'name') ?? step.profile.name} pattern="[a-z0-9][a-z0-9\-]*" autoComplete="off" />
        </label>
      </div>
      <div className="map-settings map-rows">
        <label>
          {t.keepColumn}
          <select name="keep" defaultValue={keep ? String(keep.index) : ''} aria-describedby="keep-hint" data-testid="map-keep">
            <option value="">{t.keepAll}</option>
            {step.proposals.map((c) => (
              <option key={c.index} value={c.index}>
                {c.letter} {c.header.replace(/\s+/g, ' ').trim().slice(0, 40)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.keepHow}
          <select name="keepHow" defaultValue={keep?.how ?? 'empty'}>
            {(['empty', 'equals', 'matches'] as const).map((how) => (
              <option key={how} value={how}>
                {t.keepHows[how]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.keepValue}
          <input name="keepValue" defaultValue={keep && keep.how !== 'empty' ? keep.value : ''} autoComplete="off" />
        </label>
        <label>
          {t.cap}
          <select name="cap" defaultValue={step.profile.amountCap ?? 'city'} data-testid="map-cap">
            {(['city', 'national'] as const).map((cap) => (
              <option key={cap} value={cap}>
                {t.caps[cap]}
              </option>
            ))}
          </select>
        </label>
        <p className="hint" id="keep-hint">
          {t.keepHint}
        </p>
      </div>
      {/* Settings groups, each its own component (money-merge-settings.tsx, year-blocks.tsx). */}
      <MoneyMergeSettings t={t} moneyUnit={step.moneyUnit} proposedUnit={step.proposedMoneyUnit} merge={choices.merge ?? 'refuse'} />
      {step.blocks && <YearBlocks t={t} blocks={step.blocks} read={step.profile.yearBlocks !== undefined} />}
      <h2>{t.columns}</h2>
      <table className="data map-table stack-table" data-testid="map-table">
        <thead>
          <tr>
            <th scope="col">{t.column}</th>
            <th scope="col">{t.header}</th>
            <th scope="col">{t.samples}</th>
            <th scope="col">{t.field}</th>
          </tr>
        </thead>
        <tbody>
          {step.proposals
            .filter((p) => showAll || start?.changed.has(p.index))
            .map((p) => (
              <tr key={p.index} data-testid="map-row">
                <td data-label={t.column}>{p.letter}</td>
                <th scope="row" data-label={t.header}>
                  {p.header.replace(/\s+/g, ' ').trim() || '—'}
                </th>
                <td data-label={t.samples} className="samples">
                  {p.samples.map((s) => s.slice(0, 30)).join('、') || '—'}
                </td>
                <td data-label={t.field}>
                  <select name={`c${p.index}`} defaultValue={p.field ?? ''} aria-label={`${t.field}: ${p.letter} ${p.header}`}>
                    <option value="">{t.ignore}</option>
                    {step.fieldOptions.map((f) => (
                      <option key={f} value={f}>
                        {fieldLabel(f)}
                      </option>
                    ))}
                  </select>
                  <small className="hint">{t.proposedBy[p.reason]}</small>
                </td>
              </tr>
            ))}
        </tbody>
      </table>
      {start && !showAll && <UnchangedColumns start={start} proposals={step.proposals} params={params} locale={locale} />}
      {/* The proposed scheme's bands, one select per grade (grade-bands.tsx). */}
      {rating && <GradeBands t={t} locale={locale} rating={rating} />}
    </>
  );

  return (
    <div className="imports-page map-page">
      <h1>{t.title}</h1>
      <p className="subtitle lead">
        {step.fileName} — {t.lead}
      </p>
      {start && <FromProfileNotice start={start} locale={locale} />}
      <form method="get" action="/imports/map" className="panel map-form">
        {start && <input type="hidden" name="from-profile" value={start.saved.id} />}
        {start && showAll && <input type="hidden" name="all" value="1" />}
        {fields}
        <div className="actions" id="save">
          {param(params, 'need') === 'city' && (
            <p className="notice bad" role="alert">
              {t.needCity}
            </p>
          )}
          {param(params, 'failed') && (
            <p className="notice bad" role="alert">
              {t.saveFailed}
            </p>
          )}
          <button type="submit" className="secondary">
            {t.recheck}
          </button>
          {/* The same fields, posted to the server action instead of reloading the page. */}
          <button type="submit" className="primary" formAction={saveMappingAction}>
            {t.save}
          </button>
        </div>
      </form>

      <section className="panel map-check" aria-live="polite" data-testid="map-check">
        <h2>{t.checkHeading}</h2>
        {step.check.ok && errorCount === 0 ? (
          <p className="notice good">{t.checkOk(step.check.outcome.rows)}</p>
        ) : (
          <p className="notice bad" role="alert">
            {t.checkErrors(errorCount)}
          </p>
        )}
        {!step.check.ok && <p className="notice bad">{step.check.error}</p>}
        {step.clashes.map((c) => (
          <p key={c.field} className="notice bad" data-testid="map-clash">
            {t.clash(fieldLabel(c.field), c.letters)}
          </p>
        ))}
        {step.check.ok && step.check.groups.length > 0 && (
          <table className="data stack-table" data-testid="map-errors">
            <thead>
              <tr>
                <th scope="col">{t.byColumn}</th>
                <th scope="col">{t.count}</th>
                <th scope="col">{t.example}</th>
              </tr>
            </thead>
            <tbody>
              {step.check.groups.slice(0, 20).map((g) => (
                <tr key={g.column ?? '(file)'}>
                  <th scope="row" data-label={t.byColumn}>
                    {g.column ?? t.noColumn}
                  </th>
                  <td data-label={t.count}>{g.count}</td>
                  <td data-label={t.example}>{g.examples[0] ? `${g.examples[0].message.ja} / ${g.examples[0].message.en}` : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <p>
        <a href="/imports">{t.back}</a>
      </p>
    </div>
  );
}
