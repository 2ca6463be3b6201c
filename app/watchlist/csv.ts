/**
 * The watchlist as a CSV file for Excel: one record per listed row, in the page's order. Cells
 * follow the project list's export (db/export/projects-csv.ts): money as the exact decimal in
 * 千円 without trailing zeros, ratios in % to one decimal, every cell through `safeCell` (a
 * cell Excel would run as a formula gets a leading apostrophe). Pure, so it is unit-tested.
 */
import Papa from 'papaparse';
import { plainDecimal, safeCell } from '@/db/export/projects-csv';
import type { WatchlistRow } from '@/db/queries/watchlist';
import { trippedRulesText, type CriterionLabel } from './tripped-rules';

function percent(ratio: number | null): string {
  return ratio === null || !Number.isFinite(ratio) ? '' : (ratio * 100).toFixed(1);
}

export function watchlistCsvHeader(criteria: CriterionLabel[]): string[] {
  return [
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
    ...criteria.map((c) => c.labelJa),
    '該当ルール',
  ];
}

export function watchlistCsvRecords(rows: WatchlistRow[], criteria: CriterionLabel[]): string[][] {
  return rows.map((r) =>
    [
      String(r.severity),
      r.projectCode,
      r.projectName,
      r.department,
      r.section,
      r.goalName ? `${r.goalNumber ?? ''} ${r.goalName}`.trim() : null,
      plainDecimal(r.totalCost),
      plainDecimal(r.previousTotalCost),
      percent(r.costChange),
      percent(r.attainment),
      percent(r.previousAttainment),
      ...criteria.map((c) => r.grades.find((g) => g.criterionKey === c.key)?.code ?? null),
      trippedRulesText(r, criteria, 'ja'),
    ].map(safeCell),
  );
}

/** The file's text (CRLF line ends, as Excel writes them); encodeCsv adds the BOM or re-encodes. */
export function watchlistCsv(rows: WatchlistRow[], criteria: CriterionLabel[]): string {
  return Papa.unparse({ fields: watchlistCsvHeader(criteria).map(safeCell), data: watchlistCsvRecords(rows, criteria) }, { newline: '\r\n' }) + '\r\n';
}
