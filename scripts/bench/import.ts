/**
 * The import half of `npm run bench`: for each size, the generator's CSV (scripts/generate.ts)
 * is imported by Hyoka in a child process (so its peak RSS is its own) and bulk-copied by
 * `psql \copy` into a plain table of text columns on the same server, in the same run — the
 * physical baseline. PGlite: Hyoka vs `COPY … FROM '/dev/blob'` in PGlite itself.
 */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, createReadStream, openSync, readFileSync, readSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createPglite } from '../../db/pglite';
import Papa from 'papaparse';
import { openDatabase } from '../../db/client';
import { IMPORT_NODE_FLAGS } from '../../db/import/limits';
import type { PostgresServer } from '../../tests/support/postgres-server';

export interface ChildImport {
  rows: number;
  seconds: number;
  maxRssMb: number;
}

export interface ImportBenchResult {
  size: number;
  driver: 'PostgreSQL' | 'PGlite';
  mode: 'default' | 'bulk';
  hyoka: ChildImport;
  baselineMs: number;
  /** PostgreSQL: COPY of the rows this import wrote into an empty database of Hyoka's schema (see schemaFloor). */
  floor: SchemaFloor | null;
  /** Papaparse reading the same file and doing nothing with its rows (see parserAlone). */
  parserMs: number;
}

export interface ImportBenchOptions {
  server: PostgresServer;
  sizes: number[];
  work: string;
  skipPglite: boolean;
  /** Sizes also imported with `--bulk` (foreign keys checked once at the end). */
  bulkSizes: number[];
  /** Sizes imported in the default mode (a size only in bulkSizes is imported in bulk only). */
  defaultSizes: number[];
  pgliteMax: number;
  log: (line?: string) => void;
}

export const PROJECTS_PER_CITY = 1_000;
export const YEARS = 5;

const ms = (started: number) => performance.now() - started;
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** Exactly `rows` evaluation rows: cities of 1,000 projects × 5 fiscal years, 1–3 indicators each. */
export function generate(work: string, rows: number): string {
  const file = join(work, `generated-${rows}.csv`);
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'scripts/generate.ts', file, '--rows', String(rows), '--projects', String(PROJECTS_PER_CITY)],
    { encoding: 'utf8' },
  );
  if (result.status !== 0) throw new Error(result.stderr);
  return file;
}

/** Runs `npm run import` in a child process against the given database. */
export function importInChild(file: string, env: Record<string, string>, extra: string[] = []): Promise<ChildImport> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...IMPORT_NODE_FLAGS, 'scripts/import.ts', file, '--json', ...extra], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) => {
      const json = out
        .trim()
        .split('\n')
        .reverse()
        .find((l) => l.startsWith('{'));
      if (code !== 0 || !json) reject(new Error(`import failed (${code}): ${(err || out).slice(0, 4000)}`));
      else resolve(JSON.parse(json) as ChildImport);
    });
  });
}

/** Columns of the file's header line (read from its first 64 kB: the file may be gigabytes). */
function csvColumns(file: string): number {
  const fd = openSync(file, 'r');
  const buffer = Buffer.alloc(65_536);
  const read = readSync(fd, buffer, 0, buffer.length, 0);
  closeSync(fd);
  const head = buffer
    .subarray(0, read)
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)[0]!;
  return head.split(',').length;
}

const plainTable = (columns: number) => `create table baseline (${Array.from({ length: columns }, (_, i) => `c${i} text`).join(', ')})`;

function psql(server: PostgresServer, database: string, command: string, args: string[] = []): number {
  return psqlRun(server, database, command, args).ms;
}

function psqlRun(server: PostgresServer, database: string, command: string, args: string[] = []): { ms: number; out: string } {
  const started = performance.now();
  const result = spawnSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', ...args, '-d', server.urlFor(database), '-c', command], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`psql: ${result.stderr}`);
  return { ms: ms(started), out: result.stdout };
}

