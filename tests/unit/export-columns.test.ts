/**
 * The shared column model (db/export/columns.ts) and the streamed workbook (db/export/xlsx.ts):
 * each kind's CSV text and workbook cell agree, formula-like text is neutralised alike, and a
 * workbook read back with exceljs has the rows, formats, frozen header, filter and conditions.
 */
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { type Column, type ColumnKind, csvCell, NUMBER_FORMATS, xlsxCell } from '../../db/export/columns';
import { columnWidths, displayWidth, xlsxStream } from '../../db/export/xlsx';

describe('csvCell and xlsxCell', () => {
  it.each<[ColumnKind, string | number | null | undefined, string, string | number | null]>([
    ['money', '225251.500', '225251.5', 225251.5],
    ['money', '818.000', '818', 818],
    ['money', '-12.300', '-12.3', -12.3],
    ['money', null, '', null],
    ['yen', 8.0749, '8.07', 8.07],
    ['yen', Number.NaN, '', null],
    ['percent', 4 / 3, '133.3', 1.333],
    ['percent', -0.12345, '-12.3', -0.123],
    ['percent', 0, '0.0', 0],
    ['percent', -0.00004, '0.0', 0], // no -0.0: Excel has no negative zero
    ['yen', -0.001, '0.00', 0],
    ['percent', Number.POSITIVE_INFINITY, '', null],
    ['integer', 8, '8', 8],
    ['year', 2024, '2024', 2024],
    ['decimal', '1.500', '1.5', 1.5],
    ['decimal', '人', '人', '人'], // a changed unit stays text
    ['decimal', '=1+1', "'=1+1", "'=1+1"],
    ['text', '0012', '0012', '0012'], // a project code stays text, leading zeros kept
    ['text', '-12', '-12', '-12'],
    ['text', '=HYPERLINK("http://x")', `'=HYPERLINK("http://x")`, `'=HYPERLINK("http://x")`],
    ['text', '+81-3', "'+81-3", "'+81-3"],
    ['text', '@SUM(A1)', "'@SUM(A1)", "'@SUM(A1)"],
    ['text', '\tタブ', "'\tタブ", "'\tタブ"],
    ['text', '＝1', "'＝1", "'＝1"],
    ['text', '事業=1', '事業=1', '事業=1'],
    ['text', '', '', null],
    ['text', undefined, '', null],
  ])('%s %j → CSV %j, workbook %j', (kind, value, csv, cell) => {
    expect(csvCell(kind, value)).toBe(csv);
    const xlsx = xlsxCell(kind, value);
    expect(xlsx).toBe(cell);
    // The workbook's number is the CSV's number (a percentage as its fraction).
    if (typeof xlsx === 'number') expect(xlsx).toBe(Number(kind === 'percent' ? `${csv}e-2` : csv));
  });

  it.each<[ColumnKind, string | undefined]>([
    ['money', '#,##0"千円"'],
    ['yen', '#,##0"円"'],
    ['percent', '0.0%'],
    ['integer', '#,##0'],
    ['year', '0'],
    ['text', undefined],
    ['decimal', undefined],
  ])('%s cells are formatted %j', (kind, format) => {
    expect(NUMBER_FORMATS[kind]).toBe(format);
  });
});

describe('column widths', () => {
  it.each([
    ['abc', 3],
    ['事業名', 6],
    ['ｱｲｳ', 3], // half-width katakana
    ['1,234千円', 9],
  ])('%j is %i wide', (text, width) => {
    expect(displayWidth(text)).toBe(width);
  });

  it('fits the header and the longest shown value, at most 60', () => {
    const columns: Column<{ name: string; cost: string }>[] = [
      { ja: '事業名', en: 'Project', kind: 'text', value: (r) => r.name },
      { ja: '費用', en: 'Cost', kind: 'money', value: (r) => r.cost },
    ];
    expect(columnWidths(columns, [])).toEqual([9, 7]);
    expect(columnWidths(columns, [{ name: 'あ'.repeat(10), cost: '1234567' }])).toEqual([21, 14]); // 1,234,567千円
    expect(columnWidths(columns, [{ name: 'あ'.repeat(100), cost: '1' }])[0]).toBe(60);
  });
});

