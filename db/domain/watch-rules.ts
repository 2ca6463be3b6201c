/**
 * The watchlist's rules (要注意事業の判定基準): which projects the planning division should look
 * at first. One definition per rule — its key (used in URLs), its words (badge and plain
 * description, Japanese and English), its default threshold and its severity weight. The SQL
 * that applies each rule lives in db/queries/watchlist.ts and reads its numbers from here.
 *
 * Pure: no database, no framework, so the definitions and the URL parsing are unit-tested.
 */
import type { Band, WatchRole } from './rating-scheme';
import { ATTAINMENT_CAP } from './metrics';

export const WATCH_RULE_KEYS = ['attainment', 'poor', 'efficiency', 'costUp', 'worsening', 'noIndicator', 'notRated'] as const;
export type WatchRuleKey = (typeof WATCH_RULE_KEYS)[number];

type Locale = 'ja' | 'en';

/** The adjustable numbers, in percent as people type them (`attainment=70` means 70 %). */
export interface WatchThresholds {
  /** A project trips 'attainment' when its attainment is below this. */
  attainmentBelowPercent: number;
  /** A project trips 'costUp' when its total cost rose by more than this (and attainment fell). */
  costUpPercent: number;
}

export interface ThresholdSpec {
  /** The URL parameter, e.g. `attainment=70`. */
  param: string;
  field: keyof WatchThresholds;
  defaultPercent: number;
  min: number;
  max: number;
}

export interface WatchRule {
  key: WatchRuleKey;
  /** Badge text, short enough to sit next to the value that tripped it (達成率 62.5%). */
  short: Record<Locale, string>;
  /** The rule in plain words, as the page and the CSV explain it. */
  describe: Record<Locale, (t: WatchThresholds) => string>;
  /** Severity: a listed project's weights are summed to order the list, worst first. */
  weight: number;
  threshold?: ThresholdSpec;
  /**
   * Rating rules: a grade in `band` on any criterion of the city's scheme whose watch role is
   * `role` trips the rule (db/domain/rating-scheme.ts WATCH_ROLES), whatever the scheme's codes.
   */
  ratings?: { role: WatchRole; band: Band };
}

/** The grade band that trips the rating rules: C in the standard A/B/C scheme, 見直し余地がある in 大船渡市's, whatever other cities call it. */
export const POOR_BAND: Band = 'poor';

const capPercent = ATTAINMENT_CAP * 100;

/*
 * Weights: the evaluators' own verdict that a project is behind plan or ineffective, and
 * indicators clearly short of target, weigh most; worsening value for money next; gaps in the
 * sheet (no indicator data, no grades) least — they call for a question, not yet a judgement.
 */
export const WATCH_RULES: readonly WatchRule[] = [
  {
    key: 'attainment',
    short: { ja: '達成率', en: 'Attainment' },
    describe: {
      ja: (t) => `目標達成率（指標ごとの実績÷目標、上限${capPercent}%、の平均）が${formatNumber(t.attainmentBelowPercent)}%未満。`,
      en: (t) => `Attainment (mean of the indicators' actual ÷ target, each capped at ${capPercent}%) is below ${formatNumber(t.attainmentBelowPercent)}%.`,
    },
    weight: 3,
    threshold: { param: 'attainment', field: 'attainmentBelowPercent', defaultPercent: 80, min: 0, max: capPercent },
  },
  {
    key: 'poor',
    short: { ja: '要改善評価', en: 'Poor grade' },
    describe: {
      ja: () => '成果や必要性を判定する評価項目のどれかが「要改善」段階（標準の評価基準では進捗状況・有効性のC、大船渡市では「見直し余地がある」など）。',
      en: () =>
        'A criterion judging results or need is graded in the “poor” band (C on progress or effectiveness in the standard scheme; “room for review” and the like in Ofunato’s).',
    },
    weight: 3,
    ratings: { role: 'poor', band: POOR_BAND },
  },
  {
    key: 'efficiency',
    short: { ja: '効率性', en: 'Efficiency' },
    describe: {
      ja: () =>
        '費用対効果を判定する評価項目が「要改善」段階（標準の評価基準では効率性のC: 抜本的な改善が必要、大船渡市では事業費・人件費の「削減余地がある」）。',
      en: () =>
        'A value-for-money criterion is graded in the “poor” band (efficiency C in the standard scheme: needs fundamental change; “room to cut” cost or staff hours in Ofunato’s).',
    },
    weight: 2,
    ratings: { role: 'efficiency', band: POOR_BAND },
  },
  {
    key: 'costUp',
    short: { ja: 'コスト増', en: 'Cost up' },
    describe: {
      ja: (t) => `トータルコスト（事業費＋人件費）が前年度より${formatNumber(t.costUpPercent)}%を超えて増え、しかも達成率は前年度より下がった。`,
      en: (t) => `Total cost (project + staff) rose more than ${formatNumber(t.costUpPercent)}% on the previous year while attainment fell.`,
    },
    weight: 2,
    threshold: { param: 'costUp', field: 'costUpPercent', defaultPercent: 20, min: 0, max: 1000 },
  },
  {
    key: 'worsening',
    short: { ja: '実績2年連続悪化', en: 'Worse 2 years running' },
    describe: {
      ja: () => '目標値のない（実績のみの）指標が、前年度比で2年続けて悪化した（高いほど良い指標は減少、低いほど良い指標は増加、累計の指標は増加幅の縮小）。',
      en: () =>
        'An indicator with actuals only (no target) got worse on the previous year two years running (a higher-is-better one fell, a lower-is-better one rose, a cumulative one grew by less).',
    },
    weight: 2,
  },
  {
    key: 'noIndicator',
    short: { ja: '指標データなし', en: 'No indicator data' },
    describe: {
      ja: () => '指標がない、またはこの年度に達成率（目標値と実績値）も前年度比（2年度の実績値）も計算できる指標がない。',
      en: () => 'No indicator, or none this year with an attainment (target and actual) or a comparison with the previous year (two years’ actuals).',
    },
    weight: 1,
  },
  {
    key: 'notRated',
    short: { ja: '未評価', en: 'Not rated' },
    describe: {
      ja: () => 'この年度の評価（進捗状況・有効性など）がどの項目にもついていない。',
      en: () => 'No grade for any criterion (progress, effectiveness, …) this year.',
    },
    weight: 1,
  },
];

