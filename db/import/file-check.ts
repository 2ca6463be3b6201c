/**
 * Before any CSV parsing: are these bytes a CSV text Hyoka can read, and in which encoding?
 *
 * Hyoka reads UTF-8 (with or without BOM) and Shift_JIS (CP932), the two encodings Japanese
 * Excel writes. Everything else gets one clear, specific refusal instead of a header of
 * mojibake: an empty or oversize file, UTF-16, a PDF / Excel workbook / zip renamed .csv, a BOM
 * that promises UTF-8 over Shift_JIS bytes, UTF-8 and Shift_JIS lines pasted into one file, NUL
 * bytes, and any other undecodable bytes. Pure functions; the line numbers are physical lines.
 */
import iconv from 'iconv-lite';
import { MAX_FILE_BYTES, MAX_FILE_TEXT, megabytes } from './limits';
import type { Problem } from './problems';

/** UTF-8 (with or without BOM) when the bytes are valid UTF-8, otherwise Shift_JIS (CP932). */
export function decode(bytes: Uint8Array): { text: string; encoding: string } {
  const hasBom = startsWith(bytes, [0xef, 0xbb, 0xbf]);
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(hasBom ? bytes.subarray(3) : bytes);
    return { text, encoding: hasBom ? 'UTF-8 (BOM)' : 'UTF-8' };
  } catch {
    return { text: iconv.decode(Buffer.from(bytes), 'cp932'), encoding: 'Shift_JIS (CP932)' };
  }
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

/** Files people rename to .csv, by their first bytes. */
const SIGNATURES: { prefix: number[]; ja: string; en: string }[] = [
  { prefix: [0x25, 0x50, 0x44, 0x46, 0x2d], ja: 'PDFファイル', en: 'a PDF file' }, // %PDF-
  { prefix: [0x50, 0x4b, 0x03, 0x04], ja: 'Excelのブック（.xlsx）などのZIP形式のファイル', en: 'an Excel workbook (.xlsx) or another zip file' },
  { prefix: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], ja: '古い形式のExcelのブック（.xls）', en: 'an old-format Excel workbook (.xls)' },
  { prefix: [0x1f, 0x8b], ja: 'gzipで圧縮されたファイル', en: 'a gzip-compressed file' },
];

function fileProblem(fileName: string, ja: string, en: string, line: number | null = null): Problem {
  return { severity: 'error', file: fileName, line, column: null, value: null, message: { ja, en } };
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
function isUtf8(bytes: Uint8Array): boolean {
  try {
    utf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Each physical line's bytes (split at LF; a CR stays with its line and is harmless here). */
function lines(bytes: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x0a) {
      out.push(bytes.subarray(start, i));
      start = i + 1;
    }
  }
  out.push(bytes.subarray(start));
  return out;
}

/** 1-based line of a byte offset. */
function lineOf(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

const RESAVE_JA = 'Excelで「CSV UTF-8（コンマ区切り）」か「CSV（コンマ区切り）」で保存し直してください';
const RESAVE_EN = 'Save it from Excel as "CSV UTF-8 (Comma delimited)" or "CSV (Comma delimited)"';

/** A file above MAX_FILE_BYTES; the CLI asks before reading the file at all. */
export function checkFileSize(fileName: string, size: number): Problem | null {
  if (size <= MAX_FILE_BYTES) return null;
  return fileProblem(
    fileName,
    `ファイルが大きすぎます（${megabytes(size)}、上限 ${MAX_FILE_TEXT}）。年度ごと・自治体ごとなどに分けて取り込んでください`,
    `The file is too large (${megabytes(size)}; the limit is ${MAX_FILE_TEXT}). Split it, e.g. by fiscal year or municipality`,
  );
}

/** A NUL byte on `line` (the streaming importer finds it chunk by chunk, with the same words). */
export function nulByteProblem(fileName: string, line: number): Problem {
  return fileProblem(
    fileName,
    `${line}行目にNUL文字（0x00）があります。CSVのテキストには含められない文字です。書き出した元のシステムかファイルが壊れていないか確認し、${RESAVE_JA}`,
    `Line ${line} holds a NUL byte (0x00), which a CSV text cannot contain. Check the system that wrote the file or whether it is damaged, then ${RESAVE_EN.replace(/^Save/, 'save')}`,
    line,
  );
}

/**
 * The checks a file's first bytes decide (UTF-16, a PDF / workbook / zip / .xls renamed .csv),
 * for a file streamed from disk: the rest (NUL bytes, encodings) is found as it streams.
 */
export function checkStart(fileName: string, head: Uint8Array): Problem | null {
  if (startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff])) {
    return fileProblem(fileName, `ファイルがUTF-16で保存されています。${RESAVE_JA}`, `The file is saved as UTF-16. ${RESAVE_EN}`);
  }
  return signatureProblem(fileName, head);
}

