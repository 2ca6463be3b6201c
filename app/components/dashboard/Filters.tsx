/** Municipality and fiscal year, as a plain GET form: the state stays in the URL, no script needed. */
import { formatYearIn } from '@/app/lib/format';
import { COMMON, pick, type Locale } from '@/app/lib/i18n';
import type { CityYear } from './scope-params';

export function CityYearFilters({ state, action, locale }: { state: Extract<CityYear, { kind: 'ready' }>; action: string; locale: Locale }) {
  const t = pick(COMMON, locale);
  return (
    <form className="filters" method="get" action={action}>
      {state.municipalities.length > 1 ? (
        <label>
          {t.municipality}
          <select name="municipality" defaultValue={state.municipality.code}>
            {state.municipalities.map((m) => (
              <option key={m.code} value={m.code}>
                {m.name}
              </option>
            ))}
          </select>
        </label>
      ) : (
        <input type="hidden" name="municipality" value={state.municipality.code} />
      )}
      <label>
        {t.fiscalYear}
        <select name="year" defaultValue={String(state.fiscalYear)}>
          {state.years.map((y) => (
            <option key={y} value={y}>
              {formatYearIn(y, locale)}
            </option>
          ))}
        </select>
      </label>
      <button type="submit">{t.show}</button>
    </form>
  );
}
