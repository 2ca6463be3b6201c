/** Problems found while importing: where (file, line, column), what value, and why, in ja/en. */
import type { Message } from '../domain/numbers';

export type Severity = 'error' | 'warning';

export interface Problem {
  severity: Severity;
  file: string;
  /** 1-based physical line in the file where the row starts (quoted newlines counted). */
  line: number | null;
  column: string | null;
  value: string | null;
  message: Message;
}

/** Thrown when a file has errors; nothing has been written when it reaches the caller. */
export class ImportRejected extends Error {
  constructor(readonly problems: Problem[]) {
    const errors = problems.filter((p) => p.severity === 'error');
    super(
      `Import rejected: ${errors.length} error(s). ` +
        errors
          .slice(0, 5)
          .map((p) => formatProblem(p))
          .join(' | '),
    );
    this.name = 'ImportRejected';
  }
}

/** One line per problem, as the CLI prints it and the report page lists it. */
export function formatProblem(p: Problem, locale: 'ja' | 'en' = 'en'): string {
  // A workbook column is named by its letter: `列 AB (事業費計)`.
  const column = p.column && /^[A-Z]{1,3}\d*( \(|$)/.test(p.column) ? `${locale === 'ja' ? '列' : 'column'} ${p.column}` : p.column;
  const where = [p.file, p.line != null ? `${locale === 'ja' ? '行' : 'line'} ${p.line}` : null, column]
    .filter(Boolean)
    .join(', ');
  return `${where}: ${p.message[locale]}`;
}
