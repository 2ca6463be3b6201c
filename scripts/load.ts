/**
 * `npm run load [-- --rows 100000] [--connections 50] [--duration 60] [--drivers postgres,pglite] [--out docs/benchmarks.md]`
 *
 * Load test: 50 concurrent viewers across the dashboard for 60 s, on the 100,000-row portfolio.
 *   1. generates the dataset (scripts/generate-demo.ts: 1,000 projects per city × 5 years);
 *   2. imports it with the real CLI into a throwaway PostgreSQL server (tests/support/
 *      postgres-server.ts) and into a fresh PGlite directory;
 *   3. for each, serves the production build with `npm run serve` on loopback, requests every page
 *      once (warm-up, not counted), then drives `--connections` keep-alive connections with
 *      autocannon, each walking a fixed list of dashboard URLs from its own starting point (overview, policy nodes, the project
 *      list with filters and sorts, project sheets, the watchlist) for `--duration` seconds;
 *   4. writes p50/p95/p99 latency, throughput and errors (non-2xx, socket errors, timeouts),
 *      overall and per page, into its own section of docs/benchmarks.md (between the
 *      `<!-- load:start -->` / `<!-- load:end -->` markers; the rest of the file is kept).
 * Loopback only; bounded by the duration (and autocannon's --amount cap); stops by itself and
 * cleans up its server, directories and processes. Needs `npm run build` first.
 * `--page-cache on,off` (the default) serves each database twice: as shipped, and with the page
 * cache turned off, so both the steady state and the cost of rendering are on record.
 * Target: p95 < 500 ms and 0 errors. The script reports; it does not fail on a miss.
 *
 * `--scenario flood` (in the default `viewers,flood`): one client asks for 200 distinct URLs, 10
 * at a time, half of them pages never rendered before (distinct search texts and thresholds, each
 * a real render) and half a cached page with a parameter no page reads (`&nocache=N`), while a
 * second client requests a cached page one request after another. Its p95 during the flood is
 * the figure (target < 300 ms); `--flood-limits default,unlimited` also runs the flood with the
 * render limit lifted (HYOKA_RENDER_CONCURRENCY=1000), for comparison. Written to its own
 * section (`<!-- load-flood:start -->`), together with the HTML size of the longest lists.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseCli } from './cli-args';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows, type Db } from '../db/client';
import { IMPORT_NODE_FLAGS } from '../db/import/limits';
import { startPostgresServer } from '../tests/support/postgres-server';
import { startNextServer } from './bench/next-server';

const USAGE =
  'usage: npm run load [-- --rows N] [--connections N] [--duration SECONDS] [--drivers postgres,pglite] [--page-cache on,off] [--scenario viewers,flood] [--flood-limits default,unlimited] [--out FILE]';
const { values } = parseCli(USAGE, {
  options: {
    rows: { type: 'string', default: '100000' },
    connections: { type: 'string', default: '50' },
    duration: { type: 'string', default: '60' },
    drivers: { type: 'string', default: 'postgres,pglite' },
    // on: as served (app/lib/page-cache.ts); off: HYOKA_PAGE_CACHE_MB=0, every request rendered.
    'page-cache': { type: 'string', default: 'on,off' },
    out: { type: 'string', default: 'docs/benchmarks.md' },
    scenario: { type: 'string', default: 'viewers,flood' },
    'flood-limits': { type: 'string', default: 'default,unlimited' },
  },
});
const SCENARIOS = values.scenario!.split(',') as ('viewers' | 'flood')[];
const FLOOD_LIMITS = values['flood-limits']!.split(',') as ('default' | 'unlimited')[];
const FLOOD_URLS = 200;
const FLOOD_CONCURRENCY = 10;
const MARK_FLOOD_START = '<!-- load-flood:start -->';
const MARK_FLOOD_END = '<!-- load-flood:end -->';
const ROWS = Number(values.rows);
const CONNECTIONS = Number(values.connections);
const DURATION = Number(values.duration);
const DRIVERS = values.drivers!.split(',') as ('postgres' | 'pglite')[];
const CACHE_MODES = values['page-cache']!.split(',') as ('on' | 'off')[];
/** A hard cap on requests besides the duration, so a very fast run still stops. */
const MAX_REQUESTS = 200_000;
const TIMEOUT_S = 30;
const PROJECTS_PER_CITY = 1_000;
const MARK_START = '<!-- load:start -->';
const MARK_END = '<!-- load:end -->';

