/**
 * The page half of `npm run bench`: for the overview, a policy node, the watchlist and the
 * project table, the data functions' server time vs the same figures as hand-written SQL
 * (scripts/bench/page-queries.ts) on the same connection, median of N runs, ratio and the target
 * (≤ 1.5 × raw + 50 ms); full pages over HTTP against `npm run serve` (p50/p95); the overview's
 * client JS (gzipped, every script the page loads).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows, type DbHandle } from '../../db/client';
import { cloneMunicipalities } from './clone-municipalities';
import { BENCH_PAGES, benchContext, type BenchContext } from './page-queries';
import { startNextServer } from './next-server';

type Log = (line?: string) => void;

const ms = (started: number) => performance.now() - started;
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/**
 * Median of `times` runs of each, interleaved (a, b, a, b, …) so a burst of load from the other
 * processes on the machine hits both sides alike.
 */
async function timePair(a: () => Promise<unknown>, b: () => Promise<unknown>, times: number): Promise<[number, number]> {
  await a();
  await b(); // warm caches and plans
  const sa: number[] = [];
  const sb: number[] = [];
  for (let i = 0; i < times; i++) {
    let started = performance.now();
    await a();
    sa.push(ms(started));
    started = performance.now();
    await b();
    sb.push(ms(started));
  }
  return [percentile(sa, 50), percentile(sb, 50)];
}

export interface PageTarget {
  label: string;
  open: () => Promise<DbHandle>;
}

export interface PageResult {
  page: string;
  target: string;
  hyokaMs: number;
  rawMs: number;
}

/** Data functions vs raw SQL for every page on every target; prints the table and any disagreement. */
export async function benchPageData(targets: PageTarget[], log: Log, times = 9, only?: string[]): Promise<PageResult[]> {
  log(`## Page data functions vs hand-written SQL (median of ${times} runs, interleaved)`);
  log();
  log('| page | database | Hyoka data functions | raw SQL | ratio | target (1.5 × raw + 50 ms) |');
  log('|---|---|---:|---:|---:|---|');
  const results: PageResult[] = [];
  const mismatches: string[] = [];
  for (const target of targets) {
    const handle = await target.open();
    try {
      const context = await benchContext(handle.db);
      for (const page of BENCH_PAGES.filter((p) => !only || only.includes(p.name))) {
        const runRaw = () => Promise.all(page.rawSql(context).map((q) => queryRows(handle.db, q)));
        for (const [what, hyoka, raw] of page.check(await page.data(handle.db, context), await runRaw(), context)) {
          if (!same(hyoka, raw)) mismatches.push(`${page.name} on ${target.label}: ${what} — Hyoka ${String(hyoka)}, raw SQL ${String(raw)}`);
        }
        const [hyokaMs, rawMs] = await timePair(() => page.data(handle.db, context), runRaw, times);
        const met = hyokaMs <= 1.5 * rawMs + 50;
        log(`| ${page.name} | ${target.label} | ${fmt(hyokaMs, 1)} ms | ${fmt(rawMs, 1)} ms | ${fmt(hyokaMs / rawMs, 2)} × | ${met ? 'met' : 'not met'} |`);
        results.push({ page: page.name, target: target.label, hyokaMs, rawMs });
      }
    } finally {
      await handle.close();
    }
  }
  log();
  log(
    'The raw SQL computes every figure each page shows (KPIs of both years, the level below, histogram, rating mix, trends, scatter, node projects, list page, watch rules, and the lookups) from the base tables, with no rollup; the bench checks that both give the same headline figures.',
  );
  for (const m of mismatches) log(`- **Mismatch**: ${m}`);
  log();
  return results;
}

function same(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a));
  return a === b;
}

