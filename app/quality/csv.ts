/**
 * The data-quality report as a CSV file for Excel, one record per finding in the page's order.
 * Cells follow the other exports (db/export/projects-csv.ts): exact decimals without trailing
 * zeros, every cell through `safeCell`. Pure, so it is unit-tested.
 */
import Papa from 'papaparse';
import { describeFinding, qualityCheck } from '@/db/domain/quality-checks';
import { plainDecimal, safeCell } from '@/db/export/projects-csv';
import type { QualityFinding } from '@/db/queries/quality';

export const QUALITY_CSV_HEADER = [
  '部名',
  '課名',
  '事業番号',
  '事業名',
  '指摘',
  '指標',
  '記載値',
  '計算上の値',
  '比較した年度',
  '比較した年度の値',
  'この年度の値',
  '内容',
];

export function qualityCsvRecords(findings: QualityFinding[]): string[][] {
  return findings.map((f) =>
    [
      f.department,
      f.section,
      f.projectCode,
      f.projectName,
      qualityCheck(f.check).label.ja,
      f.indicator,
      plainDecimal(f.stated),
      plainDecimal(f.expected),
      f.previousYear === null ? null : String(f.previousYear),
      f.check === 'unitChanged' ? f.previous : plainDecimal(f.previous),
      f.check === 'unitChanged' ? f.current : plainDecimal(f.current),
      describeFinding(f, 'ja'),
    ].map(safeCell),
  );
}

/** The file's text (CRLF line ends); encodeCsv adds the BOM or re-encodes to Shift_JIS. */
export function qualityCsv(findings: QualityFinding[]): string {
  return Papa.unparse({ fields: QUALITY_CSV_HEADER, data: qualityCsvRecords(findings) }, { newline: '\r\n' }) + '\r\n';
}
