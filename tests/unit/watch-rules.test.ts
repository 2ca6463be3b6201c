import { describe, expect, it } from 'vitest';
import { BANDS, DEFAULT_RATING_SCHEME, watchRoleOf } from '../../db/domain/rating-scheme';
import { ofunatoProfile } from '../../db/import/profiles/ofunato';
import {
  DEFAULT_THRESHOLDS,
  POOR_BAND,
  WATCH_RULE_KEYS,
  WATCH_RULES,
  parseRules,
  parseThreshold,
  parseWatchSettings,
  rulesParam,
  severity,
  watchRule,
  type WatchRuleKey,
} from '../../db/domain/watch-rules';

describe('the rule definitions', () => {
  it('define every key once, in key order', () => {
    expect(WATCH_RULES.map((r) => r.key)).toEqual([...WATCH_RULE_KEYS]);
  });

  it.each(WATCH_RULES.map((r) => [r.key, r] as const))('%s has words in both languages and a positive weight', (_key, rule) => {
    expect(rule.short.ja).not.toBe('');
    expect(rule.short.en).not.toBe('');
    expect(rule.describe.ja(DEFAULT_THRESHOLDS).length).toBeGreaterThan(10);
    expect(rule.describe.en(DEFAULT_THRESHOLDS).length).toBeGreaterThan(10);
    expect(Number.isInteger(rule.weight) && rule.weight > 0).toBe(true);
  });

  it.each([
    // key, weight, default threshold (percent) or null
    ['attainment', 3, 80],
    ['poor', 3, null],
    ['efficiency', 2, null],
    ['costUp', 2, 20],
    ['worsening', 2, null],
    ['noIndicator', 1, null],
    ['notRated', 1, null],
  ] as const)('%s weighs %i, default threshold %s', (key, weight, threshold) => {
    expect(watchRule(key).weight).toBe(weight);
    expect(watchRule(key).threshold?.defaultPercent ?? null).toBe(threshold);
  });

  it('rating rules go by watch role and band: in the standard scheme C on progress or effectiveness, C on efficiency; 実施水準 never', () => {
    const poor = watchRule('poor').ratings!;
    const efficiency = watchRule('efficiency').ratings!;
    expect([poor, efficiency].map((r) => r.role)).toEqual(['poor', 'efficiency']);
    const criteriaOf = (role: string) => DEFAULT_RATING_SCHEME.criteria.filter((c) => watchRoleOf(c) === role).map((c) => c.key);
    expect(criteriaOf('poor')).toEqual(['progress', 'effectiveness']);
    expect(criteriaOf('efficiency')).toEqual(['efficiency']);
    expect(DEFAULT_RATING_SCHEME.criteria.filter((c) => watchRoleOf(c) === null).map((c) => c.key)).toEqual(['level']);
    for (const spec of [poor, efficiency]) {
      expect(BANDS).toContain(spec.band);
      for (const key of criteriaOf(spec.role)) {
        const criterion = DEFAULT_RATING_SCHEME.criteria.find((c) => c.key === key);
        expect(criterion?.grades.filter((g) => g.band === spec.band).map((g) => g.code)).toEqual(['C']);
      }
    }
  });

  it("大船渡市's verdicts: 見直し余地がある and the like trip the poor rule, the cost and staff-hour verdicts the efficiency rule", () => {
    const criteria = ofunatoProfile.rating!.criteria;
    expect(criteria.filter((c) => watchRoleOf(c) === 'efficiency').map((c) => c.key)).toEqual(['cost_room', 'staff_room']);
    expect(criteria.filter((c) => watchRoleOf(c) === 'poor')).toHaveLength(6);
    const poorWords = new Set(criteria.flatMap((c) => c.grades.filter((g) => g.band === POOR_BAND).map((g) => g.code)));
    expect([...poorWords].sort()).toEqual(['削減余地がある', '向上余地がある', '影響がない', '見直し余地がある'].sort());
  });

  it.each([
    ['attainment', 'ja', { attainmentBelowPercent: 72.5, costUpPercent: 20 }, '72.5%未満'],
    ['attainment', 'en', { attainmentBelowPercent: 70, costUpPercent: 20 }, 'below 70%'],
    ['costUp', 'ja', { attainmentBelowPercent: 80, costUpPercent: 35 }, '35%を超えて'],
    ['costUp', 'en', { attainmentBelowPercent: 80, costUpPercent: 35 }, 'more than 35%'],
  ] as const)('%s (%s) states its threshold in the words', (key, locale, thresholds, words) => {
    expect(watchRule(key).describe[locale](thresholds)).toContain(words);
  });
});

