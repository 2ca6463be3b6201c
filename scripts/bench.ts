/**
 * `npm run bench [-- --quick] [--rows N,N] [--skip-pglite] [--skip-http]`
 *
 * Measures Hyoka against the physical baselines in the same run, on a throwaway PostgreSQL server
 * it starts itself and on embedded PGlite, and writes the table to docs/benchmarks.md:
 *   - import rows/s of Hyoka's importer vs a bulk COPY of the same CSV into a plain text table
 *     (`psql \copy` on PostgreSQL, `COPY … FROM '/dev/blob'` on PGlite), and the importer's peak RSS;
 *   - each page's data functions vs the equivalent hand-written SQL (median of repeated runs);
 *   - full page time over HTTP against `next start` (p50/p95 of ≥ 20 requests) on PostgreSQL;
 *   - client JS of the overview page (gzipped, as the browser downloads it).
 * The importer runs in a child process so its peak memory is its own.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, tmpdir, release } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { openDatabase } from '../db/client';
import { benchPageData, benchPageHttp, bulkMillion, type PageTarget } from './bench/pages';
import { startPostgresServer, type PostgresServer } from '../tests/support/postgres-server';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    rows: { type: 'string' },
    'skip-pglite': { type: 'boolean', default: false },
    'skip-http': { type: 'boolean', default: false },
    // Pages only: clone the 100 k PostgreSQL database ×10 into a 1 M one (bench-only SQL, scripts/bench/pages.ts).
    'bulk-million': { type: 'boolean', default: false },
    out: { type: 'string', default: 'docs/benchmarks.md' },
  },
});
const sizes = values.rows ? values.rows.split(',').map(Number) : values.quick ? [10_000, 100_000] : [10_000, 100_000, 1_000_000];
const PROJECTS_PER_CITY = 1_000;
const YEARS = 5;
const work = mkdtempSync(join(tmpdir(), 'hyoka-bench-'));
const lines: string[] = [];
const log = (line = '') => {
  console.log(line);
  lines.push(line);
};

// ── helpers ─────────────────────────────────────────────────────────────────────────────────

const ms = (started: number) => performance.now() - started;
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** The generator writes the same CSV the real importer reads: cities × 1,000 projects × 5 years. */
function generate(rows: number): string {
  const cities = Math.max(1, Math.round(rows / (PROJECTS_PER_CITY * YEARS)));
  const dir = join(work, `data-${rows}`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/generate-demo.ts', dir, '--municipalities', String(cities), '--projects', String(PROJECTS_PER_CITY), '--single-file'], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(result.stderr);
  return result.stdout.trim().split(':')[0]!;
}

interface ChildImport {
  rows: number;
  seconds: number;
  maxRssMb: number;
}

/** Runs `npm run import` in a child process against the given database. */
function importInChild(file: string, env: Record<string, string>): Promise<ChildImport> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/import.ts', file, '--json'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) => {
      const json = out.trim().split('\n').reverse().find((l) => l.startsWith('{'));
      if (code !== 0 || !json) reject(new Error(`import failed (${code}): ${err || out}`));
      else resolve(JSON.parse(json) as ChildImport);
    });
  });
}

function csvHeader(file: string): string[] {
  const head = readFileSync(file, { encoding: 'utf8' }).slice(0, 20_000).replace(/^\uFEFF/, '').split(/\r?\n/)[0]!;
  return head.split(',');
}

const plainTable = (columns: number) =>
  `create table baseline (${Array.from({ length: columns }, (_, i) => `c${i} text`).join(', ')})`;

function psql(server: PostgresServer, database: string, command: string): number {
  const started = performance.now();
  const result = spawnSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', server.urlFor(database), '-c', command], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`psql: ${result.stderr}`);
  return ms(started);
}

// ── the run ─────────────────────────────────────────────────────────────────────────────────

const machine = `${cpus().length} × ${cpus()[0]?.model.trim()}, ${fmt(totalmem() / 2 ** 30, 1)} GiB RAM, Linux ${release()}, Node ${process.version}`;
log('# Benchmarks');
log();
log(`Latest \`npm run bench${values.quick ? ' -- --quick' : ''}\`, ${new Date().toISOString().slice(0, 10)}, on ${machine}.`);
log('PostgreSQL is a throwaway local server (fsync off, as in the tests); PGlite is file-backed.');
log('Data: the deterministic generator (`scripts/generate-demo.ts`), 1,000 projects per city × 5 fiscal years, 1–3 indicators each.');
log('Ratios compare Hyoka with the physical baseline measured in the same run.');
log();

