/**
 * 自治体の設定: the population per fiscal year behind every cost-per-citizen figure, with where
 * each figure came from. Saving writes only the changed years.
 */
import { connection } from 'next/server';
import { requirePermission } from '@/app/lib/auth';
import { formatCount, formatYearIn } from '@/app/lib/format';
import { getLocale, pick } from '@/app/lib/i18n';
import { param, type SearchParams } from '@/app/lib/search-params';
import '@/app/styles/settings.css';
import { getDb } from '@/db/client';
import { listMunicipalityPopulations, SETTINGS_SOURCE } from '@/db/queries/settings';
import { savePopulationsAction } from './actions';
import { SETTINGS_TEXT } from './text';

export default async function SettingsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await connection();
  await requirePermission('editSettings', '/settings');
  const params = await searchParams;
  const locale = await getLocale();
  const t = pick(SETTINGS_TEXT, locale);
  const municipalities = await listMunicipalityPopulations(await getDb());
  const saved = param(params, 'saved');
  const changed = Number(param(params, 'changed') ?? 0);
  const [invalidCode, invalidYear, ...invalidValue] = (param(params, 'invalid') ?? '').split(':');

  return (
    <div className="settings">
      <h1>{t.title}</h1>
      <p className="lead">{t.lead}</p>
      {municipalities.length === 0 && <p className="empty">{t.none}</p>}
      {municipalities.map((m) => (
        <section key={m.id} id={`m-${m.code}`} className="panel settings-municipality" data-testid={`settings-${m.code}`}>
          <h2>{t.municipality(m.name, m.code)}</h2>
          {saved === m.code && (
            <p className="notice" role="status">
              {t.saved(m.name, changed)}
            </p>
          )}
          {invalidCode === m.code && invalidYear && (
            <p className="warning" role="alert">
              {t.invalid(formatYearIn(Number(invalidYear), locale), invalidValue.join(':'))}
            </p>
          )}
          <form action={savePopulationsAction}>
            <input type="hidden" name="municipalityId" value={m.id} />
            <input type="hidden" name="code" value={m.code} />
            <table className="data">
              <thead>
                <tr>
                  <th>{t.year}</th>
                  <th className="num">{t.evaluations}</th>
                  <th>{t.population}</th>
                  <th>{t.source}</th>
                </tr>
              </thead>
              <tbody>
                {m.years.map((y) => (
                  <tr key={y.fiscalYear}>
                    <td>{formatYearIn(y.fiscalYear, locale)}</td>
                    <td className="num">{formatCount(y.evaluations)}</td>
                    <td>
                      <input
                        name={`population-${y.fiscalYear}`}
                        defaultValue={y.population === null ? '' : formatCount(y.population)}
                        inputMode="numeric"
                        aria-label={`${t.population} ${formatYearIn(y.fiscalYear, locale)}`}
                      />
                    </td>
                    <td className={y.population === null ? 'unknown' : undefined}>
                      {y.population === null ? (
                        t.unknown
                      ) : y.source === SETTINGS_SOURCE ? (
                        t.bySettings
                      ) : y.source?.startsWith('import:') ? (
                        <a href={`/imports/${y.source.slice('import:'.length)}`}>{t.fromImport(y.source.slice('import:'.length))}</a>
                      ) : (
                        y.source
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {m.years.some((y) => y.population === null) && <p className="note">{t.unknownNote}</p>}
            <button type="submit">{t.save}</button>
          </form>
        </section>
      ))}
    </div>
  );
}
