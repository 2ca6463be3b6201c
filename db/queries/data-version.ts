/**
 * The version of the data the dashboard shows: it changes when, and only when, a transaction that
 * wrote any data table commits (the triggers of migration 0005 record each such transaction once
 * in `data_changes`). The page cache (app/lib/page-cache.ts) keys every stored page on it, so an
 * import, a rollback or a settings change is visible on the very next request, in every process
 * serving the same database, whoever wrote it (the web app, `npm run import`, psql).
 *
 * Why a count and the newest id rather than one of them: a long import that began before a short
 * settings change commits after it, so its id is not the newest; the count still grows. And after
 * the table is emptied (tests do), the count restarts but the transaction ids do not.
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../client';

export async function dataVersion(db: Db): Promise<string> {
  const [row] = await queryRows<{ changes: number; newest: string | null }>(
    db,
    sql`select count(*)::int as changes, max(xid)::text as newest from data_changes`,
  );
  return `${row?.changes ?? 0}:${row?.newest ?? '-'}`;
}
