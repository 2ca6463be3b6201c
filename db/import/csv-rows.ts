/**
 * A CSV text read whole into rows with their physical line numbers (files read in memory; the
 * streamed path is csv-stream.ts), and the problems that make a file unreadable as a sheet.
 */
import Papa from 'papaparse';
import { headerDelimiter } from './delimiter';
import type { Problem } from './problems';
import { MAX_CELL_CHARS, MAX_COLUMNS } from './limits';

const sizeProblem = (fileName: string, line: number, column: string | null, ja: string, en: string): Problem => ({
  severity: 'error',
  file: fileName,
  line,
  column,
  value: null,
  message: { ja, en },
});

/** More columns than MAX_COLUMNS (the streaming importer checks this on the header row). */
export function headerTooWide(fileName: string, header: string[]): Problem | null {
  if (header.length > MAX_COLUMNS) {
    const n = header.length.toLocaleString('en-US');
    return sizeProblem(
      fileName,
      1,
      null,
      `見出し行に${n}列あります。Hyokaが読めるのは${MAX_COLUMNS.toLocaleString('en-US')}列までです（評価シートの書き出しは通常200列以下です）。行と列を入れ替えていないか確認してください`,
      `The header row has ${n} columns; Hyoka reads at most ${MAX_COLUMNS.toLocaleString('en-US')} (a sheet export has at most about 200). Check that rows and columns are not swapped`,
    );
  }
  return null;
}

/** The first value on a line longer than MAX_CELL_CHARS (line 1 is the header). */
export function cellTooLong(fileName: string, line: number, header: string[], values: string[]): Problem | null {
  const i = values.findIndex((v) => v.length > MAX_CELL_CHARS);
  if (i < 0) return null;
  const n = values[i]!.length.toLocaleString('en-US');
  const column = line === 1 ? null : header[i]?.trim() || null;
  return sizeProblem(
    fileName,
    line,
    column,
    `値が長すぎます（${n}文字）。1つの値は${MAX_CELL_CHARS.toLocaleString('en-US')}文字までです。引用符の閉じ忘れや、別のファイルを貼り付けていないか確認してください`,
    `The value is too long (${n} characters; at most ${MAX_CELL_CHARS.toLocaleString('en-US')}). Check for an unclosed quote or another file pasted into the cell`,
  );
}

export function quoteProblem(fileName: string, header: string[], q: QuoteError): Problem {
  const column = header[q.field]?.trim() || null;
  return {
    severity: 'error',
    file: fileName,
    line: q.line,
    column,
    value: null,
    message:
      q.code === 'MissingQuotes'
        ? {
            ja: '引用符（"）が閉じられていません。この値からファイルの終わりまでが1つの値として読まれてしまいます。値を "…" で囲み、値の中の " は "" と書いてください',
            en: 'A quote (") is never closed, so the rest of the file would be read as one value. Enclose the value in "…" and write a " inside it as ""',
          }
        : {
            ja: '引用符（"）で囲んだ値の後に余分な文字があります。値の中の " は "" と書いてください',
            en: 'There are characters after the closing quote (") of a value. Write a " inside a value as ""',
          },
  };
}

export interface RawRow {
  line: number;
  values: string[];
}

/** A quoting mistake papaparse found, with the physical line of the row it broke. */
export interface QuoteError {
  line: number;
  field: number;
  code: 'MissingQuotes' | 'InvalidQuotes';
}

/**
 * Papaparse gives each row's end offset; counting newlines between offsets yields the physical
 * line where each row starts, so quoted multi-line cells do not shift the numbers we report.
 */
export function parseCsv(text: string): { header: string[]; rows: RawRow[]; quoteErrors: QuoteError[] } {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const rows: RawRow[] = [];
  const quoteErrors: QuoteError[] = [];
  let header: string[] | null = null;
  let offset = 0;
  let line = 1;
  Papa.parse<string[]>(body, {
    delimiter: headerDelimiter(body),
    header: false,
    skipEmptyLines: false,
    step: (result) => {
      const startLine = line;
      const end = result.meta.cursor;
      for (let i = offset; i < end; i++) if (body.charCodeAt(i) === 10) line++;
      offset = end;
      const values = result.data;
      // Delimiter auto-detection notes are not problems; quoting mistakes are (one per row).
      // "訪問"と電話 reports both; the text after the closing quote is the mistake to name.
      const quote = result.errors.find((e) => e.code === 'InvalidQuotes') ?? result.errors.find((e) => e.code === 'MissingQuotes');
      if (quote) quoteErrors.push({ line: startLine, field: values.length - 1, code: quote.code as QuoteError['code'] });
      if (header === null) {
        header = values;
        return;
      }
      if (values.every((v) => v.trim() === '')) return;
      rows.push({ line: startLine, values });
    },
  });
  return { header: header ?? [], rows, quoteErrors };
}