const distDir = process.env.HYOKA_DIST_DIR || '.next';
if (!existsSync(join(distDir, 'BUILD_ID'))) {
  console.error('No production build: run `npm run build` first. / 本番ビルドがありません。先に npm run build を実行してください。');
  process.exit(2);
}

const work = mkdtempSync(join(tmpdir(), 'hyoka-load-'));
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const log = (message: string) => console.error(`[load] ${message}`);

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** The generator's file: enough cities of 1,000 projects to reach `rows` evaluations (each city ~4,780). */
function generate(): { file: string; rows: number } {
  const cities = Math.max(1, Math.ceil(ROWS / 4_780));
  const dir = join(work, 'data');
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'scripts/generate-demo.ts', dir, '--municipalities', String(cities), '--projects', String(PROJECTS_PER_CITY), '--single-file'],
    { encoding: 'utf8' },
  );
  if (result.status !== 0) throw new Error(`generate-demo failed: ${result.stderr}`);
  const file = result.stdout.trim().split(':')[0]!;
  const rows = readFileSync(file, 'utf8').split('\n').length - 2; // header and the final newline
  return { file, rows };
}

function importInChild(file: string, env: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [...IMPORT_NODE_FLAGS, 'scripts/import.ts', file], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('exit', (code) =>
      code === 0 ? resolve((performance.now() - started) / 1000) : reject(new Error(`import failed (${code}): ${output.slice(-2000)}`)),
    );
  });
}

interface Page {
  name: string;
  path: string;
}

/** The URLs a room of viewers would open: every dashboard page, several cities, filters and sorts. */
async function pagesFor(db: Db): Promise<Page[]> {
  const cities = await queryRows<{ id: number; code: string }>(db, sql`select id::int, code from municipalities order by code limit 3`);
  const [{ year }] = (await queryRows<{ year: number }>(db, sql`select max(fiscal_year)::int as year from evaluations`)) as [{ year: number }];
  const pages: Page[] = [];
  for (const [i, city] of cities.entries()) {
    const m = `municipality=${city.code}`;
    const nodes = await queryRows<{ path: string }>(
      db,
      sql`select path from policy_nodes where municipality_id = ${city.id} and level <= 2 order by level, path limit 4`,
    );
    const departments = await queryRows<{ name: string }>(db, sql`select name from departments where municipality_id = ${city.id} order by name limit 2`);
    const projects = await queryRows<{ code: string }>(db, sql`select code from projects where municipality_id = ${city.id} order by md5(code) limit 3`);
    pages.push({ name: 'overview', path: i === 0 ? '/' : `/?${m}` });
    pages.push({ name: 'overview (previous year)', path: `/?${m}&year=${year - 1}` });
    // Encoded as a browser sends them: a raw 健康・福祉 in the request line is not HTTP.
    for (const n of nodes) pages.push({ name: 'policy node', path: `/policies/${n.path.split('/').map(encodeURIComponent).join('/')}?${m}` });
    pages.push({ name: 'projects', path: `/projects?${m}` });
    pages.push({
      name: 'projects (department, attainment)',
      path: `/projects?${m}&department=${encodeURIComponent(departments[0]?.name ?? '')}&attainment=80-100`,
    });
    pages.push({ name: 'projects (text, sorted, page 2)', path: `/projects?${m}&q=${encodeURIComponent('事業')}&sort=totalCost&dir=desc&page=2` });
    pages.push({ name: 'projects (policy, rating)', path: `/projects?${m}&policy=${encodeURIComponent(nodes[0]?.path ?? '1')}&sort=attainment` });
    for (const p of projects) pages.push({ name: 'project sheet', path: `/projects/${encodeURIComponent(p.code)}?${m}` });
    pages.push({ name: 'watchlist', path: `/watchlist?${m}` });
    pages.push({ name: 'watchlist (thresholds)', path: `/watchlist?${m}&attainment=70&costUp=10` });
  }
  return pages;
}

