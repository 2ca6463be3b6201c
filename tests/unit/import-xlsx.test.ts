/**
 * The workbook reader (db/import/read-xlsx.ts) on workbooks built here with exceljs — merged
 * headers, a header row below a filler row, line breaks, furigana runs (<rPh>, added to the
 * XML by hand since exceljs cannot write them), zero-padded text IDs — and the profile
 * machinery (db/import/apply-profile.ts) on small grids.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { applyProfile, ratingGradeColumn } from '../../db/import/apply-profile';
import { columnIndex, columnLetter, type Grid } from '../../db/import/grid';
import { formatProblem, type Problem } from '../../db/import/problems';
import { PROFILES, parseProfile } from '../../db/import/profiles';
import { profileSchema, type ProfileInput } from '../../db/import/profiles/schema';
import { cellText, isXlsx, readXlsx } from '../../db/import/read-xlsx';
import { XLSX_LIMITS, type XlsxLimits } from '../../db/import/limits';
import { writeManyCellsWorkbook } from '../../scripts/hostile-xlsx';

async function workbook(build: (wb: ExcelJS.Workbook) => void, patchSharedStrings?: (xml: string) => string): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  const bytes = new Uint8Array(await wb.xlsx.writeBuffer({ useSharedStrings: true } as ExcelJS.XlsxWriteOptions));
  if (!patchSharedStrings) return bytes;
  const zip = await JSZip.loadAsync(bytes);
  const path = 'xl/sharedStrings.xml';
  zip.file(path, patchSharedStrings(await zip.file(path)!.async('string')));
  return zip.generateAsync({ type: 'uint8array' });
}

const grid = (result: Grid | Problem): Grid => {
  if ('severity' in result) throw new Error(result.message.en);
  return result;
};

describe('column letters', () => {
  it.each([
    [0, 'A'],
    [25, 'Z'],
    [26, 'AA'],
    [27, 'AB'],
    [51, 'AZ'],
    [52, 'BA'],
    [209, 'HB'],
    [701, 'ZZ'],
    [702, 'AAA'],
  ])('%i ⇄ %s', (index, letters) => {
    expect(columnLetter(index)).toBe(letters);
    expect(columnIndex(letters)).toBe(index);
  });
  it.each(['', 'a', 'A1', 'ABCD'])('%j is not a column', (s) => expect(columnIndex(s)).toBeNull());
});

describe('cellText', () => {
  it.each<[ExcelJS.CellValue, string]>([
    [null, ''],
    ['0086', '0086'],
    [3089, '3089'],
    [0.1 + 0.2, '0.3'],
    [4811.12, '4811.12'],
    [true, 'TRUE'],
    [new Date(Date.UTC(2025, 8, 25)), '2025-09-25'],
    [{ richText: [{ text: '市民生活部' }, { text: '市民環境課' }] }, '市民生活部市民環境課'],
    [{ formula: 'A1+B1', result: 4209 } as ExcelJS.CellValue, '4209'],
    [{ sharedFormula: 'B3', result: '' } as ExcelJS.CellValue, ''],
    [{ text: 'サイト', hyperlink: 'https://example.jp' }, 'サイト'],
    [{ error: '#DIV/0!' } as ExcelJS.CellValue, '#DIV/0!'],
  ])('%j → %j', (value, text) => expect(cellText(value)).toBe(text));
});

describe('readXlsx', () => {
  it('reads the first sheet as the user sees it: merged headers, line breaks, text IDs, formulas', async () => {
    const bytes = await workbook((wb) => {
      const ws = wb.addWorksheet('集計');
      ws.getCell('A1').value = '調整用';
      ws.getCell('A2').value = '事務事業ID';
      ws.getCell('B2').value = '作成\n年';
      ws.getCell('C2').value = 'トータルコスト';
      ws.mergeCells('C2:D2');
      ws.getCell('A3').value = '0086';
      ws.getCell('B3').value = 7;
      ws.getCell('C3').value = { formula: '1+1', result: 2 } as ExcelJS.CellValue;
      ws.getCell('D3').value = 4209;
      ws.getCell('A5').value = '0581';
      ws.getCell('B9').value = { formula: 'IF(1=1,"",1)', result: '' } as ExcelJS.CellValue;
      wb.addWorksheet('別シート').getCell('A1').value = 'x';
    });
    expect(isXlsx(bytes)).toBe(true);
    const g = grid(await readXlsx('a.xlsx', bytes));
    expect(g.sheetName).toBe('集計');
    expect(g.rows).toEqual([
      { line: 1, cells: ['調整用', '', '', ''] },
      { line: 2, cells: ['事務事業ID', '作成\n年', 'トータルコスト', 'トータルコスト'] },
      { line: 3, cells: ['0086', '7', '2', '4209'] },
      { line: 5, cells: ['0581', '', '', ''] },
    ]);
  });

  it('leaves furigana runs out of the text, in plain and rich strings', async () => {
    const bytes = await workbook(
      (wb) => {
        const ws = wb.addWorksheet('S');
        ws.getCell('A1').value = '事業名';
        ws.getCell('B1').value = { richText: [{ text: '部' }, { text: '課名', font: { bold: true } }] };
      },
      (xml) =>
        xml
          .replace('<si><t>事業名</t></si>', '<si><t>事業名</t><rPh sb="0" eb="2"><t>ジギョウ</t></rPh><phoneticPr fontId="1"/></si>')
          .replace(/(<si><r>.*?<\/r><r>.*?<\/r>)(<\/si>)/, '$1<rPh sb="0" eb="1"><t>ブ</t></rPh><rPh sb="1" eb="2"><t>カ</t></rPh>$2'),
    );
    const g = grid(await readXlsx('a.xlsx', bytes));
    expect(g.rows[0]!.cells).toEqual(['事業名', '部課名']);
  });

  it('reads a named sheet, and names the sheets when the one asked for is missing', async () => {
    const bytes = await workbook((wb) => {
      wb.addWorksheet('表紙').getCell('A1').value = 'title';
      wb.addWorksheet('データ').getCell('A1').value = 'data';
    });
    expect(grid(await readXlsx('a.xlsx', bytes, { sheet: 'データ' })).rows).toEqual([{ line: 1, cells: ['data'] }]);
    const missing = await readXlsx('a.xlsx', bytes, { sheet: '一覧' });
    expect('severity' in missing && missing.message).toEqual({
      ja: 'シート「一覧」がありません（このブックのシート: 表紙、データ）',
      en: 'There is no sheet "一覧" (sheets in this workbook: 表紙, データ)',
    });
  });

  it('refuses bytes that are no workbook with one clear error', async () => {
    const broken = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5]);
    const result = await readXlsx('b.xlsx', broken);
    expect('severity' in result && result.severity).toBe('error');
    expect('severity' in result && result.message.ja).toMatch(/^Excelファイル（\.xlsx）として読めません/);
    expect(isXlsx(new TextEncoder().encode('年度,事業番号'))).toBe(false);
  });
});

describe('readXlsx: values as Excel shows them', () => {
  it('reads dates, booleans, errors, inline strings and escaped characters', async () => {
    const bytes = await workbook((wb) => {
      const ws = wb.addWorksheet('S');
      ws.getCell('A1').value = new Date(Date.UTC(2025, 8, 25));
      ws.getCell('B1').value = true;
      ws.getCell('C1').value = { error: '#N/A' } as ExcelJS.CellValue;
      ws.getCell('D1').value = { formula: 'A1+1', result: new Date(Date.UTC(2025, 8, 26)) } as ExcelJS.CellValue;
      ws.getCell('E1').value = 45925;
      ws.getCell('F1').value = 'a_x000D_b';
    });
    const g = grid(await readXlsx('a.xlsx', bytes));
    expect(g.rows).toEqual([{ line: 1, cells: ['2025-09-25', 'TRUE', '#N/A', '2025-09-26', '45925', 'a\rb'] }]);
  });
});

describe('readXlsx: limits, checked while the workbook is read', () => {
  const small: XlsxLimits = { cells: 6, rows: 3, columns: 4, stringChars: 10, textChars: 40, partBytes: 4096 };
  const sheetOf = (cells: Record<string, ExcelJS.CellValue>, merges: string[] = []) =>
    workbook((wb) => {
      const ws = wb.addWorksheet('一覧');
      for (const [ref, value] of Object.entries(cells)) ws.getCell(ref).value = value;
      for (const m of merges) ws.mergeCells(m);
    });
  const refused = async (bytes: Uint8Array, limits: XlsxLimits = small) => {
    const result = await readXlsx('big.xlsx', bytes, { limits });
    if (!('severity' in result)) throw new Error(`read ${result.rows.length} rows`);
    expect(result).toMatchObject({ severity: 'error', file: 'big.xlsx', line: null, column: null });
    return result.message;
  };
  const split = {
    ja: 'ブックを分けるか、取り込むシートを「CSV UTF-8（コンマ区切り）」で保存して取り込んでください。何も書き込まれていません',
    en: 'split the workbook, or save the sheet to import as "CSV UTF-8 (Comma delimited)" and import that. Nothing was written',
  };

  it('reads a sheet exactly at every limit', async () => {
    const bytes = await sheetOf({ A1: '1234567890', D1: 'x', A2: 1, B2: 2, A3: 3, B3: 'y' });
    expect(grid(await readXlsx('ok.xlsx', bytes, { limits: small })).rows).toHaveLength(3);
  });

  it.each<[string, () => Promise<Uint8Array>, Partial<XlsxLimits>, { ja: string; en: string }]>([
    [
      'more cells than the limit',
      () => sheetOf({ A1: 1, B1: 2, C1: 3, A2: 4, B2: 5, C2: 6, A3: 7 }),
      {},
      { ja: `シート「一覧」: 値のあるセルが上限の6個を超えています。${split.ja}`, en: `sheet "一覧": more than 6 cells hold a value (the limit); ${split.en}` },
    ],
    [
      'a merged range that would fill more cells than the limit',
      () => sheetOf({ A1: '見出し' }, ['A1:C3']),
      {},
      { ja: `シート「一覧」: 値のあるセルが上限の6個を超えています。${split.ja}`, en: `sheet "一覧": more than 6 cells hold a value (the limit); ${split.en}` },
    ],
    [
      'more rows than the limit',
      () => sheetOf({ A1: 1, A2: 2, A3: 3, A9: 4 }),
      {},
      { ja: `シート「一覧」: 値のある行が上限の3行を超えています。${split.ja}`, en: `sheet "一覧": more than 3 rows hold a value (the limit); ${split.en}` },
    ],
    [
      'a value past the last column',
      () => sheetOf({ A1: 1, E2: 2 }),
      {},
      {
        ja: 'シート「一覧」: 2行目の5列目に値があり、列数の上限（4列）を超えています。不要な列を削除してから保存し直してください。何も書き込まれていません',
        en: 'sheet "一覧": row 2 has a value in column 5, past the limit of 4 columns; delete the columns that are not needed and save again. Nothing was written',
      },
    ],
    [
      'a shared string longer than any Excel cell',
      () => sheetOf({ A1: 'あいうえおかきくけこさ' }),
      {},
      {
        ja: 'シート「一覧」: 「あいうえおかきくけこさ…」で始まる文字列が上限の10文字（Excelのセルに入る最大の長さ）を超えています。Excelで作られたブックではないか、壊れています。Excelで開いて保存し直すか、CSVで保存して取り込んでください。何も書き込まれていません',
        en: 'sheet "一覧": a text starting "あいうえおかきくけこさ…" is longer than 10 characters (the most an Excel cell holds): the workbook was not written by Excel or is damaged; open it in Excel and save it again, or save it as CSV and import that. Nothing was written',
      },
    ],
    [
      'more text in all than the limit',
      () => sheetOf({ A1: 'abcdefghij', A2: 'bcdefghijk', A3: 'cdefghijkl', B1: 'defghijklm', B2: 'efghijklmn' }),
      {},
      {
        ja: `シート「一覧」: ブックの文字数の合計が上限の40文字を超えています。${split.ja}`,
        en: `sheet "一覧": the workbook's text is longer than 40 characters in all (the limit); ${split.en}`,
      },
    ],
  ])('refuses %s with one error naming the file, the sheet and the limit', async (_, build, change, message) => {
    expect(await refused(await build(), { ...small, ...change })).toEqual(message);
  });

  it('refuses a part that unpacks to more than the limit, before reading it all', { timeout: 60_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hyoka-xlsx-'));
    try {
      await writeManyCellsWorkbook(join(dir, 'wide.xlsx'), 20_000, 10);
      const bytes = new Uint8Array(readFileSync(join(dir, 'wide.xlsx')));
      expect(await refused(bytes, { ...XLSX_LIMITS, partBytes: 1024 * 1024 })).toEqual({
        ja: 'シート「Sheet1」: ブックの部品 xl/worksheets/sheet1.xml が展開すると上限の1.0 MBを超えます（書式だけの空のセルが大量にあるか、壊れたファイルです）。不要な行と列を削除して保存し直すか、CSVで保存して取り込んでください。何も書き込まれていません',
        en: 'sheet "Sheet1": the workbook\'s part xl/worksheets/sheet1.xml unpacks to more than 1.0 MB (the limit: masses of formatted empty cells, or a damaged file); delete the rows and columns that are not needed and save again, or save it as CSV and import that. Nothing was written',
      });
      // The same workbook is read within the shipped limits.
      expect(grid(await readXlsx('wide.xlsx', bytes)).rows).toHaveLength(20_000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('ships limits that real workbooks are far inside', () => {
    expect(XLSX_LIMITS.stringChars).toBe(32_767);
    expect(XLSX_LIMITS.columns).toBeGreaterThanOrEqual(210);
  });
});

describe('formatProblem names workbook columns by letter', () => {
  const p = (column: string | null): Problem => ({ severity: 'error', file: 'report.xlsx', line: 15, column, value: null, message: { ja: 'だめ', en: 'bad' } });
  it.each([
    ['AB (事業費計)', 'report.xlsx, 行 15, 列 AB (事業費計): だめ', 'report.xlsx, line 15, column AB (事業費計): bad'],
    ['AJ14 (2023)', 'report.xlsx, 行 15, 列 AJ14 (2023): だめ', 'report.xlsx, line 15, column AJ14 (2023): bad'],
    ['事業費合計', 'report.xlsx, 行 15, 事業費合計: だめ', 'report.xlsx, line 15, 事業費合計: bad'],
  ])('%s', (column, ja, en) => {
    expect(formatProblem(p(column), 'ja')).toBe(ja);
    expect(formatProblem(p(column), 'en')).toBe(en);
  });
});

describe('profiles', () => {
  it('ships hyoka (default), ofunato and national-review-3-1, each valid', () => {
    expect(PROFILES.map((p) => p.name)).toEqual(['hyoka', 'ofunato', 'national-review-2-1', 'national-review-3-1', 'national-review-4-1']);
  });
  it('reports what is wrong in a profile file, path by path', () => {
    const result = parseProfile({ version: 1, name: 'X y', layout: 'columns', accepts: [] });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(/name: /);
    expect(!result.ok && result.error).toMatch(/accepts: /);
    expect(!result.ok && result.error).toMatch(/label: /);
    expect(parseProfile({ ...PROFILES[1], version: 2 }).ok).toBe(false);
  });
});

const base: ProfileInput = {
  version: 1,
  name: 'test',
  label: { ja: 'テスト', en: 'Test' },
  description: { ja: '', en: '' },
  accepts: ['xlsx'],
  headerRow: 2,
  layout: 'columns',
};
const sheet = (rows: string[][], firstLine = 1): Grid => ({ kind: 'xlsx', sheetName: 'S', rows: rows.map((cells, i) => ({ line: firstLine + i, cells })) });
const apply = (profile: Partial<ProfileInput>, g: Grid) => applyProfile('r.xlsx', g, profileSchema.parse({ ...base, ...profile }));
const col = (t: ReturnType<typeof apply>, name: string) => t.rows.map((r) => r.values[t.header.indexOf(name)]);

describe('applyProfile', () => {
  const g = sheet([
    ['filler', '', '', '', '', '', '', '', '', ''],
    ['年度', '事務事業ID', '部課名', '政策番号\n十の位', '政策番号\n一の位', '国庫支出金', '都道府県支出金', '国庫支出金', '都道府県支出金', '妥当性'],
    ['7', '0086', '市民生活部市民環境課', '0', '6', '10', '5', '12', '-', '妥当である'],
    ['7', '0100', '大船渡消防署', '1', '2', '0', '0', '29（4）', '1', '見直し余地がある'],
  ]);
  const profile: Partial<ProfileInput> = {
    fiscalYear: { from: '年度', era: '令和' },
    columns: { 事業番号: '事務事業ID', まちづくり目標番号: { join: ['政策番号 十の位', '政策番号 一の位'], number: true } },
    split: [{ from: '部課名', pattern: '^(.+?(?:部|局))(.+)$', into: ['部名', '課名'] }],
    yearBlocks: { fiscalYears: [2024, 2025], columns: { 国県支出金: { sum: ['国庫支出金', '都道府県支出金'] } } },
    missing: ['-'],
    figureNotes: 'warn',
    rating: {
      name: 's',
      criteria: [
        {
          key: 'fit',
          labelJa: '妥当性',
          labelEn: 'Fit',
          grade: '妥当性',
          grades: [{ code: '妥当である', labelJa: '妥当である', labelEn: 'OK', band: 'good' }],
        },
      ],
    },
  };

  it('makes one record per project and year block, joins, splits and sums columns', () => {
    const t = apply(profile, g);
    expect(t.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(t.rows.map((r) => r.line)).toEqual([3, 3, 4, 4]);
    expect(col(t, '年度')).toEqual(['2024', '2025', '2024', '2025']);
    expect(col(t, '事業番号')).toEqual(['0086', '0086', '0100', '0100']);
    expect(col(t, 'まちづくり目標番号')).toEqual(['6', '6', '12', '12']);
    expect(col(t, '部名')).toEqual(['市民生活部', '市民生活部', '大船渡消防署', '大船渡消防署']);
    expect(col(t, '課名')).toEqual(['市民環境課', '市民環境課', '', '']);
    expect(col(t, '国県支出金')).toEqual(['15', '12', '0', '30']);
    // Verdicts only on the evaluated year (令和7 = 2025).
    expect(col(t, ratingGradeColumn('fit'))).toEqual(['', '妥当である', '', '見直し余地がある']);
    const labels = t.rows[1]!.labels[t.header.indexOf('国県支出金')];
    expect(labels).toBe('H (国庫支出金) + I (都道府県支出金)');
  });

  it('reads a figure with a note in brackets as the figure, with a warning at its cell', () => {
    const t = apply(profile, g);
    expect(t.problems.map((p) => [p.severity, p.line, p.column, p.value])).toEqual([['warning', 4, 'H (国庫支出金)', '29（4）']]);
    const strict = apply({ ...profile, figureNotes: 'error' }, g);
    expect(strict.problems).toEqual([expect.objectContaining({ severity: 'error', line: 4, column: 'H (国庫支出金)', value: '29（4）' })]);
  });

  it.each<[string, Partial<ProfileInput>, string]>([
    [
      'a header not in the sheet',
      { columns: { 事業番号: '事業コード' } },
      '見出し「事業コード」（→ 事業番号）が2行目にありません。インポート設定（プロファイル）がこのファイルの形式に合っているか確認してください',
    ],
    [
      'a header outside the blocks that repeats',
      { columns: { 国県支出金: '国庫支出金' } },
      '見出し「国庫支出金」（→ 国県支出金）が2列あります（F (国庫支出金)、H (国庫支出金)）。プロファイルでは列番号（{"column": "F"}）で指定してください',
    ],
    [
      'a block header that does not repeat once per year',
      { yearBlocks: { fiscalYears: [2023, 2024, 2025], columns: { 国県支出金: '国庫支出金' } } },
      '見出し「国庫支出金」（→ 国県支出金）が2列あり、年度ブロックの数（3）と合いません',
    ],
    ['a column letter past the sheet', { columns: { 事業番号: { column: 'ZZ' } } }, '列 ZZ（→ 事業番号）がシートにありません'],
  ])('refuses %s with one clear error', (_, change, ja) => {
    const t = apply({ ...profile, ...change }, g);
    expect(t.rows).toEqual([]);
    expect(t.problems.filter((p) => p.severity === 'error').map((p) => p.message.ja)).toEqual([ja]);
  });
});
