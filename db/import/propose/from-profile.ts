/**
 * The mapping step started from a saved profile (a near match: next year's file with a column
 * renamed, added or removed): the saved profile's column choices become the defaults, and the
 * columns whose header the saved profile did not have are the ones to look at.
 */
import type { Db } from '../../client';
import { RATING_COLUMNS, IDENTITY_COLUMNS } from '../format';
import { headerKey } from '../apply-profile';
import { originalFile } from '../pending';
import type { Feed, ImportProfile, SourceRef } from '../profiles/schema';
import { headerChanges, savedProfileById, type SavedProfile } from '../saved-profiles';
import type { MappingChoices } from './mapping-step';
import { NEW_RATING, RATING_REASON } from './propose';
import { columnsOf, guessHeaderRow, sampleSheet } from './sample-sheet';

export interface ProfileStart {
  saved: SavedProfile;
  /** The saved profile's choices for this file's columns (by index), its header row and settings. */
  choices: MappingChoices;
  /** Header keys this file has that the saved profile's file had not, and the other way round. */
  added: string[];
  removed: string[];
  /** Indexes of this file's columns whose header is new (the rows the step shows). */
  changed: Set<number>;
}

const letterOf = (index: number): string => {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
};

/** Every source a feed reads. */
function sourcesOf(feed: Feed): SourceRef[] {
  if (typeof feed === 'string' || 'column' in feed) return [feed];
  if ('join' in feed) return feed.join;
  if ('sum' in feed) return feed.sum;
  return [];
}

/**
 * Field per column index, as the profile maps it: a header source matches the column with that
 * header; a letter source (a profile made from several header rows) the column with that letter,
 * unless that column is new (a column inserted before it moved the letters: the user chooses).
 */
export function fieldsFromProfile(profile: ImportProfile, headers: readonly string[], isNew: (index: number) => boolean): Record<number, string> {
  const fields: Record<number, string> = {};
  for (let i = 0; i < headers.length; i++) fields[i] = '';
  const place = (source: SourceRef | undefined, field: string) => {
    if (source === undefined) return;
    const index =
      typeof source === 'string' ? headers.findIndex((h) => headerKey(h) === headerKey(source)) : headers.findIndex((_, i) => letterOf(i) === source.column);
    if (index < 0 || (typeof source !== 'string' && isNew(index))) return;
    if (fields[index] === '') fields[index] = field;
  };
  for (const [target, feed] of Object.entries(profile.columns)) {
    // A money column's target may carry its unit: `事業費合計（円）` is the field 事業費合計.
    const field = target.replace(/（(?:円|千円|百万円)）$/, '');
    for (const source of sourcesOf(feed)) place(source, field);
  }
  place(profile.fiscalYear?.from, IDENTITY_COLUMNS.fiscalYear);
  for (const c of profile.rating?.criteria ?? []) {
    const known = RATING_COLUMNS.find((r) => r.key === c.key);
    place(c.grade, known ? known.grade : NEW_RATING);
    place(c.reason, known ? known.reason : RATING_REASON);
  }
  return fields;
}

/** The saved profile `savedId` applied to the uploaded file of `batchId` as the step's defaults. */
export async function startFromProfile(db: Db, batchId: number, savedId: number): Promise<ProfileStart | null> {
  const saved = await savedProfileById(db, savedId);
  const original = saved ? await originalFile(db, batchId) : null;
  if (!saved || !original) return null;
  const sample = await sampleSheet(original.fileName, new Uint8Array(original.bytes));
  if (!('rows' in sample)) return null;
  const headerTo = saved.profile.headerRow;
  const guessed = guessHeaderRow(sample);
  const headerFrom = guessed <= headerTo && headerTo - guessed < 3 ? guessed : headerTo;
  const lastRow = sample.rows.find((r) => r.line === headerTo)?.cells ?? [];
  const { added, removed } = headerChanges(saved.headers, lastRow);
  const addedKeys = new Set(added);
  const columns = columnsOf(sample, { from: headerFrom, to: headerTo });
  const changed = new Set(columns.map((_, i) => i).filter((i) => addedKeys.has(headerKey(lastRow[i] ?? ''))));
  const fields = fieldsFromProfile(
    saved.profile,
    columns.map((c, i) => (headerFrom === headerTo ? c.header : (lastRow[i] ?? c.header))),
    (i) => changed.has(i),
  );
  // A new column keeps Hyoka's proposal: the user looks at exactly these.
  for (const i of changed) delete fields[i];
  const keep = saved.profile.keepRows[0];
  const keepIndex = keep
    ? fieldsIndex(
        keep.column,
        columns.map((c) => c.header),
      )
    : -1;
  const choices: MappingChoices = {
    headerFrom,
    headerTo,
    fields,
    municipality: saved.municipality,
    name: saved.name,
    amountCap: saved.profile.amountCap,
    ...(keep && keepIndex >= 0
      ? {
          keep:
            'empty' in keep
              ? { index: keepIndex, how: 'empty' as const }
              : 'equals' in keep
                ? { index: keepIndex, how: 'equals' as const, value: keep.equals }
                : { index: keepIndex, how: 'matches' as const, value: keep.matches },
        }
      : {}),
  };
  return { saved, choices, added, removed, changed };
}

function fieldsIndex(source: SourceRef, headers: readonly string[]): number {
  return typeof source === 'string' ? headers.findIndex((h) => headerKey(h) === headerKey(source)) : headers.findIndex((_, i) => letterOf(i) === source.column);
}

/** The user's choices (from the form) over the saved profile's: what the user sent wins. */
export function overProfile(start: ProfileStart | null, user: MappingChoices, sent: (name: string) => boolean): MappingChoices {
  if (!start) return user;
  const base = start.choices;
  return {
    ...base,
    ...user,
    fields: { ...base.fields, ...user.fields },
    headerFrom: sent('from') ? user.headerFrom : base.headerFrom,
    headerTo: sent('to') ? user.headerTo : base.headerTo,
    municipality: sent('code') || sent('city') ? user.municipality : base.municipality,
    name: sent('name') ? user.name : base.name,
    keep: sent('keep') ? user.keep : base.keep,
    amountCap: sent('cap') ? user.amountCap : base.amountCap,
  };
}
