import { isMissing, normalizeWidth } from '../../domain/numbers';
import { diceCoefficient } from '../../domain/similarity';
import {
  canonicalHeader,
  COST_COLUMNS,
  IDENTITY_COLUMNS,
  INDICATOR_FIELDS,
  PLAN_COLUMNS,
  RATING_COLUMNS,
  UNIT_COST_COLUMNS,
  POPULATION_COLUMN,
} from '../format';
import { columnLetter } from '../grid';
import { HEADER_ALIASES, MONEY_COLUMNS, mapHeader, normalizeHeader } from '../headers';
import { MONEY_UNITS } from '../money-unit';
import type { MoneyUnit } from '../../domain/numbers';

import { looksLikeYen, shapeOf, type ProposalReason, type Shape } from './value-shape';
import { unnumberedIndicators } from './indicator-columns';

/** One column of the sheet as the proposer sees it. */
export interface SourceColumn {
  header: string;
  /** Values down the column (a sample: the first few hundred rows are plenty). */
  values: string[];
}

/** A new graded criterion: a verdict column whose words are in no known scheme. */
export const NEW_RATING = '評価（新しい区分）';
/** The reason given for the verdict beside it. */
export const RATING_REASON = '評価の理由';

export type { ProposalReason } from './value-shape';

export interface Proposal {
  index: number;
  letter: string;
  header: string;
  /** A Hyoka column, NEW_RATING, RATING_REASON, or null (ignore). */
  field: string | null;
  /** For money: the unit the cells are in when they state none. */
  moneyUnit?: MoneyUnit;
  /** Where moneyUnit comes from: the header names it (`決算額（円）`), or the figures look like yen. */
  moneyUnitFrom?: 'header' | 'values';
  shape: Shape;
  reason: ProposalReason;
  score: number;
  /** Up to 5 distinct non-empty values, as the mapping step shows them. */
  samples: string[];
}

/**
 * Wordings seen in real sources that are too loose for the strict importer's alias table (a 部
 * column must not silently become 部名 everywhere) but good enough to propose.
 */
const HINTS: Record<string, string[]> = {
  [IDENTITY_COLUMNS.fiscalYear]: ['事業年度', '予算年度', '年度'],
  [IDENTITY_COLUMNS.projectCode]: ['予算事業ID', '事務事業ID', '事業番号', 'ID', '番号', 'コード', '管理番号'],
  [IDENTITY_COLUMNS.projectName]: ['事務事業の名前', '事業の名称', '名称'],
  部名: ['府省庁', '部局名', '部課'],
  課名: ['局・庁', '所属', '担当課名', '所管課'],
  [COST_COLUMNS.projectCost]: ['執行額', '執行額(合計)', '支出額', '事業費計', '決算額'],
  [COST_COLUMNS.staffCost]: ['人件費計', '職員コスト'],
  [COST_COLUMNS.totalCost]: ['トータルコスト'],
  [COST_COLUMNS.regularStaffHours]: ['延べ業務時間', '業務時間'],
  [COST_COLUMNS.otherSpecific]: ['その他'],
  [COST_COLUMNS.nationalPrefectural]: ['国庫支出金', '県支出金', '都道府県支出金'],
  今後の方向性: ['今後の方向性', '所見を踏まえた改善点'],
  所管部長による総評: ['所見の詳細', '全体総括', '総括'],
  [PLAN_COLUMNS.relatedLaws]: ['根拠法令'],
  [PLAN_COLUMNS.content]: ['事務事業の概要', '概要'],
  [PLAN_COLUMNS.purpose]: ['意図'],
  実施した取組の内容: ['前年度実績', '主な活動'],
  [PLAN_COLUMNS.background]: ['きっかけ', '経緯'],
  [PLAN_COLUMNS.administrativeType]: ['事務事業区分'],
  施策展開の方向: ['基本事業', '基本事業名'],
  施策展開の方向番号: ['基本事業番号'],
};

type Kind = 'year' | 'money' | 'figure' | 'grade' | 'code' | 'text';

