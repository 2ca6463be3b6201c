/**
 * The data-quality report as a CSV file for Excel, one record per finding in the page's order.
 * Cells follow the other exports (db/export/projects-csv.ts): exact decimals without trailing
 * zeros, every cell through `safeCell`. Pure, so it is unit-tested.
 */
import Papa from 'papaparse';
import { describeFinding, qualityCheck } from '@/db/domain/quality-checks';
import { type Column, csvHeader, csvRecord } from '@/db/export/columns';
import type { QualityFinding } from '@/db/queries/quality';

/** Figures of the finding's own unit; for a changed unit the two units, kept as text. */
export const QUALITY_COLUMNS: Column<QualityFinding>[] = [
  { ja: '部名', en: 'Department', kind: 'text', value: (f) => f.department },
  { ja: '課名', en: 'Section', kind: 'text', value: (f) => f.section },
  { ja: '事業番号', en: 'Project code', kind: 'text', value: (f) => f.projectCode },
  { ja: '事業名', en: 'Project', kind: 'text', value: (f) => f.projectName },
  { ja: '指摘', en: 'Check', kind: 'text', value: (f) => qualityCheck(f.check).label.ja },
  { ja: '指標', en: 'Indicator', kind: 'text', value: (f) => f.indicator },
  { ja: '記載値', en: 'Stated', kind: 'decimal', value: (f) => f.stated },
  { ja: '計算上の値', en: 'Expected', kind: 'decimal', value: (f) => f.expected },
  { ja: '比較した年度', en: 'Compared year', kind: 'year', value: (f) => f.previousYear },
  { ja: '比較した年度の値', en: 'Value that year', kind: 'decimal', value: (f) => f.previous },
  { ja: 'この年度の値', en: 'Value this year', kind: 'decimal', value: (f) => f.current },
  { ja: '内容', en: 'Detail', kind: 'text', value: (f) => describeFinding(f, 'ja') },
];

export const QUALITY_CSV_HEADER = QUALITY_COLUMNS.map((c) => c.ja);

export function qualityCsvRecords(findings: QualityFinding[]): string[][] {
  return findings.map((f) => csvRecord(QUALITY_COLUMNS, f));
}

/** The file's text (CRLF line ends); encodeCsv adds the BOM or re-encodes to Shift_JIS. */
export function qualityCsv(findings: QualityFinding[]): string {
  return Papa.unparse({ fields: csvHeader(QUALITY_COLUMNS), data: qualityCsvRecords(findings) }, { newline: '\r\n' }) + '\r\n';
}
