/**
 * `GET /projects/export?…same parameters as /projects…[&encoding=sjis]`: the filtered list as
 * CSV, every page, in the list's order. UTF-8 with BOM by default; `encoding=sjis` for Excel
 * versions that only read Shift_JIS.
 */
import { connection, type NextRequest } from 'next/server';
import { authorizeRequest } from '@/app/lib/auth';
import { getDb } from '@/db/client';
import { encodeCsv, projectsCsvText, type CsvEncoding } from '@/db/export/projects-csv';
import { exportProjects } from '@/db/queries/projects';
import { readListState } from '../list-params';

export async function GET(request: NextRequest) {
  const allowed = await authorizeRequest(request, 'view');
  if ('response' in allowed) return allowed.response;
  await connection();
  const params = Object.fromEntries(request.nextUrl.searchParams);
  const db = await getDb();
  const state = await readListState(db, params);
  if (state.kind !== 'ready') {
    return new Response('No evaluations to export. / 出力できる評価データがありません。\n', {
      status: 404,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
  }
  const encoding: CsvEncoding = params.encoding === 'sjis' ? 'sjis' : 'utf8';
  const rows = await exportProjects(db, state.filter, state.order);
  const text = projectsCsvText(rows, {
    municipalityCode: state.municipality.code,
    fiscalYear: state.fiscalYear,
    criteria: state.criteria,
  });
  const asciiName = `projects-${state.municipality.code.replace(/[^\w.-]/g, '_')}-${state.fiscalYear}.csv`;
  const japaneseName = `事業一覧-${state.municipality.name}-${state.fiscalYear}.csv`;
  return new Response(Buffer.from(encodeCsv(text, encoding)), {
    headers: {
      'content-type': `text/csv; charset=${encoding === 'sjis' ? 'Shift_JIS' : 'utf-8'}`,
      'content-disposition': `attachment; filename="${asciiName}"; filename*=UTF-8''${rfc5987(japaneseName)}`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
  });
}

/** Percent-encoding for `filename*` (RFC 5987): encodeURIComponent leaves ' ( ) * as they are. */
function rfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