const YEAR_FIELDS = new Set<string>([IDENTITY_COLUMNS.fiscalYear, PLAN_COLUMNS.startFiscalYear, PLAN_COLUMNS.endFiscalYear]);
const FIGURE_FIELDS = new Set<string>([
  POPULATION_COLUMN,
  COST_COLUMNS.regularStaffFte,
  COST_COLUMNS.regularStaffHours,
  COST_COLUMNS.otherStaffFte,
  COST_COLUMNS.otherStaffHours,
  UNIT_COST_COLUMNS.targetCount,
  UNIT_COST_COLUMNS.unitCostYen,
]);
const GRADE_FIELDS = new Set<string>([...RATING_COLUMNS.map((r) => r.grade), NEW_RATING]);
const CODE_FIELDS = new Set<string>([IDENTITY_COLUMNS.municipalityCode, IDENTITY_COLUMNS.projectCode]);

function kindOf(field: string): Kind {
  if (YEAR_FIELDS.has(field) || field.endsWith('現状値年度')) return 'year';
  if (MONEY_COLUMNS.has(field)) return 'money';
  if (FIGURE_FIELDS.has(field) || /^指標\d+(現状値|目標値|実績値)$/.test(field) || field.endsWith('番号')) return 'figure';
  if (GRADE_FIELDS.has(field)) return 'grade';
  if (CODE_FIELDS.has(field)) return 'code';
  return 'text';
}

/** How well values of a shape fit a field kind: 1 fits, 0.5 possible, 0 never. */
function shapeFit(kind: Kind, shape: Shape): number {
  if (shape === 'empty') return 0.5;
  switch (kind) {
    case 'year':
      return shape === 'fiscal-year' ? 1 : shape === 'number' ? 0.6 : 0;
    case 'money':
      return shape === 'money' || shape === 'number' ? 1 : shape === 'code' ? 0.5 : 0;
    case 'figure':
      return shape === 'number' || shape === 'percent' || shape === 'money' || shape === 'code' ? 1 : shape === 'fiscal-year' ? 0.3 : 0;
    case 'grade':
      return shape === 'grade' || shape === 'verdict' ? 1 : 0;
    case 'code':
      return shape === 'code' || shape === 'number' ? 1 : shape === 'text' || shape === 'verdict' ? 0.5 : 0;
    case 'text':
      return shape === 'text' || shape === 'verdict' ? 1 : shape === 'grade' ? 0.3 : shape === 'code' ? 0.4 : 0.2;
  }
}

const key = (text: string) => normalizeHeader(text).key;

/** Every known wording, normalised, with the field it names. */
const KNOWN: { key: string; field: string; hint: boolean }[] = (() => {
  const out: { key: string; field: string; hint: boolean }[] = [];
  for (const field of canonicalHeader(0)) {
    for (const name of [field, ...(HEADER_ALIASES[field] ?? [])]) out.push({ key: key(name), field, hint: false });
  }
  for (const [field, names] of Object.entries(HINTS)) for (const name of names) out.push({ key: key(name), field, hint: true });
  // コード and 番号 name the same thing in sheets (自治体番号 = 自治体コード).
  for (const k of [...out]) if (k.key.includes('コード')) out.push({ ...k, key: k.key.replace('コード', '番号'), hint: true });
  return out.filter((k) => k.key !== '');
})();

function bigrams(s: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < s.length - 1; i++) out.push(s.slice(i, i + 2));
  return out.length === 0 ? [s] : out;
}

/** Dice coefficient over character bigrams, and containment of one wording in the other. */
export function headerSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const dice = diceCoefficient(bigrams(a), bigrams(b));
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  const contained = short.length >= 2 && long.includes(short) ? 0.45 + 0.5 * (short.length / long.length) : 0;
  return Math.max(dice, contained);
}

interface Candidate {
  index: number;
  field: string;
  score: number;
  reason: ProposalReason;
}

/** The header as a reader sees it: a two-line header joined, brackets' contents kept. */
export function cleanHeader(header: string): string {
  return normalizeWidth(header).replace(/\s+/g, ' ').trim();
}

/**
 * The header without what numbers or explains it: `② 対象（誰、何を対象にしているのか）＊人…` → `対象`,
 * `(1) 今後の方向性` → `今後の方向性`. Sheets number their questions and explain them in brackets.
 */
export function coreHeader(header: string): string {
  return key(
    normalizeWidth(header)
      .replace(/[＊*].*$/s, '')
      .replace(/\([^)]*\)/g, '')
      .replace(/^\s*(?:[\u2460-\u2473]|\(\d+\)|\d+[.．、\s]|[ア-ン][:：])\s*/, '')
      .replace(/^\d+\s*/, ''),
  );
}

