/**
 * The overview's and the policy pages' URL state: `?municipality=999001&year=2024`. Unknown or
 * missing values fall back to the first municipality and its latest fiscal year.
 */
import type { Db } from '@/db/client';
import { listFiscalYears, listMunicipalities, type MunicipalityOption } from '@/db/queries/overview';
import { href, type SearchParams } from '@/app/lib/search-params';
import { intParam, pageParam, textParam, urlReader } from '@/app/lib/url-params';

/** The parameters of every page scoped to one municipality and year. */
export const CITY_YEAR_SHAPE = { municipality: textParam(), year: intParam() };
export const cityYearParams = urlReader(CITY_YEAR_SHAPE);

/** Every URL parameter `readCityYear` reads (the page cache keys these pages on them alone). */
export const CITY_YEAR_PARAMS = cityYearParams.names;

/** The overview and policy pages: the scope, and the rating criterion split by the level below. */
export const dashboardParams = urlReader({ ...CITY_YEAR_SHAPE, criterion: textParam() });

/** A policy node's page: the dashboard's parameters and the page of its project list. */
export const policyNodeParams = urlReader({ ...CITY_YEAR_SHAPE, criterion: textParam(), page: pageParam() });

/** The comparison: the scope and the policy node compared. */
export const compareParams = urlReader({ ...CITY_YEAR_SHAPE, policy: textParam() });

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

export async function readCityYear(db: Db, params: SearchParams | URLSearchParams): Promise<CityYear> {
  return resolveCityYear(db, cityYearParams.read(params));
}

/** The municipality and year asked for, or the first municipality and its latest year. */
export async function resolveCityYear(db: Db, requested: { municipality?: string; year?: number }): Promise<CityYear> {
  const municipalities = await listMunicipalities(db);
  const municipality = municipalities.find((m) => m.code === requested.municipality) ?? municipalities[0];
  if (!municipality) return { kind: 'no-municipality' };
  const years = await listFiscalYears(db, municipality.id);
  const fiscalYear = requested.year !== undefined && years.includes(requested.year) ? requested.year : years[0];
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
