/**
 * `GET /imports/<id>/export[?encoding=sjis | ?format=xlsx]`: every problem an import's report
 * keeps (a rejected upload's errors, any batch's warnings) as CSV for Excel or as a workbook of
 * the same rows. Importers and admins only, as the report page: checked before anything is read.
 */
import { authorizeRequest } from '@/app/lib/auth';
import { csvResponse, exportFormat, xlsxResponse } from '@/app/lib/download';
import { getDb } from '@/db/client';
import { IMPORT_PROBLEM_COLUMNS, importProblemsCsv } from '@/db/export/import-problems';
import type { Condition } from '@/db/export/xlsx';
import { getBatchProblems } from '@/db/queries/imports';
import { IMPORT_TEXT } from '../../_lib/text';

function notFound(id: string): Response {
  const shown = id.length > 20 ? `${id.slice(0, 20)}…` : id;
  return new Response(
    `取込 #${shown} は見つかりません。取込の一覧（/imports）で番号を確かめてください。\n` +
      `Import #${shown} was not found. Check its number in the list of imports (/imports).\n`,
    { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' } },
  );
}

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const allowed = await authorizeRequest(request, 'import');
  if ('response' in allowed) return allowed.response;
  const { id: raw } = await params;
  // Batch ids are int4: nine digits at most keeps any larger number from reaching the query.
  if (!/^\d{1,9}$/.test(raw)) return notFound(raw);
  const batch = await getBatchProblems(await getDb(), Number(raw));
  if (!batch) return notFound(raw);
  const names = { ascii: `import-${batch.id}-problems`, japanese: `取込${batch.id}_問題一覧` };
  const searchParams = new URL(request.url).searchParams;
  const format = exportFormat(searchParams);
  if (format === 'xlsx') {
    const kept = (count: number, total: number) => (count < total ? `${total}件（先頭の${count}件を収録）` : `${total}件`);
    const errors = batch.problems.filter((p) => p.severity === 'error').length;
    const conditions: Condition[] = [
      ['取込番号', String(batch.id)],
      ['ファイル名', batch.fileName],
      ['状態', IMPORT_TEXT.ja.status[batch.status]],
      ['エラー', kept(errors, batch.errorCount)],
      ['注意', kept(batch.problems.length - errors, batch.warningCount)],
      ['出力日時', new Date().toISOString()],
    ];
    return xlsxResponse({ sheetName: '問題一覧', columns: IMPORT_PROBLEM_COLUMNS, rows: batch.problems, conditions }, names);
  }
  return csvResponse(importProblemsCsv(batch.problems), format, names);
}
