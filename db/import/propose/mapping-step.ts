/**
 * The mapping step on /imports, as one function the page and its action share: the uploaded
 * file's first rows, the header row(s), one proposal per column with the user's changes applied,
 * the profile they make, and a dry run of the file with it (nothing written), its problems by column.
 */
import type { Db } from '../../client';
import { importFile, type ImportOutcome } from '../load';
import { originalFile } from '../pending';
import { parseProfile } from '../profiles';
import type { ProfileInput } from '../profiles/schema';
import { groupByColumn, type ProblemGroup } from '../problems';
import { mappableFields, profileFromProposals, proposeColumns, type Proposal, type RowKeep, type SourceColumn } from './propose';
import { columnsOf, guessHeaderRow, sampleSheet, type SheetSample } from './sample-sheet';

/** What the user chose; every field optional (the proposals fill the rest). */
export interface MappingChoices {
  headerFrom?: number;
  headerTo?: number;
  /** Per column index: a Hyoka field, or '' for ignore. */
  fields: Record<number, string>;
  municipality?: { code: string; name: string };
  name?: string;
  keep?: RowKeep;
  amountCap?: 'city' | 'national';
}

export interface MappingStep {
  fileName: string;
  sample: SheetSample;
  headerFrom: number;
  headerTo: number;
  columns: SourceColumn[];
  proposals: Proposal[];
  fieldOptions: string[];
  profile: ProfileInput;
  /** The dry run with the profile, or the profile's own error. */
  check: { ok: true; outcome: ImportOutcome; groups: ProblemGroup[] } | { ok: false; error: string };
}

/** Profile names: what the user typed, made safe, or one from the file name. */
export function profileName(typed: string | undefined, fileName: string): string {
  const clean = (s: string) =>
    s
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/^-+|-+$/g, '');
  return clean(typed ?? '') || clean(fileName.replace(/\.[^.]+$/, '')) || 'mapped';
}

export async function mappingStep(db: Db, batchId: number, choices: MappingChoices): Promise<MappingStep | null> {
  const original = await originalFile(db, batchId);
  if (!original) return null;
  const bytes = new Uint8Array(original.bytes);
  const sample = await sampleSheet(original.fileName, bytes);
  if (!('rows' in sample)) return null;
  const guessed = guessHeaderRow(sample);
  const headerFrom = choices.headerFrom ?? guessed;
  const headerTo = Math.max(headerFrom, choices.headerTo ?? headerFrom);
  const columns = columnsOf(sample, { from: headerFrom, to: headerTo });
  const fieldOptions = mappableFields();
  const proposals = proposeColumns(columns).map((p) => {
    const chosen = choices.fields[p.index];
    if (chosen === undefined) return p;
    const field = chosen === '' || !fieldOptions.includes(chosen) ? null : chosen;
    return field === p.field ? p : { ...p, field, reason: 'none' as const, moneyUnit: field === p.field ? p.moneyUnit : undefined };
  });
  const profile = profileFromProposals(proposals, columns, {
    name: profileName(choices.name, original.fileName),
    label: { ja: choices.name || original.fileName, en: choices.name || original.fileName },
    kind: sample.kind,
    headerRow: headerTo,
    headerRows: headerTo - headerFrom + 1,
    ...(sample.sheetName ? { sheet: sample.sheetName } : {}),
    ...(choices.municipality ? { municipality: choices.municipality } : {}),
    ...(choices.keep ? { keep: choices.keep } : {}),
    ...(choices.amountCap ? { amountCap: choices.amountCap } : {}),
  });
  const parsed = parseProfile(profile);
  if (!parsed.ok)
    return { fileName: original.fileName, sample, headerFrom, headerTo, columns, proposals, fieldOptions, profile, check: { ok: false, error: parsed.error } };
  const outcome = await importFile(db, bytes, {
    fileName: original.fileName,
    profile: parsed.profile,
    dryRun: true,
    ...(choices.municipality ? { municipality: choices.municipality } : {}),
  });
  return {
    fileName: original.fileName,
    sample,
    headerFrom,
    headerTo,
    columns,
    proposals,
    fieldOptions,
    profile,
    check: { ok: true, outcome, groups: groupByColumn(outcome.errors) },
  };
}

/**
 * The user's choices from the form's fields (URL or form data): `from`, `to`, `c0`…, `code`,
 * `city`, `name`, the row filter `keep` (a column index), `keepHow`, `keepValue`, and `cap`.
 */
export function choicesFrom(get: (name: string) => string | undefined): MappingChoices {
  const int = (name: string) => {
    const raw = get(name);
    return raw && /^\d{1,4}$/.test(raw) ? Number(raw) : undefined;
  };
  const fields: Record<number, string> = {};
  // Every index is looked at: a link may carry only the columns the user changed.
  for (let i = 0; i < 1000; i++) {
    const v = get(`c${i}`);
    if (v !== undefined) fields[i] = v;
  }
  const code = (get('code') ?? '').trim();
  const city = (get('city') ?? '').trim();
  const from = int('from');
  const to = int('to');
  const keepIndex = int('keep');
  const how = get('keepHow');
  const keepValue = get('keepValue') ?? '';
  const keep: RowKeep | undefined =
    keepIndex === undefined
      ? undefined
      : how === 'equals' || how === 'matches'
        ? { index: keepIndex, how, value: keepValue }
        : { index: keepIndex, how: 'empty' };
  const cap = get('cap');
  return {
    ...(from !== undefined ? { headerFrom: from } : {}),
    ...(to !== undefined ? { headerTo: to } : {}),
    fields,
    ...(/^\d{6}$/.test(code) && city ? { municipality: { code, name: city } } : {}),
    ...(get('name') ? { name: get('name') } : {}),
    ...(keep ? { keep } : {}),
    ...(cap === 'city' || cap === 'national' ? { amountCap: cap } : {}),
  };
}
