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
import { type Db, type DbHandle, openDatabase, optionsFromEnv, queryRows } from '../client';
import type { WriteCounter } from '../pglite-writes';

export async function dataVersion(db: Db): Promise<string> {
  const [row] = await queryRows<{ changes: number; newest: string | null }>(
    db,
    sql`select count(*)::int as changes, max(xid)::text as newest from data_changes`,
  );
  return `${row?.changes ?? 0}:${row?.newest ?? '-'}`;
}

/**
 * The data version as the page cache asks for it on every request, without waiting behind the
 * queries of page renders:
 * - PGlite (one process owns the database): kept in the process. Read once, and read again only
 *   after a write has finished through this process's connection (DbHandle.writes); a read that a
 *   write finished during is used for its own callers but not kept.
 * - PostgreSQL (other processes write too: `npm run import`, psql): read on every request, over a
 *   connection of its own so that a pool full of render queries cannot hold it up, and shared by
 *   the requests that arrive while no read has been sent yet (a read already on its way may
 *   predate a commit those requests must see, so they wait for the next one).
 * Either way an import is visible on the very next request after it commits.
 */
export class DataVersionSource {
  private kept: { version: string; writes: number } | null = null;
  /** PGlite: the read in flight and the write count when it was sent. */
  private reading: { version: Promise<string>; writes: number } | null = null;
  /** PostgreSQL: the read in flight, and the one queued behind it for later arrivals. */
  private sent: Promise<string> | null = null;
  private next: Promise<string> | null = null;

  constructor(
    private readonly read: () => Promise<string>,
    private readonly writes?: WriteCounter,
    private readonly onClose: () => Promise<void> = async () => {},
  ) {}

  current(): Promise<string> {
    return this.writes ? this.inProcess(this.writes) : this.shared();
  }

  close(): Promise<void> {
    return this.onClose();
  }

  private inProcess(writes: WriteCounter): Promise<string> {
    const now = writes.count;
    if (this.kept?.writes === now) return Promise.resolve(this.kept.version);
    if (this.reading?.writes === now) return this.reading.version;
    const version = this.read().then((value) => {
      // Kept only if no write finished while it was read: then it is still the version.
      if (writes.count === now) this.kept = { version: value, writes: now };
      return value;
    });
    this.reading = { version, writes: now };
    const clear = () => {
      if (this.reading?.version === version) this.reading = null;
    };
    version.then(clear, clear);
    return version;
  }

  private shared(): Promise<string> {
    if (!this.sent) return this.send();
    if (!this.next) {
      this.next = this.sent.then(
        () => this.send(),
        () => this.send(),
      );
      this.next.then(
        () => {},
        () => {},
      );
    }
    return this.next;
  }

  private send(): Promise<string> {
    const version = this.read();
    this.sent = version;
    this.next = null;
    const clear = () => {
      if (this.sent === version) this.sent = null;
    };
    version.then(clear, clear);
    return version;
  }
}

/**
 * The source for the app's database: on PGlite over the same connection (its writes counted), on
 * PostgreSQL over one extra connection to `url` (the app's DATABASE_URL).
 */
export async function openDataVersionSource(handle: DbHandle, url: string | undefined = optionsFromEnv().url): Promise<DataVersionSource> {
  if (handle.driver === 'pglite' || !url) return new DataVersionSource(() => dataVersion(handle.db), handle.writes);
  const own = await openDatabase({ url, migrate: false, maxConnections: 1 });
  return new DataVersionSource(
    () => dataVersion(own.db),
    undefined,
    () => own.close(),
  );
}
