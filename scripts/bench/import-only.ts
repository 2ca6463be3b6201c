/**
 * `npx tsx scripts/bench/import-only.ts [--rows N,N] [--bulk N,N] [--skip-pglite] [--out FILE]`
 *
 * Just the import rows of `npm run bench` (scripts/bench/import.ts) on a throwaway PostgreSQL
 * server: for measuring the importer alone, e.g. the 1 M-row bulk load, without the page timings.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCli } from '../cli-args';
import { startPostgresServer } from '../../tests/support/postgres-server';
import { benchImports } from './import';

const USAGE = 'usage: npx tsx scripts/bench/import-only.ts [--rows N,N] [--bulk N,N] [--skip-pglite] [--out FILE]';
const { values } = parseCli(USAGE, {
  options: {
    rows: { type: 'string', default: '1000000' },
    bulk: { type: 'string', default: '' },
    'skip-pglite': { type: 'boolean', default: false },
    out: { type: 'string' },
  },
});
const sizes = values.rows!.split(',').map(Number);
const bulkSizes = values.bulk ? values.bulk.split(',').map(Number) : sizes.filter((n) => n >= 100_000);
const lines: string[] = [];
const log = (line = '') => {
  console.log(line);
  lines.push(line);
};
const work = mkdtempSync(join(tmpdir(), 'hyoka-bench-import-'));
const server = await startPostgresServer();
try {
  await benchImports({
    server,
    sizes,
    work,
    log,
    skipPglite: values['skip-pglite']!,
    pgliteMax: 100_000,
    defaultSizes: sizes.filter((n) => n <= 100_000),
    bulkSizes,
  });
} finally {
  server.stop();
  rmSync(work, { recursive: true, force: true });
}
if (values.out) writeFileSync(values.out, lines.join('\n') + '\n');
process.exit(0);
