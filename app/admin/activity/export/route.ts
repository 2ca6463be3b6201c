/** The activity log as CSV (admins only: checked before anything is read). */
import { authorizeRequest } from '@/app/lib/auth';
import { allActivity } from '@/db/activity';
import { getDb } from '@/db/client';
import { ACTIVITY_CSV_HEADER, activityCsvLines, activityCsvRecord } from '@/db/export/activity-csv';
import { activityFilterFrom } from '../filter';

export async function GET(request: Request): Promise<Response> {
  const auth = await authorizeRequest(request, 'manageUsers');
  if ('response' in auth) return auth.response;
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const { filter } = activityFilterFrom(params);
  const db = await getDb();
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
  return new Response(body, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': 'attachment; filename="activity.csv"; filename*=UTF-8\'\'%E6%93%8D%E4%BD%9C%E8%A8%98%E9%8C%B2.csv',
      'Cache-Control': 'no-store',
    },
  });
}
