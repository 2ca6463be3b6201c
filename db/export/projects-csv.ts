/**
 * The project list as a CSV file for Excel: Japanese header, one row per project, numbers
 * without separators or units. Money stays the exact decimal the database holds (千円); derived
 * ratios are rounded to 0.1 % and yen per citizen to 0.01 円.
 *
 * Japanese Excel opens UTF-8 only with a BOM and otherwise assumes Shift_JIS (CP932), so both
 * encodings are offered.
 */
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import type { CriterionOption, ProjectListRow } from '../queries/projects';

export type CsvEncoding = 'utf8' | 'sjis';

export const NOT_RATED = '未評価';

/** `225251.500` → `225251.5`, `818.000` → `818`: the same value without trailing zeros. */
export function plainDecimal(value: string | null): string {
  if (value === null) return '';
  return value.includes('.') ? value.replace(/0+$/, '').replace(/\.$/, '') : value;
}

function rounded(value: number | null, digits: number): string {
  return value === null || !Number.isFinite(value) ? '' : value.toFixed(digits);
}

/**
 * A cell Excel would run as a formula (it starts with =, +, -, @, a tab or a carriage return)
 * gets a leading apostrophe, so Excel shows it as text. Applied to every cell; the one exception
 * is a plain number this module wrote itself (`-12.3`, a fall in cost), which Excel reads as a
 * number and never as a formula. The full-width ＝ ＋ － ＠ are included: Japanese Excel may turn
 * them into their ASCII forms while reading, and a leading apostrophe costs nothing.
 */
export function safeCell(value: string | null): string {
  if (value === null) return '';
  if (/^-?\d+(\.\d+)?$/.test(value)) return value;
  return /^[=+\-@\t\r＝＋－＠]/.test(value) ? `'${value}` : value;
}

export function projectsCsvHeader(criteria: CriterionOption[]): string[] {
  return [
    '市区町村コード',
    '年度',
    '事業番号',
    '事業名',
    '部名',
    '課名',
    'まちづくり目標番号',
    'まちづくり目標',
    '施策番号',
    '施策',
    'トータルコスト（千円）',
    '前年度トータルコスト（千円）',
    '前年度比（%）',
    '市民1人当たりコスト（円）',
    '目標達成率（%）',
    ...criteria.map((c) => c.labelJa),
  ];
}

/** The CSV text (CRLF line ends, as Excel writes) of rows already filtered and sorted. */
export function projectsCsvText(rows: ProjectListRow[], context: { municipalityCode: string; fiscalYear: number; criteria: CriterionOption[] }): string {
  const data = rows.map((r) =>
    [
      context.municipalityCode,
      String(context.fiscalYear),
      r.code,
      r.name,
      r.department,
      r.section,
      r.goal?.number ?? null,
      r.goal?.name ?? null,
      r.policy?.number ?? null,
      r.policy?.name ?? null,
      plainDecimal(r.totalCost),
      plainDecimal(r.previousTotalCost),
      rounded(r.change === null ? null : r.change * 100, 1),
      rounded(r.costPerCitizen, 2),
      rounded(r.attainment === null ? null : r.attainment * 100, 1),
      ...context.criteria.map((c) => r.ratings[c.key]?.code ?? NOT_RATED),
    ].map(safeCell),
  );
  return Papa.unparse({ fields: projectsCsvHeader(context.criteria).map(safeCell), data }, { newline: '\r\n' }) + '\r\n';
}

/** UTF-8 with a byte-order mark (Excel's cue), or Shift_JIS (CP932) for older Excel. */
export function encodeCsv(text: string, encoding: CsvEncoding): Uint8Array {
  if (encoding === 'sjis') return new Uint8Array(iconv.encode(text, 'cp932'));
  const body = new TextEncoder().encode(text);
  const bytes = new Uint8Array(body.length + 3);
  bytes.set([0xef, 0xbb, 0xbf]);
  bytes.set(body, 3);
  return bytes;
}
