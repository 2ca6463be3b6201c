/**
 * `node --expose-gc --import tsx scripts/bench/xlsx-stage.ts FILE.xlsx [PROFILE]`
 *
 * The upload page's check (stageUpload, what the server action runs) on one workbook, in a fresh
 * process with Node's default heap like `next start`, on an in-memory PGlite database. Prints one
 * line of JSON: the peak RSS, the RSS before and after (after a full GC: what stays taken), the
 * seconds and the first error. For scripts/bench/xlsx-limits.ts.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { openDatabase } from '../../db/client';
import { stageUpload } from '../../db/import/pending';
import { peakRssMb } from '../peak-memory';

const [file, profile = 'hyoka'] = process.argv.slice(2);
if (!file) {
  console.error('usage: node --expose-gc --import tsx scripts/bench/xlsx-stage.ts FILE.xlsx [PROFILE]');
  process.exit(2);
}
const rss = () => process.memoryUsage().rss / 1024 / 1024;
const gc = () => (globalThis as { gc?: () => void }).gc?.();
const handle = await openDatabase({ pgliteDir: 'memory://' });
gc();
const beforeMb = rss();
const started = performance.now();
let error: string | null = null;
let ok = false;
try {
  const staged = await stageUpload(handle.db, new Uint8Array(readFileSync(file)), { fileName: basename(file), createdBy: 'bench', profile });
  ok = staged.outcome.ok;
  error = staged.outcome.errors[0]?.message.en ?? null;
} catch (e) {
  error = `thrown: ${(e as Error).message}`;
}
const seconds = (performance.now() - started) / 1000;
gc();
const afterMb = rss();
process.stdout.write(JSON.stringify({ ok, error, seconds, beforeMb, afterMb, peakMb: peakRssMb() }) + '\n', () => process.exit(0));
