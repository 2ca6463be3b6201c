/**
 * Hostile workbooks for the reader's limits (db/import/read-xlsx.ts), written to disk as they
 * are generated — never committed: a sheet of 3.2 M numeric cells (≈9 MB) and a ≈585 kB
 * workbook whose shared-strings table holds one 600 MB string. The zip is built here by hand
 * (a part can be far larger than any JS string), each part deflated as it is generated.
 *
 *   npx tsx scripts/hostile-xlsx.ts DIR   → DIR/many-cells.xlsx, DIR/long-string.xlsx
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { crc32, createDeflateRaw } from 'node:zlib';

/** A part's text, in pieces (generated lazily: a part may not fit in one string). */
type Part = { name: string; pieces: Iterable<string>; level?: number };

/** Writes a zip of deflated parts (no zip64: each part under 4 GB). */
export async function writeZip(path: string, parts: Part[]): Promise<void> {
  const out = createWriteStream(path);
  const central: Buffer[] = [];
  let offset = 0;
  const write = async (b: Buffer) => {
    offset += b.length;
    if (!out.write(b)) await once(out, 'drain');
  };
  for (const part of parts) {
    const name = Buffer.from(part.name, 'utf8');
    let crc = 0;
    let size = 0;
    const deflate = createDeflateRaw({ level: part.level ?? 6 });
    const compressed: Buffer[] = [];
    deflate.on('data', (c: Buffer) => compressed.push(c));
    const done = once(deflate, 'end');
    for (const piece of part.pieces) {
      const b = Buffer.from(piece, 'utf8');
      crc = crc32(b, crc);
      size += b.length;
      if (!deflate.write(b)) await once(deflate, 'drain');
    }
    deflate.end();
    await done;
    const data = Buffer.concat(compressed);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(0x21, 12); // 1980-01-01
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(20, 6);
    header.writeUInt16LE(0x0800, 8);
    header.writeUInt16LE(8, 10);
    header.writeUInt16LE(0x21, 14);
    header.writeUInt32LE(crc >>> 0, 16);
    header.writeUInt32LE(data.length, 20);
    header.writeUInt32LE(size, 24);
    header.writeUInt16LE(name.length, 28);
    header.writeUInt32LE(offset, 42);
    central.push(header, name);
    await write(Buffer.concat([local, name]));
    await write(data);
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  await write(directory);
  await write(end);
  out.end();
  await once(out, 'finish');
}

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** The parts every workbook has, around one sheet and optional shared strings. */
function workbookParts(sheet: Iterable<string>, sharedStrings?: Iterable<string>): Part[] {
  const ss = sharedStrings !== undefined;
  return [
    {
      name: '[Content_Types].xml',
      pieces: [
        `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>${ss ? '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' : ''}</Types>`,
      ],
    },
    {
      name: '_rels/.rels',
      pieces: [
        `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
      ],
    },
    {
      name: 'xl/workbook.xml',
      pieces: [`${XML}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`],
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      pieces: [
        `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>${ss ? `<Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>` : ''}</Relationships>`,
      ],
    },
    { name: 'xl/worksheets/sheet1.xml', pieces: sheet },
    // The strongest compression: one 600 MB string packs into ≈585 kB.
    ...(ss ? [{ name: 'xl/sharedStrings.xml', pieces: sharedStrings, level: 9 }] : []),
  ];
}

const letters = (index: number) => {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
};

/** Hyoka's own header in row 1, then rows × columns of numbers (a deterministic pseudo-random walk). */
function* manyCellsSheet(rows: number, columns: number): Generator<string> {
  const cols = Array.from({ length: columns }, (_, c) => letters(c));
  const header = ['市区町村コード', '市区町村名', '年度', '事業番号', '事業名'];
  yield `${XML}<worksheet xmlns="${MAIN}"><sheetData>`;
  yield `<row r="1">${cols.map((l, c) => `<c r="${l}1" t="inlineStr"><is><t>${header[c] ?? `列${c + 1}`}</t></is></c>`).join('')}</row>`;
  let seed = 12345;
  for (let r = 2; r <= rows; r++) {
    let row = `<row r="${r}">`;
    for (let c = 0; c < columns; c++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      row += `<c r="${cols[c]}${r}"><v>${seed % 10}</v></c>`;
    }
    yield `${row}</row>`;
  }
  yield '</sheetData></worksheet>';
}

/** A workbook of `rows` × `columns` cells holding a value (3.2 M: 100,000 × 32, ≈9 MB). */
export function writeManyCellsWorkbook(path: string, rows = 100_000, columns = 32): Promise<void> {
  return writeZip(path, workbookParts(manyCellsSheet(rows, columns)));
}

/** A workbook whose shared-strings table holds one string of `chars` characters (600 M: ≈585 kB), used by A1. */
export function writeLongStringWorkbook(path: string, chars = 600_000_000): Promise<void> {
  const piece = 'a'.repeat(1 << 20);
  function* strings(): Generator<string> {
    yield `${XML}<sst xmlns="${MAIN}" count="1" uniqueCount="1"><si><t>`;
    for (let left = chars; left > 0; left -= piece.length) yield left >= piece.length ? piece : piece.slice(0, left);
    yield '</t></si></sst>';
  }
  const sheet = [`${XML}<worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>`];
  return writeZip(path, workbookParts(sheet, strings()));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: npx tsx scripts/hostile-xlsx.ts DIR');
    process.exit(2);
  }
  await writeManyCellsWorkbook(join(dir, 'many-cells.xlsx'));
  await writeLongStringWorkbook(join(dir, 'long-string.xlsx'));
  console.log(`${dir}/many-cells.xlsx, ${dir}/long-string.xlsx`);
}
