/**
 * The watchlist as a CSV file for Excel: one record per listed row, in the page's order, with
 * plain numbers (no separators or units) so Excel can sum them. Pure, so it is unit-tested.
 */
import Papa from 'papaparse';
import { formatPlainNumber } from '@/app/lib/format';
import type { CriterionOption } from '@/db/queries/filter-options';
import type { WatchlistRow } from '@/db/queries/watchlist';
import { trippedRulesText } from './tripped-rules';

/**
 * Excel (and LibreOffice) run a cell starting with = + - @ (or a tab or carriage return before
 * one) as a formula: a project name like `=HYPERLINK(…)` must stay text. Such cells get a
 * leading apostrophe. Applied to every text cell; the number cells are ours (formatPlainNumber).
 */
export function neutraliseFormula(value: string | null): string {
  if (value === null) return '';
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export const CSV_FIELDS_BEFORE_GRADES = [
  '重要度',
  '事業番号',
  '事業名',
  '部名',
  '課名',
  'まちづくり目標',
  'トータルコスト（千円）',
  '前年度トータルコスト（千円）',
  '前年度比（%）',
  '達成率（%）',
  '前年度達成率（%）',
] as const;

export function watchlistCsvRecords(rows: WatchlistRow[], criteria: CriterionOption[]): { fields: string[]; data: string[][] } {
  const fields = [...CSV_FIELDS_BEFORE_GRADES, ...criteria.map((c) => c.labelJa), '該当ルール'];
  const data = rows.map((r) => [
    String(r.severity),
    neutraliseFormula(r.projectCode),
    neutraliseFormula(r.projectName),
    neutraliseFormula(r.department),
    neutraliseFormula(r.section),
    neutraliseFormula(r.goalName ? `${r.goalNumber ?? ''} ${r.goalName}`.trim() : null),
    formatPlainNumber(r.totalCost),
    formatPlainNumber(r.previousTotalCost),
    formatPlainNumber(r.costChange, { percent: true }),
    formatPlainNumber(r.attainment, { percent: true }),
    formatPlainNumber(r.previousAttainment, { percent: true }),
    ...criteria.map((c) => neutraliseFormula(r.grades.find((g) => g.criterionKey === c.key)?.code ?? null)),
    neutraliseFormula(trippedRulesText(r, criteria, 'ja')),
  ]);
  return { fields, data };
}

/** The file's text (CRLF line ends, as Excel writes them); the caller adds the BOM or re-encodes. */
export function watchlistCsv(rows: WatchlistRow[], criteria: CriterionOption[]): string {
  return Papa.unparse(watchlistCsvRecords(rows, criteria), { newline: '\r\n' });
}

/** UTF-8 with a byte-order mark, so Excel opens it as UTF-8 rather than Shift_JIS. */
export function withBom(csv: string): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(`\uFEFF${csv}`);
}
