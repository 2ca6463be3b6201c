/**
 * The mapping step's year blocks: the repeated column blocks the proposer found (大船渡市's six
 * 事業費計 …), whether to read them as years (`blocks`), and each block's fiscal year (`year0`…).
 */
import type { MappingStep } from '@/db/import/propose/mapping-step';
import type { MapText } from './text';

export function YearBlocks({ t, blocks, read }: { t: MapText; blocks: NonNullable<MappingStep['blocks']>; read: boolean }) {
  const headers = blocks.columns.map((c) => c.header.slice(0, 30)).join('、');
  return (
    <fieldset className="map-settings map-blocks" data-testid="map-blocks">
      <legend>{t.blocksHeading}</legend>
      <p className="hint" id="blocks-hint">
        {t.blocksFound(blocks.count, blocks.columns.length)} {t.blocksHeaders}: {headers}
      </p>
      <label>
        {t.blocksHow}
        <select name="blocks" defaultValue={blocks.accepted ? 'on' : 'off'} aria-describedby="blocks-hint" data-testid="map-blocks-how">
          {(['on', 'off'] as const).map((v) => (
            <option key={v} value={v}>
              {t.blocksHows[v]}
            </option>
          ))}
        </select>
      </label>
      {blocks.accepted && !read && (
        <p className="notice bad" role="alert">
          {t.blocksNeedYear}
        </p>
      )}
      {blocks.accepted &&
        blocks.years.map((year, k) => {
          const letters = blocks.columns.map((c) => c.letters[k]!);
          return (
            <label key={k}>
              {t.blockYear(k + 1, letters[0]!, letters[letters.length - 1]!)}
              <input type="number" name={`year${k}`} defaultValue={year} min={1900} max={2100} step={1} inputMode="numeric" data-testid="map-block-year" />
            </label>
          );
        })}
    </fieldset>
  );
}
