/**
 * `npx tsx scripts/bench/search.ts [--rows 100000] [--million] [--skip-pglite] [--skip-postgres] [--out docs/benchmarks.md]`
 * `… --keep` leaves the PostgreSQL server running and prints its URLs (the 1 M clone takes
 * ~20 min to build); `… --url postgres://…/hyoka_bulk_1m [--label "…"]` measures that
 * database only (migrating it first), e.g. after a change to the search. `--pglite-dir DIR`
 * likewise measures an existing PGlite directory; with `--million` it first clones that
 * directory in place up to 1 M evaluations.
 *
 * The search's speed (db/queries/search.ts): the generator's CSV imported into a throwaway
 * PostgreSQL server (and PGlite), then the first page of each query below, median of repeated
 * runs, and the /projects list filtered by the same words. `--million` also clones the
 * PostgreSQL database ×10 (as `npm run bench -- --bulk-million` does). Writes its own section of
 * docs/benchmarks.md (between `<!-- search:… -->` markers, which `npm run bench` keeps).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows, type DbHandle } from '../../db/client';
import { listMunicipalities, listFiscalYears } from '../../db/queries/overview';
import { listProjects } from '../../db/queries/projects';
import { searchProjects } from '../../db/queries/search';
import { startPostgresServer, type PostgresServer } from '../../tests/support/postgres-server';
import { parseCli } from '../cli-args';
import { generate, importInChild, pgliteDirFor, postgresDatabaseFor } from './import';
import { cloneMunicipalities } from './clone-municipalities';
import { bulkMillion } from './pages';

const USAGE =
  'usage: npx tsx scripts/bench/search.ts [--rows N] [--million] [--skip-pglite] [--skip-postgres] [--keep] [--url URL | --pglite-dir DIR] [--label TEXT] [--runs N] [--out FILE]';
const { values } = parseCli(USAGE, {
  options: {
    rows: { type: 'string', default: '100000' },
    million: { type: 'boolean', default: false },
    'skip-pglite': { type: 'boolean', default: false },
    'skip-postgres': { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    url: { type: 'string' },
    'pglite-dir': { type: 'string' },
    label: { type: 'string' },
    runs: { type: 'string', default: '9' },
    out: { type: 'string', default: 'docs/benchmarks.md' },
  },
});
const rows = Number(values.rows);
const runs = Number(values.runs);

/**
 * What staff type: a compound word, two characters (the n-gram index), full- and half-width
 * forms, two words, one character, a word in most projects (ranking them all), nothing found.
 */
export const SEARCH_QUERIES = ['子育て支援', '健診', 'ＩＣＴ教育', 'ｻﾎﾟｰﾀｰ', '放課後 推進', '橋', '事業', 'ぞうきん'];

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function timed(run: () => Promise<unknown>): Promise<number> {
  await run(); // warm caches and plans
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  return median(samples);
}

async function measure(label: string, handle: DbHandle): Promise<string[]> {
  const [count] = await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n from evaluations`);
  const database = `${label} ${fmt(Number(count!.n))}`;
  const [city] = await listMunicipalities(handle.db);
  const [year] = await listFiscalYears(handle.db, city!.id);
  const out: string[] = [];
  for (const q of SEARCH_QUERIES) {
    const page = await searchProjects(handle.db, q);
    const searchMs = await timed(() => searchProjects(handle.db, q));
    const filter = { municipalityId: city!.id, fiscalYear: year!, q };
    const listMs = await timed(() => listProjects(handle.db, filter, { sort: 'code', dir: 'asc' }));
    const line = `| ${database} | ${q} | ${fmt(page.total)}${page.capped ? '+' : ''} | ${fmt(searchMs, 1)} ms | ${fmt(listMs, 1)} ms | ${searchMs <= 300 ? 'met' : 'missed'} |`;
    console.error(line);
    out.push(line);
  }
  return out;
}

const lines: string[] = [];

/** An existing database (`--url`, `--pglite-dir`): migrate, analyze, measure, nothing else. */
async function existingRuns(): Promise<void> {
  const handle = values.url ? await openDatabase({ url: values.url }) : await openDatabase({ pgliteDir: values['pglite-dir']! });
  if (values.million && !values.url) {
    // PGlite has no template databases: the directory itself is cloned up to 1 M evaluations.
    const [before] = await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n from evaluations`);
    const started = performance.now();
    await cloneMunicipalities(handle.db, Math.max(1, Math.round(1_000_000 / Number(before!.n)) - 1));
    console.error(`… cloned PGlite to 1 M rows in ${fmt((performance.now() - started) / 1000, 1)} s`);
  }
  await handle.db.execute(sql`analyze`);
  lines.push(...(await measure(values.label ?? (values.url ? 'PostgreSQL' : 'PGlite'), handle)));
  await handle.close();
}

