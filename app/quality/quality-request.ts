/** The report's URL state (?municipality=&year=&department=&check=), shared by the page and its CSV export. */
import { CITY_YEAR_PARAMS, readCityYear, type CityYear } from '@/app/components/dashboard/scope-params';
import { intParam, param, type SearchParams } from '@/app/lib/search-params';
import type { Db } from '@/db/client';
import { isQualityCheckKey } from '@/db/domain/quality-checks';
import { listDepartments } from '@/db/queries/projects';
import type { QualityScope } from '@/db/queries/quality';

/** Every URL parameter the report reads (the page cache keys it on them alone). */
export const QUALITY_PARAMS = [...CITY_YEAR_PARAMS, 'department', 'check', 'page'] as const;

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

export async function resolveQualityRequest(db: Db, params: SearchParams): Promise<QualityRequest> {
  const state = await readCityYear(db, params);
  if (state.kind !== 'ready') return { kind: 'empty' };
  const departments = await listDepartments(db, state.municipality.id);
  const requestedDepartment = param(params, 'department');
  const department = requestedDepartment !== undefined && departments.includes(requestedDepartment) ? requestedDepartment : undefined;
  const requestedCheck = param(params, 'check');
  const check = isQualityCheckKey(requestedCheck) ? requestedCheck : undefined;
  return {
    kind: 'ok',
    state,
    departments,
    page: Math.max(1, intParam(params, 'page') ?? 1),
    scope: { municipalityId: state.municipality.id, fiscalYear: state.fiscalYear, department, check },
    linkParams: { municipality: state.municipality.code, year: String(state.fiscalYear), department, check },
  };
}
