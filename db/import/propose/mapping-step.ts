/**
 * The mapping step on /imports, as one function the page and its action share: the uploaded
 * file's first rows, the header row(s), one proposal per column with the user's changes applied,
 * the profile they make, and a dry run of the file with it (nothing written), its problems by column.
 */
import type { Db } from '../../client';
import { storedScheme } from '../municipality-lookup';
import { matchSchemeCriteria, schemeCriterion, schemeFields } from './existing-scheme';
import { importFile, type ImportOutcome } from '../load';
import { originalFile } from '../pending';
import { parseProfile } from '../profiles';
import type { ProfileInput } from '../profiles/schema';
import { groupByColumn, type ProblemGroup } from '../problems';
import { BANDS, type Band } from '../../domain/rating-scheme';
import { normalizeWidth } from '../../domain/numbers';
import { MONEY_COLUMNS } from '../headers';
import { mappableFields, NEW_RATING, RATING_REASON, proposeColumns, type Proposal, type SourceColumn } from './propose';
import {
  detectYearBlocks,
  FILE_MONEY_UNITS,
  type FileMoneyUnit,
  profileFromProposals,
  proposedBlockYears,
  proposedMoneyUnit,
  type RowKeep,
  type YearBlockPlan,
} from './proposal-profile';
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
  /** The unit of money cells that state none, for the whole file. */
  moneyUnit?: FileMoneyUnit;
  /** Rows repeating a project-year: `sum` adds up their money columns, `refuse` (default) accepts only identical or blank repeats. */
  merge?: 'refuse' | 'sum';
  /** Detected year blocks: read as years (default) or not. */
  yearBlocks?: boolean;
  /** The fiscal year of block k (0-based), where the user gave one. */
  blockYears?: Record<number, number>;
  /** A new scheme's grade bands, by `${criterion index}.${grade code}`. */
  bands?: Record<string, Band>;
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
  /** The file's money unit as proposed, and as used (the user's, or the proposal). */
  proposedMoneyUnit: FileMoneyUnit;
  moneyUnit: FileMoneyUnit;
  /** Repeated column blocks found in the sheet, whether they are read as years, and each block's year. */
  blocks: (YearBlockPlan & { accepted: boolean; years: number[]; proposedYears: number[] }) | null;
  /** Fields chosen for columns of different headers that a profile reads from one column only. */
  clashes: FieldClash[];
  /** The dry run with the profile, or the profile's own error. */
  check: { ok: true; outcome: ImportOutcome; groups: ProblemGroup[] } | { ok: false; error: string };
}

export interface FieldClash {
  field: string;
  /** The columns chosen for it, by letter; the profile reads the last one only. */
  letters: string[];
}

/**
 * Fields chosen for several columns that are not read together: money is summed, digit columns
 * joined, a header repeated (year blocks) read per block, and there may be several verdicts and
 * reasons; any other field is read from the last column chosen, so the page says so.
 */
