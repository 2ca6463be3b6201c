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
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, tmpdir, release } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { openDatabase, queryRows, type Db } from '../db/client';
import { BENCH_PAGES } from '../db/queries/bench-pages';
import { freePort, startPostgresServer } from '../tests/support/postgres-server';
import { benchImports, pgliteDirFor, type ImportBenchResult } from './bench/import';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    rows: { type: 'string' },
    'skip-pglite': { type: 'boolean', default: false },
    'skip-http': { type: 'boolean', default: false },
    out: { type: 'string', default: 'docs/benchmarks.md' },
  },
});
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

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function timeMedian(run: () => Promise<unknown>, times = 7): Promise<number> {
  await run(); // warm caches and plans
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    await run();
    samples.push(ms(started));
  }
  return percentile(samples, 50);
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
    server, sizes, work, log, skipPglite: values['skip-pglite']!, pgliteMax: 100_000,
    defaultSizes: sizes.filter((n) => n <= 100_000), bulkSizes: sizes.filter((n) => n >= 100_000),
  }));

  // Page data functions vs hand-written SQL, on the largest PostgreSQL database and on PGlite 100 k.
  log('## Page data functions vs hand-written SQL (median of 7 runs)');
  log();
  log('| page | database | Hyoka data functions | raw SQL | ratio |');
  log('|---|---|---:|---:|---:|');
  const targets: { label: string; open: () => ReturnType<typeof openDatabase> }[] = [
    { label: `PostgreSQL ${fmt(results.filter((r) => r.driver === 'PostgreSQL').at(-1)!.size)}`, open: () => openDatabase({ url: server.urlFor(largestPostgresDb) }) },
  ];
  const pgliteSize = results.filter((r) => r.driver === 'PGlite').at(-1)?.size;
  if (pgliteSize) targets.push({ label: `PGlite ${fmt(pgliteSize)}`, open: () => openDatabase({ pgliteDir: pgliteDirFor(work, pgliteSize) }) });
  for (const target of targets) {
    const handle = await target.open();
    const context = await benchContext(handle.db);
    for (const page of BENCH_PAGES) {
      const hyoka = await timeMedian(() => page.data(handle.db, context));
      const raw = await timeMedian(() => Promise.all(page.rawSql(context).map((q) => queryRows(handle.db, q))));
      log(`| ${page.name} | ${target.label} | ${fmt(hyoka, 1)} ms | ${fmt(raw, 1)} ms | ${fmt(hyoka / raw, 2)} × |`);
    }
    await handle.close();
  }
  log();

  if (!values['skip-http']) await benchHttp(server.urlFor(largestPostgresDb));
} finally {
  server.stop();
  rmSync(work, { recursive: true, force: true });
}

mkdirSync('docs', { recursive: true });
writeFileSync(values.out!, lines.join('\n') + '\n');
console.error(`written to ${values.out}`);
process.exit(0);

/** The municipality and year the pages show by default: the largest city's latest year. */
async function benchContext(db: Db) {
  const [row] = await queryRows<{ municipality_id: number; fiscal_year: number }>(
    db,
    (await import('drizzle-orm')).sql`
      select p.municipality_id::int as municipality_id, max(e.fiscal_year)::int as fiscal_year
      from evaluations e join projects p on p.id = e.project_id
      group by p.municipality_id order by count(*) desc, p.municipality_id limit 1`,
  );
  return { municipalityId: Number(row!.municipality_id), fiscalYear: Number(row!.fiscal_year) };
}

/** Full pages over HTTP from `next start` on PostgreSQL, and the overview's client JS. */
async function benchHttp(databaseUrl: string) {
  const distDir = process.env.HYOKA_DIST_DIR || '.next';
  if (!existsSync(join(distDir, 'BUILD_ID'))) {
    log('(HTTP timings skipped: no production build; run `npm run build` first.)');
    return;
  }
  const port = await freePort();
  const env = { ...process.env, DATABASE_URL: databaseUrl, HYOKA_DEMO: 'off' };
  const server = spawn(process.execPath, ['node_modules/next/dist/bin/next', 'start', '--port', String(port), '--hostname', '127.0.0.1'], { env, stdio: 'ignore' });
  const base = `http://127.0.0.1:${port}`;
  try {
    for (let i = 0; i < 200; i++) {
      try {
        if ((await fetch(base + '/')).ok) break;
      } catch {
        // not up yet
      }
      await new Promise((r) => setTimeout(r, 300));
    }
    log('## Pages over HTTP (`next start`, PostgreSQL, largest dataset, 25 sequential requests after 3 warm-ups)');
    log();
    log('| page | p50 | p95 |');
    log('|---|---:|---:|');
    for (const page of BENCH_PAGES) {
      for (let i = 0; i < 3; i++) await (await fetch(base + page.path)).text();
      const samples: number[] = [];
      for (let i = 0; i < 25; i++) {
        const started = performance.now();
        const res = await fetch(base + page.path);
        await res.text();
        if (!res.ok) throw new Error(`${page.path}: HTTP ${res.status}`);
        samples.push(ms(started));
      }
      log(`| ${page.path} | ${fmt(percentile(samples, 50), 1)} ms | ${fmt(percentile(samples, 95), 1)} ms |`);
    }
    log();
    const html = await (await fetch(base + '/')).text();
    const scripts = [...html.matchAll(/<script[^>]+src="([^"]+\.js)"/g)].map((m) => m[1]!);
    let gzipped = 0;
    for (const src of new Set(scripts)) gzipped += gzipSync(Buffer.from(await (await fetch(new URL(src, base))).arrayBuffer())).length;
    log(`Client JS of the overview page: ${fmt(gzipped / 1024, 1)} kB gzipped (${new Set(scripts).size} scripts).`);
    log();
  } finally {
    server.kill('SIGTERM');
  }
}
