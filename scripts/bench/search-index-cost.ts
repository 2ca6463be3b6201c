/**
 * `npx tsx scripts/bench/search-index-cost.ts [--rows 100000] [--skip-pglite] [--skip-postgres] [--out docs/benchmarks.md]`
 *
 * What the search's indexes cost an import: the generator's CSV imported (`--bulk`, as the
 * search bench does) into a database with every index and into one without the search's GIN
 * indexes (0007's trigram and 0008's n-gram ones; the generated search_text columns stay), on
 * PostgreSQL and PGlite. Writes its own section of docs/benchmarks.md (between
 * `<!-- search-index-cost:… -->` markers, which `npm run bench` keeps).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { openDatabase, type DbHandle } from '../../db/client';
import { startPostgresServer } from '../../tests/support/postgres-server';
import { parseCli } from '../cli-args';
import { generate, importInChild, type ChildImport } from './import';

const USAGE = 'usage: npx tsx scripts/bench/search-index-cost.ts [--rows N] [--skip-pglite] [--skip-postgres] [--out FILE]';
const { values } = parseCli(USAGE, {
  options: {
    rows: { type: 'string', default: '100000' },
    'skip-pglite': { type: 'boolean', default: false },
    'skip-postgres': { type: 'boolean', default: false },
    out: { type: 'string', default: 'docs/benchmarks.md' },
  },
});
const rows = Number(values.rows);

/** The search's indexes: GIN trigram (0007), GIN n-gram (0008), GiST on the name (0011). */
export const SEARCH_INDEXES = [
  'projects_search',
  'evaluations_search',
  'indicators_search',
  'projects_search_ngrams',
  'evaluations_search_ngrams',
  'indicators_search_ngrams',
  'projects_name_trgm',
];

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function dropSearchIndexes(handle: DbHandle): Promise<void> {
  for (const name of SEARCH_INDEXES) await handle.db.execute(sql.raw(`drop index ${name}`));
}

function row(driver: string, withIndexes: ChildImport, without: ChildImport): string {
  const rate = (r: ChildImport) => r.rows / r.seconds;
  const cost = (withIndexes.seconds / without.seconds - 1) * 100;
  return `| ${driver} | ${fmt(withIndexes.rows)} | ${fmt(rate(withIndexes))} rows/s (${fmt(withIndexes.seconds, 1)} s) | ${fmt(rate(without))} rows/s (${fmt(without.seconds, 1)} s) | ${cost >= 0 ? '+' : ''}${fmt(cost)} % |`;
}

const work = mkdtempSync(join(tmpdir(), 'hyoka-bench-search-index-'));
const server = await startPostgresServer();
const lines: string[] = [];
try {
  console.error(`… generating ${fmt(rows)} rows`);
  const file = generate(work, rows);
  const imported: Record<'with' | 'without', ChildImport | null> = { with: null, without: null };
  if (!values['skip-postgres']) {
    const admin = await openDatabase({ url: server.url, migrate: false });
    for (const variant of ['without', 'with'] as const) {
      const database = `hyoka_search_${variant}`;
      await admin.db.execute(sql.raw(`create database ${database}`));
      const handle = await openDatabase({ url: server.urlFor(database) });
      if (variant === 'without') await dropSearchIndexes(handle);
      await handle.close();
      console.error(`… importing into PostgreSQL ${variant} the search indexes`);
      imported[variant] = await importInChild(file, { DATABASE_URL: server.urlFor(database) }, ['--bulk']);
    }
    await admin.close();
    lines.push(row('PostgreSQL', imported.with!, imported.without!));
    console.error(lines.at(-1));
  }
  if (!values['skip-pglite']) {
    for (const variant of ['without', 'with'] as const) {
      const dir = join(work, `pglite-${variant}`);
      const handle = await openDatabase({ pgliteDir: dir });
      if (variant === 'without') await dropSearchIndexes(handle);
      await handle.close();
      console.error(`… importing into PGlite ${variant} the search indexes`);
      imported[variant] = await importInChild(file, { DATABASE_URL: '', HYOKA_PGLITE_DIR: dir }, ['--bulk']);
    }
    lines.push(row('PGlite', imported.with!, imported.without!));
    console.error(lines.at(-1));
  }
} finally {
  server.stop();
  rmSync(work, { recursive: true, force: true });
}

const section = [
  '<!-- search-index-cost:start -->',
  `### What the search indexes cost an import (\`npx tsx scripts/bench/search-index-cost.ts --rows ${rows}\`)`,
  '',
  `Latest run ${new Date().toISOString().slice(0, 10)}. The same ${fmt(rows)}-row file imported with \`--bulk\` into a fresh database with every index, and into one without the search's seven indexes (GIN trigram: ${SEARCH_INDEXES.slice(0, 3).join(', ')}; GIN n-gram: ${SEARCH_INDEXES.slice(3, 6).join(', ')}; GiST name: ${SEARCH_INDEXES.slice(6).join(', ')}). The generated search_text and title_search columns are computed in both.`,
  '',
  '| database | evaluations | with the search indexes | without | cost |',
  '|---|---:|---:|---:|---:|',
  ...lines,
  '<!-- search-index-cost:end -->',
].join('\n');
const text = readFileSync(values.out, 'utf8');
const start = text.indexOf('<!-- search-index-cost:start -->');
const endMarker = '<!-- search-index-cost:end -->';
const end = text.indexOf(endMarker);
writeFileSync(values.out, start >= 0 && end >= 0 ? text.slice(0, start) + section + text.slice(end + endMarker.length) : `${text.trimEnd()}\n\n${section}\n`);
console.log(section);
