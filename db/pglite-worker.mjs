/**
 * The worker thread that owns the app's PGlite instance (db/pglite-worker-client.ts is the other
 * end). PGlite runs each statement in WebAssembly on the thread that calls it; here that is not
 * the server's JavaScript thread, so requests that need no query (page-cache hits) are answered
 * while a render's aggregate runs, and PGlite's work uses another core.
 *
 * Messages in: { id, op: 'query' | 'exec' | 'begin' | 'end' | 'close', ... }; out: { id, ok, value | error }.
 * Parsers are functions and cannot cross threads: the types the caller parses itself are
 * returned here as PGlite's raw text (`rawTypes`), and the caller applies its parsers to them.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { messages, TransactionAbortedError } from '@electric-sql/pglite';
import { createPglite } from './pglite-create.mjs';

/** Thrown inside PGlite's transaction to have it roll back when the caller's callback failed. */
const ROLLBACK = Symbol('rollback');

const raw = (value) => value;

/** @param {number[] | undefined} rawTypes */
function options(rowMode, rawTypes, blob) {
  const parsers = {};
  for (const type of rawTypes ?? []) parsers[type] = raw;
  return { rowMode, parsers, ...(blob ? { blob } : {}) };
}

/** An error as plain data: the fields PostgreSQL sent (code, detail, constraint…) kept. */
function serialiseError(error) {
  if (!(error instanceof Error)) return { kind: 'value', value: String(error) };
  const fields = {};
  for (const key of Object.keys(error)) {
    try {
      fields[key] = structuredClone(error[key]);
    } catch {
      // functions (the query's parsers) cannot cross; the rest does
    }
  }
  const kind = error instanceof TransactionAbortedError ? 'aborted' : error instanceof messages.DatabaseError ? 'database' : 'error';
  return { kind, name: error.name, message: error.message, stack: error.stack, fields };
}

let pg;
let nextTx = 1;
/** Open transactions: the tx object PGlite gave, and how to end it. */
const transactions = new Map();

async function begin() {
  let started;
  const ready = new Promise((resolve) => {
    started = resolve;
  });
  let decide;
  const decided = new Promise((resolve) => {
    decide = resolve;
  });
  const done = pg.transaction(async (tx) => {
    started(tx);
    if (!(await decided)) throw ROLLBACK;
  });
  // BEGIN may fail (a closed database): then `done` rejects before the callback ran.
  const tx = await Promise.race([ready, done.then(() => Promise.reject(new Error('transaction ended before it began')))]);
  const id = nextTx++;
  transactions.set(id, { tx, decide, done });
  return id;
}

async function end(id, commit) {
  const open = transactions.get(id);
  if (!open) throw new Error(`no open transaction ${id}`);
  open.decide(commit);
  try {
    await open.done;
  } catch (error) {
    if (error !== ROLLBACK) throw error;
  } finally {
    transactions.delete(id);
  }
}

function target(tx) {
  if (tx === undefined) return pg;
  const open = transactions.get(tx);
  if (!open) throw new Error(`no open transaction ${tx}`);
  return open.tx;
}

async function handle(message) {
  switch (message.op) {
    case 'query':
      return target(message.tx).query(message.sql, message.params, options(message.rowMode, message.rawTypes, message.blob));
    case 'exec':
      return target(message.tx).exec(message.sql, options(message.rowMode, message.rawTypes));
    case 'begin':
      return begin();
    case 'end':
      return end(message.tx, message.commit);
    case 'close':
      await pg.close();
      return undefined;
    default:
      throw new Error(`unknown operation ${message.op}`);
  }
}

try {
  pg = await createPglite(workerData.dataDir);
  parentPort.postMessage({ id: 0, ok: true });
} catch (error) {
  parentPort.postMessage({ id: 0, ok: false, error: serialiseError(error) });
}

parentPort.on('message', async (message) => {
  let reply;
  try {
    reply = { id: message.id, ok: true, value: await handle(message) };
  } catch (error) {
    reply = { id: message.id, ok: false, error: serialiseError(error) };
  }
  try {
    parentPort.postMessage(reply);
  } catch (error) {
    parentPort.postMessage({ id: message.id, ok: false, error: serialiseError(error) });
  }
});
