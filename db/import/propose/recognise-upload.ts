/**
 * Recognition of an upload: the saved profile made for one of the file's first rows as its
 * header (the row the mapping step used), so next year's file is imported without the mapping step.
 */
import type { Db } from '../../client';
import { nearestSavedProfile, recogniseProfile, type SavedProfile } from '../saved-profiles';
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

/**
 * A file no saved profile matches exactly, whose header row (one of its first rows) is near a
 * saved profile's: next year's file with a column renamed, added or removed. Such a file is not
 * imported without asking; the mapping step opens with the saved profile's choices.
 */
export async function nearUpload(db: Db, fileName: string, bytes: Uint8Array): Promise<{ saved: SavedProfile; added: string[]; removed: string[] } | null> {
  const sample = await sampleSheet(fileName, bytes);
  if (!('rows' in sample)) return null;
  let best: { saved: SavedProfile; added: string[]; removed: string[] } | null = null;
  for (const row of sample.rows.slice(0, HEADER_ROWS)) {
    const near = await nearestSavedProfile(db, row.cells);
    if (!near?.saved.profile.accepts.includes(sample.kind) || near.saved.headers.length === 0) continue;
    // Only the row the saved profile took as its header: a near match on a data row means nothing.
    if (row.line !== near.saved.profile.headerRow) continue;
    if (!best || near.added.length + near.removed.length < best.added.length + best.removed.length) best = near;
  }
  return best;
}
