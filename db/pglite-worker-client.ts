/**
 * PGlite on a worker thread (db/pglite-worker.mjs), seen from the server's thread as the part of
 * the PGlite interface that drizzle and Hyoka call: query (with the `blob` of COPY … FROM
 * '/dev/blob'), exec, interactive transactions, close.
 *
 * Why: PGlite runs each statement in WebAssembly on the thread that calls it. In-thread, while a
 * render's aggregate runs no request is answered, not even a page-cache hit that needs no query.
 * (PGlite's own `@electric-sql/pglite/worker` is made for browsers: it needs navigator.locks,
 * which Node 20 lacks.)
 *
 * What crosses threads is data: parameters, rows and blobs by structured clone; errors as their
 * fields (code, detail, constraint…), rebuilt here with PGlite's error classes; parsers, being
 * functions, stay here and are applied to the raw text the worker returns for their types.
 * PGlite is one connection: while a transaction is open the worker's PGlite runs only that
 * transaction's statements, and the others wait, as in-thread.
 */
import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { messages, type PGlite, type QueryOptions, type Results, TransactionAbortedError } from '@electric-sql/pglite';

/** Resolved from the working directory, like the migrations: the built server runs from the repo. */
export const PGLITE_WORKER_FILE = resolve(/*turbopackIgnore: true*/ process.cwd(), 'db/pglite-worker.mjs');

interface SerialisedError {
  kind: 'database' | 'aborted' | 'error' | 'value';
  name?: string;
  message?: string;
  stack?: string;
  fields?: Record<string, unknown>;
  value?: string;
}

type Reply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: SerialisedError };

type Request =
  | { op: 'query'; sql: string; params: unknown[]; rowMode?: string; rawTypes: number[]; blob?: Blob; tx?: number }
  | { op: 'exec'; sql: string; rowMode?: string; rawTypes: number[]; tx?: number }
  | { op: 'begin' }
  | { op: 'end'; tx: number; commit: boolean }
  | { op: 'close' };

