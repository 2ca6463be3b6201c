/**
 * Hostile workbooks against the reader's limits (db/import/limits.ts XLSX_LIMITS), generated
 * here into a temporary directory (scripts/hostile-xlsx.ts; never committed): a sheet of 3.2 M
 * cells (≈9 MB) and a ≈585 kB workbook whose shared strings hold one 600 MB string. Each must
 * be refused with one error naming the file, the sheet and the limit — by the import CLI run as
 * `npm run import` runs it (a 384 MB heap: exit 1 and the message, not a V8 out-of-memory), and
 * by the upload page's check (stageUpload, the server action's code path), on both drivers.
 * Peak memory is measured by scripts/bench/xlsx-limits.ts, not here.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type DbHandle, type DriverName } from '../../db/client';
import { IMPORT_NODE_FLAGS } from '../../db/import/limits';
import { stageUpload } from '../../db/import/pending';
import { writeLongStringWorkbook, writeManyCellsWorkbook } from '../../scripts/hostile-xlsx';
import { DRIVERS, freshDatabase, freshPostgresUrl } from '../support/databases';

const work = mkdtempSync(join(tmpdir(), 'hyoka-xlsx-limits-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const FILES = {
  'many-cells.xlsx': {
    write: (path: string) => writeManyCellsWorkbook(path),
    ja: 'many-cells.xlsx: シート「Sheet1」: 値のあるセルが上限の1,000,000個を超えています。ブックを分けるか、取り込むシートを「CSV UTF-8（コンマ区切り）」で保存して取り込んでください。何も書き込まれていません',
    en: 'many-cells.xlsx: sheet "Sheet1": more than 1,000,000 cells hold a value (the limit); split the workbook, or save the sheet to import as "CSV UTF-8 (Comma delimited)" and import that. Nothing was written',
  },
  'long-string.xlsx': {
    write: (path: string) => writeLongStringWorkbook(path),
    ja: 'long-string.xlsx: シート「Sheet1」: 「aaaaaaaaaaaaaaaaaaaa…」で始まる文字列が上限の32,767文字（Excelのセルに入る最大の長さ）を超えています。Excelで作られたブックではないか、壊れています。Excelで開いて保存し直すか、CSVで保存して取り込んでください。何も書き込まれていません',
    en: 'long-string.xlsx: sheet "Sheet1": a text starting "aaaaaaaaaaaaaaaaaaaa…" is longer than 32,767 characters (the most an Excel cell holds): the workbook was not written by Excel or is damaged; open it in Excel and save it again, or save it as CSV and import that. Nothing was written',
  },
} as const;
const NAMES = Object.keys(FILES) as (keyof typeof FILES)[];

beforeAll(async () => {
  for (const name of NAMES) await FILES[name].write(join(work, name));
}, 180_000);

let dirs = 0;
async function cliEnv(driver: DriverName): Promise<Record<string, string>> {
  if (driver === 'pglite') return { DATABASE_URL: '', HYOKA_PGLITE_DIR: join(work, `pglite-${++dirs}`) };
  return { DATABASE_URL: await freshPostgresUrl() };
}

/** The import CLI with the flags of `npm run import` (its 384 MB heap). */
function runImport(file: string, env: Record<string, string>): Promise<{ code: number | null; signal: string | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...IMPORT_NODE_FLAGS, 'scripts/import.ts', file], {
      env: { ...process.env, USER: 'xlsx-test', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d));
    child.stderr.on('data', (d: Buffer) => (output += d));
    child.on('exit', (code, signal) => resolve({ code, signal, output }));
  });
}

describe.each(DRIVERS)('hostile workbooks on %s', (driver) => {
  it.each(NAMES)('the CLI refuses %s with the limit and what to do, exit code 1', { timeout: 180_000 }, async (name) => {
    const run = await runImport(join(work, name), await cliEnv(driver));
    expect(run.output).toContain(FILES[name].ja);
    expect(run.output).toContain(FILES[name].en);
    expect(run.output).toContain('取り込みを中止しました。何も書き込まれていません / import rejected, nothing was written (1 errors)');
    expect({ code: run.code, signal: run.signal }).toEqual({ code: 1, signal: null });
  });

  describe('the upload check (stageUpload)', () => {
    let handle: DbHandle;
    beforeAll(async () => {
      handle = await freshDatabase(driver);
    });
    afterAll(async () => handle?.close());

    it.each(NAMES)('refuses %s with one error, nothing staged', { timeout: 180_000 }, async (name) => {
      const bytes = new Uint8Array(readFileSync(join(work, name)));
      const staged = await stageUpload(handle.db, bytes, { fileName: name, createdBy: 'xlsx-test' });
      expect(staged.pendingId).toBeNull();
      expect(staged.outcome.ok).toBe(false);
      expect(staged.outcome.errors).toEqual([
        {
          severity: 'error',
          file: name,
          line: null,
          column: null,
          value: null,
          message: { ja: FILES[name].ja.slice(name.length + 2), en: FILES[name].en.slice(name.length + 2) },
        },
      ]);
      const [batches] = await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n from import_batches`);
      expect(batches!.n).toBe(0);
    });
  });
});
