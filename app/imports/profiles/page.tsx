/**
 * 保存済みの取込設定 (/imports/profiles): the profiles saved in the mapping step, per
 * municipality and name, newest version first with who saved it and when; every version can be
 * shown and exported as the JSON the command line takes, and a JSON file can be imported as the
 * next version.
 */
import type { Metadata } from 'next';
import { connection } from 'next/server';
import { requirePermission } from '@/app/lib/auth';
import { formatDateTime } from '@/app/lib/format';
import { getLocale, pick, type Locale } from '@/app/lib/i18n';
import { getDb } from '@/db/client';
import { listSavedProfiles, savedProfileVersions, type SavedProfile } from '@/db/import/saved-profiles';
import { ProfileImportForm } from './ProfileImportForm';
import { PROFILES_TEXT } from './text';

export const metadata: Metadata = { title: '保存済みの取込設定 — Hyoka' };

const when = (date: Date, locale: Locale) => formatDateTime(date, locale);

export default async function ProfilesPage() {
  await connection();
  // Here, before anything is read: a layout's redirect would still stream the page below it.
  await requirePermission('import', '/imports/profiles');
  const locale = await getLocale();
  const t = pick(PROFILES_TEXT, locale);
  const db = await getDb();
  const newest = await listSavedProfiles(db);
  const versions = await Promise.all(newest.map((p) => savedProfileVersions(db, p.municipality.code, p.name)));

  return (
    <div className="imports-page profiles-page">
      <h1>{t.title}</h1>
      <p className="subtitle lead">{t.lead}</p>
      {newest.length === 0 ? (
        <p className="notice" data-testid="profiles-empty">
          {t.empty}
        </p>
      ) : (
        <table className="data stack-table" data-testid="profiles-table">
          <thead>
            <tr>
              <th scope="col">{t.municipality}</th>
              <th scope="col">{t.name}</th>
              <th scope="col">{t.version}</th>
              <th scope="col">{t.savedBy}</th>
              <th scope="col">{t.savedAt}</th>
              <th scope="col">{t.versions}</th>
            </tr>
          </thead>
          <tbody>
            {newest.map((p, i) => (
              <ProfileRow key={p.id} profile={p} versions={versions[i] ?? [p]} locale={locale} />
            ))}
          </tbody>
        </table>
      )}
      <ProfileImportForm
        text={{
          importHeading: t.importHeading,
          importLead: t.importLead,
          file: t.file,
          code: t.code,
          city: t.city,
          cityHint: t.cityHint,
          submit: t.submit,
          submitting: t.submitting,
        }}
      />
      <p>
        <a href="/imports">{t.back}</a>
      </p>
    </div>
  );
}

function ExportLink({ profile, locale }: { profile: SavedProfile; locale: Locale }) {
  const t = pick(PROFILES_TEXT, locale);
  return (
    <a href={`/imports/profiles/${profile.id}/export`} download aria-label={t.exportLabel(profile.name, profile.version)} data-testid="profile-export">
      {t.exportLink}
    </a>
  );
}

function ProfileRow({ profile: p, versions, locale }: { profile: SavedProfile; versions: SavedProfile[]; locale: Locale }) {
  const t = pick(PROFILES_TEXT, locale);
  return (
    <tr data-testid="profile-row">
      <td data-label={t.municipality}>
        {p.municipality.name}（{p.municipality.code}）
      </td>
      <th scope="row" data-label={t.name}>
        {p.name}
      </th>
      <td data-label={t.version}>
        {t.versionLabel(p.version)} <ExportLink profile={p} locale={locale} />
      </td>
      <td data-label={t.savedBy}>{p.savedBy}</td>
      <td data-label={t.savedAt}>{when(p.savedAt, locale)}</td>
      <td data-label={t.versions}>
        {versions.length === 1 ? (
          1
        ) : (
          <details data-testid="profile-versions">
            <summary>{t.showVersions(versions.length)}</summary>
            <ul>
              {versions.map((v) => (
                <li key={v.id}>
                  {t.versionLabel(v.version)} — {v.savedBy}、{when(v.savedAt, locale)} <ExportLink profile={v} locale={locale} />
                </li>
              ))}
            </ul>
          </details>
        )}
      </td>
    </tr>
  );
}