/** Full pages over HTTP from `npm run serve` on the given database, and the overview's client JS. */
export async function benchPageHttp(databaseUrl: string, label: string, log: Log, requests = 25): Promise<void> {
  const distDir = process.env.HYOKA_DIST_DIR || '.next';
  if (!existsSync(join(distDir, 'BUILD_ID'))) {
    log('(HTTP timings skipped: no production build; run `npm run build` first.)');
    return;
  }
  const handle = await openDatabase({ url: databaseUrl, migrate: false });
  let context: BenchContext;
  try {
    context = await benchContext(handle.db);
  } finally {
    await handle.close();
  }
  // Twice: every request rendered (the page cache off: the first view after an import), and as
  // shipped (repeat views answered by the page cache, app/lib/page-cache.ts).
  const rendered = await timePagesOver(databaseUrl, { HYOKA_PAGE_CACHE_MB: '0' }, context, requests);
  const cached = await timePagesOver(databaseUrl, {}, context, requests);
  log(`## Pages over HTTP (\`npm run serve\`, ${label}, ${requests} sequential requests after 3 warm-ups)`);
  log();
  log(
    '"rendered": the page cache off, every request renders the page and runs its queries; "cached": as shipped, repeat requests answered from memory until the data changes.',
  );
  log();
  log('| page | URL | rendered p50 | rendered p95 | cached p50 | cached p95 |');
  log('|---|---|---:|---:|---:|---:|');
  for (const page of BENCH_PAGES) {
    const r = rendered.times.get(page.name)!;
    const c = cached.times.get(page.name)!;
    log(
      `| ${page.name} | \`${page.path(context)}\` | ${fmt(percentile(r, 50), 1)} ms | ${fmt(percentile(r, 95), 1)} ms | ${fmt(percentile(c, 50), 1)} ms | ${fmt(percentile(c, 95), 1)} ms |`,
    );
  }
  log();
  const js = rendered.js;
  log(
    `Client JS of the overview page: ${fmt(js.gzipped / 1024, 1)} kB gzipped (${js.scripts} scripts, every script the page's HTML loads${js.lazy ? `, plus ${fmt(js.lazy / 1024, 1)} kB of chunks it imports later` : ''}). Target ≤ 200 kB: ${js.gzipped + js.lazy <= 200 * 1024 ? 'met' : 'not met'}.`,
  );
  log();
}

/** Serves the build on `databaseUrl` with `extraEnv`, and times each bench page sequentially. */
async function timePagesOver(databaseUrl: string, extraEnv: Record<string, string>, context: BenchContext, requests: number) {
  const distDir = process.env.HYOKA_DIST_DIR || '.next';
  const { base, stop } = await startNextServer({ DATABASE_URL: databaseUrl, ...extraEnv });
  try {
    const times = new Map<string, number[]>();
    for (const page of BENCH_PAGES) {
      const url = base + page.path(context);
      for (let i = 0; i < 3; i++) await (await fetch(url)).text();
      const samples: number[] = [];
      for (let i = 0; i < requests; i++) {
        const started = performance.now();
        const res = await fetch(url);
        await res.text();
        if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
        samples.push(ms(started));
      }
      times.set(page.name, samples);
    }
    return { times, js: await clientJs(base, '/', distDir) };
  } finally {
    await stop();
  }
}

/**
 * The scripts a page's HTML loads, gzipped as the browser downloads them, and any chunk the
 * build lists for the route but the HTML does not load (dynamic imports), so lazy loading
 * cannot hide JS from the figure.
 */
async function clientJs(base: string, path: string, distDir: string): Promise<{ gzipped: number; scripts: number; lazy: number }> {
  const html = await (await fetch(base + path)).text();
  const scripts = new Set([...html.matchAll(/<script[^>]+src="([^"]+\.js)"/g)].map((m) => m[1]!));
  let gzipped = 0;
  for (const src of scripts) gzipped += gzipSync(Buffer.from(await (await fetch(new URL(src, base))).arrayBuffer())).length;
  let lazy = 0;
  const manifest = join(distDir, 'server/app/page_client-reference-manifest.js');
  if (existsSync(manifest)) {
    const listed = new Set([...readFileSync(manifest, 'utf8').matchAll(/static\/chunks\/[\w.-]+\.js/g)].map((m) => `/_next/${m[0]}`));
    for (const chunk of listed) {
      if ([...scripts].some((s) => s.endsWith(chunk))) continue;
      const file = join(distDir, chunk.replace('/_next/', ''));
      if (existsSync(file)) lazy += gzipSync(readFileSync(file)).length;
    }
  }
  return { gzipped, scripts: scripts.size, lazy };
}

/**
 * BENCH ONLY: a 1 M-row PostgreSQL database made from the imported 100 k one — copied as a
 * template, then every municipality cloned nine times with generated SQL
 * (scripts/bench/clone-municipalities.ts), the rollup rebuilt and statistics collected.
 */
export async function bulkMillion(server: { urlFor(db: string): string }, from: string, psql: (db: string, command: string) => unknown): Promise<string> {
  const target = 'hyoka_bulk_1m';
  psql('postgres', `drop database if exists ${target}`);
  psql('postgres', `create database ${target} template ${from}`);
  const handle = await openDatabase({ url: server.urlFor(target) });
  const started = performance.now();
  try {
    const [before] = await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n from evaluations`);
    await cloneMunicipalities(handle.db, Math.max(1, Math.round(1_000_000 / Number(before!.n)) - 1));
    const [after] = await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n from evaluations`);
    console.error(`… bulk-cloned ${before!.n} → ${after!.n} evaluations in ${fmt(ms(started) / 1000, 1)} s`);
  } finally {
    await handle.close();
  }
  return target;
}