interface Flooded {
  driver: string;
  limits: 'default' | 'unlimited';
  rows: number;
  cachedPath: string;
  /** The cached page's latency one request after another, before and during the flood (ms, sorted). */
  before: number[];
  during: number[];
  floodSeconds: number;
  floodLatency: number[];
  /** Final HTTP status of each flood request (after redirects), counted. */
  statuses: Map<number, number>;
  /** HTML bytes of the longest lists (uncompressed), as served. */
  sizes: { name: string; path: string; bytes: number }[];
}

/** A cached page's latency measured sequentially until `until` settles. */
async function sample(url: string, until: Promise<unknown> | number): Promise<number[]> {
  const times: number[] = [];
  let over = false;
  if (typeof until === 'number') setTimeout(() => (over = true), until);
  else void until.finally(() => (over = true));
  while (!over) {
    const started = performance.now();
    const res = await fetch(url);
    await res.arrayBuffer();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b);
}

async function flood(
  driver: 'postgres' | 'pglite',
  limits: 'default' | 'unlimited',
  env: Record<string, string>,
  db: FloodTargets,
): Promise<Omit<Flooded, 'rows'>> {
  const { base, stop } = await startNextServer({ ...env, ...(limits === 'unlimited' ? { HYOKA_RENDER_CONCURRENCY: '1000', HYOKA_RENDER_QUEUE: '1000' } : {}) });
  try {
    const cachedPath = `/?municipality=${db.city}`;
    for (let i = 0; i < 3; i++) await (await fetch(base + cachedPath)).arrayBuffer();
    const before = await sample(base + cachedPath, 5_000);
    // Half real renders (a search text and a threshold never asked for before), half cache-busting attempts.
    const urls = Array.from({ length: FLOOD_URLS }, (_, n) =>
      n % 4 === 0
        ? `/projects?municipality=${db.city}&q=${encodeURIComponent(`事業${n}`)}`
        : n % 4 === 1
          ? `/watchlist?municipality=${db.city}&attainment=${50 + n / 10}`
          : `${cachedPath}&nocache=${n}`,
    );
    const statuses = new Map<number, number>();
    const floodLatency: number[] = [];
    log(`${driver}, render limits ${limits}: flood of ${FLOOD_URLS} distinct URLs, ${FLOOD_CONCURRENCY} at a time …`);
    const started = performance.now();
    let next = 0;
    const worker = async () => {
      while (next < urls.length) {
        const url = urls[next++]!;
        const t = performance.now();
        try {
          const res = await fetch(base + url);
          await res.arrayBuffer();
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        } catch {
          statuses.set(0, (statuses.get(0) ?? 0) + 1);
        }
        floodLatency.push(performance.now() - t);
      }
    };
    const flooding = Promise.all(Array.from({ length: FLOOD_CONCURRENCY }, worker));
    const during = await sample(base + cachedPath, flooding);
    await flooding;
    const floodSeconds = (performance.now() - started) / 1000;
    const sizes: Flooded['sizes'] = [];
    for (const page of db.longLists) {
      const res = await fetch(base + page.path);
      sizes.push({ ...page, bytes: (await res.arrayBuffer()).byteLength });
    }
    return { driver, limits, cachedPath, before, during, floodSeconds, floodLatency: floodLatency.sort((a, b) => a - b), statuses, sizes };
  } finally {
    await stop();
  }
}

interface FloodTargets {
  city: string;
  longLists: { name: string; path: string }[];
}

/** The city with the most evaluations, and its longest lists (every rule on, no filter). */
async function floodTargets(db: Db): Promise<FloodTargets> {
  const [top] = await queryRows<{ code: string; year: number }>(
    db,
    sql`select m.code, e.fiscal_year::int as year from evaluations e join projects p on p.id = e.project_id join municipalities m on m.id = p.municipality_id
        group by m.code, e.fiscal_year order by count(*) desc, m.code limit 1`,
  );
  const m = `municipality=${top!.code}&year=${top!.year}`;
  return {
    city: top!.code,
    longLists: [
      { name: 'overview', path: `/?${m}` },
      { name: 'projects', path: `/projects?${m}` },
      { name: 'watchlist', path: `/watchlist?${m}` },
      { name: 'watchlist, threshold 100 %', path: `/watchlist?${m}&attainment=100` },
      { name: 'quality', path: `/quality?${m}` },
      { name: 'compare', path: `/compare?${m}` },
      { name: 'policy tree', path: `/policies?${m}` },
    ],
  };
}

