/**
 * The overview's and the policy pages' URL state: `?municipality=999001&year=2024`. Unknown or
 * missing values fall back to the first municipality and its latest fiscal year.
 */
import type { Db } from '@/db/client';
import { listFiscalYears, listMunicipalities, type MunicipalityOption } from '@/db/queries/overview';
import { href, intParam, param, type SearchParams } from '@/app/lib/search-params';

/** Every URL parameter `readCityYear` reads (the page cache keys these pages on them alone). */
export const CITY_YEAR_PARAMS = ['municipality', 'year'] as const;

export type CityYear =
  | { kind: 'no-municipality' }
  | { kind: 'no-year'; municipality: MunicipalityOption }
  | {
      kind: 'ready';
      municipalities: MunicipalityOption[];
      municipality: MunicipalityOption;
      /** Newest first. */
      years: number[];
      fiscalYear: number;
      /** The fiscal year before the selected one that has evaluations (the comparison), if any. */
      previousYear: number | null;
    };

export async function readCityYear(db: Db, params: SearchParams): Promise<CityYear> {
  const municipalities = await listMunicipalities(db);
  const municipality = municipalities.find((m) => m.code === param(params, 'municipality')) ?? municipalities[0];
  if (!municipality) return { kind: 'no-municipality' };
  const years = await listFiscalYears(db, municipality.id);
  const requested = intParam(params, 'year');
  const fiscalYear = requested !== undefined && years.includes(requested) ? requested : years[0];
  if (fiscalYear === undefined) return { kind: 'no-year', municipality };
  return { kind: 'ready', municipalities, municipality, years, fiscalYear, previousYear: years.find((y) => y < fiscalYear) ?? null };
}

/** A link within the dashboard keeping the municipality and year (and setting others). */
export function cityYearHref(
  path: string,
  state: { municipality: MunicipalityOption; fiscalYear: number },
  extra: Record<string, string | number | undefined> = {},
): string {
  return href(path, {}, { municipality: state.municipality.code, year: state.fiscalYear, ...extra });
}
