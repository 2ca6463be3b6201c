/**
 * An import's problems (errors, then warnings, as its report keeps them) as CSV for Excel and
 * .xlsx, from one column model: where each one is (file, line, column), the value read, and the
 * message in Japanese and in English, which says what is wrong and what to do.
 */
import Papa from 'papaparse';
import type { Problem } from '../import/problems';
import { type Column, csvHeader, csvRecord } from './columns';

const SEVERITY = { error: 'エラー', warning: '注意' } as const;

export const IMPORT_PROBLEM_COLUMNS: Column<Problem>[] = [
  { ja: '種別', en: 'Severity', kind: 'text', value: (p) => SEVERITY[p.severity] },
  { ja: 'ファイル', en: 'File', kind: 'text', value: (p) => p.file },
  { ja: '行', en: 'Line', kind: 'integer', value: (p) => p.line },
  { ja: '列', en: 'Column', kind: 'text', value: (p) => p.column },
  { ja: '値', en: 'Value', kind: 'text', value: (p) => p.value },
  { ja: '内容', en: 'Message', kind: 'text', value: (p) => p.message.ja },
  { ja: '内容（英語）', en: 'Message (English)', kind: 'text', value: (p) => p.message.en },
];

/** The file's text (CRLF line ends); encodeCsv adds the BOM or re-encodes to Shift_JIS. */
export function importProblemsCsv(problems: Problem[]): string {
  const data = problems.map((p) => csvRecord(IMPORT_PROBLEM_COLUMNS, p));
  return `${Papa.unparse({ fields: csvHeader(IMPORT_PROBLEM_COLUMNS), data }, { newline: '\r\n' })}\r\n`;
}
