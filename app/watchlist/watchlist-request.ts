/**
 * One reading of the watchlist's URL, shared by the page and its CSV export so that both list
 * exactly the same rows: municipality, fiscal year (default latest), department and policy
 * filters, thresholds and the rules switched on.
 */
import type { SearchParams } from '@/app/lib/search-params';
import { listParam, pageParam, textParam, urlReader } from '@/app/lib/url-params';
import { CITY_YEAR_SHAPE } from '@/app/components/dashboard/scope-params';
import type { Db } from '@/db/client';
import { DEFAULT_THRESHOLDS, parseWatchSettings, rulesParam, WATCH_RULES, type WatchSettings } from '@/db/domain/watch-rules';
import { listFiscalYears, listMunicipalities, type MunicipalityOption } from '@/db/queries/overview';
import type { WatchlistQuery } from '@/db/queries/watchlist';

/** The watchlist's URL; thresholds and rules are read as typed, then checked by parseWatchSettings. */
export const watchlistUrlParams = urlReader({
  ...CITY_YEAR_SHAPE,
  department: textParam(),
  policy: textParam(),
  ...Object.fromEntries(WATCH_RULES.flatMap((rule) => (rule.threshold ? [[rule.threshold.param, textParam()]] : []))),
  rules: listParam(),
  page: pageParam(),
});

/** Every URL parameter the page reads (the page cache keys it on them alone); `rules` may repeat. */
export const WATCHLIST_PARAMS = watchlistUrlParams.names;

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

export async function resolveWatchlistRequest(db: Db, params: SearchParams | URLSearchParams): Promise<WatchlistRequestResult> {
  const url: Record<string, string | string[] | number | undefined> & ReturnType<typeof watchlistUrlParams.read> = watchlistUrlParams.read(params);
  const municipalities = await listMunicipalities(db);
  if (municipalities.length === 0) return { kind: 'no-municipality' };
  const municipality = municipalities.find((m) => m.code === url.municipality) ?? municipalities[0]!;
  const years = await listFiscalYears(db, municipality.id);
  const fiscalYear = url.year !== undefined && years.includes(url.year) ? url.year : years[0];
  if (fiscalYear === undefined) return { kind: 'no-year', municipality };

  const settings = parseWatchSettings((key) => {
    const value = url[key];
    return typeof value === 'number' ? String(value) : value;
  });
  const { department, policy, page } = url;
  const { attainmentBelowPercent, costUpPercent } = settings.thresholds;
  return {
    kind: 'ok',
    request: {
      municipalities,
      municipality,
      years,
      settings,
      page,
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