describe('severity', () => {
  it.each([
    [[], 0],
    [['notRated'], 1],
    [['attainment', 'poor'], 6],
    [['attainment', 'poor', 'efficiency'], 8],
    [['costUp', 'noIndicator'], 3],
    [[...WATCH_RULE_KEYS], 14], // every rule, the new worsening rule (2) included
  ] as [WatchRuleKey[], number][])('%j → %i', (keys, expected) => {
    expect(severity(keys)).toBe(expected);
  });
});

describe('parseRules', () => {
  const all = [...WATCH_RULE_KEYS];
  it.each([
    [undefined, all],
    ['', all],
    ['attainment,poor,efficiency', ['attainment', 'poor', 'efficiency']],
    ['efficiency,attainment', ['attainment', 'efficiency']], // definition order, whatever the URL's
    [' poor , costUp ', ['poor', 'costUp']],
    ['poor,poor', ['poor']],
    ['poor,bogus', ['poor']], // unknown keys are ignored
    ['bogus', all], // nothing usable: every rule
    [
      ['attainment', 'notRated'],
      ['attainment', 'notRated'],
    ], // checkboxes repeat the parameter
    [
      ['costUp,poor', 'noIndicator'],
      ['poor', 'costUp', 'noIndicator'],
    ],
  ] as [string | string[] | undefined, WatchRuleKey[]][])('%j → %j', (raw, expected) => {
    expect(parseRules(raw)).toEqual(expected);
  });
});

describe('rulesParam', () => {
  it.each([
    [[...WATCH_RULE_KEYS], undefined], // all on: the parameter is left out
    [['poor'], 'poor'],
    [['efficiency', 'attainment'], 'attainment,efficiency'],
  ] as [WatchRuleKey[], string | undefined][])('%j → %s', (keys, expected) => {
    expect(rulesParam(keys)).toBe(expected);
  });

  it('round-trips through parseRules', () => {
    expect(parseRules(rulesParam(['costUp', 'notRated']))).toEqual(['costUp', 'notRated']);
  });
});

describe('parseThreshold', () => {
  const attainment = watchRule('attainment').threshold!;
  const costUp = watchRule('costUp').threshold!;
  it.each([
    // spec, raw, percent, rejected?
    [attainment, undefined, 80, false],
    [attainment, '', 80, false],
    [attainment, '70', 70, false],
    [attainment, '72.5', 72.5, false],
    [attainment, '７０', 70, false], // full-width digits from a Japanese IME
    [attainment, '90%', 90, false],
    [attainment, '0', 0, false],
    [attainment, '200', 200, false],
    [attainment, '200.5', 80, true], // above the 200 % cap nothing could reach it anyway
    [attainment, '-5', 80, true],
    [attainment, 'abc', 80, true],
    [attainment, '1e2', 80, true],
    [costUp, '20', 20, false],
    [costUp, '1000', 1000, false],
    [costUp, '1001', 20, true],
  ] as const)('%#: %s → %s', (spec, raw, percent, rejected) => {
    const parsed = parseThreshold(spec, raw);
    expect(parsed.percent).toBe(percent);
    expect(parsed.rejected !== null).toBe(rejected);
  });
});

describe('parseWatchSettings', () => {
  it('reads rules and thresholds, and reports what it ignored', () => {
    const url = new URLSearchParams('rules=poor,costUp&attainment=70&costUp=abc');
    const settings = parseWatchSettings((key) => url.get(key) ?? undefined);
    expect(settings).toEqual({
      rules: ['poor', 'costUp'],
      thresholds: { attainmentBelowPercent: 70, costUpPercent: 20 },
      rejected: [{ param: 'costUp', value: 'abc', defaultPercent: 20 }],
    });
  });

  it('defaults to every rule at 80 % and 20 %', () => {
    expect(parseWatchSettings(() => undefined)).toEqual({
      rules: [...WATCH_RULE_KEYS],
      thresholds: { attainmentBelowPercent: 80, costUpPercent: 20 },
      rejected: [],
    });
  });
});
