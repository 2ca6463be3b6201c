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
  const where = [p.file, p.line != null ? `${locale === 'ja' ? '行' : 'line'} ${p.line}` : null, column].filter(Boolean).join(', ');
  return `${where}: ${p.message[locale]}`;
}

export interface ProblemGroup {
  /** The column the problems are about; null for the file or a row as a whole. */
  column: string | null;
  count: number;
  /** The first few, in the order given (the importer's is by line). */
  examples: Problem[];
}

/**
 * Problems by column, the most frequent first (ties: the one met first). A column's warnings are
 * nearly always one kind (a cost that does not add up, a unit cost that differs), so a file with
 * thousands of them reads as a few lines, each with examples to look up.
 */
export function groupByColumn(problems: Problem[], examples = 3): ProblemGroup[] {
  const groups = new Map<string | null, ProblemGroup>();
  for (const p of problems) {
    let group = groups.get(p.column);
    if (!group) groups.set(p.column, (group = { column: p.column, count: 0, examples: [] }));
    group.count++;
    if (group.examples.length < examples) group.examples.push(p);
  }
  // Map order is first appearance, and sort is stable: ties keep it.
  return [...groups.values()].sort((a, b) => b.count - a.count);
}

/** Up to this many warnings are listed one by one; more are grouped by column. */
export const WARNINGS_LISTED = 20;

/**
 * The CLI's account of an import's warnings, in Japanese and English: each one when there are
 * few (or when `all`), otherwise a count per column with its first examples, and where to find
 * the rest (the batch's report page when something was written).
 */
export function warningLines(warnings: Problem[], options: { all?: boolean; batchId?: number | null } = {}): string[] {
  const one = (p: Problem, indent: string) => [`${indent}注意 / warning: ${formatProblem(p, 'ja')}`, `${indent}  ${p.message.en}`];
  if (options.all || warnings.length <= WARNINGS_LISTED) return warnings.flatMap((p) => one(p, '  '));
  const groups = groupByColumn(warnings);
  const lines = [`  注意 ${warnings.length}件（列ごとに先頭の例） / ${warnings.length} warnings (by column, the first of each):`];
  for (const g of groups) {
    const column = g.column ?? 'ファイル・行全体 / file or row';
    lines.push(`  ${column}: ${g.count}件 / ${g.count} warning${g.count === 1 ? '' : 's'}`);
    for (const p of g.examples) lines.push(...one(p, '    '));
    const rest = g.count - g.examples.length;
    if (rest > 0) lines.push(`    …ほか${rest}件 / ${rest} more`);
  }
  lines.push(
    options.batchId != null
      ? `  すべての注意は取込 #${options.batchId} の報告（/imports/${options.batchId}）にあります。--all-warnings で一覧表示 / every warning is in the report of import #${options.batchId} (/imports/${options.batchId}); --all-warnings lists them here`
      : '  --all-warnings ですべてを一覧表示します / --all-warnings lists every one',
  );
  return lines;
}