export function fieldClashes(proposals: readonly Proposal[]): FieldClash[] {
  const byField = new Map<string, Proposal[]>();
  for (const p of proposals) {
    if (!p.field || p.field === NEW_RATING || p.field === RATING_REASON || MONEY_COLUMNS.has(p.field) || /(十|一|百)の位\s*$/.test(p.header)) continue;
    byField.set(p.field, [...(byField.get(p.field) ?? []), p]);
  }
  const headerKey = (h: string) => normalizeWidth(h).replace(/\s+/g, '');
  return [...byField]
    .filter(([, chosen]) => new Set(chosen.map((p) => headerKey(p.header))).size > 1)
    .map(([field, chosen]) => ({ field, letters: chosen.map((p) => p.letter) }));
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
  // A municipality Hyoka holds grades against its stored scheme: its criteria are fields too.
  const scheme = choices.municipality ? await storedScheme(db, choices.municipality.code) : null;
  const fieldOptions = [...mappableFields(), ...schemeFields(scheme)];
  const chosenFields = matchSchemeCriteria(proposeColumns(columns), scheme).map((p): Proposal => {
    const chosen = choices.fields[p.index];
    if (chosen === undefined) return p;
    const field = chosen === '' || !fieldOptions.includes(chosen) ? null : chosen;
    if (field === p.field) return p;
    // A unit the header names stays with a column the user makes money; a unit guessed from the figures does not.
    const { moneyUnit, moneyUnitFrom, ...rest } = p;
    const keepUnit = moneyUnitFrom === 'header' && field !== null && MONEY_COLUMNS.has(field);
    return { ...rest, field, reason: 'none' as const, ...(keepUnit ? { moneyUnit, moneyUnitFrom } : {}) };
  });
  // The file's unit: as proposed, the units guessed per column stay; another unit chosen for the
  // file replaces them (a unit the header names always stays: the sheet states it).
  const proposedUnit = proposedMoneyUnit(chosenFields);
  const moneyUnit = choices.moneyUnit ?? proposedUnit;
  const proposals =
    moneyUnit === proposedUnit
      ? chosenFields
      : chosenFields.map((p) => {
          if (p.moneyUnitFrom !== 'values') return p;
          const { moneyUnit: _unit, moneyUnitFrom: _from, ...rest } = p;
          return rest;
        });
  const headerRows = headerTo - headerFrom + 1;
  const plan = detectYearBlocks(proposals, headerRows);
  const proposedYears = plan ? proposedBlockYears(proposals, columns, plan.count) : [];
  const blocks = plan
    ? { ...plan, accepted: choices.yearBlocks ?? true, proposedYears, years: proposedYears.map((y, k) => choices.blockYears?.[k] ?? y) }
    : null;
  const profile = profileFromProposals(proposals, columns, {
    name: profileName(choices.name, original.fileName),
    label: { ja: choices.name || original.fileName, en: choices.name || original.fileName },
    kind: sample.kind,
    headerRow: headerTo,
    headerRows,
    ...(sample.sheetName ? { sheet: sample.sheetName } : {}),
    ...(choices.municipality ? { municipality: choices.municipality } : {}),
    ...(choices.keep ? { keep: choices.keep } : {}),
    ...(choices.amountCap ? { amountCap: choices.amountCap } : {}),
    moneyUnit,
    ...(choices.merge === 'sum' ? { mergeSum: true } : {}),
    storedCriterion: (field, source) => schemeCriterion(field, source, scheme),
    ...(blocks ? { yearBlocks: blocks.accepted, blockYears: blocks.years } : {}),
    ...(choices.bands ? { bands: choices.bands } : {}),
  });
  const step = {
    fileName: original.fileName,
    sample,
    headerFrom,
    headerTo,
    columns,
    proposals,
    fieldOptions,
    profile,
    proposedMoneyUnit: proposedUnit,
    moneyUnit,
    blocks,
    clashes: fieldClashes(proposals),
  };
  const parsed = parseProfile(profile);
  if (!parsed.ok) return { ...step, check: { ok: false, error: parsed.error } };
  const outcome = await importFile(db, bytes, {
    fileName: original.fileName,
    profile: parsed.profile,
    dryRun: true,
    ...(choices.municipality ? { municipality: choices.municipality } : {}),
  });
  return { ...step, check: { ok: true, outcome, groups: groupByColumn(outcome.errors) } };
}

/**
 * The user's choices from the form's fields (URL or form data): `from`, `to`, `c0`…, `code`,
 * `city`, `name`, the row filter `keep` (a column index), `keepHow`, `keepValue`, `cap`, the
 * file's money unit `unit`, `merge` (`refuse` / `sum`), year blocks `blocks` (`on` / `off`) and
 * `year0`… per block, and a new scheme's bands `band.<criterion index>.<grade code>` — the
 * latter found among `names`, the fields the form sent.
 */
export function choicesFrom(get: (name: string) => string | undefined, names: Iterable<string> = []): MappingChoices {
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
  const unit = get('unit');
  const merge = get('merge');
  const blocksOn = get('blocks');
  const blockYears: Record<number, number> = {};
  for (let k = 0; k < 100; k++) {
    const raw = get(`year${k}`)?.trim();
    if (raw && /^\d{4}$/.test(raw) && Number(raw) >= 1900 && Number(raw) <= 2100) blockYears[k] = Number(raw);
  }
  const bands: Record<string, Band> = {};
  for (const name of names) {
    const m = /^band\.(\d{1,2})\.(.+)$/s.exec(name);
    const band = get(name);
    if (m && (BANDS as readonly string[]).includes(band ?? '')) bands[`${m[1]}.${m[2]}`] = band as Band;
  }
  return {
    ...(from !== undefined ? { headerFrom: from } : {}),
    ...(to !== undefined ? { headerTo: to } : {}),
    fields,
    ...(/^\d{6}$/.test(code) && city ? { municipality: { code, name: city } } : {}),
    ...(get('name') ? { name: get('name') } : {}),
    ...(keep ? { keep } : {}),
    ...(cap === 'city' || cap === 'national' ? { amountCap: cap } : {}),
    ...((FILE_MONEY_UNITS as readonly string[]).includes(unit ?? '') ? { moneyUnit: unit as FileMoneyUnit } : {}),
    ...(merge === 'sum' || merge === 'refuse' ? { merge } : {}),
    ...(blocksOn === 'on' || blocksOn === 'off' ? { yearBlocks: blocksOn === 'on' } : {}),
    ...(Object.keys(blockYears).length > 0 ? { blockYears } : {}),
    ...(Object.keys(bands).length > 0 ? { bands } : {}),
  };
}
