/**
 * `npx tsx scripts/bench/xlsx-limits.ts [--dir DIR] [--ofunato FILE] [--real-only]`
 *
 * Peak memory of reading hostile workbooks (scripts/hostile-xlsx.ts: 3.2 M cells; one 600 MB
 * shared string) and, for comparison, a real one (大船渡市's report.xlsx when present):
 * - the CLI as `npm run import -- FILE --dry-run` runs it (384 MB heap), peak RSS watched from
 *   outside (a process killed by a V8 out-of-memory cannot report its own), exit code;
 * - the upload page's check (scripts/bench/xlsx-stage.ts: stageUpload with Node's default heap,
 *   like `next start`), peak RSS and what stays taken after a full GC.
 * Prints a Markdown table for docs/benchmarks.md.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { IMPORT_NODE_FLAGS } from '../../db/import/limits';
import { parseCli } from '../cli-args';
import { writeLongStringWorkbook, writeManyCellsWorkbook } from '../hostile-xlsx';
import { watchPeakRss } from '../peak-memory';

const USAGE = 'usage: npx tsx scripts/bench/xlsx-limits.ts [--dir DIR] [--ofunato FILE] [--real-only]';
const { values } = parseCli(USAGE, {
  options: {
    dir: { type: 'string' },
    ofunato: { type: 'string', default: '../shared/realdata/ofunato/report.xlsx' },
    'real-only': { type: 'boolean', default: false },
  },
});
const work = mkdtempSync(join(tmpdir(), 'hyoka-bench-xlsx-'));
const dir = values.dir ?? work;

function run(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; signal: string | null; output: string; seconds: number; peakMb: number | null }> {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const peak = watchPeakRss(child.pid!);
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d));
    child.stderr.on('data', (d: Buffer) => (output += d));
    child.on('exit', (code, signal) => resolve({ code, signal, output, seconds: (performance.now() - started) / 1000, peakMb: peak.stop() }));
  });
}

const mb = (x: number | null) => (x === null ? '—' : `${Math.round(x)} MB`);
/** Each workbook with the profile it is read with. */
const files: [string, string][] = [];
if (!values['real-only']) {
  if (!values.dir) {
    await writeManyCellsWorkbook(join(dir, 'many-cells.xlsx'));
    await writeLongStringWorkbook(join(dir, 'long-string.xlsx'));
  }
  files.push([join(dir, 'many-cells.xlsx'), 'hyoka'], [join(dir, 'long-string.xlsx'), 'hyoka']);
}
if (values.ofunato && existsSync(values.ofunato)) files.push([values.ofunato, 'ofunato']);

console.log('| workbook | size | CLI exit | CLI peak RSS | CLI s | upload check peak RSS | RSS before → after (GC) | check s | message |');
console.log('|---|---|---|---|---|---|---|---|---|');
try {
  let dbs = 0;
  for (const [file, profile] of files) {
    const cli = await run([...IMPORT_NODE_FLAGS, 'scripts/import.ts', file, '--dry-run', '--profile', profile], {
      DATABASE_URL: '',
      HYOKA_PGLITE_DIR: join(work, `pglite-${++dbs}`),
    });
    const stage = await run(['--expose-gc', '--import', 'tsx', 'scripts/bench/xlsx-stage.ts', file, profile], {});
    const staged = (() => {
      try {
        return JSON.parse(stage.output.trim().split('\n').at(-1) ?? '') as { error: string | null; seconds: number; beforeMb: number; afterMb: number };
      } catch {
        return null;
      }
    })();
    const exit = cli.signal ?? (cli.code === 134 ? '134 (V8 out of memory)' : String(cli.code));
    const message = staged?.error ?? (stage.code !== 0 ? `check died (exit ${stage.signal ?? stage.code})` : `ok (profile ${profile})`);
    console.log(
      `| ${basename(file)} | ${(statSync(file).size / 1024 / 1024).toFixed(2)} MB | ${exit} | ${mb(cli.peakMb)} | ${cli.seconds.toFixed(1)} | ${mb(stage.peakMb)} | ` +
        `${staged ? `${mb(staged.beforeMb)} → ${mb(staged.afterMb)}` : '—'} | ${staged ? staged.seconds.toFixed(1) : '—'} | ${message.slice(0, 90)} |`,
    );
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
