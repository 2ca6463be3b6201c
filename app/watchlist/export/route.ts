/**
 * `GET /watchlist/export?…the page's parameters…[&encoding=sjis]`: the listed rows as CSV, in
 * Japanese, for Excel. UTF-8 with a BOM by default (Excel then reads it as UTF-8); Shift_JIS
 * (CP932) for older Excel set-ups that ignore the BOM.
 */
import type { NextRequest } from 'next/server';
import { authorizeRequest } from '@/app/lib/auth';
import { getDb } from '@/db/client';
import { encodeCsv } from '@/db/export/projects-csv';
import { listRatingCriteria } from '@/db/queries/projects';
import { getWatchlist } from '@/db/queries/watchlist';
import { watchlistCsv } from '../csv';
import { resolveWatchlistRequest, searchParamsRecord } from '../watchlist-request';

export async function GET(request: NextRequest) {
  const allowed = await authorizeRequest(request, 'view');
  if ('response' in allowed) return allowed.response;
  const params = searchParamsRecord(request.nextUrl.searchParams);
  const db = await getDb();
  const resolved = await resolveWatchlistRequest(db, params);
  if (resolved.kind !== 'ok') {
    return new Response('No evaluation data. / 評価データがありません。', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  }
  const { municipality, query } = resolved.request;
  const [watchlist, criteria] = await Promise.all([getWatchlist(db, query), listRatingCriteria(db, municipality.id)]);
  const csv = watchlistCsv(watchlist.rows, criteria);

  const sjis = request.nextUrl.searchParams.get('encoding') === 'sjis';
  const body = Buffer.from(encodeCsv(csv, sjis ? 'sjis' : 'utf8'));
  const fileName = `watchlist-${municipality.code}-${query.fiscalYear}${sjis ? '-sjis' : ''}.csv`;
  const japaneseName = `要注意事業_${municipality.name}_${query.fiscalYear}${sjis ? '_sjis' : ''}.csv`;
  return new Response(body, {
    headers: {
      'Content-Type': `text/csv; charset=${sjis ? 'Shift_JIS' : 'utf-8'}`,
      'Content-Disposition': `attachment; filename="${fileName}"; filename*=UTF-8''${encodeURIComponent(japaneseName)}`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