export function watchRule(key: WatchRuleKey): WatchRule {
  return WATCH_RULES.find((r) => r.key === key)!;
}

export function isWatchRuleKey(value: string): value is WatchRuleKey {
  return (WATCH_RULE_KEYS as readonly string[]).includes(value);
}

export const DEFAULT_THRESHOLDS: WatchThresholds = {
  attainmentBelowPercent: watchRule('attainment').threshold!.defaultPercent,
  costUpPercent: watchRule('costUp').threshold!.defaultPercent,
};

/**
 * Floating-point slack for the attainment comparisons: a mean like (60 % + 100 %) ÷ 2 may come
 * out a hair off 80 % in binary, and exactly-at-threshold must never trip "below".
 */
export const ATTAINMENT_TOLERANCE = 1e-9;

/** Sum of the weights of the rules a project trips: the list's order, worst first. */
export function severity(tripped: readonly WatchRuleKey[]): number {
  return tripped.reduce((sum, key) => sum + watchRule(key).weight, 0);
}

/**
 * The enabled rules from `rules=attainment,poor` (or repeated `rules=…` from checkboxes), in
 * definition order. Unknown keys are ignored; nothing usable means every rule, so a bare
 * /watchlist shows the full list.
 */
export function parseRules(raw: string | readonly string[] | undefined): WatchRuleKey[] {
  const values = (typeof raw === 'string' ? [raw] : (raw ?? [])).flatMap((v) => v.split(','));
  const wanted = new Set(values.map((v) => v.trim()).filter(isWatchRuleKey));
  return wanted.size === 0 ? [...WATCH_RULE_KEYS] : WATCH_RULE_KEYS.filter((k) => wanted.has(k));
}

/** The `rules` parameter for a selection: omitted (undefined) when every rule is on. */
export function rulesParam(keys: readonly WatchRuleKey[]): string | undefined {
  const set = new Set(keys);
  if (WATCH_RULE_KEYS.every((k) => set.has(k))) return undefined;
  return WATCH_RULE_KEYS.filter((k) => set.has(k)).join(',');
}

export interface ParsedThreshold {
  percent: number;
  /** The URL held something that is not a number in range; the default is used instead. */
  rejected: string | null;
}

/** `70`, `72.5`, `７０` (full-width, as Japanese IMEs type) within the rule's range; else the default. */
export function parseThreshold(spec: ThresholdSpec, raw: string | undefined): ParsedThreshold {
  if (raw === undefined || raw.trim() === '') return { percent: spec.defaultPercent, rejected: null };
  const halfWidth = raw
    .trim()
    .replace(/[０-９．]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/%$/, '');
  if (!/^\d+(\.\d+)?$/.test(halfWidth)) return { percent: spec.defaultPercent, rejected: raw };
  const value = Number(halfWidth);
  if (value < spec.min || value > spec.max) return { percent: spec.defaultPercent, rejected: raw };
  return { percent: value, rejected: null };
}

export interface WatchSettings {
  rules: WatchRuleKey[];
  thresholds: WatchThresholds;
  /** Threshold parameters that were ignored, for a note on the page. */
  rejected: { param: string; value: string; defaultPercent: number }[];
}

/** Everything the watchlist reads from its URL besides the scope (municipality, year, filters). */
export function parseWatchSettings(get: (param: string) => string | readonly string[] | undefined): WatchSettings {
  const thresholds = { ...DEFAULT_THRESHOLDS };
  const rejected: WatchSettings['rejected'] = [];
  for (const rule of WATCH_RULES) {
    if (!rule.threshold) continue;
    const raw = get(rule.threshold.param);
    const parsed = parseThreshold(rule.threshold, typeof raw === 'string' ? raw : raw?.[0]);
    thresholds[rule.threshold.field] = parsed.percent;
    if (parsed.rejected !== null) rejected.push({ param: rule.threshold.param, value: parsed.rejected, defaultPercent: rule.threshold.defaultPercent });
  }
  return { rules: parseRules(get('rules')), thresholds, rejected };
}

/** 80 → `80`, 72.5 → `72.5`: thresholds as people typed them, without trailing zeros. */
function formatNumber(value: number): string {
  return String(Math.round(value * 1000) / 1000);
}