interface Measured {
  driver: string;
  cache: 'on' | 'off';
  rows: number;
  importSeconds: number;
  pages: number;
  requests: number;
  seconds: number;
  errors: number;
  non2xx: number;
  timeouts: number;
  overall: number[];
  byPage: Map<string, number[]>;
  /** The machine's 1-minute load average before and after the run: other work on it shows here. */
  load: [number, number];
}

async function measure(
  driver: 'postgres' | 'pglite',
  file: string,
  rows: number,
  env: Record<string, string>,
  openDb: () => ReturnType<typeof openDatabase>,
): Promise<Measured[]> {
  log(`${driver}: importing ${fmt(rows)} rows …`);
  const importSeconds = await importInChild(file, env);
  log(`${driver}: imported in ${fmt(importSeconds, 1)} s`);
  const handle = await openDb();
  const pages = await pagesFor(handle.db);
  const targets = await floodTargets(handle.db);
  await handle.close(); // PGlite: one process per directory, and the server is next
  const results: Measured[] = [];
  if (SCENARIOS.includes('viewers')) {
    for (const cache of CACHE_MODES) {
      const served = await drive(driver, cache, pages, { ...env, ...(cache === 'off' ? { HYOKA_PAGE_CACHE_MB: '0' } : {}) });
      results.push({ ...served, rows, importSeconds });
    }
  }
  if (SCENARIOS.includes('flood')) {
    for (const limits of FLOOD_LIMITS) floods.push({ ...(await flood(driver, limits, env, targets)), rows });
  }
  return results;
}

const floods: Flooded[] = [];

async function drive(
  driver: 'postgres' | 'pglite',
  cache: 'on' | 'off',
  pages: Page[],
  env: Record<string, string>,
): Promise<Omit<Measured, 'rows' | 'importSeconds'>> {
  const { base, stop } = await startNextServer(env);
  try {
    for (const page of pages) {
      const res = await fetch(base + page.path);
      await res.text();
      if (!res.ok) throw new Error(`warm-up ${page.path}: HTTP ${res.status}`);
    }
    log(`${driver}, page cache ${cache}: ${CONNECTIONS} connections × ${DURATION} s over ${pages.length} URLs …`);
    const loadBefore = loadavg()[0]!;
    const overall: number[] = [];
    const byPage = new Map<string, number[]>();
    // Each connection is one viewer walking the whole list, starting at its own place in it (so
    // the 50 do not all open the same page at once). autocannon calls onResponse synchronously
    // just before the 'response' event of the same response, so `answered` names the page whose
    // latency the event carries.
    let answered = '';
    let viewers = 0;
    type Viewer = { next?: number; current?: string };
    let finish!: (result: autocannon.Result) => void;
    let fail!: (error: unknown) => void;
    const done = new Promise<autocannon.Result>((resolve, reject) => ((finish = resolve), (fail = reject)));
    const instance = autocannon(
      {
        url: base,
        connections: CONNECTIONS,
        duration: DURATION,
        maxOverallRequests: MAX_REQUESTS,
        timeout: TIMEOUT_S,
        requests: [
          {
            setupRequest: (request, context) => {
              const viewer = context as Viewer;
              viewer.next ??= Math.floor((viewers++ * pages.length) / CONNECTIONS);
              const page = pages[viewer.next++ % pages.length]!;
              viewer.current = page.name;
              return { ...request, method: 'GET', path: page.path };
            },
            onResponse: (_status, _body, context) => void (answered = (context as Viewer).current ?? '?'),
          },
        ],
      },
      (error, result) => (error ? fail(error) : finish(result)),
    );
    instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
      overall.push(responseTime);
      const list = byPage.get(answered) ?? [];
      list.push(responseTime);
      byPage.set(answered, list);
    });
    const result = await done;
    return {
      driver,
      cache,
      pages: pages.length,
      requests: result.requests.total,
      seconds: result.duration,
      errors: result.errors,
      non2xx: result.non2xx,
      timeouts: result.timeouts,
      overall: overall.sort((a, b) => a - b),
      byPage: new Map([...byPage].map(([k, v]) => [k, v.sort((a, b) => a - b)])),
      load: [loadBefore, loadavg()[0]!],
    };
  } finally {
    await stop();
  }
}

