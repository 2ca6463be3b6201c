/**
 * `GET /watchlist/export?…the page's parameters…[&encoding=sjis | &format=xlsx]`: the listed rows
 * in Japanese for Excel — CSV, UTF-8 with a BOM by default (Excel then reads it as UTF-8),
 * Shift_JIS (CP932) for older Excel set-ups that ignore the BOM, or a workbook of the same rows.
 */
import type { NextRequest } from 'next/server';
import { authorizeRequest } from '@/app/lib/auth';
import { csvResponse, exportConditions, exportFormat, exportNames, noExportDataResponse, xlsxResponse } from '@/app/lib/download';
import { getDb } from '@/db/client';
import { listRatingCriteria } from '@/db/queries/projects';
import { getWatchlist } from '@/db/queries/watchlist';
import { watchlistColumns, watchlistCsv } from '../csv';
import { resolveWatchlistRequest } from '../watchlist-request';

const CONDITION_LABELS = { department: '部', policy: '政策体系', attainment: '達成率がこれ未満（%）', costUp: 'コスト増がこれ以上（%）', rules: 'ルール' };

export async function GET(request: NextRequest) {
  const allowed = await authorizeRequest(request, 'view');
  if ('response' in allowed) return allowed.response;
  const params = request.nextUrl.searchParams;
  const db = await getDb();
  const resolved = await resolveWatchlistRequest(db, params);
  if (resolved.kind !== 'ok') {
    return noExportDataResponse();
  }
  const { municipality, query, linkParams } = resolved.request;
  const [watchlist, criteria] = await Promise.all([getWatchlist(db, query), listRatingCriteria(db, municipality.id)]);
  const names = exportNames({ ascii: 'watchlist', japanese: '要注意事業' }, municipality, query.fiscalYear);
  const format = exportFormat(request.nextUrl.searchParams);
  if (format === 'xlsx') {
    const conditions = exportConditions(municipality, query.fiscalYear, linkParams, CONDITION_LABELS);
    return xlsxResponse({ sheetName: '要注意事業', columns: watchlistColumns(criteria), rows: watchlist.rows, conditions }, names);
  }
  return csvResponse(watchlistCsv(watchlist.rows, criteria), format, names);
}
