/**
 * The mapping step's proposed rating scheme: each grade of a new criterion with its common band
 * in a select (`band.<criterion index>.<grade code>`), which the saved profile's scheme takes.
 */
import type { Locale } from '@/app/lib/i18n';
import { BAND_LABELS, BANDS } from '@/db/domain/rating-scheme';
import type { ProfileInput } from '@/db/import/profiles/schema';
import type { MapText } from './text';

export function GradeBands({ t, locale, rating }: { t: MapText; locale: Locale; rating: NonNullable<ProfileInput['rating']> }) {
  // Only the new scheme's criteria come first and are the user's to place; the default scheme's keep their bands.
  return (
    <fieldset className="map-grades" data-testid="map-grades">
      <legend>{t.grades}</legend>
      <p className="hint">{t.gradesHint}</p>
      {rating.criteria.map((c, ci) => {
        const editable = /^c\d+$/.test(c.key);
        return (
          <div key={c.key} className="map-settings">
            <p className="map-criterion">{c.labelJa}</p>
            {c.grades.map((g) =>
              editable ? (
                <label key={g.code}>
                  {g.code}
                  <select name={`band.${ci}.${g.code}`} defaultValue={g.band} aria-label={t.gradeBand(c.labelJa, g.code)}>
                    {BANDS.map((b) => (
                      <option key={b} value={b}>
                        {BAND_LABELS[b][locale]}
                      </option>
                    ))}
                  </select>
                </label>
              ) : (
                <span key={g.code}>
                  {g.code} → {BAND_LABELS[g.band][locale]}
                </span>
              ),
            )}
          </div>
        );
      })}
    </fieldset>
  );
}