/** Every table an import writes, parents before children: the order a COPY of them must take. */
const WRITTEN_TABLES = [
  'municipalities',
  'rating_schemes',
  'rating_criteria',
  'rating_grades',
  'municipality_populations',
  'policy_nodes',
  'departments',
  'sections',
  'import_batches',
  'projects',
  'evaluations',
  'ratings',
  'indicators',
  'indicator_values',
  'import_replaced',
  'evaluation_rollups',
  'import_files',
];
/** Tables that are not the import's rows: migration bookkeeping, the page cache's change log, sign-in. */
const NOT_IMPORT_ROWS = new Set(['__drizzle_migrations', 'data_changes']);

/** The schema floor in its three forms, in ms; the two without foreign keys only up to FLOOR_VARIANTS_MAX rows. */
export interface SchemaFloor {
  asIs: number;
  withoutRatingKeys: number | null;
  withoutKeys: number | null;
}
/** Largest file whose floor is also measured without foreign keys (twice more loading; 1 M rows would add minutes). */
const FLOOR_VARIANTS_MAX = 100_000;

/**
 * The schema floor: the rows the import wrote (dumped from `fromDb`), COPYed with `psql \copy` in
 * one transaction into an empty database migrated to the same schema (its indexes, foreign keys
 * and triggers). No reading, checking or upserting: the least any importer must pay to store these
 * rows in these tables. The baseline measures what one text value per line costs; this measures
 * what Hyoka's normalised rows cost, so the two ratios say how much is the schema and how much the
 * importer. Up to FLOOR_VARIANTS_MAX rows it is measured twice more, with the ratings' foreign keys
 * dropped and with every foreign key dropped: what storing the rows would cost if the schema gave
 * up those checks.
 */
async function schemaFloor(server: PostgresServer, fromDb: string, work: string, size: number): Promise<SchemaFloor> {
  const tables = psqlRun(server, fromDb, `select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`, [
    '-At',
  ])
    .out.split('\n')
    .filter(Boolean);
  for (const table of tables) {
    if (WRITTEN_TABLES.includes(table) || NOT_IMPORT_ROWS.has(table) || table.startsWith('auth_')) continue;
    const rows = Number(psqlRun(server, fromDb, `select count(*) from "${table}"`, ['-At']).out.trim());
    // A table the import now fills but the floor leaves out would flatter the importer.
    if (rows > 0) throw new Error(`schema floor: the import wrote ${rows} rows into ${table}, which WRITTEN_TABLES does not list`);
  }
  const files = WRITTEN_TABLES.map((table) => ({ table, file: join(work, `floor-${size}-${table}.copy`) }));
  for (const { table, file } of files) psql(server, fromDb, `\\copy ${table} to '${file}'`);
  const script = files.map(({ table, file }) => `\\copy ${table} from '${file}'`).join('\n');

  const load = async (dropKeys: 'none' | 'ratings' | 'all'): Promise<number> => {
    const database = `floor_${size}_${dropKeys}`;
    psql(server, 'postgres', `create database ${database}`);
    await (await openDatabase({ url: server.urlFor(database) })).close();
    const keys = psqlRun(
      server,
      database,
      `select conrelid::regclass::text || ' ' || conname from pg_constraint where contype = 'f' and connamespace = 'public'::regnamespace`,
      ['-At'],
    )
      .out.split('\n')
      .filter(Boolean);
    for (const [table, name] of keys.map((k) => k.split(' ') as [string, string])) {
      if (dropKeys === 'all' || (dropKeys === 'ratings' && table === 'ratings')) psql(server, database, `alter table ${table} drop constraint "${name}"`);
    }
    const started = performance.now();
    const result = spawnSync('psql', ['-X', '-q', '-1', '-v', 'ON_ERROR_STOP=1', '-d', server.urlFor(database)], { input: script, encoding: 'utf8' });
    const elapsed = ms(started);
    if (result.status !== 0) throw new Error(`psql (schema floor): ${result.stderr}`);
    psql(server, 'postgres', `drop database ${database}`);
    return elapsed;
  };
  const floor: SchemaFloor = { asIs: await load('none'), withoutRatingKeys: null, withoutKeys: null };
  if (size <= FLOOR_VARIANTS_MAX) {
    floor.withoutRatingKeys = await load('ratings');
    floor.withoutKeys = await load('all');
  }
  for (const { file } of files) rmSync(file, { force: true });
  return floor;
}