const existing = values.url !== undefined || values['pglite-dir'] !== undefined;
const work = mkdtempSync(join(tmpdir(), 'hyoka-bench-search-'));
const server = existing || values['skip-postgres'] ? null : await startPostgresServer();

async function postgresRuns(server: PostgresServer, file: string): Promise<void> {
  const database = postgresDatabaseFor(rows);
  const admin = await openDatabase({ url: server.url, migrate: false });
  await admin.db.execute(sql.raw(`create database ${database}`));
  await admin.close();
  await (await openDatabase({ url: server.urlFor(database) })).close();
  console.error('… importing into PostgreSQL');
  await importInChild(file, { DATABASE_URL: server.urlFor(database) }, ['--bulk']);
  let handle = await openDatabase({ url: server.urlFor(database) });
  await handle.db.execute(sql`analyze`);
  lines.push(...(await measure('PostgreSQL', handle)));
  await handle.close();
  if (values.million) {
    console.error('… cloning to 1 M rows');
    const psql = (db: string, command: string) => {
      const result = spawnSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', server.urlFor(db), '-c', command], { encoding: 'utf8' });
      if (result.status !== 0) throw new Error(`psql: ${result.stderr}`);
    };
    const million = await bulkMillion(server, database, psql);
    handle = await openDatabase({ url: server.urlFor(million) });
    lines.push(...(await measure('PostgreSQL (bulk clone)', handle)));
    await handle.close();
  }
}

async function pgliteRuns(file: string): Promise<void> {
  const dir = pgliteDirFor(work, rows);
  await (await openDatabase({ pgliteDir: dir })).close();
  console.error('… importing into PGlite');
  await importInChild(file, { DATABASE_URL: '', HYOKA_PGLITE_DIR: dir }, ['--bulk']);
  const handle = await openDatabase({ pgliteDir: dir });
  await handle.db.execute(sql`analyze`);
  lines.push(...(await measure('PGlite', handle)));
  await handle.close();
}

try {
  if (existing) await existingRuns();
  else {
    console.error(`… generating ${fmt(rows)} rows`);
    const file = generate(work, rows);
    if (server && !values['skip-postgres']) await postgresRuns(server, file);
    if (!values['skip-pglite']) await pgliteRuns(file);
  }
} finally {
  if (server && values.keep)
    console.error(`… server left running: ${server.urlFor('hyoka_bulk_1m')} (data in ${server.dir}; stop with pg_ctl -D ${server.dir}/data stop)`);
  else server?.stop();
  if (!values.keep) rmSync(work, { recursive: true, force: true });
}

const section = [
  '<!-- search:start -->',
  `## Search across the sheets (\`npx tsx scripts/bench/search.ts --rows ${rows}${values.million ? ' --million' : ''}\`)`,
  '',
  `Latest run ${new Date().toISOString().slice(0, 10)}. First page (20 hits) of \`searchProjects\` over every municipality and year, and the /projects list of one city and year filtered by the same words (\`q\`); median of ${runs} runs after a warm-up, on the data functions' connection. Target: the search's first page ≤ 300 ms. Terms of three characters or more use the trigram indexes (migration 0007), terms of one or two (健診, 推進, 橋, 事業) the n-gram indexes (migration 0008). \`1,000+\`: more than 1,000 projects are in a score tier (every term in code or name; or every term in the project text with all but one in code or name), the search ranks 1,000 of them (db/queries/search.ts).`,
  '',
  '| database (evaluations) | query | projects found | search, first page | /projects with q | target |',
  '|---|---|---:|---:|---:|---|',
  ...lines,
  '<!-- search:end -->',
].join('\n');
const text = readFileSync(values.out, 'utf8');
const start = text.indexOf('<!-- search:start -->');
const end = text.indexOf('<!-- search:end -->');
writeFileSync(
  values.out,
  start >= 0 && end >= 0 ? text.slice(0, start) + section + text.slice(end + '<!-- search:end -->'.length) : `${text.trimEnd()}\n\n${section}\n`,
);
console.log(section);
