/**
 * `GET /compare/export?municipality=&year=&policy=[&encoding=sjis | &format=xlsx]`: the
 * comparison's figures, one row per municipality, as CSV (UTF-8 with a BOM, or Shift_JIS) or as
 * an Excel workbook of the same rows.
 */
import { connection, type NextRequest } from 'next/server';
import { compareParams, readCityYear } from '@/app/components/dashboard/scope-params';
import { authorizeRequest } from '@/app/lib/auth';
import { csvResponse, exportConditions, exportFormat, exportNames, noExportDataResponse, xlsxResponse } from '@/app/lib/download';
import { getDb } from '@/db/client';
import { getComparison, listPlanNodes } from '@/db/queries/compare';
import { COMPARE_COLUMNS, compareCsv } from '../csv';

export async function GET(request: NextRequest) {
  const allowed = await authorizeRequest(request, 'view');
  if ('response' in allowed) return allowed.response;
  await connection();
  const params = request.nextUrl.searchParams;
  const db = await getDb();
  const state = await readCityYear(db, params);
  if (state.kind !== 'ready') return noExportDataResponse();
  const nodes = await listPlanNodes(db, state.municipality.id);
  const requested = compareParams.read(params).policy;
  const policy = nodes.find((n) => n.path === requested) ?? null;
  const comparison = await getComparison(db, state.municipality.id, state.fiscalYear, policy?.path ?? null);
  if (!comparison) return noExportDataResponse();
  const names = exportNames({ ascii: 'compare', japanese: '他自治体比較' }, state.municipality, state.fiscalYear);
  const format = exportFormat(request.nextUrl.searchParams);
  if (format === 'xlsx') {
    const scope = policy ? `${policy.number ? `${policy.number} ` : ''}${policy.name}` : '自治体全体';
    const conditions = exportConditions(state.municipality, state.fiscalYear, { policy: scope }, { policy: '政策' });
    return xlsxResponse({ sheetName: '他自治体比較', columns: COMPARE_COLUMNS, rows: comparison.rows, conditions }, names);
  }
  return csvResponse(compareCsv(comparison.rows), format, names);
}
