/**
 * The mapping step started from a near match of a saved profile (?from-profile=ID): a notice
 * naming the saved profile and the columns that changed, and the unchanged columns folded into
 * one line ("same as profile X vN") whose choices are still sent as hidden fields.
 */
import { pick, type Locale } from '@/app/lib/i18n';
import type { SearchParams } from '@/app/lib/search-params';
import type { ProfileStart } from '@/db/import/propose/from-profile';
import type { Proposal } from '@/db/import/propose/propose';
import { FROM_PROFILE_TEXT } from './from-profile-text';

export function FromProfileNotice({ start, locale }: { start: ProfileStart; locale: Locale }) {
  const t = pick(FROM_PROFILE_TEXT, locale);
  const { saved, added, removed } = start;
  return (
    <section className="notice map-changes" data-testid="map-from-profile" aria-labelledby="map-changes-heading">
      <h2 id="map-changes-heading">{t.heading(saved.name, saved.version, saved.municipality.name)}</h2>
      <p>{t.lead}</p>
      {added.length > 0 && (
        <>
          <p>{t.added}</p>
          <ul data-testid="map-added">
            {added.map((k) => (
              <li key={k}>{k}</li>
            ))}
          </ul>
        </>
      )}
      {removed.length > 0 && (
        <>
          <p>{t.removed}</p>
          <ul data-testid="map-removed">
            {removed.map((k) => (
              <li key={k}>{k}</li>
            ))}
          </ul>
        </>
      )}
      {added.length === 0 && removed.length === 0 && <p>{t.none}</p>}
    </section>
  );
}

export function UnchangedColumns({ start, proposals, params, locale }: { start: ProfileStart; proposals: Proposal[]; params: SearchParams; locale: Locale }) {
  const t = pick(FROM_PROFILE_TEXT, locale);
  const folded = proposals.filter((p) => !start.changed.has(p.index));
  const all = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (typeof v === 'string') all.set(k, v);
  all.set('all', '1');
  return (
    <p className="hint map-folded" data-testid="map-folded">
      {folded.map((p) => (
        <input key={p.index} type="hidden" name={`c${p.index}`} value={p.field ?? ''} />
      ))}
      {t.folded(folded.length, start.saved.name, start.saved.version)} <a href={`/imports/map?${all}`}>{t.showAll}</a>
    </p>
  );
}