const server = await startPostgresServer();
const results: { size: number; driver: string; hyoka: ChildImport; baselineMs: number }[] = [];
let largestPostgresDb = '';
try {
  for (const size of sizes) {
    const file = generate(size);
    const columns = csvHeader(file).length;

    // PostgreSQL: Hyoka's importer into a fresh database, `\copy` into a plain table.
    const database = `hyoka_${size}`;
    psql(server, 'postgres', `create database ${database}`);
    psql(server, 'postgres', `create database base_${size}`);
    psql(server, `base_${size}`, plainTable(columns));
    const baselineMs = psql(server, `base_${size}`, `\\copy baseline from '${file}' with (format csv, header true)`);
    // Migrate first so the import time is the import's alone.
    await (await openDatabase({ url: server.urlFor(database) })).close();
    const hyoka = await importInChild(file, { DATABASE_URL: server.urlFor(database) });
    results.push({ size, driver: 'PostgreSQL', hyoka, baselineMs });
    largestPostgresDb = database;

    if (!values['skip-pglite'] && size <= 100_000) {
      const dir = join(work, `pglite-${size}`);
      await (await openDatabase({ pgliteDir: dir })).close();
      const onPglite = await importInChild(file, { DATABASE_URL: '', HYOKA_PGLITE_DIR: dir });
      const base = await PGlite.create(join(work, `pglite-base-${size}`));
      await base.exec(plainTable(columns));
      const started = performance.now();
      await base.query(`copy baseline from '/dev/blob' with (format csv, header true)`, [], { blob: new Blob([readFileSync(file)]) });
      const pgliteBaselineMs = ms(started);
      await base.close();
      results.push({ size, driver: 'PGlite', hyoka: onPglite, baselineMs: pgliteBaselineMs });
    }
    console.error(`… ${size} rows done`);
  }

  log('## Import');
  log();
  log('| rows | database | Hyoka rows/s | baseline COPY rows/s | ratio | Hyoka peak RSS |');
  log('|---:|---|---:|---:|---:|---:|');
  for (const r of results) {
    const hyokaRate = r.hyoka.rows / r.hyoka.seconds;
    const baseRate = r.size / (r.baselineMs / 1000);
    log(`| ${fmt(r.size)} | ${r.driver} | ${fmt(hyokaRate)} | ${fmt(baseRate)} | ${fmt((hyokaRate / baseRate) * 100, 1)} % | ${fmt(r.hyoka.maxRssMb)} MB |`);
  }
  log();
  log('One CSV row becomes one evaluation, four ratings, 1–3 indicators with their yearly values, and the project, policy and organisation rows it refers to, all upserted with change detection and rollback snapshots; the baseline stores the row as text and nothing else.');
  log();

  // Pages (scripts/bench/pages.ts): PostgreSQL at 100 k and the largest size, PGlite at 100 k.
  let pageDb = largestPostgresDb;
  if (values['bulk-million']) pageDb = await bulkMillion(server, largestPostgresDb, (db, command) => psql(server, db, command));
  const targets: PageTarget[] = results
    .filter((r) => r.size >= 100_000 && (r.driver === 'PGlite' || r.size === 100_000))
    .map((r) => r.driver === 'PostgreSQL'
      ? { label: `PostgreSQL ${fmt(r.size)}`, open: () => openDatabase({ url: server.urlFor(`hyoka_${r.size}`) }) }
      : { label: `PGlite ${fmt(r.size)}`, open: () => openDatabase({ pgliteDir: join(work, `pglite-${r.size}`) }) });
  if (pageDb !== 'hyoka_100000') targets.unshift({ label: `PostgreSQL ${pageDb === largestPostgresDb ? fmt(results.filter((r) => r.driver === 'PostgreSQL').at(-1)!.size) : '1,000,000 (bulk-cloned)'}`, open: () => openDatabase({ url: server.urlFor(pageDb) }) });
  await benchPageData(targets, log);
  if (!values['skip-http']) await benchPageHttp(server.urlFor(pageDb), `PostgreSQL, ${pageDb}`, log);
} finally {
  server.stop();
  rmSync(work, { recursive: true, force: true });
}

mkdirSync('docs', { recursive: true });
writeFileSync(values.out!, lines.join('\n') + '\n');
console.error(`written to ${values.out}`);
process.exit(0);
