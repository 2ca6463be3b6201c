/** The badges' words: each tripped rule's short name and the value that tripped it. */
import { describe, expect, it } from 'vitest';
import { trippedRules, trippedRulesText } from '../../app/watchlist/tripped-rules';
import type { WatchRuleKey } from '../../db/domain/watch-rules';
import type { WatchlistRow } from '../../db/queries/watchlist';

const criteria = [
  { key: 'progress', labelJa: '進捗状況', labelEn: 'Progress' },
  { key: 'level', labelJa: '実施水準', labelEn: 'Level' },
  { key: 'effectiveness', labelJa: '有効性', labelEn: 'Effectiveness' },
  { key: 'efficiency', labelJa: '効率性', labelEn: 'Efficiency' },
];

function row(tripped: WatchRuleKey[], changes: Partial<WatchlistRow> = {}): WatchlistRow {
  return {
    projectCode: 'P1',
    projectName: '事業',
    department: '企画部',
    section: '企画課',
    goalNumber: '1',
    goalName: '目標',
    totalCost: '130.000',
    previousTotalCost: '100.000',
    costChange: 0.3,
    attainment: 0.625,
    previousAttainment: 0.9,
    indicatorCount: 2,
    indicatorsWithAttainment: 2,
    indicatorsWithTrend: 0,
    indicatorsWorsenedTwice: 0,
    grades: [
      { criterionKey: 'progress', code: 'C', band: 'poor', watchRule: 'poor' },
      { criterionKey: 'level', code: 'C', band: 'poor', watchRule: null }, // poor, but not a criterion of any rule
      { criterionKey: 'effectiveness', code: 'B', band: 'middle', watchRule: 'poor' },
      { criterionKey: 'efficiency', code: 'C', band: 'poor', watchRule: 'efficiency' },
    ],
    tripped,
    severity: 0,
    ...changes,
  };
}

describe('trippedRules', () => {
  it.each([
    // tripped, row changes, locale, expected "label value" texts
    [['attainment'], {}, 'ja', ['達成率 62.5%']],
    [['attainment'], {}, 'en', ['Attainment 62.5%']],
    [['poor'], {}, 'ja', ['要改善評価 進捗状況C']], // 実施水準 C is not part of the rule
    [
      ['poor'],
      {
        grades: [
          { criterionKey: 'progress', code: 'C', band: 'poor', watchRule: 'poor' },
          { criterionKey: 'effectiveness', code: 'C', band: 'poor', watchRule: 'poor' },
        ],
      },
      'ja',
      ['要改善評価 進捗状況C・有効性C'],
    ],
    [['poor'], {}, 'en', ['Poor grade Progress C']],
    [['efficiency'], {}, 'ja', ['効率性 C']],
    [['costUp'], {}, 'ja', ['コスト増 +30.0%']],
    [['noIndicator'], { indicatorCount: 0 }, 'ja', ['指標データなし 指標未設定']],
    [['noIndicator'], { indicatorCount: 2, indicatorsWithAttainment: 0 }, 'ja', ['指標データなし 2指標とも目標か実績が欠落']],
    [['noIndicator'], { indicatorCount: 1 }, 'ja', ['指標データなし 目標か実績が欠落']],
    [['noIndicator'], { indicatorCount: 3 }, 'en', ['No indicator data target or actual missing in all 3 indicators']],
    [['noIndicator'], { indicatorCount: 1 }, 'en', ['No indicator data target or actual missing in the only indicator']],
    [['notRated'], { grades: [] }, 'ja', ['未評価']],
    [['attainment', 'efficiency', 'notRated'], {}, 'ja', ['達成率 62.5%', '効率性 C', '未評価']],
  ] as [WatchRuleKey[], Partial<WatchlistRow>, 'ja' | 'en', string[]][])('%j %j (%s) → %j', (tripped, changes, locale, expected) => {
    const texts = trippedRules(row(tripped, changes), criteria, locale).map((t) => (t.value ? `${t.label} ${t.value}` : t.label));
    expect(texts).toEqual(expected);
  });

  it('carries each rule’s weight for the badge colour', () => {
    expect(trippedRules(row(['attainment', 'costUp', 'notRated']), criteria, 'ja').map((t) => t.weight)).toEqual([3, 2, 1]);
  });
});

describe('trippedRulesText', () => {
  it.each([
    ['ja', '達成率 62.5%、効率性 C、未評価'],
    ['en', 'Attainment 62.5%; Efficiency C; Not rated'],
  ] as const)('%s → %s', (locale, expected) => {
    expect(trippedRulesText(row(['attainment', 'efficiency', 'notRated']), criteria, locale)).toBe(expected);
  });
});
