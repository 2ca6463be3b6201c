/**
 * Header matching: real exports word their columns differently (事業費合計 / 事業費計 /
 * 事業費（千円）), add columns of their own and order them as they like. Each file header is
 * normalised (width, spaces, a trailing unit in brackets) and looked up in the alias table below;
 * a user's mapping file (JSON) can name what the table does not know.
 *
 * The alias table is documented for users in docs/import.md, generated from it (db/import/alias-table.ts).
 */
import { z } from 'zod';
import { normalizeWidth, type MoneyUnit } from '../domain/numbers';
import {
  ACTION_COLUMNS,
  COST_COLUMNS,
  DO_COLUMNS,
  IDENTITY_COLUMNS,
  INDICATOR_FIELDS,
  ORGANISATION_COLUMNS,
  PLAN_COLUMNS,
  POLICY_COLUMNS,
  POPULATION_COLUMN,
  RATING_COLUMNS,
  UNIT_COST_COLUMNS,
  indicatorColumn,
  type IndicatorField,
} from './format';
import type { Problem } from './problems';
import { unitOfColumn } from './money-unit';

/** Other wordings seen in real exports, by Hyoka column. The Hyoka name itself always matches. */
export const HEADER_ALIASES: Record<string, string[]> = {
  [IDENTITY_COLUMNS.municipalityCode]: ['団体コード', '自治体コード', '市町村コード', '全国地方公共団体コード'],
  [IDENTITY_COLUMNS.municipalityName]: ['団体名', '自治体名', '市町村名', '市名'],
  [IDENTITY_COLUMNS.fiscalYear]: ['評価年度', '対象年度', '実施年度', '会計年度', '評価対象年度'],
  [IDENTITY_COLUMNS.projectCode]: ['事業コード', '事業NO', '事業NO.', '事務事業番号', '整理番号', '事業ID'],
  [IDENTITY_COLUMNS.projectName]: ['事務事業名', '事業名称', '事務事業名称'],
  [POPULATION_COLUMN]: ['住民基本台帳人口', '総人口', '人口数'],
  [ORGANISATION_COLUMNS.department]: ['部', '部局', '部局名', '担当部', '所管部', '所管部名', '担当部名'],
  [ORGANISATION_COLUMNS.section]: ['課', '担当課', '所管課', '課等名', '所管課名', '担当課名'],
  [POLICY_COLUMNS.pillar]: ['柱', '政策分野'],
  [POLICY_COLUMNS.goalNumber]: ['目標番号', 'まちづくりの目標番号'],
  [POLICY_COLUMNS.goal]: ['目標', 'まちづくりの目標'],
  [POLICY_COLUMNS.basicPolicyNumber]: ['政策番号'],
  [POLICY_COLUMNS.basicPolicy]: ['政策', '政策名', '基本政策名'],
  [POLICY_COLUMNS.directionNumber]: ['方向番号', '施策の方向番号'],
  [POLICY_COLUMNS.direction]: ['施策の方向', '施策展開の方向性'],
  [POLICY_COLUMNS.measureNumber]: ['施策コード'],
  [POLICY_COLUMNS.measure]: ['施策名'],
  [PLAN_COLUMNS.budgetNames]: ['予算事業', '予算科目', '予算事業名称'],
  [PLAN_COLUMNS.administrativeType]: ['事務の区分', '事業区分'],
  [PLAN_COLUMNS.legalBasis]: ['法令による実施義務', '実施根拠'],
  [PLAN_COLUMNS.startFiscalYear]: ['開始年度', '事業開始'],
  [PLAN_COLUMNS.endFiscalYear]: ['終了年度', '事業終了', '終了予定年度'],
  [PLAN_COLUMNS.relatedLaws]: ['根拠法令', '関係法令'],
  [PLAN_COLUMNS.nationalPlans]: ['国県の計画', '国・県等の計画'],
  [PLAN_COLUMNS.individualPlans]: ['個別計画', '関連計画'],
  [PLAN_COLUMNS.background]: ['背景', '事業の背景'],
  [PLAN_COLUMNS.purpose]: ['事業目的', '目的(意図)'],
  [PLAN_COLUMNS.targetDescription]: ['対象', '事業対象', '対象者'],
  [PLAN_COLUMNS.content]: ['事業概要', '事業の内容', '事業内容(手段)'],
  [DO_COLUMNS.previousPolicy]: ['前年度の方針', '前年度の今後の方針'],
  [DO_COLUMNS.implementationMethod]: ['実施手法', '実施形態'],
  [DO_COLUMNS.activities]: ['取組内容', '実施内容', '取組実績', '事業実績'],
  [COST_COLUMNS.projectCost]: ['事業費計', '事業費', '事業費合計額', '総事業費', '決算額', '事業費(A)'],
  [COST_COLUMNS.nationalPrefectural]: ['国県補助金', '国・県支出金', '国庫・県支出金'],
  [COST_COLUMNS.localBonds]: ['市債', '町債', '村債', '起債'],
  [COST_COLUMNS.otherSpecific]: ['その他特定財源', 'その他財源'],
  [COST_COLUMNS.generalFunds]: ['一般財源等'],
  [COST_COLUMNS.regularStaffFte]: ['正規職員', '正職員人数', '正規職員数', '職員人数', '正規職員従事人数'],
  [COST_COLUMNS.regularStaffHours]: ['正規職員従事時間', '正規職員時間'],
  [COST_COLUMNS.regularStaffCost]: ['正職員人件費', '職員人件費', '正規職員人件費額'],
  [COST_COLUMNS.otherStaffFte]: ['会計年度任用職員人数', '非常勤職員人数', 'その他職員'],
  [COST_COLUMNS.otherStaffHours]: ['会計年度任用職員業務時間', 'その他職員従事時間'],
  [COST_COLUMNS.otherStaffCost]: ['会計年度任用職員人件費', '非常勤職員人件費'],
  [COST_COLUMNS.staffCost]: ['人件費', '人件費計', '人件費(B)'],
  [COST_COLUMNS.totalCost]: ['総コスト', 'フルコスト', 'トータルコスト(A+B)', '総事業費(人件費含む)', 'コスト合計'],
  [UNIT_COST_COLUMNS.targetDefinition]: ['対象数の定義', '単位当たりコストの対象'],
  [UNIT_COST_COLUMNS.targetCount]: ['対象者数', '対象件数'],
  [UNIT_COST_COLUMNS.targetUnit]: ['対象数の単位'],
  [UNIT_COST_COLUMNS.unitCostYen]: ['単位コスト', '対象1単位当たりコスト', '1単位当たりコスト', '総事業費/対象数'],
  [ACTION_COLUMNS.review]: ['総評', '部長総評', '所管部長総評', '評価コメント'],
  [ACTION_COLUMNS.direction]: ['方向性', '今後の方針', '今後の事業の方向性'],
};
for (const r of RATING_COLUMNS) {
  HEADER_ALIASES[r.grade] = [`${r.grade}評価`, `${r.grade}の評価`, `${r.grade}判定`];
  HEADER_ALIASES[r.reason] = [`${r.grade}理由`, `${r.grade}の評価理由`, `${r.grade}評価理由`];
}
HEADER_ALIASES[RATING_COLUMNS[0].grade]!.push('進捗度', '進捗');

