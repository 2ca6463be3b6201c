/**
 * The proposals (as the user left them) → a profile in the ordinary profile language: sources by
 * header or, under a two-row header, by letter; the file's money unit and each column's own;
 * year blocks with their years; a new rating scheme with each grade's band; the row filter,
 * amount cap and merge rule. Also the settings the mapping step proposes for the file as a whole
 * (its money unit, its blocks' years). Pure.
 */
import { parseFiscalYear } from '../../domain/fiscal-year';
import { normalizeWidth, type MoneyUnit } from '../../domain/numbers';
import { DEFAULT_RATING_SCHEME, type Band } from '../../domain/rating-scheme';
import { IDENTITY_COLUMNS, RATING_COLUMNS } from '../format';
import { MONEY_COLUMNS } from '../headers';
import type { ProfileInput, SourceRef } from '../profiles/schema';
import { cleanHeader, DIGIT_PART, NEW_RATING, type Proposal, RATING_REASON, sameHeader, type SourceColumn } from './propose';
import { largestFigure } from './value-shape';

type FeedInput = NonNullable<ProfileInput['columns']>[string];

const BAND_WORDS: [Band, RegExp][] = [
  ['not_comparable', /比較できない|比較不可|終了予定|該当なし|対象外|^N$/],
  ['poor', /抜本|廃止|休止|見直し|縮小|低い|不十分|遅れ|余地がある|要改善|^[CDEF]$|[×✕]/],
  ['middle', /一部|概ね|おおむね|普通|改善|^B$|△/],
  ['good', /現状|妥当|適切|計画どおり|計画通り|順調|高い|良|継続|拡充|結びついている|^[AS]$|[◎○〇]/],
];

/** The common band a grade word or letter most likely means (the user confirms it). */
export function guessBand(value: string): Band {
  const v = normalizeWidth(value).trim().toUpperCase();
  // A–F: two letters per band, best first.
  if (/^[A-F]$/.test(v)) return (['good', 'good', 'middle', 'middle', 'poor', 'poor'] as const)['ABCDEF'.indexOf(v)]!;
  for (const [band, pattern] of BAND_WORDS) if (pattern.test(v)) return band;
  return 'middle';
}

const BAND_ORDER: Band[] = ['good', 'middle', 'poor', 'not_comparable'];

export interface ProfileOptions {
  name: string;
  label?: { ja: string; en: string };
  kind: 'csv' | 'xlsx';
  headerRow?: number;
  sheet?: string;
  municipality?: { code: string; name: string };
  /** Several header rows: sources are then named by column letter (the joined header is not in any one row). */
  headerRows?: number;
  /** The fiscal year of each repeated block, first to last (default: consecutive years ending at the evaluated one). */
  blockYears?: number[];
  /** Keep only the rows where this column is empty / equals / matches (by column index). */
  keep?: RowKeep;
  /** The amount cap the user chose; default: national when a sample figure is over 1兆円. */
  amountCap?: 'city' | 'national';
  /** The unit of money cells that state none (the profile's `moneyUnit`); default 千円. A column whose proposal names another unit keeps it. */
  moneyUnit?: FileMoneyUnit;
  /** Rows repeating a project-year: add up their money columns (`mergeRows.sum`) instead of refusing differing figures. */
  mergeSum?: boolean;
  /** Read detected year blocks as years (default); false reads each repeated header's last column only. */
  yearBlocks?: boolean;
  /** Bands the user chose for a new scheme's grades, by `${criterion index}.${grade code}`. */
  bands?: Record<string, Band>;
  /** A field naming a criterion of the municipality's stored scheme → that criterion (existing-scheme.ts). */
  storedCriterion?: (field: string, source: SourceRef) => NonNullable<ProfileInput['rating']>['criteria'][number] | null;
}

/** The file-level money units a profile can state (schema.ts `moneyUnit`). */
export const FILE_MONEY_UNITS = ['円', '千円', '百万円'] as const;
export type FileMoneyUnit = (typeof FILE_MONEY_UNITS)[number];