function signatureProblem(fileName: string, bytes: Uint8Array): Problem | null {
  const signature = SIGNATURES.find((s) => startsWith(bytes, s.prefix));
  if (!signature) return null;
  return fileProblem(
    fileName,
    `このファイルはCSVではなく${signature.ja}です（名前だけ .csv になっています）。元のファイルを開き、${RESAVE_JA}`,
    `This is not a CSV file but ${signature.en} renamed to .csv. Open the original and ${RESAVE_EN.replace(/^Save/, 'save')}`,
  );
}

/**
 * Checks the raw bytes (size, signature, encoding); `null` when they can be decoded and parsed.
 * Runs before `decode`, so an oversize or binary file is never decoded at all.
 */
export function checkBytes(fileName: string, bytes: Uint8Array): Problem | null {
  const tooLarge = checkFileSize(fileName, bytes.length);
  if (tooLarge) return tooLarge;
  const start = checkStart(fileName, bytes);
  if (start) return start;
  const nul = bytes.indexOf(0);
  if (nul >= 0) return nulByteProblem(fileName, lineOf(bytes, nul));
  const hasBom = startsWith(bytes, [0xef, 0xbb, 0xbf]);
  if (isUtf8(hasBom ? bytes.subarray(3) : bytes)) return null;

  // Not UTF-8 as a whole: say which lines are which, when that explains it.
  const all = lines(hasBom ? bytes.subarray(3) : bytes);
  const nonAscii = (l: Uint8Array) => l.some((b) => b >= 0x80);
  const firstUtf8 = all.findIndex((l) => nonAscii(l) && isUtf8(l));
  const firstOther = all.findIndex((l) => !isUtf8(l));
  if (hasBom) {
    const line = firstOther + 1;
    return fileProblem(
      fileName,
      `ファイルの先頭にUTF-8の印（BOM）がありますが、${line}行目はUTF-8ではありません（Shift_JISなど別の文字コードです）。${RESAVE_JA}`,
      `The file starts with a UTF-8 byte-order mark, but line ${line} is not UTF-8 (it is Shift_JIS or another encoding). ${RESAVE_EN}`,
      line,
    );
  }
  if (firstUtf8 >= 0 && firstOther >= 0) {
    const [u, o] = [firstUtf8 + 1, firstOther + 1];
    return fileProblem(
      fileName,
      `1つのファイルにUTF-8の行（${u}行目など）とShift_JISなど別の文字コードの行（${o}行目など）が混在しています。ファイルをつなぎ合わせた場合は、1つの文字コードにそろえてから保存し直してください`,
      `The file mixes UTF-8 lines (e.g. line ${u}) with lines in another encoding such as Shift_JIS (e.g. line ${o}). If files were joined, convert them to one encoding and save again`,
      Math.max(u, o),
    );
  }
  return null;
}

/**
 * Checks the decoded text: an empty file, or Shift_JIS decoding that produced control
 * characters or U+FFFD (an encoding Hyoka does not read, e.g. EUC-JP, or other binary data).
 */
export function checkText(fileName: string, text: string): Problem | null {
  if (text.replace(/^\uFEFF/, '').trim() === '') {
    return fileProblem(fileName, 'ファイルが空です', 'The file is empty');
  }
  const bad = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFD]/.exec(text);
  if (bad) {
    const line = text.slice(0, bad.index).split('\n').length;
    return fileProblem(
      fileName,
      `テキストのCSVファイルとして読めません（${line}行目にUTF-8でもShift_JISでもない文字があります）。Excelファイルなどを名前だけ .csv に変えていないか確認し、CSV形式で保存し直してください`,
      `This is not a CSV text file (line ${line} holds bytes that are neither UTF-8 nor Shift_JIS). Check that it is not an Excel or other file renamed to .csv, and save it as CSV`,
      line,
    );
  }
  return null;
}
