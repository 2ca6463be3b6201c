/**
 * The filter fields every page's GET form shares (municipality, fiscal year, department), and the
 * plain municipality-and-year form of the dashboard: the state stays in the URL, no script needed.
 */
import { formatYearIn } from '@/app/lib/format';
import { COMMON, pick, type Locale } from '@/app/lib/i18n';
import type { CityYear } from './scope-params';

export function MunicipalitySelect({
  municipalities,
  selected,
  locale,
}: {
  municipalities: readonly { code: string; name: string }[];
  selected: string;
  locale: Locale;
}) {
  return (
    <label>
      {pick(COMMON, locale).municipality}
      <select name="municipality" defaultValue={selected}>
        {municipalities.map((m) => (
          <option key={m.code} value={m.code}>
            {m.name}
          </option>
        ))}
      </select>
    </label>
  );
}

export function YearSelect({ years, selected, locale }: { years: readonly number[]; selected: number; locale: Locale }) {
  return (
    <label>
      {pick(COMMON, locale).fiscalYear}
      <select name="year" defaultValue={String(selected)}>
        {years.map((y) => (
          <option key={y} value={y}>
            {formatYearIn(y, locale)}
          </option>
        ))}
      </select>
    </label>
  );
}

export function DepartmentSelect({
  departments,
  selected,
  label,
  anyLabel,
}: {
  departments: readonly string[];
  selected: string | null | undefined;
  label: string;
  anyLabel: string;
}) {
  return (
    <label>
      {label}
      <select name="department" defaultValue={selected ?? ''}>
        <option value="">{anyLabel}</option>
        {departments.map((d) => (
          <option key={d} value={d}>
            {d}
          </option>
        ))}
      </select>
    </label>
  );
}

export function CityYearFilters({ state, action, locale }: { state: Extract<CityYear, { kind: 'ready' }>; action: string; locale: Locale }) {
  return (
    <form className="filters" method="get" action={action}>
      {state.municipalities.length > 1 ? (
        <MunicipalitySelect municipalities={state.municipalities} selected={state.municipality.code} locale={locale} />
      ) : (
        <input type="hidden" name="municipality" value={state.municipality.code} />
      )}
      <YearSelect years={state.years} selected={state.fiscalYear} locale={locale} />
      <button type="submit">{pick(COMMON, locale).show}</button>
    </form>
  );
}
