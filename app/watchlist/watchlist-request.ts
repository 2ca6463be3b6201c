/**
 * One reading of the watchlist's URL, shared by the page and its CSV export so that both list
 * exactly the same rows: municipality, fiscal year (default latest), department and policy
 * filters, thresholds and the rules switched on.
 */
import { intParam, param, type SearchParams } from '@/app/lib/search-params';
import type { Db } from '@/db/client';
import { DEFAULT_THRESHOLDS, parseWatchSettings, rulesParam, WATCH_RULES, type WatchSettings } from '@/db/domain/watch-rules';
import { listFiscalYears, listMunicipalities, type MunicipalityOption } from '@/db/queries/overview';
import type { WatchlistQuery } from '@/db/queries/watchlist';

/** Every URL parameter the page reads (the page cache keys it on them alone); `rules` may repeat. */
export const WATCHLIST_PARAMS = [
  'municipality',
  'year',
  'department',
  'policy',
  ...WATCH_RULES.flatMap((rule) => (rule.threshold ? [rule.threshold.param] : [])),
  'rules',
  'page',
] as const;

export interface ResolvedWatchlistRequest {
  municipalities: MunicipalityOption[];
  municipality: MunicipalityOption;
  years: number[];
  query: WatchlistQuery;
  settings: WatchSettings;
  /** The page of the list asked for (1 when none); the CSV export lists every page. */
  page: number;
  /** The view's canonical URL parameters (defaults left out), for links that change one thing. */
  linkParams: SearchParams;
}

export type WatchlistRequestResult =
  | { kind: 'ok'; request: ResolvedWatchlistRequest }
  | { kind: 'no-municipality' }
  | { kind: 'no-year'; municipality: MunicipalityOption };

/** URLSearchParams (route handlers) as the record pages receive, repeated keys as arrays. */
export function searchParamsRecord(params: URLSearchParams): SearchParams {
  const record: SearchParams = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    record[key] = values.length === 1 ? values[0] : values;
  }
  return record;
}

export async function resolveWatchlistRequest(db: Db, params: SearchParams): Promise<WatchlistRequestResult> {
  const municipalities = await listMunicipalities(db);
  if (municipalities.length === 0) return { kind: 'no-municipality' };
  const municipality = municipalities.find((m) => m.code === param(params, 'municipality')) ?? municipalities[0]!;
  const years = await listFiscalYears(db, municipality.id);
  const requestedYear = Number(param(params, 'year'));
  const fiscalYear = years.includes(requestedYear) ? requestedYear : years[0];
  if (fiscalYear === undefined) return { kind: 'no-year', municipality };

  const settings = parseWatchSettings((key) => params[key]);
  const department = param(params, 'department');
  const policy = param(params, 'policy');
  const { attainmentBelowPercent, costUpPercent } = settings.thresholds;
  return {
    kind: 'ok',
    request: {
      municipalities,
      municipality,
      years,
      settings,
      page: Math.max(1, intParam(params, 'page') ?? 1),
      query: { municipalityId: municipality.id, fiscalYear, department, policy, ...settings },
      linkParams: {
        municipality: municipality.code,
        year: String(fiscalYear),
        department,
        policy,
        attainment: attainmentBelowPercent === DEFAULT_THRESHOLDS.attainmentBelowPercent ? undefined : String(attainmentBelowPercent),
        costUp: costUpPercent === DEFAULT_THRESHOLDS.costUpPercent ? undefined : String(costUpPercent),
        rules: rulesParam(settings.rules),
      },
    },
  };
}