// A judgement in the header: the column is a verdict when its values are few repeated words.
const JUDGEMENT = /評価|判定|所見|妥当|余地|影響|整合|必要性|有効|効率|達成度|見直/;

function candidatesFor(index: number, header: string, shape: Shape, exact: string | null, distinct: number): Candidate[] {
  const out: Candidate[] = [];
  const k = key(header);
  if (k === '') return out;
  const core = coreHeader(header);
  const yearBonus = (field: string) => (field === IDENTITY_COLUMNS.fiscalYear ? 0.01 * Math.min(distinct, 10) : 0);
  // An empty column feeds nothing: its name counts, but below a column that holds the data.
  const emptyFactor = shape === 'empty' ? 0.55 : 1;
  if (exact) out.push({ index, field: exact, score: (0.9 + 0.1 * shapeFit(kindOf(exact), shape)) * emptyFactor, reason: 'alias' });
  for (const known of KNOWN) {
    // A header that begins with a known wording of some length is that field, whatever follows.
    const prefix = known.key.length >= 4 && k.startsWith(known.key) ? 0.9 : 0;
    const sim = Math.max(
      prefix,
      known.key === k ? 1 : headerSimilarity(k, known.key),
      core !== '' && core !== k ? 0.95 * headerSimilarity(core, known.key) : 0,
    );
    if (sim < 0.5) continue;
    const f = shapeFit(kindOf(known.field), shape);
    if (f === 0) continue;
    const score = ((known.hint ? 0.85 : 0.8) * sim * (0.5 + 0.5 * f) + yearBonus(known.field)) * emptyFactor;
    out.push({ index, field: known.field, score, reason: known.key === k ? (known.hint ? 'hint' : 'alias') : 'similar' });
  }
  // The values alone: a column of years is the year the record belongs to, the one varying most.
  if (shape === 'fiscal-year') out.push({ index, field: IDENTITY_COLUMNS.fiscalYear, score: 0.4 + yearBonus(IDENTITY_COLUMNS.fiscalYear), reason: 'shape' });
  if (shape === 'grade' || (shape === 'verdict' && JUDGEMENT.test(core || k)))
    out.push({ index, field: NEW_RATING, score: JUDGEMENT.test(core || k) ? 0.7 : 0.45, reason: 'shape' });
  if (shape === 'code') out.push({ index, field: IDENTITY_COLUMNS.projectCode, score: 0.35, reason: 'shape' });
  if (/理由|なぜ|[?？]$/.test(core || k) && (shape === 'text' || shape === 'verdict')) out.push({ index, field: RATING_REASON, score: 0.42, reason: 'shape' });
  return out;
}

// Indicators named by a letter per kind (大船渡市: ⑤活動指標 ア：名称, ⑦成果指標 サ: the actuals in year blocks).
const LETTERED_INDICATOR = /(活動|成果)指標.*?([ア-ン])(?:[:：]\s*(名称|単位|目標値?|実績値?))?\s*$/;

/** Letter-named indicator columns: numbered activity first, then outcome, each by letter in sheet order. */
function letteredIndicators(headers: readonly string[]): Map<number, string> {
  const found = headers.map((h) => LETTERED_INDICATOR.exec(normalizeWidth(h).replace(/\s+/g, ' ').trim()));
  const groups: string[] = [];
  for (const kind of ['活動', '成果']) {
    for (const m of found) if (m && m[1] === kind && !groups.includes(`${kind}${m[2]}`)) groups.push(`${kind}${m[2]}`);
  }
  const fieldOf: Record<string, string> = { 名称: '名', 単位: '単位', 目標: '目標値', 目標値: '目標値', 実績: '実績値', 実績値: '実績値' };
  const out = new Map<number, string>();
  found.forEach((m, i) => {
    if (!m) return;
    // Without a field word the column holds a figure: the actual of its year.
    out.set(i, `指標${groups.indexOf(`${m[1]}${m[2]}`) + 1}${m[3] ? fieldOf[m[3]] : '実績値'}`);
  });
  return out;
}

// The policy tree's levels, top first: a sheet's own levels fill them from the top.
const POLICY_NAME_LEVELS = ['まちづくり目標', '基本政策', '施策展開の方向', '施策'];
const POLICY_NUMBER_LEVELS = ['まちづくり目標番号', '基本政策番号', '施策展開の方向番号', '施策番号'];
// Two columns holding the tens and units digit of one number (政策番号 十の位 | 一の位).
export const DIGIT_PART = /^(.*?)\s*(十|一|百)の位$/;

