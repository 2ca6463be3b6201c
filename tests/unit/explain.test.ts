import { describe, expect, it } from 'vitest';
import { explainProject, type ExplainYear } from '@/db/domain/explain';

/** [fiscal year, attainment, total cost 千円, population] */
const years = (...rows: [number, number | null, number, number | null][]): ExplainYear[] =>
  rows.map(([fiscalYear, attainment, totalCost, population]) => ({ fiscalYear, attainment, totalCost, population }));

describe('explainProject', () => {
  it.each<[string, ExplainYear[], string, string]>([
    [
      'met twice, cost per citizen up 12 % (100 → 112 円): the clauses disagree',
      years([2023, 1.05, 100, 1000], [2024, 1.12, 112, 1000]),
      '達成率112.0%で目標を2年連続で達成する一方、市民1人当たりコストは前年比+12%',
      'Target met 2 years running (112.0%), while cost per citizen up 12% on the year before',
    ],
    [
      'met three years, cost down 8 %: both good',
      years([2022, 1.0, 100, 1000], [2023, 1.2, 100, 1000], [2024, 1.01, 92, 1000]),
      '達成率101.0%で目標を3年連続で達成し、市民1人当たりコストも前年比−8%',
      'Target met 3 years running (101.0%), and cost per citizen down 8% on the year before',
    ],
    [
      'missed twice, cost up 15 %: both bad',
      years([2023, 0.7, 100, 1000], [2024, 0.72, 115, 1000]),
      '達成率72.0%で目標未達が2年連続となり、市民1人当たりコストも前年比+15%',
      'Target missed 2 years running (72.0%), and cost per citizen up 15% on the year before',
    ],
    [
      'missed after a met year, cost down 5 %',
      years([2023, 1.1, 100, 1000], [2024, 0.9, 95, 1000]),
      '達成率90.0%で目標に届かない一方、市民1人当たりコストは前年比−5%',
      'Target missed (90.0%), while cost per citizen down 5% on the year before',
    ],
    [
      'exactly 100 % twice, cost +1 % is within the ±2 % band',
      years([2023, 1.0, 100, 1000], [2024, 1.0, 101, 1000]),
      '達成率100.0%で目標を2年連続で達成し、市民1人当たりコストは前年並み',
      'Target met 2 years running (100.0%), and cost per citizen about the same as the year before',
    ],
    [
      'no computable attainment, cost up 20 %',
      years([2023, 0.9, 100, 1000], [2024, null, 120, 1000]),
      '達成率を計算できる指標がなく、市民1人当たりコストは前年比+20%',
      'No indicator with a computable attainment; cost per citizen up 20% on the year before',
    ],
    [
      'first evaluated year',
      years([2024, 0.8, 50, 1000]),
      '達成率80.0%で目標に届かず（前年度との比較なし）',
      'Target missed (80.0%) (no previous year to compare)',
    ],
    [
      'a gap year breaks the streak and the comparison',
      years([2022, 1.1, 100, 1000], [2024, 1.2, 100, 1000]),
      '達成率120.0%で目標を達成（前年度との比較なし）',
      'Target met (120.0%) (no previous year to compare)',
    ],
    [
      'missed, cost flat: no contrast either way',
      years([2023, 0.7, 100, 1000], [2024, 0.68, 99, 1000]),
      '達成率68.0%で目標未達が2年連続となり、市民1人当たりコストは前年並み',
      'Target missed 2 years running (68.0%), and cost per citizen about the same as the year before',
    ],
    [
      'population unknown: total cost instead (200 → 250 千円)',
      years([2023, 1.0, 200, null], [2024, 1.0, 250, null]),
      '達成率100.0%で目標を2年連続で達成する一方、トータルコストは前年比+25%',
      'Target met 2 years running (100.0%), while total cost up 25% on the year before',
    ],
    [
      'same cost, fewer citizens: 100 → 125 円 per citizen',
      years([2023, 1.3, 100, 1000], [2024, 1.3, 100, 800]),
      '達成率130.0%で目標を2年連続で達成する一方、市民1人当たりコストは前年比+25%',
      'Target met 2 years running (130.0%), while cost per citizen up 25% on the year before',
    ],
    [
      'an undefined previous attainment ends the streak',
      years([2023, null, 100, 1000], [2024, 1.1, 100, 1000]),
      '達成率110.0%で目標を達成し、市民1人当たりコストは前年並み',
      'Target met (110.0%), and cost per citizen about the same as the year before',
    ],
    [
      'a mean a hair below 100 % in binary still counts as met',
      years([2024, (0.6 + 1.4) / 2 - 1e-12, 10, 1000]),
      '達成率100.0%で目標を達成（前年度との比較なし）',
      'Target met (100.0%) (no previous year to compare)',
    ],
  ])('%s', (_case, input, ja, en) => {
    expect(explainProject(input, 'ja')).toBe(ja);
    expect(explainProject(input, 'en')).toBe(en);
  });

  it('has nothing to say without a year', () => {
    expect(explainProject([], 'ja')).toBeNull();
  });
});
