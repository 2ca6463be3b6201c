/**
 * The workbook part and its relationships: which worksheets there are, where each lives in the
 * zip, and where the shared strings and styles are.
 */
import type { XlsxLimits } from './limits';
import type { ZipParts } from './xlsx-zip';
import { OverLimit } from './xlsx-over-limit';

export interface SheetRef {
  name: string;
  path: string;
}
export interface Workbook {
  sheets: SheetRef[];
  sharedStrings: string | null;
  styles: string | null;
  date1904: boolean;
}

/** `xl/worksheets/sheet1.xml` from a relationship target relative to `xl/workbook.xml`. */
export function resolvePart(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/').slice(0, -1);
  for (const piece of target.split('/')) {
    if (piece === '..') parts.pop();
    else if (piece !== '.' && piece !== '') parts.push(piece);
  }
  return parts.join('/');
}

export const relsOf = (part: string) => {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
};

export async function readRelationships(zip: ZipParts, part: string, limits: XlsxLimits, over: () => Error) {
  const rels = new Map<string, { type: string; path: string }>();
  const path = relsOf(part);
  if (!zip.has(path)) return rels;
  await zip.parseXml(
    path,
    {
      open(name, a) {
        if (name === 'Relationship' && a.Id && a.Target) rels.set(a.Id, { type: a.Type ?? '', path: resolvePart(part, a.Target) });
      },
    },
    limits.partBytes,
    over,
  );
  return rels;
}

export async function readWorkbook(zip: ZipParts, limits: XlsxLimits, fileName: string): Promise<Workbook> {
  const tooBig = (part: string) => () => new OverLimit(fileName, null, limits).part(part);
  const root = await readRelationships(zip, '', limits, tooBig('_rels/.rels'));
  const office = [...root.values()].find((r) => r.type.endsWith('/officeDocument'));
  const part = office?.path ?? 'xl/workbook.xml';
  if (!zip.has(part)) throw new Error(`${part} is missing`);
  const rels = await readRelationships(zip, part, limits, tooBig(relsOf(part)));
  const sheets: SheetRef[] = [];
  let date1904 = false;
  await zip.parseXml(
    part,
    {
      open(name, a) {
        if (name === 'workbookPr') date1904 = a.date1904 === '1' || a.date1904 === 'true';
        if (name !== 'sheet' || a.name === undefined) return;
        const id = a['r:id'] ?? Object.entries(a).find(([k]) => k.endsWith(':id'))?.[1];
        const rel = id ? rels.get(id) : undefined;
        // Chart sheets and dialog sheets are not worksheets.
        if (rel?.type.endsWith('/worksheet') && zip.has(rel.path)) sheets.push({ name: a.name, path: rel.path });
      },
    },
    limits.partBytes,
    tooBig(part),
  );
  const find = (kind: string) => [...rels.values()].find((r) => r.type.endsWith(kind) && zip.has(r.path))?.path ?? null;
  return { sheets, sharedStrings: find('/sharedStrings'), styles: find('/styles'), date1904 };
}

/** Excel writes some characters as `_x000D_`. */
