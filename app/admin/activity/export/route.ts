/** The activity log as CSV or `?format=xlsx` (admins only: checked before anything is read). */
import { authorizeRequest } from '@/app/lib/auth';
import { csvStreamResponse, exportFormat, xlsxResponse } from '@/app/lib/download';
import { allActivity } from '@/db/activity';
import { getDb } from '@/db/client';
import { ACTIVITY_COLUMNS, ACTIVITY_CSV_HEADER, activityCsvLines, activityCsvRecord } from '@/db/export/activity-csv';
import { activityFilterFrom } from '../filter';

const NAMES = { ascii: 'activity', japanese: '操作記録' };

export async function GET(request: Request): Promise<Response> {
  const auth = await authorizeRequest(request, 'manageUsers');
  if ('response' in auth) return auth.response;
  const searchParams = new URL(request.url).searchParams;
  const params = Object.fromEntries(searchParams);
  const { filter } = activityFilterFrom(params);
  const db = await getDb();
  if (exportFormat(searchParams) === 'xlsx') {
    const conditions: [string, string][] = [
      ['種類', filter.kind ?? 'すべて'],
      ['利用者ID', filter.userId ?? 'すべて'],
      ['開始日', params.from && filter.from ? params.from : '指定なし'],
      ['終了日', params.to && filter.to ? params.to : '指定なし'],
      ['出力日時', new Date().toISOString()],
    ];
    return xlsxResponse({ sheetName: '操作の記録', columns: ACTIVITY_COLUMNS, rows: allActivity(db, filter), conditions }, NAMES);
  }
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      controller.enqueue(encoder.encode(`\uFEFF${activityCsvLines([ACTIVITY_CSV_HEADER])}`));
      let batch: string[][] = [];
      for await (const row of allActivity(db, filter)) {
        batch.push(activityCsvRecord(row));
        if (batch.length === 1000) {
          controller.enqueue(encoder.encode(activityCsvLines(batch)));
          batch = [];
        }
      }
      if (batch.length > 0) controller.enqueue(encoder.encode(activityCsvLines(batch)));
      controller.close();
    },
  });
  return csvStreamResponse(body, NAMES);
}
