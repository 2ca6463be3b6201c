/**
 * `npm run bench [-- --quick] [--rows N,N] [--skip-pglite] [--skip-http] [--only page-sizes]`
 *
 * Measures Hyoka against the physical baselines in the same run, on a throwaway PostgreSQL server
 * it starts itself and on embedded PGlite, and writes the table to docs/benchmarks.md:
 *   - import rows/s of Hyoka's importer vs a bulk COPY of the same CSV into a plain text table
 *     (`psql \copy` on PostgreSQL, `COPY … FROM '/dev/blob'` on PGlite), and the importer's peak RSS;
 *   - each page's data functions vs the equivalent hand-written SQL (median of repeated runs);
 *   - full page time over HTTP against `npm run serve` (p50/p95 of ≥ 20 requests) on PostgreSQL;
 *   - client JS of the overview page (gzipped, as the browser downloads it);
 *   - the HTML size of the longest pages for the load portfolio and 大船渡市 (scripts/bench/page-sizes.ts;
 *     alone with `--only page-sizes`).
 * The importer runs in a child process so its peak memory is its own.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, tmpdir, release } from 'node:os';
import { join } from 'node:path';
import { parseCli } from './cli-args';
import { openDatabase } from '../db/client';
import { benchPageData, benchPageHttp, bulkMillion, type PageTarget } from './bench/pages';
import { benchImports, pgliteDirFor, postgresDatabaseFor, type ImportBenchResult } from './bench/import';
import { benchPageSizes, MARK_SIZES_END, MARK_SIZES_START } from './bench/page-sizes';
import { startPostgresServer, type PostgresServer } from '../tests/support/postgres-server';

const USAGE =
  'usage: npm run bench [-- --quick] [--rows N,N] [--skip-pglite] [--skip-http] [--bulk-million] [--only page-sizes] [--out FILE]\n' +
  '  --only page-sizes: only the HTML sizes of the longest pages (portfolio and 大船渡), written to their own section';
const { values } = parseCli(USAGE, {
  options: {
    quick: { type: 'boolean', default: false },
    rows: { type: 'string' },
    'skip-pglite': { type: 'boolean', default: false },
    'skip-http': { type: 'boolean', default: false },
    // Pages only: clone the 100 k PostgreSQL database ×10 into a 1 M one (bench-only SQL, scripts/bench/pages.ts).
    'bulk-million': { type: 'boolean', default: false },
    // Only one part (today: page-sizes, scripts/bench/page-sizes.ts), its section replaced in --out.
    only: { type: 'string' },
    out: { type: 'string', default: 'docs/benchmarks.md' },
  },
});
if (values.only !== undefined && values.only !== 'page-sizes') {
  console.error(`--only: unknown part "${values.only}" (known: page-sizes)\n${USAGE}`);
  process.exit(2);
}
const sizes = values.rows ? values.rows.split(',').map(Number) : values.quick ? [10_000, 100_000] : [10_000, 100_000, 1_000_000];
const work = mkdtempSync(join(tmpdir(), 'hyoka-bench-'));
const lines: string[] = [];
const log = (line = '') => {
  console.log(line);
  lines.push(line);
};

// ── helpers ─────────────────────────────────────────────────────────────────────────────────

const ms = (started: number) => performance.now() - started;
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

function psql(server: PostgresServer, database: string, command: string): number {
  const started = performance.now();
  const result = spawnSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', server.urlFor(database), '-c', command], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`psql: ${result.stderr}`);
  return ms(started);
}

/**
 * Sections written elsewhere, kept as they are: `npm run load`'s (<!-- load:… -->), the workbook
 * limits' (<!-- xlsx:… -->, scripts/bench/xlsx-limits.ts), the search's (<!-- search:… -->, scripts/bench/search.ts;
 * <!-- search-index-cost:… -->, scripts/bench/search-index-cost.ts), the hand-written reading of the
 * figures (<!-- analysis:… -->), the import refactor's before/after (<!-- import-refactor:… -->) and the page sizes' (<!-- page-sizes:… -->, replaced when this run
 * measured them).
 */
const KEPT_SECTIONS = ['load', 'xlsx', 'analysis', 'search', 'search-index-cost', 'page-sizes', 'import-refactor'];

/** The kept sections of the file as it is now, to append to the freshly written one. */
function keptSections(file: string): string[] {
  if (!existsSync(file)) return [];
  const text = readFileSync(file, 'utf8');
  return KEPT_SECTIONS.flatMap((name) => {
    const start = text.indexOf(`<!-- ${name}:start -->`);
    const endMarker = `<!-- ${name}:end -->`;
    const end = text.indexOf(endMarker, start);
    return start >= 0 && end >= 0 ? [text.slice(start, end + endMarker.length)] : [];
  });
}

