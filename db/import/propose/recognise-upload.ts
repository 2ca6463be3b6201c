/**
 * Recognition of an upload: the saved profile made for one of the file's first rows as its
 * header (the row the mapping step used), so next year's file is imported without the mapping step.
 */
import type { Db } from '../../client';
import { recogniseProfile, type SavedProfile } from '../saved-profiles';
import { sampleSheet } from './sample-sheet';

/** Rows looked at: a header sits within the first ten rows. */
const HEADER_ROWS = 10;

export async function recogniseUpload(db: Db, fileName: string, bytes: Uint8Array): Promise<SavedProfile | null> {
  const sample = await sampleSheet(fileName, bytes);
  if (!('rows' in sample)) return null;
  for (const row of sample.rows.slice(0, HEADER_ROWS)) {
    const saved = await recogniseProfile(db, row.cells);
    if (saved?.profile.accepts.includes(sample.kind)) return saved;
  }
  return null;
}
