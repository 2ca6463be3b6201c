/** The activity log as CSV for Excel: UTF-8 with a BOM, every cell through safeCell. */
import Papa from 'papaparse';
import type { ActivityRow } from '../activity';
import { safeCell } from './projects-csv';

export const ACTIVITY_CSV_HEADER = ['日時', '種類', '利用者ID', '利用者', '内容'];

export function activityCsvRecord(row: ActivityRow): string[] {
  return [row.at.toISOString(), row.kind, row.userId ?? '', row.userName, JSON.stringify(row.detail)].map((c) => safeCell(c));
}

export function activityCsvLines(records: string[][]): string {
  return `${Papa.unparse(records, { newline: '\r\n' })}\r\n`;
}