/**
 * One proposal per column. Each Hyoka field is given to at most one column (the best scoring),
 * except NEW_RATING and RATING_REASON, of which a sheet may have several.
 */
export function proposeColumns(columns: readonly SourceColumn[]): Proposal[] {
  const headers = columns.map((c) => cleanHeader(c.header));
  const whole = mapHeader('proposal', headers, { municipalityGiven: true }).columns;
  // A header the table knows but another column already claimed (a namesake) is still known on its own.
  const exact = headers.map((h, i) => whole[i]?.canonical ?? mapHeader('proposal', [h], { municipalityGiven: true }).columns[0]?.canonical ?? null);
  const shapes = columns.map((c) => shapeOf(c.values));
  const lettered = letteredIndicators(headers);
  // A header repeated down the sheet is a year block (大船渡市's six 事業費計): proposed once, on its first occurrence.
  const firstOf = headers.map((h, i) => {
    const j = headers.findIndex((g) => sameHeader(g, h));
    return key(h) === '' ? i : j;
  });
  // Digit-part columns are proposed as one: the first part's header without the part.
  const digitGroup = headers.map((h, i) => {
    const m = DIGIT_PART.exec(h);
    if (!m) return i;
    return headers.findIndex((g) => DIGIT_PART.exec(g)?.[1] === m[1]);
  });
  const candidates = columns.flatMap((c, i) => {
    if (firstOf[i] !== i || digitGroup[i] !== i) return [];
    const l = lettered.get(i);
    if (l) return [{ index: i, field: l, score: 0.95, reason: 'similar' as const }];
    const m = DIGIT_PART.exec(headers[i]!);
    const header = m ? m[1]! : headers[i]!;
    const found = candidatesFor(i, header, shapes[i]!, m ? null : (exact[i] ?? null), new Set(c.values.filter((v) => v.trim() !== '')).size);
    // A figure repeated in year blocks is the data; a lone namesake is a summary (全体計画's トータルコスト).
    const repeated = headers.filter((h) => sameHeader(h, headers[i]!)).length > 1;
    return repeated ? found.map((f) => (MONEY_COLUMNS.has(f.field) ? { ...f, score: f.score + 0.15 } : f)) : found;
  });
  candidates.sort((a, b) => b.score - a.score || a.index - b.index);
  const chosen = new Map<number, Candidate>();
  const taken = new Set<string>();
  const repeatable = new Set([NEW_RATING, RATING_REASON]);
  for (const c of candidates) {
    // 国庫支出金 and 都道府県支出金 in two columns are both 国県支出金: the profile sums them.
    const summed = c.field === COST_COLUMNS.nationalPrefectural && c.reason === 'hint';
    if (chosen.has(c.index) || (taken.has(c.field) && !repeatable.has(c.field) && !summed)) continue;
    chosen.set(c.index, c);
    taken.add(c.field);
  }
  shiftPolicyLevels(chosen);
  topOrganisationLevels(headers, columns, shapes, chosen);
  unnumberedIndicators(
    headers,
    columns.map((c) => c.values),
    shapes,
    chosen,
  );
  return columns.map((col, index) => {
    const c = chosen.get(firstOf[index] === index ? digitGroup[index]! : firstOf[index]!);
    const field = c?.field ?? null;
    // The unit the header names (決算額（円）) goes into the profile's target, where the importer reads it.
    const headerUnit = normalizeHeader(headers[index]!).unit;
    // A header naming 千円 is kept too: the file's unit may be set to another one.
    const named = headerUnit && (MONEY_UNITS as readonly string[]).includes(headerUnit) ? (headerUnit as MoneyUnit) : undefined;
    const guessed = headerUnit === null && looksLikeYen(col.values) ? ('円' as const) : undefined;
    const isMoney = field !== null && MONEY_COLUMNS.has(field);
    const unit = isMoney ? (named ?? guessed) : undefined;
    const unitFrom = isMoney ? (named ? ('header' as const) : guessed ? ('values' as const) : undefined) : undefined;
    return {
      index,
      letter: columnLetter(index),
      header: col.header,
      field,
      ...(unit ? { moneyUnit: unit } : {}),
      ...(unitFrom ? { moneyUnitFrom: unitFrom } : {}),
      shape: shapes[index]!,
      reason: c?.reason ?? 'none',
      score: c ? Math.round(c.score * 100) / 100 : 0,
      samples: [...new Set(col.values.map((v) => v.trim()).filter((v) => v !== ''))].slice(0, 5),
    };
  });
}