/**
 * The money unit proposed for the whole file: 円 when every money column whose header names no
 * unit holds figures that look like yen, else 千円 (Hyoka's own unit).
 */
export function proposedMoneyUnit(proposals: readonly Proposal[]): FileMoneyUnit {
  const money = proposals.filter((p) => p.field !== null && MONEY_COLUMNS.has(p.field) && p.moneyUnitFrom !== 'header');
  return money.length > 0 && money.every((p) => p.moneyUnit === '円') ? '円' : '千円';
}

/** Repeated column blocks: how many, and each header's Hyoka field and its column in each block. */
export interface YearBlockPlan {
  count: number;
  columns: { field: string; header: string; letters: string[] }[];
}

/**
 * The year blocks in the proposals: headers repeated down the sheet as often as the most repeated
 * ones (a header repeated another number of times is not part of the blocks), mapped to a field
 * that is not the year or a verdict. None under several header rows (sources are then letters).
 */
export function detectYearBlocks(proposals: readonly Proposal[], headerRows = 1): YearBlockPlan | null {
  if (headerRows > 1) return null;
  const counts = proposals.map((p) => proposals.filter((q) => sameHeader(q.header, p.header)).length).filter((n) => n > 1);
  if (counts.length === 0) return null;
  const often = (n: number) => counts.filter((m) => m === n).length;
  const mostOften = Math.max(...counts.map(often));
  const count = Math.max(...counts.filter((n) => often(n) === mostOften));
  const columns: YearBlockPlan['columns'] = [];
  for (const p of proposals) {
    if (!p.field || p.field === NEW_RATING || p.field === RATING_REASON || p.field === IDENTITY_COLUMNS.fiscalYear) continue;
    const occurrences = proposals.filter((q) => sameHeader(q.header, p.header));
    if (occurrences.length !== count || occurrences[0] !== p) continue;
    columns.push({ field: p.field, header: asWritten(p.header), letters: occurrences.map((q) => q.letter) });
  }
  return count > 1 && columns.length > 0 ? { count, columns } : null;
}

/** The latest year the fiscal-year column holds (0 when none), its bare numbers read as 令和. */
function latestFiscalYear(proposals: readonly Proposal[], columns: readonly SourceColumn[]): number {
  const p = proposals.find((q) => q.field === IDENTITY_COLUMNS.fiscalYear);
  if (!p) return 0;
  const values = columns[p.index]?.values ?? [];
  const era = isBareEraYears(values);
  let latest = 0;
  for (const v of values) {
    const y = parseFiscalYear(era ? `令和${normalizeWidth(v).trim()}年度` : v);
    if (y.ok && y.value !== null) latest = Math.max(latest, y.value);
  }
  return latest;
}

const isBareEraYears = (values: readonly string[]) => {
  const bare = values.filter((v) => /^\s*\d{1,2}\s*$/.test(normalizeWidth(v)));
  return bare.length > 0 && bare.length === values.filter((v) => v.trim() !== '').length;
};

/** The proposed year of each block: consecutive years ending at the latest the file evaluates (this year without one). */
export function proposedBlockYears(proposals: readonly Proposal[], columns: readonly SourceColumn[], count: number): number[] {
  const last = latestFiscalYear(proposals, columns) || new Date().getFullYear();
  return Array.from({ length: count }, (_, i) => last - count + 1 + i);
}

/** The mapping step's row filter: one condition on one source column. */
export type RowKeep = { index: number; how: 'empty' } | { index: number; how: 'equals' | 'matches'; value: string };

/** A source named by its header, or by its letter when the header is not unique in the sheet. */
function sourceOf(p: Proposal, all: readonly Proposal[]): string | { column: string } {
  return all.filter((q) => sameHeader(q.header, p.header)).length > 1 ? { column: p.letter } : asWritten(p.header);
}

