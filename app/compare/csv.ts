/**
 * The comparison's figures as an export, one row per municipality in the page's order: the same
 * column model feeds the CSV and the workbook (db/export/columns.ts). A municipality without the
 * node or without evaluations that year has its figures empty, as the page shows them.
 */
import Papa from 'papaparse';
import { type Column, csvHeader, csvRecord } from '@/db/export/columns';
import type { MunicipalityComparison } from '@/db/queries/compare';

const shown = (r: MunicipalityComparison) => (r.matched && (r.figures?.projectCount ?? 0) > 0 ? r.figures : null);

export const COMPARE_COLUMNS: Column<MunicipalityComparison>[] = [
  { ja: '市区町村コード', en: 'Municipality code', kind: 'text', value: (r) => r.municipality.code },
  { ja: '自治体', en: 'Municipality', kind: 'text', value: (r) => r.municipality.name },
  { ja: '対応する政策', en: 'Matching node', kind: 'text', value: (r) => (r.node ? `${r.node.number ? `${r.node.number} ` : ''}${r.node.name}` : null) },
  { ja: '人口（人）', en: 'Population', kind: 'integer', value: (r) => shown(r)?.population },
  { ja: '事業数', en: 'Projects', kind: 'integer', value: (r) => shown(r)?.projectCount },
  { ja: 'トータルコスト（千円）', en: 'Total cost (¥1,000)', kind: 'money', value: (r) => shown(r)?.totalCost },
  { ja: '市民1人当たりコスト（円）', en: 'Cost per citizen (¥)', kind: 'yen', value: (r) => shown(r)?.costPerCitizen },
  { ja: '市民1人当たりコストの順位', en: 'Rank: cost per citizen', kind: 'integer', value: (r) => (shown(r) ? r.rank.costPerCitizen : null) },
  { ja: '達成率（中央値）（%）', en: 'Median attainment (%)', kind: 'percent', value: (r) => shown(r)?.medianAttainment },
  { ja: '達成率の順位', en: 'Rank: attainment', kind: 'integer', value: (r) => (shown(r) ? r.rank.medianAttainment : null) },
  { ja: '有効性「良好」の割合（%）', en: 'Effectiveness good (%)', kind: 'percent', value: (r) => (shown(r) ? r.effectivenessGoodShare : null) },
  { ja: '有効性「良好」の順位', en: 'Rank: effectiveness good', kind: 'integer', value: (r) => (shown(r) ? r.rank.effectivenessGood : null) },
];

/** The file's text (CRLF line ends); the response adds the BOM or re-encodes to Shift_JIS. */
export function compareCsv(rows: MunicipalityComparison[]): string {
  return Papa.unparse({ fields: csvHeader(COMPARE_COLUMNS), data: rows.map((r) => csvRecord(COMPARE_COLUMNS, r)) }, { newline: '\r\n' }) + '\r\n';
}