/** Indicator field wordings (after the number is taken out): 指標1名称, 指標1目標, 指標1実績… */
export const INDICATOR_FIELD_ALIASES: Record<IndicatorField, string[]> = {
  name: ['名', '名称', '', '名前'],
  unit: ['単位'],
  kind: ['種別', '種類', '区分'],
  direction: ['方向', '向き', '評価方向'],
  baselineValue: ['現状値', '基準値', '策定時値'],
  baselineYear: ['現状値年度', '基準年度', '基準値年度', '現状値の年度'],
  target: ['目標値', '目標'],
  actual: ['実績値', '実績'],
};

/** What one column of a file feeds. */
export interface ColumnTarget {
  /** The Hyoka column name (for indicators: 指標{n}{field}). */
  canonical: string;
  /** For money columns whose header names the unit: 事業費（円） → values in 円. */
  moneyUnit?: MoneyUnit;
  /** On an indicator's name column headed 活動指標N名 / 成果指標N名: the kind when no 種別 column says. */
  indicatorKind?: 'activity' | 'outcome';
}

export interface HeaderMapping {
  /** Per file column: what it feeds, or null (ignored). */
  columns: (ColumnTarget | null)[];
  /** `long`: one row per indicator (unnumbered 指標名, 目標値, 実績値) — rows are merged. */
  layout: 'wide' | 'long';
  problems: Problem[];
}

