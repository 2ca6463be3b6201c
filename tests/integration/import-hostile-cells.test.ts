/**
 * Cells a hostile or careless file brings, on both drivers, read from memory (the web upload)
 * and streamed from disk (the CLI): an over-long or malformed 市区町村コード is a row error with
 * file, line and column in Japanese and English (and creates no municipality); a text cell with
 * semicolons does not make a comma-separated file `;`-separated; and an import cleans up the
 * temporary copies that killed imports left behind.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type DbHandle } from '../../db/client';
import { importFile, type ImportOutcome } from '../../db/import/load';
import type { ImportSource } from '../../db/import/csv-stream';
import { DRIVERS, freshDatabase } from '../support/databases';

const HEADER = '市区町村コード,市区町村名,年度,事業番号,事業名,事業費合計,一般財源,事業内容';
const row = (code: string, content = '見守りを行う') => `${code},見本市,令和4年度,0086,見守り事業,1000,1000,${content}`;
const TODAY = new Date('2025-06-01T00:00:00Z');

/** Deterministic "random" digits (a linear congruential generator). */
function digits(n: number, seed = 7): string {
  let x = seed;
  let s = '';
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    s += String(x % 10);
  }
  return s;
}

const work = mkdtempSync(join(tmpdir(), 'hyoka-hostile-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.each(DRIVERS)('hostile cells on %s', (driver) => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await freshDatabase(driver);
  });
  afterAll(() => handle?.close());

  const municipalities = async () => (await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n from municipalities`))[0]!.n;

  async function load(fileName: string, text: string, from: 'memory' | 'disk'): Promise<ImportOutcome> {
    let source: ImportSource = new TextEncoder().encode(text);
    if (from === 'disk') {
      const path = join(work, `${driver}-${fileName}`);
      writeFileSync(path, text);
      source = { path };
    }
    return importFile(handle.db, source, { fileName, today: TODAY });
  }

  describe.each(['memory', 'disk'] as const)('from %s', (from) => {
    it.each([
      ['10,000 digits', '1'.repeat(10_000), `${'1'.repeat(20)}…（10,000文字 / 10,000 chars）`],
      ['8,000 random digits', digits(8000), `${digits(8000).slice(0, 20)}…（8,000文字 / 8,000 chars）`],
      ['7 digits', '1234567', '1234567'],
      ['4 digits', '0199', '0199'],
      ['letters', 'ABCDEF', 'ABCDEF'],
    ])('a municipality code of %s is a row error, and no municipality is created', async (_label, code, quoted) => {
      const before = await municipalities();
      const outcome = await load('bad-code.csv', `${HEADER}\n${row(code)}\n`, from);
      expect(outcome.ok).toBe(false);
      expect(outcome.errors.map((p) => [p.file, p.line, p.column, p.value, p.message.ja, p.message.en])).toEqual([
        [
          'bad-code.csv',
          2,
          '市区町村コード',
          quoted,
          `市区町村コード「${quoted}」は5桁または6桁の数字（全国地方公共団体コード）ではありません。正しいコードに直してください`,
          `The municipality code "${quoted}" is not 5 or 6 digits (a local government code, JIS X 0401/0402). Correct the code`,
        ],
      ]);
      expect(await municipalities()).toBe(before);
    });

    it.each([
      ['a;b;c', 'a;b;c'],
      ['a;b;c;d', 'a;b;c;d'],
      ['a;b;c;d;e;f;g', 'a;b;c;d;e;f;g'],
      ['"a;b|c\tfoo"', 'a;b|c\tfoo'],
    ])('a 2-row comma file with %s in a text cell is read with commas', async (cell, stored) => {
      const outcome = await load('semicolons.csv', `${HEADER}\n${row('019999', cell)}\n`, from);
      expect(outcome.errors).toEqual([]);
      expect(outcome.ok).toBe(true);
      const [project] = await queryRows<{ content: string }>(
        handle.db,
        sql`select p.content from projects p join municipalities m on m.id = p.municipality_id where m.code = '019999' and p.code = '0086'`,
      );
      expect(project!.content).toBe(stored);
    });

    it('a file whose header row is `;`-separated is still read with semicolons', async () => {
      const text = `${HEADER.replaceAll(',', ';')}\n${row('019999', '訪問;電話').replaceAll(',', ';').replace('訪問;電話', '"訪問;電話"')}\n`;
      const outcome = await load('semicolon-file.csv', text, from);
      expect(outcome.errors).toEqual([]);
      expect(outcome.ok).toBe(true);
    });
  });
});

describe('temporary copies of killed imports', () => {
  let handle: DbHandle;
  const tmp = join(work, 'tmp');
  const originalTmp = process.env.TMPDIR;
  beforeAll(async () => {
    handle = await freshDatabase('pglite');
    mkdirSync(tmp, { recursive: true });
    process.env.TMPDIR = tmp;
  });
  afterAll(async () => {
    if (originalTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = originalTmp;
    await handle?.close();
  });

  it('the next import from disk removes the copies of dead processes and keeps those of running ones', async () => {
    const dead = spawnSync(process.execPath, ['-e', '']).pid!;
    const leftover = join(tmp, `hyoka-import-${dead}-AbC123`);
    const running = join(tmp, `hyoka-import-${process.pid}-XyZ789`);
    for (const dir of [leftover, running]) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'original.gz'), 'partial');
    }
    const path = join(work, 'cleanup.csv');
    writeFileSync(path, `${HEADER}\n${row('019999')}\n`);
    const outcome = await importFile(handle.db, { path }, { fileName: 'cleanup.csv', today: TODAY });
    expect(outcome.ok).toBe(true);
    expect(existsSync(leftover)).toBe(false);
    expect(existsSync(running)).toBe(true);
  });
});