interface Row {
  code: string;
  cost: string | null;
  rate: number | null;
  year: number;
}

const COLUMNS: Column<Row>[] = [
  { ja: '事業番号', en: 'Code', kind: 'text', value: (r) => r.code },
  { ja: 'トータルコスト（千円）', en: 'Cost', kind: 'money', value: (r) => r.cost },
  { ja: '達成率（%）', en: 'Rate', kind: 'percent', value: (r) => r.rate },
  { ja: '年度', en: 'Year', kind: 'year', value: (r) => r.year },
];

async function readBack(stream: ReadableStream<Uint8Array>): Promise<ExcelJS.Workbook> {
  const chunks: Buffer[] = [];
  for await (const chunk of Readable.fromWeb(stream as import('node:stream/web').ReadableStream<Uint8Array>)) chunks.push(Buffer.from(chunk));
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
  return workbook;
}

async function* generated(count: number): AsyncGenerator<Row> {
  for (let i = 0; i < count; i++) yield { code: String(i).padStart(4, '0'), cost: `${i}.500`, rate: i / 1000, year: 2024 };
}

describe('xlsxStream', () => {
  it('writes the rows with formats, a frozen filtered header and the conditions sheet', async () => {
    const rows: Row[] = [
      { code: '0001', cost: '1300.500', rate: 4 / 3, year: 2024 },
      { code: '=1+1', cost: null, rate: null, year: 2023 },
    ];
    const workbook = await readBack(xlsxStream({ sheetName: '事業一覧', columns: COLUMNS, rows, conditions: [['部', '+総務部']] }));
    const sheet = workbook.getWorksheet('事業一覧')!;
    expect(sheet.getRow(1).values).toEqual([undefined, '事業番号', 'トータルコスト（千円）', '達成率（%）', '年度']);
    expect(sheet.rowCount).toBe(3);
    expect(sheet.getCell('A2').value).toBe('0001');
    expect(sheet.getCell('B2').value).toBe(1300.5);
    expect(sheet.getCell('B2').numFmt).toBe('#,##0"千円"');
    expect(sheet.getCell('C2').value).toBe(1.333);
    expect(sheet.getCell('C2').numFmt).toBe('0.0%');
    expect(sheet.getCell('D2').value).toBe(2024);
    expect(sheet.getCell('D2').numFmt).toBe('0');
    expect(sheet.getCell('A3').value).toBe("'=1+1");
    expect(sheet.getCell('A3').type).toBe(ExcelJS.ValueType.String);
    expect(sheet.getCell('B3').value).toBeNull();
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBeTruthy();
    expect(sheet.getColumn(2).width).toBeGreaterThanOrEqual(displayWidth('トータルコスト（千円）'));
    const conditions = workbook.getWorksheet('条件')!;
    expect(conditions.getRow(1).values).toEqual([undefined, '項目', '値']);
    expect(conditions.getRow(2).values).toEqual([undefined, '部', "'+総務部"]);
  });

  it('streams an async list longer than the width sample, in order', async () => {
    const workbook = await readBack(xlsxStream({ sheetName: 'rows', columns: COLUMNS, rows: generated(1500), conditions: [] }));
    const sheet = workbook.getWorksheet('rows')!;
    expect(sheet.rowCount).toBe(1501);
    expect(sheet.getCell('A1501').value).toBe('1499');
    expect(sheet.getCell('B1501').value).toBe(1499.5);
    expect(sheet.getCell('C1501').value).toBe(1.499);
  });

  it('ends the download with an error when the rows fail mid-way', async () => {
    async function* failing(): AsyncGenerator<Row> {
      yield { code: '1', cost: '1', rate: 0, year: 2024 };
      throw new Error('connection lost');
    }
    await expect(readBack(xlsxStream({ sheetName: 'rows', columns: COLUMNS, rows: failing(), conditions: [] }))).rejects.toThrow();
  });
});
