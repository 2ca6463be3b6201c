/**
 * `GET /quality/export?…the page's parameters…[&encoding=sjis | &format=xlsx]`: the listed
 * findings for Excel — CSV, UTF-8 with a BOM by default, Shift_JIS (CP932) on request — or a
 * workbook of the same rows.
 */
import type { NextRequest } from 'next/server';
import { authorizeRequest } from '@/app/lib/auth';
import { csvResponse, exportConditions, exportFormat, exportNames, noExportDataResponse, xlsxResponse } from '@/app/lib/download';
import { getDb } from '@/db/client';
import { getQualityReport } from '@/db/queries/quality';
import { QUALITY_COLUMNS, qualityCsv, qualityExportRows } from '../csv';
import { resolveQualityRequest } from '../quality-request';

const CONDITION_LABELS = { department: '部', check: '指摘の種類' };

export async function GET(request: NextRequest) {
  const allowed = await authorizeRequest(request, 'view');
  if ('response' in allowed) return allowed.response;
  const db = await getDb();
  const resolved = await resolveQualityRequest(db, request.nextUrl.searchParams);
  if (resolved.kind !== 'ok') {
    return noExportDataResponse();
  }
  const { state, scope, linkParams } = resolved;
  const report = await getQualityReport(db, scope);
  const names = exportNames({ ascii: 'quality', japanese: 'データ品質' }, state.municipality, state.fiscalYear);
  const rows = qualityExportRows(report);
  const format = exportFormat(request.nextUrl.searchParams);
  if (format === 'xlsx') {
    const conditions = exportConditions(state.municipality, state.fiscalYear, linkParams, CONDITION_LABELS);
    return xlsxResponse({ sheetName: 'データ品質', columns: QUALITY_COLUMNS, rows, conditions }, names);
  }
  return csvResponse(qualityCsv(rows), format, names);
}