/**
 * The parser floor: Papaparse (the stack's CSV parser) streaming the file from disk in the
 * importer's 64 kB reads, with nothing done per row. No importer that parses with it can be
 * faster than this, whatever it stores.
 */
async function parserAlone(file: string): Promise<number> {
  const started = performance.now();
  await new Promise<void>((resolve, reject) => {
    Papa.parse(createReadStream(file, { highWaterMark: 65_536, encoding: 'utf8' }), { step: () => {}, complete: () => resolve(), error: reject });
  });
  return ms(started);
}

export const pgliteDirFor = (work: string, size: number) => join(work, `pglite-${size}`);
export const postgresDatabaseFor = (size: number, mode: 'default' | 'bulk' = 'default') => `hyoka_${size}${mode === 'bulk' ? '_bulk' : ''}`;

/** Runs the import benchmarks; returns the results and the largest PostgreSQL database written. */
export async function benchImports(o: ImportBenchOptions): Promise<{ results: ImportBenchResult[]; largestPostgresDb: string }> {
  const results: ImportBenchResult[] = [];
  let largestPostgresDb = '';
  for (const size of o.sizes) {
    const file = generate(o.work, size);
    const columns = csvColumns(file);

    // The physical baseline: `\copy` of the same file into a plain table, on the same server.
    psql(o.server, 'postgres', `create database base_${size}`);
    psql(o.server, `base_${size}`, plainTable(columns));
    const baselineMs = psql(o.server, `base_${size}`, `\\copy baseline from '${file}' with (format csv, header true)`);
    const parserMs = await parserAlone(file);

    for (const mode of ['default', 'bulk'] as const) {
      if (mode === 'default' && !o.defaultSizes.includes(size)) continue;
      if (mode === 'bulk' && !o.bulkSizes.includes(size)) continue;
      const database = postgresDatabaseFor(size, mode);
      psql(o.server, 'postgres', `create database ${database}`);
      // Migrate first so the import time is the import's alone.
      await (await openDatabase({ url: o.server.urlFor(database) })).close();
      const hyoka = await importInChild(file, { DATABASE_URL: o.server.urlFor(database) }, mode === 'bulk' ? ['--bulk'] : []);
      // Once per size: both modes write the same rows.
      const measured = results.find((r) => r.size === size && r.floor !== null);
      const floor = measured ? measured.floor : await schemaFloor(o.server, database, o.work, size);
      results.push({ size, driver: 'PostgreSQL', mode, hyoka, baselineMs, floor, parserMs });
      largestPostgresDb = database;
      console.error(`… PostgreSQL ${mode} ${fmt(size)} rows: ${fmt(hyoka.rows / hyoka.seconds)} rows/s vs COPY ${fmt(size / (baselineMs / 1000))}`);
    }

    if (!o.skipPglite && size <= o.pgliteMax) {
      const dir = pgliteDirFor(o.work, size);
      await (await openDatabase({ pgliteDir: dir })).close();
      const onPglite = await importInChild(file, { DATABASE_URL: '', HYOKA_PGLITE_DIR: dir });
      const base = await createPglite(join(o.work, `pglite-base-${size}`));
      await base.exec(plainTable(columns));
      const started = performance.now();
      await base.query(`copy baseline from '/dev/blob' with (format csv, header true)`, [], { blob: new Blob([readFileSync(file)]) });
      const pgliteBaselineMs = ms(started);
      await base.close();
      results.push({ size, driver: 'PGlite', mode: 'default', hyoka: onPglite, baselineMs: pgliteBaselineMs, floor: null, parserMs });
      console.error(`… PGlite ${fmt(size)} rows: ${fmt(onPglite.rows / onPglite.seconds)} rows/s vs COPY ${fmt(size / (pgliteBaselineMs / 1000))}`);
    }
  }

  o.log('## Import');
  o.log();
  o.log('Data: `scripts/generate.ts --rows N` (cities of 1,000 projects × 5 fiscal years, 1–3 indicators each; ≈1.35 kB per row, 1 M rows = 1.35 GB).');
  o.log(
    "Hyoka runs `npm run import` in a child process (file streamed from disk); peak RSS is that process's own high-water mark (VmHWM, scripts/peak-memory.ts; getrusage's maxRSS would include the bench's memory at the fork).",
  );
  o.log('"bulk" is `npm run import -- --bulk`: foreign keys checked once, set-based, at the end instead of per row (readers wait while it runs).');
  o.log();
  o.log(
    '"schema floor" (PostgreSQL): the rows that import wrote, dumped and COPYed with `psql \\copy` in one transaction into an empty database of Hyoka\'s schema (same indexes, foreign keys, triggers); no reading, checking or upserting. Rows/s are CSV rows.',
  );
  o.log();
  o.log('| rows | database | mode | Hyoka rows/s | baseline COPY rows/s | ratio | schema floor rows/s | Hyoka / floor | Hyoka peak RSS |');
  o.log('|---:|---|---|---:|---:|---:|---:|---:|---:|');
  for (const r of results) {
    const hyokaRate = r.hyoka.rows / r.hyoka.seconds;
    const baseRate = r.size / (r.baselineMs / 1000);
    const floorRate = r.floor === null ? null : r.size / (r.floor.asIs / 1000);
    const floor = floorRate === null ? '— | —' : `${fmt(floorRate)} | ${fmt((hyokaRate / floorRate) * 100, 1)} %`;
    o.log(
      `| ${fmt(r.size)} | ${r.driver} | ${r.mode} | ${fmt(hyokaRate)} | ${fmt(baseRate)} | ${fmt((hyokaRate / baseRate) * 100, 1)} % | ${floor} | ${fmt(r.hyoka.maxRssMb)} MB |`,
    );
  }
  o.log();
  o.log(
    "One CSV row becomes one evaluation, four ratings, 1–3 indicators with their yearly values, and the project, policy and organisation rows it refers to, all upserted with change detection and rollback records, plus the gzipped original file; the baseline stores the row as text and nothing else. The schema floor is what storing Hyoka's rows costs before any importer work: its rate over the baseline's is the most any importer of this schema could reach.",
  );
  o.log();
  o.log(
    "What bounds an importer, per file (PostgreSQL, same run), each as a share of the COPY baseline: \"Papaparse alone\" streams the file through the stack's CSV parser in 64 kB reads and does nothing with the rows; the schema floor stores Hyoka's rows and does nothing else, as the schema is, with the ratings' three foreign keys dropped, and with every foreign key dropped (indexes kept; up to 100 k rows).",
  );
  o.log();
  o.log('| rows | baseline COPY rows/s | Papaparse alone | schema floor | floor, ratings without foreign keys | floor, no foreign keys |');
  o.log('|---:|---:|---:|---:|---:|---:|');
  for (const r of results) {
    if (r.driver !== 'PostgreSQL' || results.find((x) => x.size === r.size && x.driver === 'PostgreSQL') !== r) continue;
    const baseRate = r.size / (r.baselineMs / 1000);
    const share = (elapsedMs: number | null | undefined) => {
      if (elapsedMs === null || elapsedMs === undefined) return '—';
      const rate = r.size / (elapsedMs / 1000);
      return `${fmt(rate)} rows/s (${fmt((rate / baseRate) * 100, 1)} %)`;
    };
    o.log(
      `| ${fmt(r.size)} | ${fmt(baseRate)} | ${share(r.parserMs)} | ${share(r.floor?.asIs)} | ${share(r.floor?.withoutRatingKeys)} | ${share(r.floor?.withoutKeys)} |`,
    );
  }
  o.log();
  return { results, largestPostgresDb };
}
