/** The report's URL state (?municipality=&year=&department=&check=), shared by the page and its CSV export. */
import { readCityYear, type CityYear } from '@/app/components/dashboard/scope-params';
import { param, type SearchParams } from '@/app/lib/search-params';
import type { Db } from '@/db/client';
import { isQualityCheckKey } from '@/db/domain/quality-checks';
import { listDepartments } from '@/db/queries/projects';
import type { QualityScope } from '@/db/queries/quality';

export type QualityRequest =
  | { kind: 'empty' }
  | { kind: 'ok'; state: Extract<CityYear, { kind: 'ready' }>; departments: string[]; scope: QualityScope; linkParams: Record<string, string | undefined> };

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
    scope: { municipalityId: state.municipality.id, fiscalYear: state.fiscalYear, department, check },
    linkParams: { municipality: state.municipality.code, year: String(state.fiscalYear), department, check },
  };
}
