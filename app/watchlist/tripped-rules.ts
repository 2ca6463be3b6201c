/**
 * What a listed project's badges say: each tripped rule's short name and the value that tripped
 * it (達成率 62.5%, 効率性 C, コスト増 +35.2%). Shared by the page and the CSV export.
 */
import { formatChange, formatPercent } from '@/app/lib/format';
import type { Locale } from '@/app/lib/i18n';
import { watchRule, type WatchRuleKey } from '@/db/domain/watch-rules';
import type { CriterionOption } from '@/db/queries/projects';
import type { WatchlistRow } from '@/db/queries/watchlist';

/** What the badges need of a rating criterion: its key and its names. */
export type CriterionLabel = Pick<CriterionOption, 'key' | 'labelJa' | 'labelEn'>;

export interface TrippedRule {
  key: WatchRuleKey;
  label: string;
  /** The figure or grade that tripped the rule; null when the name says it all (未評価). */
  value: string | null;
  weight: number;
}

const WORDS = {
  ja: {
    noIndicators: '指標未設定',
    ofIndicators: (n: number) => (n === 1 ? '目標か実績が欠落' : `${n}指標とも目標か実績が欠落`),
    worsened: (n: number) => `${n}指標`,
    // A letter follows the criterion directly (進捗状況C); a verdict in words is quoted.
    grade: (criterion: string, code: string) => (code.length <= 2 ? `${criterion}${code}` : `${criterion}「${code}」`),
    gradeSeparator: '・',
    separator: '、',
  },
  en: {
    noIndicators: 'no indicators',
    ofIndicators: (n: number) => `target or actual missing in ${n === 1 ? 'the only indicator' : `all ${n} indicators`}`,
    worsened: (n: number) => (n === 1 ? '1 indicator' : `${n} indicators`),
    grade: (criterion: string, code: string) => `${criterion} ${code}`,
    gradeSeparator: ', ',
    separator: '; ',
  },
} as const;

function criterionLabel(criteria: CriterionLabel[], key: string, locale: Locale): string {
  const c = criteria.find((x) => x.key === key);
  return c ? (locale === 'ja' ? c.labelJa : c.labelEn) : key;
}

function ruleValue(key: WatchRuleKey, row: WatchlistRow, criteria: CriterionLabel[], locale: Locale): string | null {
  switch (key) {
    case 'attainment':
      return formatPercent(row.attainment);
    case 'poor':
    case 'efficiency': {
      const spec = watchRule(key).ratings!;
      const hits = row.grades.filter((g) => g.watchRule === spec.role && g.band === spec.band);
      const words = WORDS[locale];
      // The criterion the badge already names (効率性 for the efficiency rule): the grade alone.
      return hits
        .map((g) => (g.criterionKey === key ? g.code : words.grade(criterionLabel(criteria, g.criterionKey, locale), g.code)))
        .join(words.gradeSeparator);
    }
    case 'costUp':
      return formatChange(row.costChange);
    case 'worsening':
      return WORDS[locale].worsened(row.indicatorsWorsenedTwice);
    case 'noIndicator':
      return row.indicatorCount === 0 ? WORDS[locale].noIndicators : WORDS[locale].ofIndicators(row.indicatorCount);
    case 'notRated':
      return null;
  }
}

export function trippedRules(row: WatchlistRow, criteria: CriterionLabel[], locale: Locale): TrippedRule[] {
  return row.tripped.map((key) => {
    const rule = watchRule(key);
    return { key, label: rule.short[locale], value: ruleValue(key, row, criteria, locale), weight: rule.weight };
  });
}

/** One line for a file cell: `達成率 62.5%、効率性 C`. */
export function trippedRulesText(row: WatchlistRow, criteria: CriterionLabel[], locale: Locale): string {
  return trippedRules(row, criteria, locale)
    .map((t) => (t.value ? `${t.label} ${t.value}` : t.label))
    .join(WORDS[locale].separator);
}