/** A user's mapping file: `{ "columns": { "their header": "Hyoka header" | null } }`. */
export const mappingFileSchema = z.object({
  columns: z.record(z.string(), z.string().nullable()),
});
export type MappingFile = z.infer<typeof mappingFileSchema>;

const UNIT_IN_BRACKETS = /[(［[【]\s*(?:単位\s*[:：]?\s*)?(千円|百万円|万円|円|人|%|件|年度)\s*[)］\]】]$/;

// The sheet's own cross-references after a column name: 国県支出金①, 事業費合計(a),
// トータルコスト(a)+(b), 人件費(B), 総コスト(A+B). Circled numbers are taken off before NFKC,
// which would turn ① into a plain 1 (indistinguishable from 指標1).
const CIRCLED_NUMBER_SUFFIX = /[\u2460-\u2473\u24EA\u2776-\u277F]+\s*$/;
const LETTER_REFERENCE_SUFFIX = /(?:\([A-Z]\)(?:[+＋]\([A-Z]\))*|\([A-Z](?:[+＋][A-Z])+\))$/i;

/**
 * Width, spaces, dots, the sheet's cross-reference marks and a trailing unit in brackets removed:
 * `事業費（千円）` → `事業費`, `事業費合計(a)` → `事業費合計`, `国県支出金①` → `国県支出金`.
 */
export function normalizeHeader(raw: string): { key: string; unit: string | null } {
  let s = normalizeWidth(raw.replace(CIRCLED_NUMBER_SUFFIX, ''))
    .replace(/^\uFEFF/, '')
    .replace(/\s+/g, '');
  s = s.replace(LETTER_REFERENCE_SUFFIX, '');
  const m = UNIT_IN_BRACKETS.exec(s);
  const unit = m?.[1] ?? null;
  if (m) s = s.slice(0, m.index);
  return {
    key: s
      .replace(LETTER_REFERENCE_SUFFIX, '')
      .replace(/[・:：]/g, '')
      .toUpperCase(),
    unit,
  };
}

const ALIAS_INDEX: Map<string, string> = (() => {
  const index = new Map<string, string>();
  for (const [canonical, aliases] of Object.entries(HEADER_ALIASES)) {
    for (const name of [canonical, ...aliases]) index.set(normalizeHeader(name).key, canonical);
  }
  return index;
})();

const FIELD_INDEX: Map<string, IndicatorField> = (() => {
  const index = new Map<string, IndicatorField>();
  for (const [field, aliases] of Object.entries(INDICATOR_FIELD_ALIASES) as [IndicatorField, string[]][]) {
    for (const a of [INDICATOR_FIELDS[field], ...aliases]) index.set(normalizeHeader(a).key, field);
  }
  return index;
})();

/** Unnumbered indicator headers of the long layout (one row per indicator). */
export const LONG_INDICATOR_HEADERS: Record<string, IndicatorField> = {
  指標名: 'name',
  指標: 'name',
  指標名称: 'name',
  指標単位: 'unit',
  指標種別: 'kind',
  指標区分: 'kind',
  指標方向: 'direction',
  指標現状値: 'baselineValue',
  現状値: 'baselineValue',
  基準値: 'baselineValue',
  指標現状値年度: 'baselineYear',
  現状値年度: 'baselineYear',
  指標目標値: 'target',
  目標値: 'target',
  指標実績値: 'actual',
  実績値: 'actual',
};

type IndicatorPrefix = 'activity' | 'outcome' | null;
const PREFIX_KIND: Record<string, IndicatorPrefix> = { 活動: 'activity', 成果: 'outcome' };

/** 指標1名, 指標１目標値, 成果指標2実績, 指標名1, 指標3 … → number, field and the 活動/成果 prefix. */
function indicatorTarget(key: string): { n: number; field: IndicatorField; prefix: IndicatorPrefix } | null {
  const numberedFirst = /^(成果|活動)?指標(\d{1,2})(.*)$/.exec(key);
  if (numberedFirst) {
    const field = FIELD_INDEX.get(numberedFirst[3]!);
    return field ? { n: Number(numberedFirst[2]), field, prefix: PREFIX_KIND[numberedFirst[1] ?? ''] ?? null } : null;
  }
  const numberedLast = /^(成果|活動)?指標(.*?)(\d{1,2})$/.exec(key);
  if (numberedLast) {
    const field = FIELD_INDEX.get(numberedLast[2]!);
    return field ? { n: Number(numberedLast[3]), field, prefix: PREFIX_KIND[numberedLast[1] ?? ''] ?? null } : null;
  }
  return null;
}

