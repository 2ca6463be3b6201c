/**
 * The project list's URL: `?municipality=999001&year=2024&department=子ども部&policy=1/2
 * &rating=effectiveness:C&attainment=80-100&q=健診&sort=totalCost&dir=desc&page=2`. Read here once for the page
 * and for the CSV export, so both always show the same rows.
 */
import type { Db } from '@/db/client';
import { listFiscalYears, listMunicipalities, type MunicipalityOption } from '@/db/queries/overview';
import {
  listRatingCriteria,
  PROJECT_SORTS,
  type CriterionOption,
  type ProjectFilter,
  type ProjectOrder,
  type ProjectSort,
  type RatingFilter,
} from '@/db/queries/projects';
import type { SearchParams } from '@/app/lib/search-params';
import { choiceParam, pageParam, textParam, urlReader } from '@/app/lib/url-params';
import { CITY_YEAR_SHAPE } from '@/app/components/dashboard/scope-params';
import { ATTAINMENT_BAND_KEYS } from '@/db/domain/attainment-bands';

/** The list's URL; the rating is checked against the city's scheme once that is known. */
export const listUrlParams = urlReader({
  ...CITY_YEAR_SHAPE,
  department: textParam(),
  policy: textParam(),
  rating: textParam(),
  q: textParam().transform((q) => q?.trim() || undefined),
  attainment: choiceParam(ATTAINMENT_BAND_KEYS),
  sort: choiceParam(PROJECT_SORTS),
  dir: choiceParam(['asc', 'desc']),
  page: pageParam(),
});

/** Every URL parameter `readListState` reads (the page cache keys the list on them alone). */
export const LIST_PARAMS = listUrlParams.names;

/** In `rating=effectiveness:none`, the grade that finds the projects not rated on a criterion. */
export const NOT_RATED_PARAM = 'none';

/** Text columns read A→Z first; figures biggest first. */
const TEXT_SORTS: ProjectSort[] = ['code', 'name'];
export function defaultDirection(sort: ProjectSort): 'asc' | 'desc' {
  return TEXT_SORTS.includes(sort) ? 'asc' : 'desc';
}

export type ListState =
  | { kind: 'no-municipality' }
  | { kind: 'no-year'; municipality: MunicipalityOption; municipalities: MunicipalityOption[] }
  | {
      kind: 'ready';
      municipality: MunicipalityOption;
      municipalities: MunicipalityOption[];
      years: number[];
      fiscalYear: number;
      criteria: CriterionOption[];
      filter: ProjectFilter;
      order: ProjectOrder;
      page: number;
    };

/** `effectiveness:C` → { criterionKey, grade }, only when the scheme has that criterion and grade. */
export function parseRating(value: string | undefined, criteria: CriterionOption[]): RatingFilter | undefined {
  if (!value) return undefined;
  const colon = value.indexOf(':');
  if (colon < 0) return undefined;
  const key = value.slice(0, colon);
  const grade = value.slice(colon + 1);
  const criterion = criteria.find((c) => c.key === key);
  if (!criterion) return undefined;
  if (grade === NOT_RATED_PARAM) return { criterionKey: key, grade: null };
  return criterion.grades.some((g) => g.code === grade) ? { criterionKey: key, grade } : undefined;
}

export function ratingParam(rating: RatingFilter | undefined): string | undefined {
  return rating ? `${rating.criterionKey}:${rating.grade ?? NOT_RATED_PARAM}` : undefined;
}

export async function readListState(db: Db, params: SearchParams | URLSearchParams): Promise<ListState> {
  const url = listUrlParams.read(params);
  const municipalities = await listMunicipalities(db);
  const municipality = municipalities.find((m) => m.code === url.municipality) ?? municipalities[0];
  if (!municipality) return { kind: 'no-municipality' };
  const [years, criteria] = await Promise.all([listFiscalYears(db, municipality.id), listRatingCriteria(db, municipality.id)]);
  const fiscalYear = url.year !== undefined && years.includes(url.year) ? url.year : years[0];
  if (fiscalYear === undefined) return { kind: 'no-year', municipality, municipalities };

  const sort: ProjectSort = url.sort ?? 'code';
  const dir = url.dir ?? defaultDirection(sort);

  return {
    kind: 'ready',
    municipality,
    municipalities,
    years,
    fiscalYear,
    criteria,
    filter: {
      municipalityId: municipality.id,
      fiscalYear,
      department: url.department,
      policyPath: url.policy,
      rating: parseRating(url.rating, criteria),
      q: url.q,
      attainment: url.attainment,
    },
    order: { sort, dir },
    page: url.page,
  };
}

/** The URL parameters of a state's filter and sort (what the export link and sort links carry). */
export function listParams(state: Extract<ListState, { kind: 'ready' }>): Record<string, string | undefined> {
  const { filter, order } = state;
  return {
    municipality: state.municipality.code,
    year: String(state.fiscalYear),
    department: filter.department,
    policy: filter.policyPath,
    rating: ratingParam(filter.rating),
    q: filter.q,
    attainment: filter.attainment,
    sort: order.sort,
    dir: order.dir,
  };
}
