/**
 * A CSV file as a stream of row batches: bytes → text (UTF-8, or Shift_JIS when the bytes are not
 * UTF-8) → Papaparse, a few thousand rows at a time, paused while the caller writes them. Memory
 * is one batch, however large the file; the bytes also feed a SHA-256 and any other tap (the
 * gzipped original) on the way through.
 */
import { headerDelimiter } from './delimiter';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { nulByteProblem } from './file-check';
import type { Problem } from './problems';
import type { QuoteError, RawRow } from './read-canonical';

/** Where the bytes come from: in memory (uploads, tests) or a file on disk (the CLI, 1 M rows). */
export type ImportSource = Uint8Array | { path: string };

/**
 * Bytes per read. Small on purpose: Papaparse handles a chunk (and our reading of its rows) in one
 * synchronous run, during which the database's replies for the batch being written wait; 64 kB
 * (≈50 rows) keeps each run to a few milliseconds, so parsing and writing overlap.
 */
const READ_CHUNK = 1 << 16;
/** Rows per prepare call (see CsvHandlers.prepare). */
const SLICE_ROWS = 250;

/** The source's bytes in chunks of about 1 MB; can be read more than once. */
export async function* sourceChunks(source: ImportSource): AsyncGenerator<Uint8Array> {
  if (source instanceof Uint8Array) {
    for (let i = 0; i < source.length; i += READ_CHUNK) yield source.subarray(i, i + READ_CHUNK);
    return;
  }
  for await (const chunk of createReadStream(source.path, { highWaterMark: READ_CHUNK })) yield chunk as Buffer;
}

export type Encoding = 'utf-8' | 'cp932';

/** Thrown when bytes read as UTF-8 turn out not to be: the import starts over as Shift_JIS. */
export class NotUtf8 extends Error {
  constructor() {
    super('not UTF-8');
  }
}

/** Thrown when the bytes are not CSV text at all; the problem is the import's only one. */
export class Unreadable extends Error {
  constructor(readonly problem: Problem) {
    super(problem.message.en);
  }
}

function fileProblem(fileName: string, ja: string, en: string, line: number | null = null): Problem {
  return { severity: 'error', file: fileName, line, column: null, value: null, message: { ja, en } };
}

export const emptyFileProblem = (fileName: string) => fileProblem(fileName, 'ファイルが空です', 'The file is empty');

/** NUL / control characters or U+FFFD: an .xlsx or PDF renamed .csv, or an unknown encoding. */
const BAD_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFD]/;

export interface DecodeState {
  encoding: string;
  sha256: string;
  bytes: number;
  /** Any character other than whitespace and a BOM (an empty file is an error). */
  sawText: boolean;
}

/**
 * Decodes the source as text chunks, checking as it goes that the bytes are CSV text (not
 * UTF-16, not binary). `tap` sees every byte chunk (for the gzipped copy of the original).
 */
async function* decodeChunks(
  fileName: string,
  source: ImportSource,
  encoding: Encoding,
  state: DecodeState,
  tap?: (chunk: Uint8Array) => void | Promise<void>,
): AsyncGenerator<string> {
  const hash = createHash('sha256');
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  const sjis = iconv.getDecoder('cp932');
  let first = true;
  let line = 1;
  for await (const chunk of sourceChunks(source)) {
    if (first) {
      first = false;
      if ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff)) {
        throw new Unreadable(
          fileProblem(
            fileName,
            'ファイルがUTF-16で保存されています。Excelで「CSV UTF-8（コンマ区切り）」か「CSV（コンマ区切り）」で保存し直してください',
            'The file is saved as UTF-16. Save it from Excel as "CSV UTF-8 (Comma delimited)" or "CSV (Comma delimited)"',
          ),
        );
      }
      const hasBom = chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf;
      state.encoding = encoding === 'cp932' ? 'Shift_JIS (CP932)' : hasBom ? 'UTF-8 (BOM)' : 'UTF-8';
    }
    // A NUL byte is valid UTF-8 but never CSV text: named as such (file-check.ts), not as an encoding.
    const nul = chunk.indexOf(0);
    if (nul >= 0) throw new Unreadable(nulByteProblem(fileName, line + countNewlineBytes(chunk, nul)));
    hash.update(chunk);
    state.bytes += chunk.length;
    if (tap) await tap(chunk);
    let text: string;
    if (encoding === 'utf-8') {
      try {
        text = utf8.decode(chunk, { stream: true });
      } catch {
        throw new NotUtf8();
      }
    } else {
      text = sjis.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length));
    }
    yield checked(text);
  }
  const rest = encoding === 'utf-8' ? decodeRest(utf8) : (sjis.end() ?? '');
  if (rest) yield checked(rest);
  state.sha256 = hash.digest('hex');

  function checked(text: string): string {
    if (!state.sawText && /[^\s\uFEFF]/.test(text)) state.sawText = true;
    const bad = BAD_CHARACTER.exec(text);
    if (bad) {
      const at = line + countNewlines(text, 0, bad.index);
      throw new Unreadable(
        fileProblem(
          fileName,
          `テキストのCSVファイルとして読めません（${at}行目にUTF-8でもShift_JISでもない文字があります）。Excelファイルなどを名前だけ .csv に変えていないか確認し、CSV形式で保存し直してください`,
          `This is not a CSV text file (line ${at} holds bytes that are neither UTF-8 nor Shift_JIS). Check that it is not an Excel or other file renamed to .csv, and save it as CSV`,
          at,
        ),
      );
    }
    line += countNewlines(text, 0, text.length);
    return text;
  }
}