/**
 * Many cities number activity and outcome indicators separately (活動指標1…, 成果指標1…). When a
 * header has both, outcome indicators are numbered after the activity ones (活動指標1, 2 →
 * 指標1, 2; 成果指標1 → 指標3), and each indicator's kind comes from its prefix.
 */
function indicatorNumbering(keys: string[]): (t: NonNullable<ReturnType<typeof indicatorTarget>>) => number {
  const targets = keys.map(indicatorTarget).filter((t) => t !== null);
  const both = targets.some((t) => t.prefix === 'activity') && targets.some((t) => t.prefix === 'outcome');
  const activityCount = Math.max(0, ...targets.filter((t) => t.prefix === 'activity').map((t) => t.n));
  return (t) => (both && t.prefix === 'outcome' ? activityCount + t.n : t.n);
}

export const MONEY_COLUMNS = new Set<string>([
  COST_COLUMNS.projectCost,
  COST_COLUMNS.nationalPrefectural,
  COST_COLUMNS.localBonds,
  COST_COLUMNS.otherSpecific,
  COST_COLUMNS.generalFunds,
  COST_COLUMNS.regularStaffCost,
  COST_COLUMNS.otherStaffCost,
  COST_COLUMNS.staffCost,
  COST_COLUMNS.totalCost,
]);

/** Columns a file must have (the municipality can also come from the command line or upload form). */
export const REQUIRED_COLUMNS = [IDENTITY_COLUMNS.fiscalYear, IDENTITY_COLUMNS.projectCode, IDENTITY_COLUMNS.projectName];
export const MUNICIPALITY_COLUMNS = [IDENTITY_COLUMNS.municipalityCode, IDENTITY_COLUMNS.municipalityName];

function problem(fileName: string, severity: Problem['severity'], column: string | null, message: Problem['message']): Problem {
  return { severity, file: fileName, line: 1, column, value: null, message };
}

/**
 * Maps a file's header row onto Hyoka columns. `municipalityGiven`: the caller supplies the
 * municipality, so its columns are not required.
 */