const TO_THOUSAND_YEN: Record<MoneyUnit, number> = { 円: 0.001, 千円: 1, 万円: 10, 百万円: 1000, 千万円: 10_000, 億円: 100_000 };

/** A header as the sheet writes it, on one line (the importer matches it ignoring width and spaces). */
const asWritten = (header: string) => header.replace(/\s+/g, ' ').trim();

/** The proposals (possibly changed by the user) as a profile JSON the importer takes. */
export function profileFromProposals(proposals: readonly Proposal[], columns: readonly SourceColumn[], options: ProfileOptions): ProfileInput {
  const mapped: Record<string, FeedInput> = {};
  let fiscalYear: ProfileInput['fiscalYear'];
  const criteria: NonNullable<ProfileInput['rating']>['criteria'] = [];
  let largest = 0;
  const blocks: Record<string, string | { sum: string[] }> = {};
  const moneyParts = new Map<string, { header: string; source: SourceRef }[]>();
  const fileUnit = options.moneyUnit ?? '千円';
  // A column's own unit goes into its target (`事業費合計（円）`) where it differs from the file's.
  const unitOf = (p: Proposal) => (p.moneyUnit && p.moneyUnit !== fileUnit ? `（${p.moneyUnit}）` : '');
  const moneyTargets: string[] = [];
  // Year blocks need the evaluated year (schema.ts): without a year column, each header is read once.
  const hasYear = proposals.some((p) => p.field === IDENTITY_COLUMNS.fiscalYear);
  const plan = options.yearBlocks === false || !hasYear ? null : detectYearBlocks(proposals, options.headerRows ?? 1);
  const inBlock = new Set(plan?.columns.flatMap((c) => c.letters) ?? []);
  const blockCount = plan?.count ?? 0;
  for (const p of proposals) {
    if (!p.field) continue;
    if (inBlock.has(p.letter)) {
      const occurrences = proposals.filter((q) => sameHeader(q.header, p.header));
      if (occurrences[0] !== p) continue;
      const target = `${p.field}${unitOf(p)}`;
      const inBlock = blocks[target];
      // Several columns for one money field are added up (国庫支出金 + 都道府県支出金 → 国県支出金).
      blocks[target] =
        inBlock === undefined || !MONEY_COLUMNS.has(p.field)
          ? asWritten(p.header)
          : { sum: [...(typeof inBlock === 'string' ? [inBlock] : inBlock.sum), asWritten(p.header)] };
      if (MONEY_COLUMNS.has(p.field)) moneyTargets.push(target);
      continue;
    }
    const source = (options.headerRows ?? 1) > 1 ? { column: p.letter } : sourceOf(p, proposals);
    const values = columns[p.index]?.values ?? [];
    const stored = options.storedCriterion?.(p.field, source);
    if (stored) {
      criteria.push(stored);
      continue;
    }
    if (p.field === IDENTITY_COLUMNS.fiscalYear) {
      fiscalYear = { from: source, ...(isBareEraYears(values) ? { era: '令和' as const } : {}) };
    } else if (p.field === NEW_RATING) {
      const seen = [...new Set(values.map((v) => normalizeWidth(v).trim()).filter((v) => v !== '' && v !== '-'))];
      // Letter grades: the whole A–F scale, not only the letters this year's file happens to use.
      const words = seen.length > 0 && seen.every((w) => /^[A-F]$/i.test(w)) ? ['A', 'B', 'C', 'D', 'E', 'F'] : seen;
      const ci = criteria.length;
      const grades = words
        .map((w) => ({ code: w, labelJa: w, labelEn: w, band: options.bands?.[`${ci}.${w}`] ?? guessBand(w) }))
        .sort((a, b) => BAND_ORDER.indexOf(a.band) - BAND_ORDER.indexOf(b.band) || a.code.localeCompare(b.code));
      const label = cleanHeader(p.header);
      criteria.push({ key: `c${criteria.length + 1}`, labelJa: label, labelEn: `Rating ${criteria.length + 1}`, grade: source, grades });
    } else if (p.field === RATING_REASON) {
      const last = criteria[criteria.length - 1];
      if (last && !last.reason) last.reason = source;
    } else {
      const target = `${p.field}${unitOf(p)}`;
      const before = mapped[target];
      // Digit columns proposed as one field (政策番号 十の位 | 一の位) are joined into one number.
      if (before !== undefined && typeof source === 'string' && DIGIT_PART.test(source)) {
        mapped[target] =
          typeof before === 'object' && 'join' in before ? { ...before, join: [...before.join, source] } : { join: [before as string, source], number: true };
        continue;
      }
      // Columns of different headers for one money field are added up (国庫支出金 + 都道府県支出金 →
      // 国県支出金); a header repeated (year blocks not read as years) is read from its last column.
      if (MONEY_COLUMNS.has(p.field)) {
        const parts = (moneyParts.get(target) ?? []).filter((part) => !sameHeader(part.header, p.header));
        parts.push({ header: p.header, source });
        moneyParts.set(target, parts);
        mapped[target] = parts.length > 1 ? { sum: parts.map((part) => part.source) } : source;
      } else {
        mapped[target] = source;
      }
      if (MONEY_COLUMNS.has(p.field)) {
        largest = Math.max(largest, largestFigure(values) * TO_THOUSAND_YEN[p.moneyUnit ?? fileUnit]);
        if (!moneyTargets.includes(target)) moneyTargets.push(target);
      }
    }
  }
  // Default-scheme criteria stated in the file keep their grades when a new scheme is made.
  if (criteria.length > 0) {
    for (const r of RATING_COLUMNS) {
      const src = mapped[r.grade];
      if (src === undefined) continue;
      const spec = DEFAULT_RATING_SCHEME.criteria.find((c) => c.key === r.key)!;
      const reason = mapped[r.reason];
      criteria.push({ ...spec, grade: src as SourceRef, ...(reason !== undefined ? { reason: reason as SourceRef } : {}) });
      delete mapped[r.grade];
      delete mapped[r.reason];
    }
  }
  const label = options.label ?? { ja: options.name, en: options.name };
  const blockYears = options.blockYears ?? proposedBlockYears(proposals, columns, blockCount);
  return {
    version: 1,
    name: options.name,
    label,
    description: { ja: '取込画面の対応付けで作成', en: 'Made in the mapping step of the import page' },
    accepts: [options.kind],
    ...(options.sheet ? { sheet: options.sheet } : {}),
    headerRow: options.headerRow ?? 1,
    layout: 'columns',
    ...(fileUnit !== '千円' ? { moneyUnit: fileUnit } : {}),
    ...(options.municipality ? { municipality: options.municipality } : {}),
    // Beyond 1兆円 a project-year: only a national body spends that.
    ...(options.amountCap ? { amountCap: options.amountCap } : largest > 1_000_000_000 ? { amountCap: 'national' as const } : {}),
    ...keepRowsOf(options.keep, proposals),
    ...(fiscalYear ? { fiscalYear } : {}),
    columns: mapped,
    ...(options.mergeSum && moneyTargets.length > 0 ? { mergeRows: { sum: moneyTargets } } : {}),
    ...(blockCount > 1 && fiscalYear ? { yearBlocks: { fiscalYears: blockYears, columns: blocks } } : {}),
    ...(criteria.length > 0 ? { rating: { name: `${label.ja}の評価`, criteria } } : {}),
  };
}

/** The row filter as the profile's `keepRows`, naming the column as the other sources do. */
function keepRowsOf(keep: RowKeep | undefined, proposals: readonly Proposal[]): { keepRows?: ProfileInput['keepRows'] } {
  const p = keep && proposals.find((q) => q.index === keep.index);
  if (!keep || !p) return {};
  const column = sourceOf(p, proposals);
  if (keep.how === 'empty') return { keepRows: [{ column, empty: true }] };
  return { keepRows: [keep.how === 'equals' ? { column, equals: keep.value } : { column, matches: keep.value }] };
}