function decodeRest(decoder: TextDecoder): string {
  try {
    return decoder.decode();
  } catch {
    throw new NotUtf8();
  }
}

function countNewlineBytes(bytes: Uint8Array, to: number): number {
  let n = 0;
  for (let i = 0; i < to; i++) if (bytes[i] === 0x0a) n++;
  return n;
}

function countNewlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

export interface CsvHandlers<T> {
  header(values: string[]): void;
  /**
   * Turns a slice of a few hundred data rows (blank rows dropped) into work for `write`; pure, no
   * database. Called as the rows are parsed, not once per batch, so that reading a batch is spread
   * over the time the previous batch is being written.
   */
  prepare(rows: RawRow[]): T;
  /**
   * Writes one batch (the prepared slices of about `batchRows` rows). Batches are written one at
   * a time, in file order, while the next batch is parsed and prepared: the CPU reads the file
   * while the database writes.
   */
  write(prepared: T[]): Promise<void>;
  quote(error: QuoteError): void;
}

/**
 * Streams the source through Papaparse. Each row's physical line is counted from the newlines
 * inside its values (quoted multi-line cells), so the lines reported match what an editor shows.
 */
export function parseCsvStream<T>(
  fileName: string,
  source: ImportSource,
  encoding: Encoding,
  handlers: CsvHandlers<T>,
  options: { batchRows: number; tap?: (chunk: Uint8Array) => void | Promise<void> },
): Promise<DecodeState> {
  const state: DecodeState = { encoding: encoding === 'cp932' ? 'Shift_JIS (CP932)' : 'UTF-8', sha256: '', bytes: 0, sawText: false };
  const input = Readable.from(decodeChunks(fileName, source, encoding, state, options.tap), { objectMode: true });
  return new Promise((resolve, reject) => {
    let line = 1;
    let seenHeader = false;
    let slice: RawRow[] = [];
    let prepared: T[] = [];
    let preparedRows = 0;
    let failed = false;
    let paused = false;
    /** The write in flight; at most one, plus one batch being prepared. */
    let writing: Promise<void> = Promise.resolve();
    const prepareSlice = () => {
      if (slice.length === 0) return;
      prepared.push(handlers.prepare(slice));
      preparedRows += slice.length;
      slice = [];
    };
    const takeBatch = (): T[] => {
      prepareSlice();
      const batch = prepared;
      prepared = [];
      preparedRows = 0;
      return batch;
    };
    const enqueue = async (batch: T[]) => {
      await writing;
      writing = handlers.write(batch);
      writing.catch(fail);
    };
    const fail = (error: unknown) => {
      if (failed) return;
      failed = true;
      input.destroy();
      reject(error);
    };
    Papa.parse<string[]>(input as unknown as File, {
      // Called with the first chunk, which holds the header row.
      delimiter: (first: string) => headerDelimiter(first),
      header: false,
      skipEmptyLines: false,
      step: (result, parser) => {
        if (failed) return;
        const startLine = line;
        const values = result.data;
        for (const v of values) if (v.length > 0 && v.includes('\n')) line += countNewlines(v, 0, v.length);
        line++;
        // Delimiter auto-detection notes are not problems; quoting mistakes are (one per row).
        // "訪問"と電話 reports both; the text after the closing quote is the mistake to name.
        const quote = result.errors.find((e) => e.code === 'InvalidQuotes') ?? result.errors.find((e) => e.code === 'MissingQuotes');
        if (quote) handlers.quote({ line: startLine, field: values.length - 1, code: quote.code as QuoteError['code'] });
        if (!seenHeader) {
          seenHeader = true;
          values[0] = values[0]?.replace(/^\uFEFF/, '') ?? '';
          handlers.header(values);
          return;
        }
        if (values.every((v) => v.trim() === '')) return;
        slice.push({ line: startLine, values });
        if (slice.length >= SLICE_ROWS) prepareSlice();
        if (preparedRows >= options.batchRows) {
          const batch = takeBatch();
          // Papaparse's pause stops its parser but not the stream feeding it: without pausing
          // the input too, the rest of the file would pile up in its queue while we write.
          parser.pause();
          input.pause();
          paused = true;
          enqueue(batch).then(() => {
            paused = false;
            parser.resume();
            if (!paused && !failed) input.resume();
          }, fail);
        }
      },
      complete: () => {
        if (failed) return;
        const batch = takeBatch();
        (batch.length > 0 ? enqueue(batch) : Promise.resolve()).then(() => writing).then(() => resolve(state), fail);
      },
      error: (error: unknown) => fail(error),
    });
    input.on('error', fail);
  });
}
