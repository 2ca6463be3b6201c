/**
 * Every .xlsx export against its CSV twin, on the built app over PGlite and over PostgreSQL:
 * both downloaded with the same filters through the links the pages show, the workbook read back
 * with exceljs, and compared cell by cell — the same header and rows, every figure the same
 * number (a percentage as its fraction), money and percentages formatted, a frozen filtered
 * header row, and the filters written on the second sheet. The activity log's is for admins only.
 */
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { describe, expect, inject, it } from 'vitest';

const SERVERS = [
  ['PGlite', inject('baseUrl'), inject('sessions')],
  ['PostgreSQL', inject('postgresBaseUrl'), inject('postgresSessions')],
] as const;

interface ExportCase {
  name: string;
  /** The page that links to the export. */
  page: string | null;
  /** The CSV export with its filters; the workbook is the same URL with format=xlsx. */
  csv: string;
  role: 'viewer' | 'admin';
  /** What the conditions sheet must say about the filters. */
  condition: [string, string];
  /** Some figures must be there, so the comparison compares numbers. */
  numeric: boolean;
}

const CASES: ExportCase[] = [
  {
    name: 'projects',
    page: '/projects?municipality=999003&year=2024&attainment=80-100',
    csv: '/projects/export?municipality=999003&year=2024&attainment=80-100&sort=totalCost&dir=desc',
    role: 'viewer',
    condition: ['達成率の区分', '80-100'],
    numeric: true,
  },
  {
    name: 'watchlist',
    page: '/watchlist?municipality=999001&year=2024&attainment=70',
    csv: '/watchlist/export?municipality=999001&year=2024&attainment=70',
    role: 'viewer',
    condition: ['達成率がこれ未満（%）', '70'],
    numeric: true,
  },
  {
    name: 'quality',
    page: '/quality?municipality=999003&year=2024',
    csv: '/quality/export?municipality=999003&year=2024',
    role: 'viewer',
    condition: ['市区町村', '浜風市 (999003)'],
    numeric: true,
  },
  {
    name: 'compare',
    page: '/compare?municipality=999001&year=2024',
    csv: '/compare/export?municipality=999001&year=2024',
    role: 'viewer',
    condition: ['政策', '自治体全体'],
    numeric: true,
  },
  { name: 'activity log', page: '/admin/activity', csv: '/admin/activity/export', role: 'admin', condition: ['種類', 'すべて'], numeric: false },
];

const FORMAT_BY_UNIT: [RegExp, string][] = [
  [/（千円）$/, '#,##0"千円"'],
  [/（円）$/, '#,##0"円"'],
  [/（%）$/, '0.0%'],
];

function xlsxUrl(csv: string): string {
  return `${csv}${csv.includes('?') ? '&' : '?'}format=xlsx`;
}

describe.each(SERVERS)('.xlsx exports beside their CSV, app on %s', (_driver, baseUrl, sessions) => {
  const get = (path: string, role: 'viewer' | 'admin' | null) => fetch(baseUrl + path, { redirect: 'manual', headers: role ? { cookie: sessions[role] } : {} });

  it.each(CASES)('$name: the workbook holds exactly the CSV’s rows and numbers, formatted', async ({ page, csv, role, condition, numeric }) => {
    if (page) {
      const html = await (await get(page, role)).text();
      expect(html).toContain('Excel (.xlsx)');
      expect(html).toMatch(/href="[^"]*export\?[^"]*format=xlsx"/);
    }
    const csvResponse = await get(csv, role);
    expect(csvResponse.status).toBe(200);
    const csvText = (await csvResponse.text()).replace(/^\uFEFF/, '');
    const records = Papa.parse<string[]>(csvText, { skipEmptyLines: true }).data;

    const response = await get(xlsxUrl(csv), role);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="[\w.-]+\.xlsx"; filename\*=UTF-8''[%\w.-]+\.xlsx$/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const [sheet, conditions] = workbook.worksheets;

    expect(sheet!.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet!.autoFilter).toBeTruthy();
    expect(sheet!.rowCount).toBe(records.length);
    expect(records.length).toBeGreaterThan(1);

    const header = records[0]!;
    let figures = 0;
    records.forEach((record, r) => {
      const row = sheet!.getRow(r + 1);
      expect(row.cellCount, `row ${r + 1}`).toBeLessThanOrEqual(header.length);
      record.forEach((text, c) => {
        const cell = row.getCell(c + 1);
        const where = `${header[c]} row ${r + 1}`;
        if (text === '') expect(cell.value, where).toBeNull();
        else if (typeof cell.value !== 'number') expect(cell.value, where).toBe(text);
        else {
          figures++;
          const percent = /（%）$/.test(header[c]!);
          expect(cell.value, where).toBe(Number(percent ? `${text}e-2` : text) + 0); // + 0: -0 is 0
          const format = FORMAT_BY_UNIT.find(([unit]) => unit.test(header[c]!))?.[1];
          if (format) expect(cell.numFmt, where).toBe(format);
        }
      });
    });
    if (numeric) expect(figures).toBeGreaterThan(records.length);
    // Every money and percentage column that holds a value is a number, never text.
    for (let c = 0; c < header.length; c++) {
      if (!FORMAT_BY_UNIT.some(([unit]) => unit.test(header[c]!))) continue;
      for (let r = 2; r <= records.length; r++) {
        const value = sheet!.getRow(r).getCell(c + 1).value;
        expect(value === null || typeof value === 'number', `${header[c]} row ${r}`).toBe(true);
      }
    }

    expect(conditions!.name).toBe('条件');
    const lines = conditions!
      .getSheetValues()
      .slice(1)
      .map((v) => (v as unknown[]).slice(1));
    expect(lines[0]).toEqual(['項目', '値']);
    expect(lines).toContainEqual(condition);
  });

  it('keeps the activity log’s workbook from viewers and anonymous users', async () => {
    expect((await get('/admin/activity/export?format=xlsx', 'viewer')).status).toBe(403);
    expect((await get('/admin/activity/export?format=xlsx', null)).status).toBe(401);
  });
});
