/** A record's content hash: what "unchanged" means on re-import. */
import { createHash } from 'node:crypto';
import type { SheetRecord } from './read-canonical';

const hashed = new WeakMap<SheetRecord, string>();

/**
 * Everything the row said, hashed: the same hash on re-import means "unchanged". Remembered per
 * record, so the streaming importer can hash a record as it is read, ahead of its write (records
 * are not changed once read).
 */
export function contentHash(r: SheetRecord): string {
  let hash = hashed.get(r);
  if (hash === undefined) hashed.set(r, (hash = computeHash(r)));
  return hash;
}

function computeHash(r: SheetRecord): string {
  // Where a value sat in the sheet is not what it says: moving a column changes no content.
  const { line: _line, columnLabels: _labels, ...content } = r;
  if (content.ratings.some((x) => x.column !== undefined)) content.ratings = content.ratings.map(({ column: _c, ...x }) => x);
  return createHash('sha256').update(JSON.stringify(content)).digest('hex');
}