// Organisation levels as sheets name them, top first (the national review: 府省庁 > 局・庁 > 部 > 課 > 室).
const ORG_LEVELS = [/^(府省庁|省庁|府省)(名)?$/, /^(局|局庁|庁)(名)?$/, /^(部|部局)(名)?$/, /^(課|課等)(名)?$/, /^(室)(名)?$/, /^(班)(名)?$/, /^(係)(名)?$/];

/**
 * Hyoka keeps two organisation levels (部名, 課名). A sheet with more gives 部名 its top level that
 * holds values and 課名 the finest level below it that is filled as often as any of them: every
 * project keeps a section (the national profiles: 2-1's 課 is often blank, so 局・庁; 3-1's rows
 * all name their 課). The other levels are ignored.
 */
function topOrganisationLevels(headers: readonly string[], columns: readonly SourceColumn[], shapes: readonly Shape[], chosen: Map<number, Candidate>): void {
  const filled = (i: number) => columns[i]!.values.filter((v) => !isMissing(v.trim())).length;
  const levels = headers
    .map((h, index) => ({ index, level: ORG_LEVELS.findIndex((re) => re.test(key(h))) }))
    .filter((c) => c.level >= 0 && shapes[c.index] !== 'empty')
    .sort((a, b) => a.level - b.level);
  if (levels.length < 3) return;
  for (const c of levels) chosen.delete(c.index);
  const below = levels.slice(1);
  const most = Math.max(...below.map((c) => filled(c.index)));
  const section = below.filter((c) => filled(c.index) === most).at(-1)!;
  for (const [c, field] of [
    [levels[0]!, '部名'],
    [section, '課名'],
  ] as const) {
    for (const [i, other] of chosen) if (other.field === field) chosen.delete(i);
    chosen.set(c.index, { index: c.index, field, score: 0.8, reason: 'similar' });
  }
}

/**
 * A sheet whose policy levels, in column order, skip Hyoka's top level (政策 / 施策 / 基本事業
 * proposed as 基本政策 / 施策 / …) is moved up so its first level is the top: levels are relative.
 */
function shiftPolicyLevels(chosen: Map<number, Candidate>): void {
  const names = [...chosen.values()].filter((c) => POLICY_NAME_LEVELS.includes(c.field)).sort((a, b) => a.index - b.index);
  if (names.length < 2 || names.some((c) => c.field === POLICY_NAME_LEVELS[0])) return;
  const numbers = [...chosen.values()].filter((c) => POLICY_NUMBER_LEVELS.includes(c.field));
  const oldLevel = new Map(names.map((c) => [c.field, POLICY_NAME_LEVELS.indexOf(c.field)]));
  names.forEach((c, level) => {
    c.field = POLICY_NAME_LEVELS[level]!;
  });
  // Each number goes with the level of the name column right after it (番号 then 名 in sheets).
  for (const n of numbers.sort((a, b) => a.index - b.index)) {
    const name = names.find((c) => c.index > n.index);
    if (name) n.field = POLICY_NUMBER_LEVELS[POLICY_NAME_LEVELS.indexOf(name.field)]!;
    else {
      const old = POLICY_NUMBER_LEVELS.indexOf(n.field);
      void oldLevel;
      n.field = POLICY_NUMBER_LEVELS[Math.max(0, old)]!;
    }
  }
}

/** Every Hyoka field a column can be mapped to, for the mapping step's select. */
export function mappableFields(maxIndicators = 6): string[] {
  const indicators: string[] = [];
  for (let n = 1; n <= maxIndicators; n++) for (const f of Object.values(INDICATOR_FIELDS)) indicators.push(`指標${n}${f}`);
  return [...canonicalHeader(0), ...indicators, NEW_RATING, RATING_REASON];
}

/** Two headers the importer cannot tell apart (it matches sources ignoring width and spaces only). */
export const sameHeader = (a: string, b: string) => normalizeWidth(a).replace(/\s+/g, '') === normalizeWidth(b).replace(/\s+/g, '');
