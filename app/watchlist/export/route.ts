/**
 * `GET /watchlist/export?…the page's parameters…[&encoding=sjis]`: the listed rows as CSV, in
 * Japanese, for Excel. UTF-8 with a BOM by default (Excel then reads it as UTF-8); Shift_JIS
 * (CP932) for older Excel set-ups that ignore the BOM.
 */
import iconv from 'iconv-lite';
import { type NextRequest } from 'next/server';
import Papa from 'papaparse';
import { formatPlainNumber } from '@/app/lib/format';
import { getDb } from '@/db/client';
import { listRatingCriteria } from '@/db/queries/filter-options';
import { getWatchlist, type WatchlistRow } from '@/db/queries/watchlist';
import type { CriterionOption } from '@/db/queries/filter-options';
import { trippedRulesText } from '../tripped-rules';
import { resolveWatchlistRequest, searchParamsRecord } from '../watchlist-request';

/** Excel runs a cell starting with = + - @ as a formula; text cells get a leading quote instead. */
function safeText(value: string | null): string {
  if (value === null) return '';
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function csvRecords(rows: WatchlistRow[], criteria: CriterionOption[]): { fields: string[]; data: string[][] } {
  const fields = [
    '重要度',
    '事業番号',
    '事業名',
    '部名',
    '課名',
    'まちづくり目標',
    'トータルコスト（千円）',
    '前年度トータルコスト（千円）',
    '前年度比（%）',
    '達成率（%）',
    '前年度達成率（%）',
    ...criteria.map((c) => c.labelJa),
    '該当ルール',
  ];
  const data = rows.map((r) => [
    String(r.severity),
    safeText(r.projectCode),
    safeText(r.projectName),
    safeText(r.department),
    safeText(r.section),
    safeText(r.goalName ? `${r.goalNumber ?? ''} ${r.goalName}`.trim() : null),
    formatPlainNumber(r.totalCost),
    formatPlainNumber(r.previousTotalCost),
    formatPlainNumber(r.costChange, { percent: true }),
    formatPlainNumber(r.attainment, { percent: true }),
    formatPlainNumber(r.previousAttainment, { percent: true }),
    ...criteria.map((c) => r.grades.find((g) => g.criterionKey === c.key)?.code ?? ''),
    trippedRulesText(r, criteria, 'ja'),
  ]);
  return { fields, data };
}

export async function GET(request: NextRequest) {
  const params = searchParamsRecord(request.nextUrl.searchParams);
  const db = await getDb();
  const resolved = await resolveWatchlistRequest(db, params);
  if (resolved.kind !== 'ok') {
    return new Response('No evaluation data. / 評価データがありません。', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  }
  const { municipality, query } = resolved.request;
  const [watchlist, criteria] = await Promise.all([getWatchlist(db, query), listRatingCriteria(db, municipality.id)]);
  const csv = Papa.unparse(csvRecords(watchlist.rows, criteria), { newline: '\r\n' });

  const sjis = request.nextUrl.searchParams.get('encoding') === 'sjis';
  const body = sjis ? iconv.encode(csv, 'cp932') : Buffer.from(`\uFEFF${csv}`, 'utf8');
  const fileName = `watchlist-${municipality.code}-${query.fiscalYear}${sjis ? '-sjis' : ''}.csv`;
  const japaneseName = `要注意事業_${municipality.name}_${query.fiscalYear}${sjis ? '_sjis' : ''}.csv`;
  return new Response(new Uint8Array(body), {
    headers: {
      'Content-Type': `text/csv; charset=${sjis ? 'Shift_JIS' : 'utf-8'}`,
      'Content-Disposition': `attachment; filename="${fileName}"; filename*=UTF-8''${encodeURIComponent(japaneseName)}`,
      'Cache-Control': 'no-store',
    },
  });
}
