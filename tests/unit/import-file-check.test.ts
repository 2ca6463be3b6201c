/** Bytes before parsing (db/import/file-check.ts): which files are refused, and on which line. */
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { checkBytes, checkFileSize, checkText, decode } from '../../db/import/file-check';
import { MAX_FILE_BYTES } from '../../db/import/limits';

const utf8 = (s: string) => new TextEncoder().encode(s);
const sjis = (s: string) => new Uint8Array(iconv.encode(s, 'cp932'));
const join = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) out.set(p, (at += p.length) - p.length);
  return out;
};
const BOM = new Uint8Array([0xef, 0xbb, 0xbf]);

describe('checkBytes', () => {
  it.each<[string, Uint8Array, number | null, RegExp | null]>([
    ['UTF-8', utf8('年度,事業名\n2022,見守り\n'), null, null],
    ['UTF-8 with BOM', join(BOM, utf8('年度\n2022\n')), null, null],
    ['Shift_JIS', sjis('年度,事業名\r\n2022,見守り\r\n'), null, null],
    ['ASCII only', utf8('a,b\n1,2\n'), null, null],
    ['empty (left to checkText)', new Uint8Array(), null, null],
    ['UTF-16 LE', new Uint8Array([0xff, 0xfe, 0x74, 0x5e]), null, /UTF-16/],
    ['PDF', utf8('%PDF-1.7\n'), null, /PDFファイル/],
    ['xlsx (zip)', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0]), null, /\.xlsx/],
    ['xls (OLE2)', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), null, /\.xls）/],
    ['gzip', new Uint8Array([0x1f, 0x8b, 8, 0]), null, /gzip/],
    ['NUL on line 3', utf8('a\nb\nc\u0000d\n'), 3, /NUL/],
    ['BOM over Shift_JIS, line 2', join(BOM, utf8('year\n'), sjis('年度\n')), 2, /BOM/],
    ['UTF-8 line 2, Shift_JIS line 3', join(utf8('a\n年度\n'), sjis('事業\n')), 3, /混在/],
    ['Shift_JIS then UTF-8', join(sjis('年度\n'), utf8('事業\n')), 2, /混在/],
  ])('%s', (_name, bytes, line, message) => {
    const problem = checkBytes('f.csv', bytes);
    if (message === null) {
      expect(problem).toBeNull();
      return;
    }
    expect(problem).toMatchObject({ severity: 'error', file: 'f.csv', line, column: null, value: null });
    expect(problem!.message.ja).toMatch(message);
    expect(problem!.message.en.length).toBeGreaterThan(20);
  });
});

describe('checkFileSize', () => {
  it.each([
    [MAX_FILE_BYTES, null],
    [MAX_FILE_BYTES + 1, '256.0 MB'],
    [300 * 1024 * 1024, '300.0 MB'],
  ])('%d bytes', (size, shown) => {
    const problem = checkFileSize('f.csv', size);
    if (shown === null) expect(problem).toBeNull();
    else expect(problem!.message.en).toBe(`The file is too large (${shown}; the limit is 256 MB). Split it, e.g. by fiscal year or municipality`);
  });
});

describe('checkText after decode', () => {
  it.each([
    ['', 'The file is empty'],
    ['\uFEFF  \n', 'The file is empty'],
    [
      '年度\n\u0001\n',
      'This is not a CSV text file (line 2 holds bytes that are neither UTF-8 nor Shift_JIS). Check that it is not an Excel or other file renamed to .csv, and save it as CSV',
    ],
    ['年度\n2022\n', null],
  ])('%j', (text, en) => {
    expect(checkText('f.csv', text)?.message.en ?? null).toBe(en);
  });

  it('decodes UTF-8, UTF-8 with BOM and Shift_JIS to the same text', () => {
    for (const bytes of [utf8('年度'), join(BOM, utf8('年度')), sjis('年度')]) expect(decode(bytes).text).toBe('年度');
  });
});
