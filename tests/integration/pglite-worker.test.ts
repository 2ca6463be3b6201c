/**
 * PGlite on a worker thread (db/pglite-worker-client.ts), as the app runs it: the server's thread
 * answers requests while a long statement runs, and everything that crosses the threads — rows
 * of every type drizzle reads, errors with their PostgreSQL fields, transactions, a COPY blob —
 * comes back exactly as from PGlite in this thread.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import type { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DbHandle, openDatabase, queryRows } from '../../db/client';
import { municipalities } from '../../db/schema';

const clientOf = (handle: DbHandle) => (handle.db as unknown as { $client: PGlite }).$client;

/** The error under drizzle's DrizzleQueryError, and the fields PostgreSQL sent with it. */
async function failure(run: () => Promise<unknown>) {
  const error = await run().then(
    () => null,
    (e: unknown) => e as { cause?: Record<string, unknown> } & Error,
  );
  const cause = (error?.cause ?? error) as Record<string, unknown> & Error;
  const { code, detail, constraint, table, schema, severity, routine } = cause;
  return { isError: cause instanceof Error, name: cause.name, message: cause.message, code, detail, constraint, table, schema, severity, routine };
}

describe('PGlite on a worker thread', () => {
  let inThread: DbHandle;
  let onWorker: DbHandle;
  beforeAll(async () => {
    [inThread, onWorker] = await Promise.all([openDatabase({ pgliteDir: 'memory://' }), openDatabase({ pgliteDir: 'memory://', pgliteWorker: true })]);
  });
  afterAll(async () => {
    await inThread?.close();
    await onWorker?.close();
  });

  it('answers an HTTP request while a long statement runs', async () => {
    let phase = 'querying';
    const seen: string[] = [];
    const server = createServer((_request, response) => {
      seen.push(phase);
      response.end('ok');
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    // The client is another process, so that only this process's thread can be what waits.
    const client = spawn(
      process.execPath,
      [
        '-e',
        `console.log('ready'); process.stdin.once('data', async () => { console.log((await fetch('http://127.0.0.1:${port}/')).status); process.exit(0); });`,
      ],
      { stdio: ['pipe', 'pipe', 'inherit'] },
    );
    const lines = createInterface({ input: client.stdout })[Symbol.asyncIterator]();
    try {
      expect((await lines.next()).value).toBe('ready');
      const long = onWorker.db.execute(sql`select pg_sleep(5)`).then(() => {
        phase = 'done';
      });
      // On this thread, PGlite would hold the timer (and the request) until the statement ends.
      await new Promise((resolve) => setTimeout(resolve, 300));
      client.stdin.write('go\n');
      expect((await lines.next()).value).toBe('200');
      await long;
      expect(seen).toEqual(['querying']);
    } finally {
      client.kill();
      server.close();
    }
  });

  it('reads every type as PGlite in this thread does', async () => {
    const query = sql`select now()::timestamp as ts, '2024-02-29 12:34:56.789+09'::timestamptz as tz, '2024-02-29'::date as d,
      interval '1 day 02:03:04' as iv, 1.50::numeric as n, array[1.5, 2]::numeric[] as na, array['2024-01-01'::date] as da,
      '{"a": [1, "x", null]}'::jsonb as jb, '[1, 2]'::json as js, '\\x00ff10'::bytea as b, array['a', null, 'c'] as ta,
      array[[1, 2], [3, 4]] as ia, 12345678901234::bigint as big, 3.25::float8 as f, null::int as nothing, true as yes,
      'ひらがな'::text as ja, gen_random_uuid() is not null as has_uuid`;
    const [thread] = await queryRows(inThread.db, query);
    const [worker] = await queryRows(onWorker.db, query);
    expect({ ...worker, ts: null }).toEqual({ ...thread, ts: null });
    expect(worker?.b).toBeInstanceOf(Uint8Array);
    expect(typeof worker?.ts).toBe('string'); // drizzle's own parser for timestamps, applied on this side

    // The query builder's path: rows as arrays, with drizzle's parsers for dates and numerics.
    for (const handle of [inThread, onWorker]) {
      await handle.db.insert(municipalities).values({ code: '999999', name: '試験町' });
    }
    const select = (handle: DbHandle) =>
      handle.db
        .select({
          id: municipalities.id,
          code: municipalities.code,
          d: sql<string>`'2024-02-29'::date`,
          tz: sql<string>`'2024-02-29 12:34:56+09'::timestamptz`,
          na: sql<string>`array[1.5, 2]::numeric[]`,
          jb: sql<unknown>`'{"k": 1}'::jsonb`,
        })
        .from(municipalities);
    const [a, b] = [await select(inThread), await select(onWorker)];
    expect(b).toEqual(a);
    expect(b.length).toBeGreaterThan(0);
  });

  it('passes errors with their PostgreSQL fields', async () => {
    const duplicate = (handle: DbHandle) => () =>
      handle.db.insert(municipalities).values([
        { code: '888888', name: 'a' },
        { code: '888888', name: 'b' },
      ]);
    const [thread, worker] = [await failure(duplicate(inThread)), await failure(duplicate(onWorker))];
    expect(worker).toEqual(thread);
    expect(worker).toMatchObject({ isError: true, code: '23505', constraint: 'municipalities_code_unique' });
    expect(worker.detail).toContain('888888');

    const syntax = (handle: DbHandle) => () => handle.db.execute(sql`selec 1`);
    expect(await failure(syntax(onWorker))).toEqual(await failure(syntax(inThread)));
  });

  it('runs a transaction alone, commits it, and rolls it back when it throws', async () => {
    const count = async (code: string) =>
      (await queryRows<{ n: number }>(onWorker.db, sql`select count(*)::int as n from municipalities where code = ${code}`))[0]?.n;
    const order: string[] = [];
    let outside: Promise<unknown> | undefined;
    await onWorker.db.transaction(async (tx) => {
      await tx.insert(municipalities).values({ code: '777777', name: 'tx' });
      // Another caller meanwhile: PGlite is one connection, so it waits for the transaction.
      outside = count('777777').then((n) => order.push(`outside saw ${n}`));
      await new Promise((resolve) => setTimeout(resolve, 200));
      await tx.execute(sql`select pg_sleep(0.1)`);
      order.push('transaction ends');
    });
    await outside;
    expect(order).toEqual(['transaction ends', 'outside saw 1']);

    const before = onWorker.writes?.count ?? 0;
    const thrown = await onWorker.db
      .transaction(async (tx) => {
        await tx.insert(municipalities).values({ code: '666666', name: 'rolled back' });
        throw new Error('changed my mind');
      })
      .catch((e: Error) => e.message);
    expect(thrown).toBe('changed my mind');
    expect(await count('666666')).toBe(0);
    expect(onWorker.writes?.count).toBeGreaterThan(before);

    // A failed statement inside aborts the transaction, with the statement's error.
    const aborted = await failure(() =>
      onWorker.db.transaction(async (tx) => {
        await tx.insert(municipalities).values({ code: '777777', name: 'again' });
      }),
    );
    expect(aborted.code).toBe('23505');
  });

  it('copies from a blob', async () => {
    const client = clientOf(onWorker);
    await client.exec('create temporary table copied (a int, b text)');
    await client.query(`copy copied from '/dev/blob' with (format csv)`, [], { blob: new Blob(['1,一\n2,二\n']) });
    expect((await client.query('select * from copied order by a')).rows).toEqual([
      { a: 1, b: '一' },
      { a: 2, b: '二' },
    ]);
  });
});
