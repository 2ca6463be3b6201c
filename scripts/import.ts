/**
 * `npm run import -- FILE.csv [FILE.csv …] [--municipality CODE[:NAME]] [--mapping MAP.json] [--dry-run] [--bulk] [--all-warnings]`
 *
 * Loads evaluation-sheet CSV exports into the configured database (DATABASE_URL, or the embedded
 * PGlite). Each file is all-or-nothing; on errors every problem is listed with file, line and
 * column, in Japanese and English, nothing is written, and the exit code is 1.
 * --dry-run checks and counts (inserted / updated / unchanged) without writing. Many warnings are
 * summed up by column with examples (--all-warnings lists every one).
 * docs/import.md describes the format, the header aliases and mapping files.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { parseCli } from './cli-args';
import { peakRssMb } from './peak-memory';
import { openDatabase } from '../db/client';
import { checkFileSize } from '../db/import/file-check';
import { mappingFileSchema, type MappingFile } from '../db/import/headers';
import { importFile } from '../db/import/load';
import { formatProblem, warningLines } from '../db/import/problems';
import { DatabaseInUse } from '../db/pglite-lock';
import { PROFILES, findProfile, parseProfile } from '../db/import/profiles';
import type { ImportProfile } from '../db/import/profiles/schema';
import { POPULATION_PROFILE, POPULATION_PROFILE_LABEL } from '../db/import/population/load';
import { parseFiscalYear } from '../db/domain/fiscal-year';

const USAGE =
  '使い方 / usage: npm run import -- FILE.csv|FILE.xlsx [FILE …] [--profile NAME|PROFILE.json] [--sheet NAME] [--municipality CODE[:NAME]] [--mapping MAP.json] [--dry-run] [--bulk] [--all-warnings]\n' +
  `  profiles: ${PROFILES.map((p) => `${p.name} (${p.label.ja})`).join(', ')}, ${POPULATION_PROFILE} (${POPULATION_PROFILE_LABEL.ja})\n` +
  '  --profile population [--fiscal-year YEAR]: 人口のCSV／Excel（年の列がなければ年度を指定） / a population table (give the fiscal year when it has no year column)';

const args = parseCli(USAGE, {
  allowPositionals: true,
  options: {
    municipality: { type: 'string' },
    mapping: { type: 'string' },
    profile: { type: 'string' },
    sheet: { type: 'string' },
    'fiscal-year': { type: 'string' },
    'dry-run': { type: 'boolean', default: false },
    'all-warnings': { type: 'boolean', default: false },
    // Loading a prefecture: foreign keys checked once at the end (the dashboard waits meanwhile).
    bulk: { type: 'boolean', default: false },
    // For `npm run bench`: a last line of JSON with rows, seconds and the peak memory.
    json: { type: 'boolean', default: false },
  },
});
if (args.positionals.length === 0) {
  console.error(USAGE);
  process.exit(2);
}

let mapping: MappingFile | undefined;
if (args.values.mapping) {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(args.values.mapping, 'utf8'));
  } catch (error) {
    console.error(`${args.values.mapping}: 対応表を読めません / cannot read the mapping file: ${(error as Error).message}`);
    process.exit(2);
  }
  const parsed = mappingFileSchema.safeParse(json);
  if (!parsed.success) {
    console.error(`${args.values.mapping}: 対応表の形式が正しくありません / the mapping file is not valid: ${parsed.error.message}`);
    console.error('例 / e.g. { "columns": { "事業費（決算）": "事業費合計", "備考": null } }');
    process.exit(2);
  }
  mapping = parsed.data;
}
let profile: ImportProfile | string | undefined;
if (args.values.profile === POPULATION_PROFILE) {
  profile = POPULATION_PROFILE;
} else if (args.values.profile) {
  const name = args.values.profile;
  if (name.endsWith('.json')) {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(name, 'utf8'));
    } catch (error) {
      console.error(`${name}: プロファイルを読めません / cannot read the profile: ${(error as Error).message}`);
      process.exit(2);
    }
    const parsed = parseProfile(json);
    if (!parsed.ok) {
      console.error(`${name}: プロファイルの形式が正しくありません / the profile is not valid: ${parsed.error}`);
      process.exit(2);
    }
    profile = parsed.profile;
  } else {
    profile = findProfile(name);
    if (!profile) {
      console.error(`プロファイル「${name}」はありません / no such profile: ${name}\n${USAGE}`);
      process.exit(2);
    }
  }
}
let fiscalYear: number | undefined;
if (args.values['fiscal-year'] !== undefined) {
  const parsed = parseFiscalYear(args.values['fiscal-year']);
  if (!parsed.ok || parsed.value === null) {
    console.error(`--fiscal-year: ${parsed.ok ? '年度がありません / no year' : `${parsed.error.ja} / ${parsed.error.en}`}`);
    process.exit(2);
  }
  fiscalYear = parsed.value;
}
const [code, ...nameParts] = (args.values.municipality ?? '').split(':');
const municipality = code ? { code, name: nameParts.join(':') || undefined } : undefined;
const dryRun = args.values['dry-run'];
const unreadable = args.positionals.filter((file) => !existsSync(file));
if (unreadable.length > 0) {
  console.error(`ファイルがありません / no such file: ${unreadable.join(', ')}`);
  process.exit(2);
}

/** A one-line progress bar on a terminal; silent when output goes to a file or CI log. */
function progressBar(label: string) {
  const started = performance.now();
  let last = 0;
  return (rows: number, fraction: number) => {
    if (!process.stderr.isTTY) return;
    const now = performance.now();
    if (fraction < 1 && now - last < 100) return;
    last = now;
    const width = 30;
    const filled = Math.round(Math.min(1, fraction) * width);
    const rate = Math.round(rows / Math.max((now - started) / 1000, 0.001));
    process.stderr.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${Math.round(fraction * 100)}% ${rows}行 ${rate} rows/s`);
    if (fraction >= 1) process.stderr.write('\n');
  };
}

// An oversize file is refused before it is read (the importer would refuse it too). `--bulk`
// (loading a prefecture) lifts the limit: a plain CSV streams through in constant memory.
const tooLarge = args.values.bulk ? [] : args.positionals.map((file) => checkFileSize(basename(file), statSync(file).size)).filter((p) => p !== null);
if (tooLarge.length > 0) {
  for (const p of tooLarge) console.error(`${formatProblem(p, 'ja')}\n  ${formatProblem(p, 'en')}`);
  console.error('取り込みを中止しました。何も書き込まれていません / import rejected, nothing was written');
  process.exit(1);
}

const handle = await openDatabase().catch((error: unknown) => {
  // Another process (the app) has the embedded database open: say so plainly, no stack trace.
  if (error instanceof DatabaseInUse) {
    console.error(error.message);
    process.exit(2);
  }
  throw error;
});
let failed = false;
let totalRows = 0;
const allStarted = performance.now();
try {
  for (const file of args.positionals) {
    const started = performance.now();
    // Streamed from disk: memory stays flat however large the file.
    const outcome = await importFile(
      handle.db,
      { path: file },
      {
        fileName: basename(file),
        createdBy: process.env.USER ?? 'cli',
        mapping,
        municipality,
        profile,
        sheet: args.values.sheet,
        fiscalYear,
        dryRun,
        bulk: args.values.bulk,
        onProgress: progressBar(basename(file)),
      },
    );
    const seconds = (performance.now() - started) / 1000;
    const lines = warningLines(outcome.warnings, { all: args.values['all-warnings'], batchId: dryRun ? null : outcome.result?.batchId });
    if (lines.length > 0) console.log(lines.join('\n'));
    if (!outcome.ok || !outcome.result) {
      failed = true;
      console.error(`${file}: 取り込みを中止しました。何も書き込まれていません / import rejected, nothing was written (${outcome.errors.length} errors):`);
      for (const p of outcome.errors) {
        console.error(`  ${formatProblem(p, 'ja')}${p.value !== null ? `（値: ${p.value}）` : ''}\n    ${formatProblem(p, 'en')}`);
      }
      continue;
    }
    const r = outcome.result;
    totalRows += r.rows;
    if (dryRun && outcome.columns && outcome.columns.keeps.length > 0) {
      // A file owns the columns it maps: say what it will set and what it leaves as stored.
      console.log(`  書き換える項目 / sets: ${outcome.columns.sets.join('・') || '—'}`);
      console.log(`  そのまま残す項目 / leaves as stored: ${outcome.columns.keeps.join('・')}`);
    }
    if (dryRun) {
      console.log(`  プロファイル / profile: ${outcome.profile} — 先頭の行 / first rows as read:`);
      for (const p of outcome.preview) {
        const where = [p.department, p.section].filter(Boolean).join(' ');
        console.log(
          `  行 ${p.line} ${p.fiscalYear}年度 ${p.projectCode} ${p.projectName}${where ? `（${where}）` : ''}: ` +
            `事業費 ${p.projectCost ?? '—'} 人件費 ${p.staffCost ?? '—'} トータルコスト ${p.totalCost ?? '—'} 千円; ` +
            `評価 ${p.ratings.length ? p.ratings.join('・') : '—'}; 指標 ${p.indicators}`,
        );
      }
    }
    const verb = dryRun ? '確認しました（書き込みなし） / dry run, nothing written' : `取り込みました — batch #${r.batchId}`;
    console.log(
      `${file}: ${r.rows}行 ${verb}: 新規 ${r.inserted}, 更新 ${r.updated}, 変更なし ${r.unchanged} ` +
        `(inserted/updated/unchanged; ${outcome.encoding}; ${seconds.toFixed(1)} s, ${Math.round(r.rows / seconds)} rows/s)`,
    );
  }
} finally {
  await handle.close();
}
const exitCode = failed ? 1 : 0;
if (args.values.json) {
  const seconds = (performance.now() - allStarted) / 1000;
  // Exit only once the line is out: a process.exit() right after a write to a pipe can drop it.
  process.stdout.write(JSON.stringify({ rows: totalRows, seconds, maxRssMb: peakRssMb() }) + '\n', () => process.exit(exitCode));
} else {
  process.exit(exitCode);
}
