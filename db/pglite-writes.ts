/**
 * Counts the write statements and transactions that have finished on a PGlite database, so that
 * the data version (db/queries/data-version.ts) can be kept in the process instead of asked of
 * the database on every request: PGlite has one connection, and that question would wait behind
 * every page render's queries. Sound because one process owns a PGlite directory
 * (db/pglite-lock.ts): every write to it passes through this instance.
 *
 * A statement counts as a read only when it plainly is one (isReadOnlySql); anything else — and
 * every transaction — counts as a write once it has finished, committed or not. Counting too much
 * only costs a version read; counting too little would serve a stale page.
 */
import type { PGlite } from '@electric-sql/pglite';

export interface WriteCounter {
  /** Grows after each write statement or transaction has finished (before its caller resumes). */
  readonly count: number;
}

/** Leading blanks, comments and parentheses before a statement's first keyword. */
const LEADING = /^(?:\s+|--[^\n]*\n?|\/\*[\s\S]*?\*\/|\()*/;
const READ_START = /^(select|with|show|values|table|explain)\b/i;
/** Words that make even a SELECT or WITH write (data-modifying CTEs, sequences, explain analyze). */
const WRITE_WORD = /\b(insert|update|delete|merge|truncate|copy|nextval|setval|analyze|into)\b/i;

/** String literals and comments, in one left-to-right pass so that each hides the other correctly. */
const LITERAL_OR_COMMENT = /'(?:[^']|'')*'|--[^\n]*|\/\*[\s\S]*?\*\//g;
/** A dollar-quoted body (`$$…$$`, `$x$…$x$`), not a `$1` parameter: too rich to read, so a write. */
const DOLLAR_QUOTE = /\$[A-Za-z_]*\$/;

/** Whether a statement (or a `;`-separated batch) surely changes nothing. */
export function isReadOnlySql(text: string): boolean {
  if (DOLLAR_QUOTE.test(text)) return false;
  // A word in a comment or a string ("the text copy in the select list") is no write.
  const statement = text.replace(LITERAL_OR_COMMENT, (token) => (token.startsWith("'") ? "''" : ' ')).replace(LEADING, '');
  return READ_START.test(statement) && !WRITE_WORD.test(statement) && !/;\s*\S/.test(statement);
}

/** Wraps the instance's query, exec and transaction methods to count writes; returns the counter. */
export function trackWrites(client: PGlite): WriteCounter {
  const counter = { count: 0 };
  const counted = async <T>(write: boolean, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } finally {
      if (write) counter.count++;
    }
  };
  const query = client.query.bind(client);
  const exec = client.exec.bind(client);
  const transaction = client.transaction.bind(client);
  client.query = ((text: string, ...rest: unknown[]) =>
    counted(!isReadOnlySql(text), () => (query as (...args: unknown[]) => Promise<unknown>)(text, ...rest))) as PGlite['query'];
  client.exec = ((text: string, ...rest: unknown[]) =>
    counted(!isReadOnlySql(text), () => (exec as (...args: unknown[]) => Promise<unknown>)(text, ...rest))) as PGlite['exec'];
  client.transaction = ((callback: Parameters<PGlite['transaction']>[0]) => counted(true, () => transaction(callback))) as PGlite['transaction'];
  return counter;
}
