/**
 * The page-weight half of `npm run bench` (alone: `npm run bench -- --only page-sizes`): the HTML
 * of the longest pages, uncompressed as served (the React Server Components payload included),
 * for the largest city of the 100,000-row portfolio of `npm run load` (scripts/generate-demo.ts,
 * 1,000 projects per city) and for 大船渡市's real workbook (`--profile ofunato`, with its population
 * fixture `--profile population`, as a city would load it; skipped with a notice when
 * ../shared/realdata is not beside the repository). Goal: no page over 150 kB.
 * Each dataset is imported with the real CLI into its own database of the bench's throwaway
 * PostgreSQL server, then the production build is served on it.
 * HYOKA_BEFORE_DIST_DIR=<another build> serves that build on the same data as well, for a
 * before → after column (e.g. the branch point built into `.next`, the change with HYOKA_DIST_DIR).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows } from '../../db/client';
import { IMPORT_NODE_FLAGS } from '../../db/import/limits';
import { realDataFile } from '../../tests/support/realdata';
import { startNextServer } from './next-server';

type Log = (line?: string) => void;

/** The goal for every page, in kB (1,024 bytes). */
export const PAGE_SIZE_GOAL_KB = 150;
export const MARK_SIZES_START = '<!-- page-sizes:start -->';
export const MARK_SIZES_END = '<!-- page-sizes:end -->';
const OFUNATO = 'ofunato/report.xlsx';
const OFUNATO_POPULATION = 'tests/fixtures/imports/ofunato-population.csv';
const PORTFOLIO_ROWS = 100_000;
const PROJECTS_PER_CITY = 1_000;

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

interface Dataset {
  label: string;
  /** The CLI's arguments after `scripts/import.ts`, one import each. */
  imports: string[][];
}

export interface PageSize {
  dataset: string;
  page: string;
  path: string;
  bytes: number;
  /** Of which in the `self.__next_f.push` scripts (the RSC payload). */
  payloadBytes: number;
  /** The same page served by the build in HYOKA_BEFORE_DIST_DIR (a change's starting point), if set. */
  beforeBytes?: number;
}

/** The portfolio file of `npm run load` (enough cities of 1,000 projects for `rows` evaluations). */
function generatePortfolio(work: string): { file: string; rows: number } {
  const cities = Math.max(1, Math.ceil(PORTFOLIO_ROWS / 4_780));
  const result = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      'scripts/generate-demo.ts',
      join(work, 'portfolio'),
      '--municipalities',
      String(cities),
      '--projects',
      String(PROJECTS_PER_CITY),
      '--single-file',
    ],
    { encoding: 'utf8' },
  );
  if (result.status !== 0) throw new Error(`generate-demo failed: ${result.stderr}`);
  // "FILE: N行"
  const [file, rows] = result.stdout.trim().split(': ');
  return { file: file!, rows: Number.parseInt(rows!, 10) };
}

function importInChild(args: string[], databaseUrl: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...IMPORT_NODE_FLAGS, 'scripts/import.ts', ...args], {
      env: { ...process.env, DATABASE_URL: databaseUrl, HYOKA_DEMO: 'off' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`import failed (${code}): ${output.slice(-2000)}`))));
  });
}

/**
 * The city and year with the most evaluations (the latest year of equals), and its longest pages;
 * the policy page is its まちづくり目標 (level 1) with the most projects that year.
 */
async function longestPages(databaseUrl: string): Promise<{ page: string; path: string }[]> {
  const handle = await openDatabase({ url: databaseUrl, migrate: false });
  try {
    const [top] = await queryRows<{ code: string; year: number }>(
      handle.db,
      sql`select m.code, e.fiscal_year::int as year from evaluations e join projects p on p.id = e.project_id join municipalities m on m.id = p.municipality_id
          group by m.code, e.fiscal_year order by count(*) desc, e.fiscal_year desc, m.code limit 1`,
    );
    const [goal] = await queryRows<{ path: string }>(
      handle.db,
      sql`select split_part(n.path, '/', 1) as path from evaluations e join projects p on p.id = e.project_id
          join municipalities m on m.id = p.municipality_id join policy_nodes n on n.id = p.policy_node_id
          where m.code = ${top!.code} and e.fiscal_year = ${top!.year} and n.path not like 'pillar:%'
          group by 1 order by count(*) desc, 1 limit 1`,
    );
    const m = `municipality=${top!.code}&year=${top!.year}`;
    return [
      { page: 'overview', path: `/?${m}` },
      { page: 'projects', path: `/projects?${m}` },
      { page: 'watchlist', path: `/watchlist?${m}` },
      { page: 'quality', path: `/quality?${m}` },
      { page: 'compare', path: `/compare?${m}` },
      { page: 'policy tree', path: `/policies?${m}` },
      ...(goal ? [{ page: 'policy page (goal)', path: `/policies/${goal.path}?${m}` }] : []),
    ];
  } finally {
    await handle.close();
  }
}

/** Each page's HTML as served by the production build, started with `env`. */
async function fetchPages(pages: { path: string }[], env: Record<string, string>): Promise<string[]> {
  const { base, stop } = await startNextServer(env);
  try {
    const out: string[] = [];
    for (const page of pages) {
      const res = await fetch(base + page.path);
      const html = await res.text();
      if (!res.ok) throw new Error(`${page.path}: HTTP ${res.status}`);
      out.push(html);
    }
    return out;
  } finally {
    await stop();
  }
}

