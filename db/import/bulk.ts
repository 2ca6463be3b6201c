/**
 * Bulk loading with COPY, the one driver-specific step of a write: PostgreSQL gets
 * `COPY … FROM STDIN` through postgres.js, PGlite `COPY … FROM '/dev/blob'` with the same text
 * as a Blob. New rows are COPYed straight into their tables; rows that replace stored ones go
 * into a staging table first. Everything else — the set-based `insert … select … on conflict`
 * upserts from staging, change detection, rollback snapshots — is the same SQL on both.
 *
 * The text is COPY's own format (tab-separated, `\N` for null), the cheapest thing for the
 * server to read: no JSON to parse, no bind parameters to plan.
 */
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { Tx } from './write-common';

export type Cell = string | number | boolean | null | undefined;

/** A 48-bit digest of the cells a row would write (a number: a string per project would cost memory). */
export function digestOf(cells: Cell[]): number {
  return createHash('md5').update(JSON.stringify(cells)).digest().readUIntBE(0, 6);
}

/** One COPY text-format field: backslash, tab, newline and carriage return escaped. */
export function copyField(value: Cell): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value !== 'string') return String(value);
  return /[\\\t\n\r]/.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c]!) : value;
}
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

export function copyText(rows: Cell[][]): string {
  let text = '';
  for (const row of rows) text += row.map(copyField).join('\t') + '\n';
  return text;
}

interface PostgresJsClient {
  unsafe(query: string): { writable(): Promise<Writable> };
}
interface PgliteClient {
  query(query: string, params?: unknown[], options?: { blob?: Blob }): Promise<unknown>;
}

/** The driver's own client under a drizzle transaction (postgres.js reserved sql, or PGlite's). */
function clientOf(tx: Tx): PostgresJsClient | PgliteClient {
  return (tx as unknown as { session: { client: PostgresJsClient | PgliteClient } }).session.client;
}

/**
 * Loads rows into `table (columns)` with COPY; no rows, no statement. `rows` may be produced
 * lazily; on PostgreSQL the text is streamed in pieces of about 1 MB, so a large load never
 * exists as one string.
 */
export async function copyInto(tx: Tx, table: string, columns: string[], rows: Iterable<Cell[]>): Promise<void> {
  const client = clientOf(tx);
  const target = `${table} (${columns.map((c) => `"${c}"`).join(', ')})`;
  if ('unsafe' in client) {
    // Opened at the first row: a chunk with nothing new for a table costs no round trip.
    let writable: Writable | null = null;
    let piece = '';
    for (const row of rows) {
      writable ??= await client.unsafe(`copy ${target} from stdin`).writable();
      piece += row.map(copyField).join('\t') + '\n';
      if (piece.length > 1 << 20) {
        if (!writable.write(piece)) await once(writable, 'drain');
        piece = '';
      }
    }
    if (!writable) return;
    writable.end(piece);
    await once(writable, 'finish');
    return;
  }
  const text = copyText([...rows]);
  if (text.length === 0) return;
  await client.query(`copy ${target} from '/dev/blob'`, [], { blob: new Blob([text]) });
}

/**
 * Streams pre-formatted COPY text (e.g. one huge bytea in hex) into a table, on PostgreSQL
 * without holding it; PGlite gets it as one Blob (PGlite files are small by design).
 */
export async function copyTextInto(tx: Tx, table: string, columns: string[], pieces: AsyncIterable<string>): Promise<void> {
  const client = clientOf(tx);
  const target = `${table} (${columns.map((c) => `"${c}"`).join(', ')})`;
  if ('unsafe' in client) {
    const writable = await client.unsafe(`copy ${target} from stdin`).writable();
    for await (const piece of pieces) if (!writable.write(piece)) await once(writable, 'drain');
    writable.end();
    await once(writable, 'finish');
    return;
  }
  const parts: string[] = [];
  for await (const piece of pieces) parts.push(piece);
  await client.query(`copy ${target} from '/dev/blob'`, [], { blob: new Blob(parts) });
}
