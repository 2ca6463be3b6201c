/**
 * `GET /projects/export?…same parameters as /projects…[&encoding=sjis | &format=xlsx]`: the
 * filtered list, every page, in the list's order — CSV (UTF-8 with BOM by default, Shift_JIS for
 * Excel versions that only read it) or an Excel workbook of the same rows.
 */
import { connection, type NextRequest } from 'next/server';
import { authorizeRequest } from '@/app/lib/auth';
import { csvResponse, exportConditions, exportFormat, exportNames, noExportDataResponse, xlsxResponse } from '@/app/lib/download';
import { getDb } from '@/db/client';
import { projectsColumns, projectsCsvText } from '@/db/export/projects-csv';
import { exportProjects } from '@/db/queries/projects';
import { listParams, readListState } from '../list-params';

const CONDITION_LABELS = {
  department: '部',
  policy: '政策体系',
  rating: '評価',
  q: '検索語',
  attainment: '達成率の区分',
  sort: '並び順',
  dir: '昇順/降順',
};

export async function GET(request: NextRequest) {
  const allowed = await authorizeRequest(request, 'view');
  if ('response' in allowed) return allowed.response;
  await connection();
  const params = request.nextUrl.searchParams;
  const db = await getDb();
  const state = await readListState(db, params);
  if (state.kind !== 'ready') return noExportDataResponse();
  const rows = await exportProjects(db, state.filter, state.order);
  const context = { municipalityCode: state.municipality.code, fiscalYear: state.fiscalYear, criteria: state.criteria };
  const names = exportNames({ ascii: 'projects', japanese: '事業一覧' }, state.municipality, state.fiscalYear);
  const format = exportFormat(request.nextUrl.searchParams);
  if (format === 'xlsx') {
    const conditions = exportConditions(state.municipality, state.fiscalYear, listParams(state), CONDITION_LABELS);
    return xlsxResponse({ sheetName: '事業一覧', columns: projectsColumns(context), rows, conditions }, names);
  }
  return csvResponse(projectsCsvText(rows, context), format, names);
}