/** The bytes of the RSC payload scripts within a page's HTML. */
export function payloadBytes(html: string): number {
  let n = 0;
  for (const m of html.matchAll(/<script>self\.__next_f\.push\([\s\S]*?<\/script>/g)) n += Buffer.byteLength(m[0]);
  return n;
}

/**
 * Imports each dataset into its own database (`databaseFor(name)` gives its URL; the caller's
 * server creates nothing: the import's migrations do) and measures its longest pages.
 */
export async function benchPageSizes({
  work,
  createDatabase,
  log,
}: {
  work: string;
  /** Creates an empty database and gives its URL. */
  createDatabase: (name: string) => string;
  log: Log;
}): Promise<PageSize[]> {
  const distDir = process.env.HYOKA_DIST_DIR || '.next';
  // A second build to compare with (before → after), served on the same imported data.
  const beforeDistDir = process.env.HYOKA_BEFORE_DIST_DIR;
  if (beforeDistDir && !existsSync(join(beforeDistDir, 'BUILD_ID'))) throw new Error(`HYOKA_BEFORE_DIST_DIR: no build in ${beforeDistDir}`);
  if (!existsSync(join(distDir, 'BUILD_ID'))) {
    console.error('(page sizes skipped: no production build; run `npm run build` first)');
    return [];
  }
  const datasets: Dataset[] = [];
  const notes: string[] = [];
  const portfolio = generatePortfolio(work);
  datasets.push({ label: `portfolio (${fmt(portfolio.rows)} evaluations)`, imports: [[portfolio.file]] });
  if (existsSync(realDataFile(OFUNATO)))
    datasets.push({
      label: '大船渡市 (real workbook)',
      imports: [
        [realDataFile(OFUNATO), '--profile', 'ofunato'],
        [OFUNATO_POPULATION, '--profile', 'population'],
      ],
    });
  else notes.push(`大船渡市 skipped: ${realDataFile(OFUNATO)} is missing (../shared/realdata must sit beside the repository, or set HYOKA_SHARED_DIR).`);
  for (const note of notes) console.error(note);

  const sizes: PageSize[] = [];
  for (const [i, dataset] of datasets.entries()) {
    const url = createDatabase(`hyoka_sizes_${i}`);
    const started = performance.now();
    for (const args of dataset.imports) await importInChild(args, url);
    console.error(`… ${dataset.label} imported in ${fmt((performance.now() - started) / 1000, 1)} s`);
    const pages = await longestPages(url);
    const measured = await fetchPages(pages, { DATABASE_URL: url });
    const before = beforeDistDir ? await fetchPages(pages, { DATABASE_URL: url, HYOKA_DIST_DIR: beforeDistDir }) : [];
    for (const [j, page] of pages.entries()) {
      const html = measured[j]!;
      sizes.push({
        dataset: dataset.label,
        ...page,
        bytes: Buffer.byteLength(html),
        payloadBytes: payloadBytes(html),
        beforeBytes: before[j] === undefined ? undefined : Buffer.byteLength(before[j]),
      });
    }
  }
  for (const line of pageSizeSection(sizes, notes)) log(line);
  return sizes;
}

/** The section of docs/benchmarks.md, between its markers. */
export function pageSizeSection(sizes: PageSize[], notes: string[]): string[] {
  const compared = sizes.some((s) => s.beforeBytes !== undefined);
  const lines = [
    MARK_SIZES_START,
    `## Page weight: HTML of the longest pages (\`npm run bench -- --only page-sizes\`)`,
    '',
    `Latest run ${new Date().toISOString().slice(0, 10)}. Each page of the city and year with the most evaluations, uncompressed as served (no page cache involved: the size is the same), on PostgreSQL; "payload" is the part in the React Server Components scripts (\`self.__next_f.push\`), which repeat the page for the browser's router. Goal: no page over ${PAGE_SIZE_GOAL_KB} kB.`,
    '',
    ...(compared ? [`"before" is the same page served by the build in HYOKA_BEFORE_DIST_DIR (the change's starting point) on the same data.`, ''] : []),
    `| data | page | URL |${compared ? ' HTML before |' : ''} HTML | of which payload | ≤ ${PAGE_SIZE_GOAL_KB} kB |`,
    `|---|---|---|${compared ? '---:|' : ''}---:|---:|:---:|`,
    ...sizes.map(
      (s) =>
        `| ${s.dataset} | ${s.page} | \`${s.path}\` |${compared ? ` ${s.beforeBytes === undefined ? '—' : `${fmt(s.beforeBytes / 1024, 1)} kB`} |` : ''} ${fmt(s.bytes / 1024, 1)} kB | ${fmt(s.payloadBytes / 1024, 1)} kB | ${s.bytes <= PAGE_SIZE_GOAL_KB * 1024 ? 'yes' : 'no'} |`,
    ),
  ];
  if (notes.length > 0) lines.push('', ...notes);
  lines.push(MARK_SIZES_END);
  return lines;
}
