/**
 * Applies an import profile to a sheet: the city's layout (header row, aliases, combined and
 * split columns, year blocks, verdict columns, one row per indicator) becomes a table of Hyoka
 * CSV columns, each cell remembering where it came from, so problems point at the sheet's own
 * row and column. Pure: no database access. The layouts are in profile-columns.ts and
 * profile-indicator-rows.ts, the sheet and its readers in profile-sheet.ts.
 */
import type { Grid } from './grid';
import type { Problem } from './problems';
import type { ImportProfile } from './profiles/schema';
import { compileRowFilter } from './row-filter';
import { mergeRowsOfOneKey } from './merge-rows';
import { type ProfileTable, Sheet, headerKey, profileKey } from './profile-sheet';
import { columnsTable } from './profile-columns';
import { indicatorRowsTable } from './profile-indicator-rows';

export { headerKey, ratingGradeColumn, ratingReasonColumn, type ProfileTable, type TableRow } from './profile-sheet';
export { separateClashingIndicators } from './profile-columns';

export function applyProfile(fileName: string, grid: Grid, profile: ImportProfile): ProfileTable {
  const problems: Problem[] = [];
  const sheet = new Sheet(
    fileName,
    grid,
    profile.headerRow,
    problems,
    new Set(profile.missing.map(headerKey)),
    new Set(profile.missingText.map(headerKey)),
    profile.figureNotes,
  );
  if (sheet.header.length === 0) {
    sheet.fail(
      null,
      `見出し行（${profile.headerRow}行目）がありません`,
      `There is no header row (row ${profile.headerRow})`,
      null,
      null,
      profileKey('headerRow'),
    );
    return { header: [], rows: [], problems };
  }
  const kept = compileRowFilter(
    profile.keepRows,
    (ref, key) => sheet.resolve(ref, '行の絞り込み / row filter', key),
    (cell) => sheet.cell([cell], 0) === '',
  );
  if (kept === null) return { header: [], rows: [], problems };
  if ('error' in kept) {
    sheet.fail(null, kept.error.ja, kept.error.en);
    return { header: [], rows: [], problems };
  }
  sheet.keepOnly(kept.filter);
  const table =
    profile.layout === 'hyoka' ? hyokaTable(sheet) : profile.layout === 'indicator-rows' ? indicatorRowsTable(sheet, profile) : columnsTable(sheet, profile);
  if (profile.layout !== 'columns' || table.rows.length === 0) return table;
  const merged = mergeRowsOfOneKey(fileName, table.header, table.rows, profile.mergeRows.sum);
  return { header: table.header, rows: merged.rows, problems: [...table.problems, ...merged.problems] };
}

/** Hyoka's own columns under another header row or in a workbook: the alias table maps them later. */
function hyokaTable(sheet: Sheet): ProfileTable {
  const labels = sheet.header.map((_, i) => sheet.label(i));
  return {
    header: sheet.header,
    rows: sheet.dataRows.map((r) => ({ line: r.line, values: r.cells.map((_, i) => sheet.cell(r.cells, i)), labels })),
    problems: sheet.problems,
  };
}
