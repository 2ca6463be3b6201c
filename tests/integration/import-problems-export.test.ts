/**
 * An import's problems exported (db/queries/imports.ts getBatchProblems → db/export/import-problems.ts),
 * on both drivers: a rejected upload's errors and a committed batch's warnings as CSV rows, and the
 * .xlsx of the same rows read back with exceljs. The files below are checked by hand:
 *
 *   broken.csv (rejected)
 *     line 2  R1 ok
 *     line 3  R2 事業名 empty, 事業費合計 「=1+2」 → 2 errors (the value a formula, neutralised)
 *     line 4  R3 年度 令和99年度                 → 1 error
 *   noted.csv (committed)
 *     line 1  a column 備考 Hyoka does not read → 1 warning, on the header's line
 */
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../db/client';
import { IMPORT_PROBLEM_COLUMNS, importProblemsCsv } from '../../db/export/import-problems';
import { NUMBER_FORMATS } from '../../db/export/columns';
import { xlsxStream } from '../../db/export/xlsx';
import { importFile, loadCsvFile } from '../../db/import/load';
import { recordRejectedUpload } from '../../db/import/rejected';
import { getBatchProblems } from '../../db/queries/imports';
import { DRIVERS, freshDatabase } from '../support/databases';

const encode = (lines: string[]) => new TextEncoder().encode(lines.join('\n'));

const BROKEN = encode([
  '市区町村コード,市区町村名,年度,事業番号,事業名,事業費合計',
  '777777,検査町,令和5年度,R1,道路維持事業,100',
  '777777,検査町,令和5年度,R2,,=1+2',
  '777777,検査町,令和99年度,R3,公園管理事業,50',
]);
const NOTED = encode(['市区町村コード,市区町村名,年度,事業番号,事業名,事業費合計,一般財源,備考', '777777,検査町,令和5年度,R1,道路維持事業,100,100,']);

const HEADER = ['種別', 'ファイル', '行', '列', '値', '内容', '内容（英語）'];

function csvRows(problems: Parameters<typeof importProblemsCsv>[0]): string[][] {
  return Papa.parse<string[]>(importProblemsCsv(problems), { skipEmptyLines: true }).data;
}

async function workbook(problems: Parameters<typeof importProblemsCsv>[0]): Promise<ExcelJS.Workbook> {
  const stream = xlsxStream({ sheetName: '問題一覧', columns: IMPORT_PROBLEM_COLUMNS, rows: problems, conditions: [['取込番号', '1']] });
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(await new Response(stream).arrayBuffer());
  return book;
}

describe.each(DRIVERS)('an import’s problems exported on %s', (driver) => {
  let handle: DbHandle;
  let rejected: number;
  let committed: number;

  beforeAll(async () => {
    handle = await freshDatabase(driver);
    const outcome = await importFile(handle.db, BROKEN, { fileName: 'broken.csv', dryRun: true });
    expect(outcome.ok).toBe(false);
    rejected = await recordRejectedUpload(handle.db, BROKEN, outcome, { createdBy: 'erin' });
    committed = (await loadCsvFile(handle.db, NOTED, { fileName: 'noted.csv', createdBy: 'erin' })).batchId;
  });
  afterAll(() => handle?.close());

  it('lists a rejected upload’s errors: where, the value (a formula neutralised) and why in both languages', async () => {
    const batch = await getBatchProblems(handle.db, rejected);
    expect(batch).toMatchObject({ id: rejected, fileName: 'broken.csv', status: 'failed', errorCount: 3, warningCount: 0 });
    const rows = csvRows(batch!.problems);
    expect(rows[0]).toEqual(HEADER);
    expect(rows.slice(1).map((r) => r.slice(0, 5))).toEqual([
      ['エラー', 'broken.csv', '3', '事業名', ''],
      ['エラー', 'broken.csv', '3', '事業費合計', "'=1+2"],
      ['エラー', 'broken.csv', '4', '年度', '令和99年度'],
    ]);
    for (const r of rows.slice(1)) {
      expect(r[5]).toMatch(/[ぁ-んァ-ン一-龠]/);
      expect(r[6]).toMatch(/^[\x20-\x7e\u3000-\u9fff\u2013]+$/);
      expect(r[6]).not.toBe(r[5]);
    }
  });

  it('lists a committed batch’s warnings', async () => {
    const batch = await getBatchProblems(handle.db, committed);
    expect(batch).toMatchObject({ id: committed, fileName: 'noted.csv', status: 'committed', errorCount: 0, warningCount: 1 });
    const rows = csvRows(batch!.problems);
    expect(rows.slice(1).map((r) => [r[0], r[1], r[2], r[3]])).toEqual([['注意', 'noted.csv', '1', '備考']]);
    expect(rows[1]![5]).toContain('備考');
  });

  it('has no export for a batch that does not exist', async () => {
    await expect(getBatchProblems(handle.db, 999_999_999)).resolves.toBeNull();
  });

  it('writes the .xlsx with exactly the CSV’s rows, line numbers as formatted integers', async () => {
    for (const id of [rejected, committed]) {
      const { problems } = (await getBatchProblems(handle.db, id))!;
      const records = csvRows(problems);
      const [sheet, conditions] = (await workbook(problems)).worksheets;
      expect(sheet!.name).toBe('問題一覧');
      expect(sheet!.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(sheet!.autoFilter).toBeTruthy();
      expect(sheet!.rowCount).toBe(records.length);
      let lines = 0;
      records.forEach((record, r) => {
        const row = sheet!.getRow(r + 1);
        expect(row.cellCount).toBeLessThanOrEqual(HEADER.length);
        record.forEach((text, c) => {
          const cell = row.getCell(c + 1);
          const where = `${HEADER[c]} row ${r + 1} of batch ${id}`;
          if (text === '') expect(cell.value, where).toBeNull();
          else if (r > 0 && HEADER[c] === '行') {
            lines++;
            expect(cell.value, where).toBe(Number(text));
            expect(Number.isInteger(cell.value), where).toBe(true);
            expect(cell.numFmt, where).toBe(NUMBER_FORMATS.integer);
          } else expect(cell.value, where).toBe(text);
        });
      });
      expect(lines).toBe(id === rejected ? 3 : 1);
      expect(conditions!.getRow(2).values).toEqual([undefined, '取込番号', '1']);
    }
  });
});