/** The statements of one connection or of a transaction on it. */
export interface PgliteQueries {
  query<T>(sql: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>>;
  exec(sql: string, options?: QueryOptions): Promise<Results[]>;
}

/** An error from the worker, with the class and fields it had there. */
export function rebuildError(error: SerialisedError): unknown {
  if (error.kind === 'value') return error.value;
  const kind = error.kind === 'database' ? messages.DatabaseError : error.kind === 'aborted' ? TransactionAbortedError : Error;
  const rebuilt = Object.create(kind.prototype) as Error;
  Object.assign(rebuilt, error.fields);
  for (const [key, value] of [
    ['message', error.message],
    ['stack', error.stack],
  ] as const) {
    Object.defineProperty(rebuilt, key, { value, writable: true, configurable: true, enumerable: false });
  }
  if (!Object.hasOwn(rebuilt, 'name') && error.name !== kind.prototype.name) {
    Object.defineProperty(rebuilt, 'name', { value: error.name, writable: true, configurable: true, enumerable: false });
  }
  return rebuilt;
}

/** Applies the caller's parsers to the fields of their types (returned as raw text by the worker). */
export function applyParsers<T>(result: Results<T>, options: QueryOptions | undefined): Results<T> {
  const parsers = options?.parsers;
  if (!parsers || !result.fields) return result;
  const byIndex = options.rowMode === 'array';
  result.fields.forEach((field, index) => {
    // PGlite calls a parser with the value's type too.
    const parse = parsers[field.dataTypeID] as ((value: string, type: number) => unknown) | undefined;
    if (!parse) return;
    const key = byIndex ? index : field.name;
    for (const row of result.rows as Record<string | number, unknown>[]) {
      const value = row[key];
      if (value !== null && value !== undefined) row[key] = parse(value as string, field.dataTypeID);
    }
  });
  return result;
}

function workerOptions(options: QueryOptions | undefined) {
  if (options?.serializers || options?.onNotice || options?.paramTypes) {
    throw new Error('PGlite worker: serializers, onNotice and paramTypes are not supported across threads');
  }
  return { rowMode: options?.rowMode, rawTypes: Object.keys(options?.parsers ?? {}).map(Number) };
}

export class PgliteWorker implements PgliteQueries {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: unknown) => void }>();
  private failure: Error | null = null;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (reply: Reply) => {
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      this.pending.delete(reply.id);
      this.refIfBusy();
      if (reply.ok) waiting.resolve(reply.value);
      else waiting.reject(rebuildError(reply.error));
    });
    const fail = (error: Error) => {
      this.failure ??= error;
      for (const waiting of this.pending.values()) waiting.reject(this.failure);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`PGlite worker exited (code ${code})`)));
  }

  /** Starts the worker and opens `dataDir` there (a directory, or `memory://`). */
  static async open(dataDir: string, file = PGLITE_WORKER_FILE): Promise<PgliteWorker> {
    const worker = new Worker(file, { workerData: { dataDir } });
    let settle: { onMessage: (reply: Reply) => void; onError: (error: Error) => void; onExit: (code: number) => void } | undefined;
    const ready = new Promise<void>((resolve, reject) => {
      settle = {
        onMessage: (reply) => (reply.ok ? resolve() : reject(rebuildError(reply.error))),
        onError: reject,
        onExit: (code) => reject(new Error(`PGlite worker exited (code ${code}) before opening ${dataDir}`)),
      };
      worker.once('message', settle.onMessage).once('error', settle.onError).once('exit', settle.onExit);
    });
    try {
      await ready;
    } catch (error) {
      await worker.terminate();
      throw error;
    }
    // Only our own listeners: Worker keeps listeners of its own (they start its message port).
    if (settle) worker.off('error', settle.onError).off('exit', settle.onExit);
    const client = new PgliteWorker(worker);
    client.refIfBusy();
    return client;
  }

  query<T>(sql: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>> {
    return this.runQuery(sql, params, options);
  }

  exec(sql: string, options?: QueryOptions): Promise<Results[]> {
    return this.runExec(sql, options);
  }

  private runQuery<T>(sql: string, params: unknown[] = [], options?: QueryOptions, tx?: number): Promise<Results<T>> {
    return this.request({ op: 'query', sql, params, blob: options?.blob, tx, ...workerOptions(options) }).then((result) =>
      applyParsers(result as Results<T>, options),
    );
  }

  private runExec(sql: string, options?: QueryOptions, tx?: number): Promise<Results[]> {
    return this.request({ op: 'exec', sql, tx, ...workerOptions(options) }).then((results) =>
      (results as Results[]).map((result) => applyParsers(result, options)),
    );
  }

  /** An interactive transaction: committed when `callback` resolves, rolled back when it throws. */
  async transaction<T>(callback: (tx: PgliteQueries) => Promise<T>): Promise<T> {
    const tx = (await this.request({ op: 'begin' })) as number;
    let closed = false;
    const open = () => (closed ? Promise.reject(new Error('Transaction is closed')) : Promise.resolve());
    // Statements of the transaction go to it directly, as PGlite's own `tx` does (not through the
    // instance's methods, which db/pglite-writes.ts wraps).
    const scope: PgliteQueries = {
      query: (sql, params, options) => open().then(() => this.runQuery(sql, params, options, tx)),
      exec: (sql, options) => open().then(() => this.runExec(sql, options, tx)),
    };
    let result: T;
    try {
      result = await callback(scope);
    } catch (error) {
      closed = true;
      await this.request({ op: 'end', tx, commit: false }).catch(() => {});
      throw error;
    }
    closed = true;
    await this.request({ op: 'end', tx, commit: true });
    return result;
  }

  async close(): Promise<void> {
    try {
      if (!this.failure) await this.request({ op: 'close' });
    } finally {
      await this.worker.terminate();
    }
  }

  /** What drizzle's PGlite driver takes: it calls only the methods above. */
  asPglite(): PGlite {
    return this as unknown as PGlite;
  }

  private request(message: Request): Promise<unknown> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.refIfBusy();
      this.worker.postMessage({ id, ...message });
    });
  }

  /** Keeps the process alive while a statement is out, and only then (like an in-thread PGlite). */
  private refIfBusy(): void {
    if (this.pending.size > 0) this.worker.ref();
    else this.worker.unref();
  }
}