function section(results: Measured[]): string {
  const label = (d: string) => (d === 'postgres' ? 'PostgreSQL' : 'PGlite');
  const out: string[] = [];
  out.push(MARK_START);
  out.push('## Load: concurrent viewers (`npm run load`)');
  out.push('');
  out.push(
    `Latest run ${new Date().toISOString().slice(0, 10)}, on ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, ${fmt(totalmem() / 2 ** 30, 1)} GiB RAM, Node ${process.version}. ` +
      `${CONNECTIONS} concurrent keep-alive connections (autocannon, loopback) for ${DURATION} s against \`npm run serve\`, cycling through every dashboard page ` +
      '(overview, policy nodes, the project list with filters and sorts, project sheets, the watchlist) of three cities, each connection from its own starting page; each URL requested once before (not counted). ' +
      'Page cache on (the default, app/lib/page-cache.ts): that first request rendered each page and kept it, so the measured requests are answered from memory, ' +
      'as every repeated view is until the next import or settings change; off (`HYOKA_PAGE_CACHE_MB=0`): every request renders its page and runs its queries, ' +
      'as the first view after an import does. Target: p95 < 500 ms, 0 errors.',
  );
  out.push('');
  out.push(
    '| database | page cache | evaluations | requests | req/s | p50 | p95 | p99 | max | errors (socket / non-2xx / timeouts) | load avg before → after | p95 < 500 ms |',
  );
  out.push('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|:---:|');
  for (const r of results) {
    const p95 = percentile(r.overall, 95);
    const errors = r.errors + r.non2xx;
    out.push(
      `| ${label(r.driver)} | ${r.cache} | ${fmt(r.rows)} | ${fmt(r.requests)} | ${fmt(r.requests / r.seconds, 1)} | ${fmt(percentile(r.overall, 50))} ms | ${fmt(p95)} ms | ${fmt(percentile(r.overall, 99))} ms | ${fmt(r.overall.at(-1) ?? NaN)} ms | ${fmt(errors)} (${fmt(r.errors)} / ${fmt(r.non2xx)} / ${fmt(r.timeouts)}) | ${fmt(r.load[0], 1)} → ${fmt(r.load[1], 1)} | ${p95 < 500 && errors === 0 ? 'yes' : 'no'} |`,
    );
  }
  out.push('');
  out.push('Per page (same run):');
  out.push('');
  out.push('| page | database | page cache | requests | p50 | p95 | p99 |');
  out.push('|---|---|---|---:|---:|---:|---:|');
  for (const r of results) {
    for (const [name, samples] of [...r.byPage].sort(([a], [b]) => a.localeCompare(b))) {
      out.push(
        `| ${name} | ${label(r.driver)} | ${r.cache} | ${fmt(samples.length)} | ${fmt(percentile(samples, 50))} ms | ${fmt(percentile(samples, 95))} ms | ${fmt(percentile(samples, 99))} ms |`,
      );
    }
  }
  out.push('');
  out.push(
    `Import of the dataset with \`npm run import\` before serving: ${results
      .filter((r, i) => results.findIndex((o) => o.driver === r.driver) === i)
      .map((r) => `${label(r.driver)} ${fmt(r.importSeconds, 0)} s`)
      .join(', ')}. ` +
      'Latency is autocannon’s, from the request written to the response read; a request that waited for a free connection is not counted as waiting. ' +
      'The machine runs the server, the database and the load generator at once.',
  );
  out.push(MARK_END);
  return out.join('\n');
}

