/**
 * `GET /quality/export?…the page's parameters…[&encoding=sjis]`: the listed findings as CSV for
 * Excel, UTF-8 with a BOM by default, Shift_JIS (CP932) on request.
 */
import type { NextRequest } from 'next/server';
import { authorizeRequest } from '@/app/lib/auth';
import { getDb } from '@/db/client';
import { encodeCsv } from '@/db/export/projects-csv';
import { getQualityReport } from '@/db/queries/quality';
import { searchParamsRecord } from '@/app/watchlist/watchlist-request';
import { qualityCsv } from '../csv';
import { resolveQualityRequest } from '../quality-request';

export async function GET(request: NextRequest) {
  const allowed = await authorizeRequest(request, 'view');
  if ('response' in allowed) return allowed.response;
  const db = await getDb();
  const resolved = await resolveQualityRequest(db, searchParamsRecord(request.nextUrl.searchParams));
  if (resolved.kind !== 'ok') {
    return new Response('No evaluation data. / 評価データがありません。', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  }
  const { state, scope } = resolved;
  const report = await getQualityReport(db, scope);
  const sjis = request.nextUrl.searchParams.get('encoding') === 'sjis';
  const body = Buffer.from(encodeCsv(qualityCsv(report.findings), sjis ? 'sjis' : 'utf8'));
  const fileName = `quality-${state.municipality.code}-${state.fiscalYear}${sjis ? '-sjis' : ''}.csv`;
  const japaneseName = `データ品質_${state.municipality.name}_${state.fiscalYear}${sjis ? '_sjis' : ''}.csv`;
  return new Response(body, {
    headers: {
      'Content-Type': `text/csv; charset=${sjis ? 'Shift_JIS' : 'utf-8'}`,
      'Content-Disposition': `attachment; filename="${fileName}"; filename*=UTF-8''${encodeURIComponent(japaneseName)}`,
      'Cache-Control': 'no-store',
    },
  });
}