/** Replaces the section between `start` and `end` in `file` (or appends it), keeping the rest. */
function replaceSection(file: string, section: string[], start: string, end: string): void {
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const from = current.indexOf(start);
  const to = current.indexOf(end, from);
  const text = section.join('\n');
  writeFileSync(file, from >= 0 && to >= 0 ? current.slice(0, from) + text + current.slice(to + end.length) : current.replace(/\n*$/, '\n\n') + text + '\n');
}

/** The page sizes on a throwaway PostgreSQL server of their own. */
async function pageSizesSection(): Promise<string[]> {
  const section: string[] = [];
  const server = await startPostgresServer();
  const sizesWork = mkdtempSync(join(tmpdir(), 'hyoka-bench-sizes-'));
  try {
    await benchPageSizes({
      work: sizesWork,
      createDatabase: (name) => {
        psql(server, 'postgres', `drop database if exists ${name}`);
        psql(server, 'postgres', `create database ${name}`);
        return server.urlFor(name);
      },
      log: (line = '') => {
        console.log(line);
        section.push(line);
      },
    });
  } finally {
    server.stop();
    rmSync(sizesWork, { recursive: true, force: true });
  }
  return section;
}

if (values.only === 'page-sizes') {
  const section = await pageSizesSection();
  if (section.length > 0) {
    replaceSection(values.out!, section, MARK_SIZES_START, MARK_SIZES_END);
    console.error(`written to ${values.out}`);
  }
  rmSync(work, { recursive: true, force: true });
  process.exit(0);
}

// ── the run ─────────────────────────────────────────────────────────────────────────────────

const machine = `${cpus().length} × ${cpus()[0]?.model.trim()}, ${fmt(totalmem() / 2 ** 30, 1)} GiB RAM, Linux ${release()}, Node ${process.version}`;
log('# Benchmarks');
log();
log(`Latest \`npm run bench${values.quick ? ' -- --quick' : ''}\`, ${new Date().toISOString().slice(0, 10)}, on ${machine}.`);
log('PostgreSQL is a throwaway local server (fsync off, as in the tests); PGlite is file-backed.');
log('Data: the deterministic generator (`scripts/generate.ts`), 1,000 projects per city × 5 fiscal years, 1–3 indicators each.');
log('Ratios compare Hyoka with the physical baseline measured in the same run.');
log();

const server = await startPostgresServer();
let results: ImportBenchResult[] = [];
let largestPostgresDb = '';
try {
  // The import rows: scripts/bench/import.ts (default mode up to 100 k rows, --bulk from 100 k).
  ({ results, largestPostgresDb } = await benchImports({
    server,
    sizes,
    work,
    log,
    skipPglite: values['skip-pglite']!,
    pgliteMax: 100_000,
    defaultSizes: sizes.filter((n) => n <= 100_000),
    bulkSizes: sizes.filter((n) => n >= 100_000),
  }));

  // Pages (scripts/bench/pages.ts): PostgreSQL at 100 k and the largest size, PGlite at 100 k.
  let pageDb = largestPostgresDb;
  if (values['bulk-million']) pageDb = await bulkMillion(server, largestPostgresDb, (db, command) => psql(server, db, command));
  const targets: PageTarget[] = results
    .filter((r) => r.size >= 100_000 && r.mode === 'default' && (r.driver === 'PGlite' || r.size === 100_000))
    .map((r) =>
      r.driver === 'PostgreSQL'
        ? { label: `PostgreSQL ${fmt(r.size)}`, open: () => openDatabase({ url: server.urlFor(postgresDatabaseFor(r.size)) }) }
        : { label: `PGlite ${fmt(r.size)}`, open: () => openDatabase({ pgliteDir: pgliteDirFor(work, r.size) }) },
    );
  if (pageDb !== postgresDatabaseFor(100_000))
    targets.unshift({
      label: `PostgreSQL ${pageDb === largestPostgresDb ? `${fmt(results.filter((r) => r.driver === 'PostgreSQL').at(-1)!.size)}${pageDb.endsWith('_bulk') ? ' (bulk import)' : ''}` : '1,000,000 (bulk-cloned)'}`,
      open: () => openDatabase({ url: server.urlFor(pageDb) }),
    });
  await benchPageData(targets, log);
  if (!values['skip-http']) await benchPageHttp(server.urlFor(pageDb), `PostgreSQL, ${pageDb}`, log);
} finally {
  server.stop();
  rmSync(work, { recursive: true, force: true });
}

const pageSizes = await pageSizesSection();
mkdirSync('docs', { recursive: true });
// A fresh page-size section replaces the kept one.
const kept = keptSections(values.out!).filter((section) => pageSizes.length === 0 || !section.startsWith(MARK_SIZES_START));
writeFileSync(values.out!, [...lines, ...(pageSizes.length > 0 ? ['', ...pageSizes] : []), ...kept.flatMap((section) => ['', section])].join('\n') + '\n');
console.error(`written to ${values.out}`);
process.exit(0);
