/**
 * The watchlist as a CSV file for Excel: one record per listed row, in the page's order. Cells
 * follow the project list's export (db/export/projects-csv.ts): money as the exact decimal in
 * 千円 without trailing zeros, ratios in % to one decimal, every cell through `safeCell` (a
 * cell Excel would run as a formula gets a leading apostrophe). Pure, so it is unit-tested.
 */
import Papa from 'papaparse';
import { type Column, csvHeader, csvRecord } from '@/db/export/columns';
import type { WatchlistRow } from '@/db/queries/watchlist';
import { trippedRulesText, type CriterionLabel } from './tripped-rules';

/** The watchlist's columns, in the order of the file; the city's rating criteria before the rules. */
export function watchlistColumns(criteria: CriterionLabel[]): Column<WatchlistRow>[] {
  return [
    { ja: '重要度', en: 'Severity', kind: 'integer', value: (r) => r.severity },
    { ja: '事業番号', en: 'Project code', kind: 'text', value: (r) => r.projectCode },
    { ja: '事業名', en: 'Project', kind: 'text', value: (r) => r.projectName },
    { ja: '部名', en: 'Department', kind: 'text', value: (r) => r.department },
    { ja: '課名', en: 'Section', kind: 'text', value: (r) => r.section },
    { ja: 'まちづくり目標', en: 'Goal', kind: 'text', value: (r) => (r.goalName ? `${r.goalNumber ?? ''} ${r.goalName}`.trim() : null) },
    { ja: 'トータルコスト（千円）', en: 'Total cost (¥1,000)', kind: 'money', value: (r) => r.totalCost },
    { ja: '前年度トータルコスト（千円）', en: 'Previous total cost (¥1,000)', kind: 'money', value: (r) => r.previousTotalCost },
    { ja: '前年度比（%）', en: 'Cost change (%)', kind: 'percent', value: (r) => r.costChange },
    { ja: '達成率（%）', en: 'Attainment (%)', kind: 'percent', value: (r) => r.attainment },
    { ja: '前年度達成率（%）', en: 'Previous attainment (%)', kind: 'percent', value: (r) => r.previousAttainment },
    ...criteria.map(
      (c): Column<WatchlistRow> => ({ ja: c.labelJa, en: c.labelEn, kind: 'text', value: (r) => r.grades.find((g) => g.criterionKey === c.key)?.code }),
    ),
    { ja: '該当ルール', en: 'Rules tripped', kind: 'text', value: (r) => trippedRulesText(r, criteria, 'ja') },
  ];
}

export function watchlistCsvHeader(criteria: CriterionLabel[]): string[] {
  return watchlistColumns(criteria).map((c) => c.ja);
}

export function watchlistCsvRecords(rows: WatchlistRow[], criteria: CriterionLabel[]): string[][] {
  const columns = watchlistColumns(criteria);
  return rows.map((r) => csvRecord(columns, r));
}

/** The file's text (CRLF line ends, as Excel writes them); encodeCsv adds the BOM or re-encodes. */
export function watchlistCsv(rows: WatchlistRow[], criteria: CriterionLabel[]): string {
  return Papa.unparse({ fields: csvHeader(watchlistColumns(criteria)), data: watchlistCsvRecords(rows, criteria) }, { newline: '\r\n' }) + '\r\n';
}
