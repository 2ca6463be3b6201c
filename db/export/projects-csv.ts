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
import { type Column, csvHeader, csvRecord } from './columns';

export { plainDecimal, safeCell } from './cells';

export type CsvEncoding = 'utf8' | 'sjis';

export const NOT_RATED = '未評価';

export interface ProjectsExportContext {
  municipalityCode: string;
  fiscalYear: number;
  criteria: CriterionOption[];
}

/** The list's columns, in the order of the file; the city's rating criteria come last. */
export function projectsColumns(context: ProjectsExportContext): Column<ProjectListRow>[] {
  return [
    { ja: '市区町村コード', en: 'Municipality code', kind: 'text', value: () => context.municipalityCode },
    { ja: '年度', en: 'Fiscal year', kind: 'year', value: () => context.fiscalYear },
    { ja: '事業番号', en: 'Project code', kind: 'text', value: (r) => r.code },
    { ja: '事業名', en: 'Project', kind: 'text', value: (r) => r.name },
    { ja: '部名', en: 'Department', kind: 'text', value: (r) => r.department },
    { ja: '課名', en: 'Section', kind: 'text', value: (r) => r.section },
    { ja: 'まちづくり目標番号', en: 'Goal number', kind: 'text', value: (r) => r.goal?.number },
    { ja: 'まちづくり目標', en: 'Goal', kind: 'text', value: (r) => r.goal?.name },
    { ja: '施策番号', en: 'Policy number', kind: 'text', value: (r) => r.policy?.number },
    { ja: '施策', en: 'Policy', kind: 'text', value: (r) => r.policy?.name },
    { ja: 'トータルコスト（千円）', en: 'Total cost (¥1,000)', kind: 'money', value: (r) => r.totalCost },
    { ja: '前年度トータルコスト（千円）', en: 'Previous total cost (¥1,000)', kind: 'money', value: (r) => r.previousTotalCost },
    { ja: '前年度比（%）', en: 'Change (%)', kind: 'percent', value: (r) => r.change },
    { ja: '市民1人当たりコスト（円）', en: 'Cost per citizen (¥)', kind: 'yen', value: (r) => r.costPerCitizen },
    { ja: '目標達成率（%）', en: 'Attainment (%)', kind: 'percent', value: (r) => r.attainment },
    ...context.criteria.map((c): Column<ProjectListRow> => ({ ja: c.labelJa, en: c.labelEn, kind: 'text', value: (r) => r.ratings[c.key]?.code ?? NOT_RATED })),
  ];
}

export function projectsCsvHeader(criteria: CriterionOption[]): string[] {
  return projectsColumns({ municipalityCode: '', fiscalYear: 0, criteria }).map((c) => c.ja);
}

/** The CSV text (CRLF line ends, as Excel writes) of rows already filtered and sorted. */
export function projectsCsvText(rows: ProjectListRow[], context: ProjectsExportContext): string {
  const columns = projectsColumns(context);
  const data = rows.map((r) => csvRecord(columns, r));
  return Papa.unparse({ fields: csvHeader(columns), data }, { newline: '\r\n' }) + '\r\n';
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
