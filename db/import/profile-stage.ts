/**
 * The profile stage of the row flow (import-rows.ts): the only place that knows a file's layout.
 * It takes the file's rows in batches and gives back rows of Hyoka columns, one interface for
 * every layout:
 *   header(cells) → the file's first row; rows(batch) → Hyoka rows of a batch;
 *   end() → rows held back until the whole file is read.
 * Each answer may carry the Hyoka header (once, when the stage knows it) and problems.
 * Hyoka's own CSV layout is the identity: its first row is the header, each batch passes through.
 * Any other profile (apply-profile.ts) holds the rows back and releases them at `end()`: merging
 * rows of one key, a long layout and year blocks need the whole file, and such a file is a
 * workbook or a small CSV, read whole anyway.
 */
import { applyProfile } from './apply-profile';
import type { GridRow } from './grid';
import type { Problem } from './problems';
import type { ImportProfile } from './profiles/schema';
import type { RawRow, TableInputRow } from './read-canonical';

export interface StageOutput {
  /** The Hyoka header, in the answer where the stage first knows it. */
  header?: string[];
  rows: TableInputRow[];
  problems: Problem[];
}

export interface ProfileStage {
  header(cells: string[]): StageOutput;
  rows(batch: RawRow[]): StageOutput;
  end(): StageOutput;
}

const NOTHING: StageOutput = Object.freeze({ rows: [], problems: [] }) as StageOutput;

/** Hyoka's own layout: the rows are already Hyoka rows (the hot path: nothing copied). */
export const identityStage = (): ProfileStage => ({
  header: (cells) => ({ header: cells, rows: [], problems: [] }),
  rows: (batch) => ({ rows: batch, problems: [] }),
  end: () => NOTHING,
});

/**
 * A profile's layout (row filter, column map, units, year blocks, merged rows, indicator rows):
 * the sheet's rows are kept as they come and the profile applied to them at the end.
 */
export function profileStage(fileName: string, profile: ImportProfile, kind: 'csv' | 'xlsx', sheetName: string | null): ProfileStage {
  const rows: GridRow[] = [];
  const keep = (line: number, cells: string[]) => rows.push({ line, cells });
  return {
    header: (cells) => {
      keep(1, cells);
      return NOTHING;
    },
    rows: (batch) => {
      for (const r of batch) keep(r.line, r.values);
      return NOTHING;
    },
    end: () => {
      const table = applyProfile(fileName, { kind, sheetName, rows }, profile);
      rows.length = 0;
      return { header: table.header, rows: table.rows, problems: table.problems };
    },
  };
}