function floodSection(results: Flooded[]): string {
  const label = (d: string) => (d === 'postgres' ? 'PostgreSQL' : 'PGlite');
  const ms = (sorted: number[], p: number) => `${fmt(percentile(sorted, p))} ms`;
  const out: string[] = [MARK_FLOOD_START, '## Load: a flood of distinct URLs (`npm run load -- --scenario flood`)', ''];
  out.push(
    `Latest run ${new Date().toISOString().slice(0, 10)}, same machine and dataset as above (${fmt(results[0]?.rows ?? 0)} evaluations), page cache on. ` +
      `One client sends ${FLOOD_URLS} distinct URLs, ${FLOOD_CONCURRENCY} at a time, following redirects: a quarter project lists with a search text never asked for before, ` +
      'a quarter watchlists with a threshold never asked for before (each a real render), and half the cached overview with `&nocache=N` (redirected to the page without it, then a hit). ' +
      'Meanwhile a second client requests the cached overview of the largest city, one request after another. "default": the render limit as shipped ' +
      '(2 renders at once, 32 waiting, beyond that 503 with Retry-After); "unlimited": the limit lifted (`HYOKA_RENDER_CONCURRENCY=1000`), as before it existed. ' +
      "Target: the cached page's p95 during the flood < 300 ms.",
  );
  out.push('');
  out.push(
    '| database | render limit | cached page p50 / p95 before | cached page p50 / p95 / max during the flood | cached requests during | flood took | flood request p50 / p95 | flood answers | p95 < 300 ms |',
  );
  out.push('|---|---|---:|---:|---:|---:|---:|---|:---:|');
  for (const r of results) {
    const answers = [...r.statuses]
      .sort(([a], [b]) => a - b)
      .map(([status, n]) => `${fmt(n)} × ${status === 0 ? 'error' : status}`)
      .join(', ');
    out.push(
      `| ${label(r.driver)} | ${r.limits} | ${ms(r.before, 50)} / ${ms(r.before, 95)} | ${ms(r.during, 50)} / ${ms(r.during, 95)} / ${fmt(r.during.at(-1) ?? NaN)} ms | ${fmt(r.during.length)} | ${fmt(r.floodSeconds, 1)} s | ${ms(r.floodLatency, 50)} / ${ms(r.floodLatency, 95)} | ${answers} | ${percentile(r.during, 95) < 300 ? 'yes' : 'no'} |`,
    );
  }
  out.push('');
  out.push('HTML size of the longest pages of the largest city (uncompressed, as rendered; goal: none over 150 kB):');
  out.push('');
  out.push('| page | URL | database | HTML |');
  out.push('|---|---|---|---:|');
  for (const r of results.filter((r, i) => results.findIndex((o) => o.driver === r.driver) === i)) {
    for (const page of r.sizes) out.push(`| ${page.name} | \`${page.path}\` | ${label(r.driver)} | ${fmt(page.bytes / 1024, 1)} kB |`);
  }
  out.push(MARK_FLOOD_END);
  return out.join('\n');
}

/** Replaces one section of the file (or appends it), keeping everything else. */
function writeSection(path: string, text: string, marks: [string, string] = [MARK_START, MARK_END]): void {
  const current = existsSync(path) ? readFileSync(path, 'utf8') : '# Benchmarks\n';
  const start = current.indexOf(marks[0]);
  const end = current.indexOf(marks[1]);
  const next =
    start >= 0 && end > start ? current.slice(0, start) + text + current.slice(end + marks[1].length) : current.replace(/\n*$/, '\n\n') + text + '\n';
  writeFileSync(path, next);
}

const cleanups: (() => void)[] = [() => rmSync(work, { recursive: true, force: true })];
try {
  log(`generating ~${fmt(ROWS)} evaluation rows …`);
  const { file, rows } = generate();
  log(`${fmt(rows)} rows in ${file}`);
  const results: Measured[] = [];
  for (const driver of DRIVERS) {
    if (driver === 'postgres') {
      const server = await startPostgresServer();
      cleanups.unshift(() => server.stop());
      const admin = await openDatabase({ url: server.url, migrate: false });
      await admin.db.execute(sql`create database hyoka_load`);
      await admin.close();
      const url = server.urlFor('hyoka_load');
      results.push(...(await measure(driver, file, rows, { DATABASE_URL: url }, () => openDatabase({ url }))));
      server.stop();
    } else {
      const dir = join(work, 'pglite');
      results.push(...(await measure(driver, file, rows, { DATABASE_URL: '', HYOKA_PGLITE_DIR: dir }, () => openDatabase({ pgliteDir: dir }))));
    }
  }
  if (results.length > 0) {
    const text = section(results);
    console.log(text);
    writeSection(values.out!, text);
  }
  if (floods.length > 0) {
    const text = floodSection(floods);
    console.log(text);
    writeSection(values.out!, text, [MARK_FLOOD_START, MARK_FLOOD_END]);
  }
  log(`written to ${values.out}`);
} finally {
  for (const cleanup of cleanups) {
    try {
      cleanup();
    } catch (error) {
      console.error(error);
    }
  }
}
process.exit(0);
