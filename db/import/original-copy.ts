/**
 * The gzipped original file kept with its batch (import_files), made while the file streams
 * through the importer. From bytes in memory it is one gzipSync; from a file on disk it is
 * gzipped (in libuv's thread pool, beside the parsing) to a temporary file and then COPYed into
 * import_files as hex, so even the original of a 1 M-row file never sits in this process's memory.
 */
import { once } from 'node:events';
import { createReadStream, createWriteStream, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGzip, gzipSync } from 'node:zlib';
import { importFiles } from '../schema';
import { copyTextInto } from './bulk';
import type { ImportSource } from './csv-stream';
import type { MappingFile } from './headers';
import type { Tx } from './write-common';

export interface OriginalCopy {
  /** Sees every byte chunk as it is read. */
  tap(chunk: Uint8Array): void | Promise<void>;
  /** How much of the file has been read, 0…1. */
  fraction(): number;
  store(tx: Tx, batchId: number, byteLength: number, mapping: MappingFile | null): Promise<void>;
  dispose(): Promise<void>;
}

/**
 * The one place an original file in memory is kept with its batch (import, pending upload,
 * refused upload, population file alike), so nothing a city sent is ever lost.
 */
export async function keepOriginal(tx: Tx, batchId: number, bytes: Uint8Array, mapping: MappingFile | null): Promise<void> {
  await tx.insert(importFiles).values({ batchId, gzipped: gzipSync(bytes), byteLength: bytes.length, mapping });
}

export async function originalCopy(source: ImportSource): Promise<OriginalCopy> {
  let seen = 0;
  if (source instanceof Uint8Array) {
    return {
      tap: (chunk) => void (seen += chunk.length),
      fraction: () => (source.length === 0 ? 1 : seen / source.length),
      store: (tx, batchId, _byteLength, mapping) => keepOriginal(tx, batchId, source, mapping),
      dispose: async () => {},
    };
  }
  const size = statSync(source.path).size;
  removeStaleCopies();
  const dir = mkdtempSync(join(tmpdir(), `${PREFIX}${process.pid}-`));
  const gzFile = join(dir, 'original.gz');
  const gzip = createGzip({ level: 6 });
  const out = createWriteStream(gzFile);
  gzip.pipe(out);
  let ended = false;
  const end = async () => {
    if (ended) return;
    ended = true;
    gzip.end();
    await once(out, 'close');
  };
  return {
    tap: async (chunk) => {
      seen += chunk.length;
      if (!gzip.write(chunk)) await once(gzip, 'drain');
    },
    fraction: () => (size === 0 ? 1 : seen / size),
    store: async (tx, batchId, byteLength, mapping) => {
      await end();
      // COPY text format: bytea as \x + hex, with the backslash itself escaped.
      async function* row() {
        yield `${batchId}\t\\\\x`;
        for await (const piece of createReadStream(gzFile, { highWaterMark: 1 << 20 })) yield (piece as Buffer).toString('hex');
        yield `\t${byteLength}\t${mapping === null ? '\\N' : JSON.stringify(mapping).replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!)}\n`;
      }
      await copyTextInto(tx, 'import_files', ['batch_id', 'gzipped', 'byte_length', 'mapping'], row());
    },
    dispose: async () => {
      await end().catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const PREFIX = 'hyoka-import-';

/**
 * Removes the temporary copies of imports whose process is gone (killed, crashed: dispose never
 * ran). Each copy's folder names its process, so a running import's copy is never touched.
 */
export function removeStaleCopies(dir = tmpdir()): string[] {
  const removed: string[] = [];
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return removed;
  }
  for (const name of entries) {
    const pid = /^hyoka-import-(\d+)-/.exec(name)?.[1];
    if (pid === undefined || isRunning(Number(pid))) continue;
    rmSync(join(dir, name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
