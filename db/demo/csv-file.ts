/**
 * Writes generated evaluation rows to a CSV file as a stream: rows are turned into CSV a few
 * thousand at a time and written with backpressure, so a 1 M-row (≈1.4 GB) file takes the
 * memory of one batch. UTF-8 with BOM and CRLF, as Excel saves "CSV UTF-8" — the importer's input.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import Papa from 'papaparse';
import { demoHeader, demoRows, type DemoOptions } from './generate';

const BATCH = 2_000;

/** Writes at most `limit` rows (all when omitted); resolves to the number written. */
export async function writeDemoCsv(file: string, options: DemoOptions, limit = Infinity): Promise<number> {
  const out = createWriteStream(file, { encoding: 'utf8' });
  const header = demoHeader();
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  await write('\uFEFF' + Papa.unparse([header], { newline: '\r\n' }));
  let written = 0;
  let batch: string[][] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    await write('\r\n' + Papa.unparse(batch, { newline: '\r\n' }));
    batch = [];
  };
  for (const row of demoRows(options)) {
    if (written >= limit) break;
    batch.push(header.map((h) => row[h] ?? ''));
    written++;
    if (batch.length >= BATCH) await flush();
  }
  await flush();
  await write('\r\n');
  out.end();
  await once(out, 'finish');
  return written;
}
