/** The report's URL state (?municipality=&year=&department=&check=), shared by the page and its CSV export. */
import { CITY_YEAR_SHAPE, resolveCityYear, type CityYear } from '@/app/components/dashboard/scope-params';
import type { SearchParams } from '@/app/lib/search-params';
import { choiceParam, pageParam, textParam, urlReader } from '@/app/lib/url-params';
import type { Db } from '@/db/client';
import { QUALITY_CHECK_KEYS } from '@/db/domain/quality-checks';
import { listDepartments } from '@/db/queries/projects';
import type { QualityScope } from '@/db/queries/quality';

/** The report's URL; the department is checked against the city's departments once known. */
export const qualityUrlParams = urlReader({ ...CITY_YEAR_SHAPE, department: textParam(), check: choiceParam(QUALITY_CHECK_KEYS), page: pageParam() });

/** Every URL parameter the report reads (the page cache keys it on them alone). */
export const QUALITY_PARAMS = qualityUrlParams.names;

export type QualityRequest =
  | { kind: 'empty' }
  | {
      kind: 'ok';
      state: Extract<CityYear, { kind: 'ready' }>;
      departments: string[];
      scope: QualityScope;
      /** The page of findings asked for (1 when none); the CSV export lists every page. */
      page: number;
      linkParams: Record<string, string | undefined>;
    };

export async function resolveQualityRequest(db: Db, params: SearchParams | URLSearchParams): Promise<QualityRequest> {
  const url = qualityUrlParams.read(params);
  const state = await resolveCityYear(db, url);
  if (state.kind !== 'ready') return { kind: 'empty' };
  const departments = await listDepartments(db, state.municipality.id);
  const department = url.department !== undefined && departments.includes(url.department) ? url.department : undefined;
  const { check } = url;
  return {
    kind: 'ok',
    state,
    departments,
    page: url.page,
    scope: { municipalityId: state.municipality.id, fiscalYear: state.fiscalYear, department, check },
    linkParams: { municipality: state.municipality.code, year: String(state.fiscalYear), department, check },
  };
}
