/**
 * The data-quality report as a CSV file for Excel, one record per finding in the page's order,
 * then one per city-wide practice (the page's 自治体全体の運用 lines), so an export of a city
 * that sets no targets does not read as a clean bill.
 * Cells follow the other exports (db/export/projects-csv.ts): exact decimals without trailing
 * zeros, every cell through `safeCell`. Pure, so it is unit-tested.
 */
import Papa from 'papaparse';
import { type CityPractice, describeFinding, describePractice, qualityCheck } from '@/db/domain/quality-checks';
import { type Column, csvHeader, csvRecord } from '@/db/export/columns';
import type { QualityFinding } from '@/db/queries/quality';

/** A finding, or a practice of the whole city (no project, no figures but its count). */
export type QualityExportRow = QualityFinding | CityPractice;

const finding = (r: QualityExportRow): QualityFinding | null => ('projectCode' in r ? r : null);

/** Figures of the finding's own unit; for a changed unit the two units, kept as text. */
export const QUALITY_COLUMNS: Column<QualityExportRow>[] = [
  { ja: '部名', en: 'Department', kind: 'text', value: (r) => finding(r)?.department ?? null },
  { ja: '課名', en: 'Section', kind: 'text', value: (r) => finding(r)?.section ?? null },
  { ja: '事業番号', en: 'Project code', kind: 'text', value: (r) => finding(r)?.projectCode ?? null },
  { ja: '事業名', en: 'Project', kind: 'text', value: (r) => finding(r)?.projectName ?? '自治体全体の運用' },
  { ja: '指摘', en: 'Check', kind: 'text', value: (r) => qualityCheck(r.check).label.ja },
  { ja: '指標', en: 'Indicator', kind: 'text', value: (r) => finding(r)?.indicator ?? null },
  { ja: '記載値', en: 'Stated', kind: 'decimal', value: (r) => finding(r)?.stated ?? null },
  { ja: '計算上の値', en: 'Expected', kind: 'decimal', value: (r) => finding(r)?.expected ?? null },
  { ja: '比較した年度', en: 'Compared year', kind: 'year', value: (r) => finding(r)?.previousYear ?? null },
  { ja: '比較した年度の値', en: 'Value that year', kind: 'decimal', value: (r) => finding(r)?.previous ?? null },
  { ja: 'この年度の値', en: 'Value this year', kind: 'decimal', value: (r) => finding(r)?.current ?? null },
  {
    ja: '内容',
    en: 'Detail',
    kind: 'text',
    value: (r) => {
      const f = finding(r);
      return f ? describeFinding(f, 'ja') : describePractice(r as CityPractice, 'ja');
    },
  },
];

export const QUALITY_CSV_HEADER = QUALITY_COLUMNS.map((c) => c.ja);

/** The rows of an export: every finding listed, then the city-wide practices. */
export function qualityExportRows(report: { findings: QualityFinding[]; practices: CityPractice[] }): QualityExportRow[] {
  return [...report.findings, ...report.practices];
}

/** The file's text (CRLF line ends); encodeCsv adds the BOM or re-encodes to Shift_JIS. */
export function qualityCsv(rows: QualityExportRow[]): string {
  const data = rows.map((r) => csvRecord(QUALITY_COLUMNS, r));
  return Papa.unparse({ fields: csvHeader(QUALITY_COLUMNS), data }, { newline: '\r\n' }) + '\r\n';
}