export function mapHeader(fileName: string, header: string[], options: { mapping?: MappingFile; municipalityGiven?: boolean } = {}): HeaderMapping {
  const problems: Problem[] = [];
  const userMap = new Map(Object.entries(options.mapping?.columns ?? {}).map(([k, v]) => [normalizeHeader(k).key, v]));
  const longFields = new Map(Object.entries(LONG_INDICATOR_HEADERS).map(([k, v]) => [normalizeHeader(k).key, v]));
  const seen = new Map<string, string>();
  let long = false;
  let wide = false;

  const numberOf = indicatorNumbering(header.map((h) => normalizeHeader(h).key));
  const indicatorCanonical = (key: string): string | null => {
    const t = indicatorTarget(key);
    return t ? indicatorColumn(numberOf(t), t.field) : null;
  };
  const impliedKind = (key: string): ColumnTarget['indicatorKind'] => {
    const t = indicatorTarget(key);
    return t?.field === 'name' && t.prefix ? t.prefix : undefined;
  };

  const columns = header.map((raw): ColumnTarget | null => {
    if (raw.trim() === '') return null; // trailing empty columns of spreadsheet exports
    const { key, unit: headerUnit } = normalizeHeader(raw);
    let unit = headerUnit;
    /** A unit the user wrote in a mapping target: refused rather than dropped when it cannot apply. */
    let targetUnit = false;
    let canonical: string | null | undefined;
    if (userMap.has(key)) {
      const target = userMap.get(key);
      if (target === null || target === undefined) return null; // the user said: ignore
      const normalized = normalizeHeader(target);
      if (normalized.unit !== null) [unit, targetUnit] = [normalized.unit, true];
      canonical = ALIAS_INDEX.get(normalized.key) ?? indicatorCanonical(normalized.key);
      if (!canonical) {
        problems.push(
          problem(fileName, 'error', raw, {
            ja: `対応表の「${raw}」→「${target}」: 「${target}」はHyokaの列名ではありません`,
            en: `Mapping "${raw}" → "${target}": "${target}" is not a Hyoka column`,
          }),
        );
        return null;
      }
    } else {
      canonical = ALIAS_INDEX.get(key) ?? indicatorCanonical(key);
      if (!canonical && longFields.has(key)) {
        long = true;
        canonical = indicatorColumn(1, longFields.get(key)!);
      }
    }
    if (!canonical) {
      problems.push(
        problem(fileName, 'warning', raw, {
          ja: `列「${raw}」はHyokaの項目に対応しないため読み込みません（必要なら対応表で指定してください）`,
          en: `Column "${raw}" matches no Hyoka field and is ignored (name it in a mapping file if needed)`,
        }),
      );
      return null;
    }
    if (canonical.startsWith('指標') && !long) wide = true;
    const first = seen.get(canonical);
    if (first !== undefined) {
      problems.push(
        problem(fileName, 'error', raw, {
          ja: `列「${raw}」と列「${first}」がどちらも「${canonical}」を表しています。どちらか一方にしてください`,
          en: `Columns "${raw}" and "${first}" both mean "${canonical}"; keep only one`,
        }),
      );
      return null;
    }
    seen.set(canonical, raw);
    const money = unitOfColumn(canonical, unit, MONEY_COLUMNS.has(canonical), targetUnit);
    if ('error' in money) {
      problems.push(problem(fileName, 'error', raw, money.error));
      return null;
    }
    const { moneyUnit } = money;
    const indicatorKind = userMap.has(key) ? undefined : impliedKind(key);
    return { canonical, ...(moneyUnit ? { moneyUnit } : {}), ...(indicatorKind ? { indicatorKind } : {}) };
  });

  if (long && wide) {
    // The mix is the cause; the duplicate-column errors it leads to (指標名 = 指標1名) would only confuse.
    problems.splice(0, problems.length, ...problems.filter((p) => p.severity !== 'error'));
    problems.push(
      problem(fileName, 'error', null, {
        ja: '番号付きの指標列（指標1名…）と番号なしの指標列（指標名・目標値…）が混在しています。どちらかの形式にしてください',
        en: 'Numbered indicator columns (指標1名 …) and unnumbered ones (指標名, 目標値 …) are mixed; use one layout',
      }),
    );
  }

  const required = [...REQUIRED_COLUMNS, ...(options.municipalityGiven ? [] : MUNICIPALITY_COLUMNS)];
  const missing = required.filter((c) => !seen.has(c));
  if (seen.size === 0) {
    // Not one column recognised: the first line is data, a title, or not this kind of file. The
    // per-column warnings would only repeat that, so one error stands alone.
    const first = header
      .filter((h) => h.trim() !== '')
      .slice(0, 5)
      .map((h) => h.trim());
    return {
      columns,
      layout: 'wide',
      problems: [
        problem(fileName, 'error', null, {
          ja: `1行目にHyokaの列名が一つもありません（1行目: ${first.join('、')}）。1行目を見出し行（${required.join('、')} …）にしてください`,
          en: `Line 1 holds no column name Hyoka knows (line 1: ${first.join(', ')}). Make line 1 the header row (${required.join(', ')} …)`,
        }),
      ],
    };
  }
  if (missing.length > 0) {
    const found = header.filter((h) => h.trim() !== '');
    // Municipality columns are the one gap the caller can fill without editing the file.
    const noMunicipality = MUNICIPALITY_COLUMNS.some((c) => missing.includes(c));
    problems.push(
      problem(fileName, 'error', null, {
        ja: `必須の列がありません: ${missing.join('、')}（見つかった列: ${found.join('、')}）${noMunicipality ? '。市区町村の列がないファイルは、自治体をコマンドの --municipality コード:名前（例: --municipality 000000:国）か、取込画面の「自治体コード」「自治体名」欄で指定してください' : ''}`,
        en: `Required columns are missing: ${missing.join(', ')} (found: ${found.join(', ')})${noMunicipality ? '. For a file without municipality columns, give the municipality with --municipality CODE:NAME (e.g. --municipality 000000:国) or in the import form’s municipality code and name fields' : ''}`,
      }),
    );
  }
  return { columns, layout: long ? 'long' : 'wide', problems };
}
