/**
 * The mapping step's money unit for the file and how rows repeating a project-year are merged:
 * two selects in the page's GET form (`unit`, `merge`), so a change re-runs the dry run.
 */
import { FILE_MONEY_UNITS, type FileMoneyUnit } from '@/db/import/propose/proposal-profile';
import type { MapText } from './text';

export function MoneyMergeSettings({
  t,
  moneyUnit,
  proposedUnit,
  merge,
}: {
  t: MapText;
  moneyUnit: FileMoneyUnit;
  proposedUnit: FileMoneyUnit;
  merge: 'refuse' | 'sum';
}) {
  return (
    <fieldset className="map-settings map-money" data-testid="map-money">
      <legend>{t.moneyHeading}</legend>
      <label>
        {t.moneyUnit}
        <select name="unit" defaultValue={moneyUnit} aria-describedby="unit-hint" data-testid="map-unit">
          {FILE_MONEY_UNITS.map((u) => (
            <option key={u} value={u}>
              {u === proposedUnit ? t.proposedOption(u) : u}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t.merge}
        <select name="merge" defaultValue={merge} aria-describedby="merge-hint" data-testid="map-merge">
          {(['refuse', 'sum'] as const).map((m) => (
            <option key={m} value={m}>
              {t.merges[m]}
            </option>
          ))}
        </select>
      </label>
      <p className="hint" id="unit-hint">
        {t.moneyUnitHint}
      </p>
      <p className="hint" id="merge-hint">
        {t.mergeHint}
      </p>
    </fieldset>
  );
}
