/** The activity log as CSV for Excel (UTF-8 with a BOM) and .xlsx, from one column model. */
import Papa from 'papaparse';
import type { ActivityRow } from '../activity';
import { type Column, csvHeader, csvRecord } from './columns';

export const ACTIVITY_COLUMNS: Column<ActivityRow>[] = [
  { ja: '日時', en: 'At', kind: 'text', value: (r) => r.at.toISOString() },
  { ja: '種類', en: 'Kind', kind: 'text', value: (r) => r.kind },
  { ja: '利用者ID', en: 'User id', kind: 'text', value: (r) => r.userId },
  { ja: '利用者', en: 'User', kind: 'text', value: (r) => r.userName },
  { ja: '内容', en: 'Detail', kind: 'text', value: (r) => JSON.stringify(r.detail) },
];

export const ACTIVITY_CSV_HEADER = csvHeader(ACTIVITY_COLUMNS);

export function activityCsvRecord(row: ActivityRow): string[] {
  return csvRecord(ACTIVITY_COLUMNS, row);
}

export function activityCsvLines(records: string[][]): string {
  return `${Papa.unparse(records, { newline: '\r\n' })}\r\n`;
}
