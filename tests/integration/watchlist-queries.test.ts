/**
 * The watchlist's queries on a hand-built city where each rule is tripped by a known project and
 * missed by a near one, on both drivers. Every expected figure is worked out by hand below.
 *
 * Scope: テスト市 FY2023 (令和5年度), previous year FY2022. Weights: attainment 3, poor 3,
 * efficiency 2, costUp 2, noIndicator 1, notRated 1. Grades are written 進捗状況/実施水準/有効性/効率性.
 *
 * | code | dept | policy | cost 千円 | what it is                                      | trips (default)          | severity |
 * |------|------|--------|-----------|-------------------------------------------------|--------------------------|----------|
 * | M1   | 企画 | 1/1    | 400+100   | 5/10 = 50 %; grades C/B/C/C; FY22 450 @ 60 %     | attainment, poor, eff.   | 8        |
 * | A2   | 企画 | 2/3    | 350+50    | 2/10, 14/10 → (0.2 + 1.4) ÷ 2 = exactly 80 %     | —                        |          |
 * | A1   | 企画 | 2/3    | 250+50    | 79/100 = 79 %                                    | attainment               | 3        |
 * | A3   | 福祉 | 1/2    | 200+50    | 30/10 (cap 2.0), 1/10, 1/10, no target → 73.3 %  | attainment               | 3        |
 * | P1   | 企画 | 2/3    | 150+50    | progress C                                       | poor                     | 3        |
 * | P2   | 福祉 | 1/1    | 150+30    | effectiveness C                                  | poor                     | 3        |
 * | P3   | 福祉 | 2/3    | 150+20    | 実施水準 C (poor band, not a rule criterion)     | —                        |          |
 * | E1   | 福祉 | 2/3    | 150+20    | efficiency C                                     | efficiency               | 2        |
 * | C1   | 企画 | 1/1    | 101+20    | FY22 80+20 = 100 @ 100 % → 121 @ 90 %: +21 %     | costUp                   | 2        |
 * | C2   | 福祉 | 1/2    | 100+20    | FY22 100 @ 100 % → 120 @ 90 %: exactly +20 %     | —                        |          |
 * | C3   | 福祉 | 2/3    | 200+0     | FY22 100 @ 90 % → 200 @ 90 %: +100 %, not fallen | —                        |          |
 * | N1   | 企画 | 2/3    | 70+20     | no indicator at all                              | noIndicator              | 1        |
 * | N2   | 福祉 | 2/3    | 60+20     | one indicator, target 10, actual empty           | noIndicator              | 1        |
 * | N3   | 福祉 | 1/2    | 60+10     | one without actual, one 10/10 → 100 %            | —                        |          |
 * | R1   | 福祉 | 1/2    | 50+20     | no grade at all                                  | notRated                 | 1        |
 * | R2   | 福祉 | 2/3    | 50+10     | only 効率性 B                                    | —                        |          |
 * | G10  | 福祉 | 10/30  | 40+20     | no grade at all, policy goal 10                  | notRated                 | 1        |
 * | OK1  | 企画 | 1/1    | 900+100   | all A, 10/10                                     | —                        |          |
 *
 * Order (severity desc, then total cost desc): M1 8 · A1 3 (300) · A3 3 (250) · P1 3 (200) ·
 * P2 3 (180) · E1 2 (170) · C1 2 (121) · N1 1 (90) · N2 1 (80) · R1 1 (70) · G10 1 (60).
 * A second city (別市) has a not-rated project in FY2023 that must never appear.
 */
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../db/client';
import { DEFAULT_THRESHOLDS, WATCH_RULE_KEYS } from '../../db/domain/watch-rules';
import { canonicalHeader } from '../../db/import/format';
import { loadCsvFile } from '../../db/import/load';
import { ensureRatingScheme } from '../../db/import/write';
import type { RatingSchemeSpec } from '../../db/domain/rating-scheme';
import { municipalities } from '../../db/schema';
import { listMunicipalities } from '../../db/queries/overview';
import { getWatchlist, type WatchlistQuery } from '../../db/queries/watchlist';
import { DRIVERS, freshDatabase } from '../support/databases';

type Indicator = [name: string, target: string, actual: string];
interface Spec {
  code: string;
  dept: '企画部' | '福祉部';
  policy: '1/1' | '1/2' | '2/3' | '10/30';
  cost: [project: string, staff: string];
  grades?: [progress: string, level: string, effectiveness: string, efficiency: string];
  indicators?: Indicator[];
  year?: string;
}

const GOALS: Record<string, [string, string, string]> = {
  '1/1': ['子育て', '1', '保育'],
  '1/2': ['子育て', '2', '教育'],
  '2/3': ['福祉', '3', '健康'],
  '10/30': ['市政', '30', '行政'],
};
const SECTIONS = { 企画部: '企画課', 福祉部: '福祉課' };
const ALL_A: Spec['grades'] = ['A', 'A', 'A', 'A'];
const ON_TARGET: Indicator[] = [['指標', '10', '10']];

function row(spec: Spec, city = { code: '999999', name: 'テスト市' }): Record<string, string> {
  const [goalNumber, basicNumber] = spec.policy.split('/') as [string, string];
  const [goal, , basic] = GOALS[spec.policy]!;
  const [progress, level, effectiveness, efficiency] = spec.grades ?? ALL_A!;
  const r: Record<string, string> = {
    市区町村コード: city.code,
    市区町村名: city.name,
    年度: spec.year ?? '2023',
    事業番号: spec.code,
    事業名: `${spec.code}事業`,
    部名: spec.dept,
    課名: SECTIONS[spec.dept],
    まちづくり目標番号: goalNumber,
    まちづくり目標: goal,
    基本政策番号: basicNumber,
    基本政策: basic,
    事業費合計: spec.cost[0],
    人件費合計: spec.cost[1],
    進捗状況: progress,
    実施水準: level,
    有効性: effectiveness,
    効率性: efficiency,
  };
  (spec.indicators ?? ON_TARGET).forEach(([name, target, actual], i) => {
    Object.assign(r, { [`指標${i + 1}名`]: name, [`指標${i + 1}目標値`]: target, [`指標${i + 1}実績値`]: actual });
  });
  return r;
}

const specs: Spec[] = [
  { code: 'M1', dept: '企画部', policy: '1/1', cost: ['400', '100'], grades: ['C', 'B', 'C', 'C'], indicators: [['指標', '10', '5']] },
  // FY2022: 450 @ 60 % → FY2023 500 @ 50 %: attainment fell but cost rose only 11.1 %, no costUp.
  { code: 'M1', dept: '企画部', policy: '1/1', cost: ['350', '100'], indicators: [['指標', '10', '6']], year: '2022' },
  // In binary, 0.2 + 1.4 = 1.5999999999999999, so the mean is 0.7999999999999999: only the
  // tolerance keeps "exactly 80 %" from tripping "below 80 %".
  {
    code: 'A2',
    dept: '企画部',
    policy: '2/3',
    cost: ['350', '50'],
    indicators: [
      ['指標A', '10', '2'],
      ['指標B', '10', '14'],
    ],
  },
  { code: 'A1', dept: '企画部', policy: '2/3', cost: ['250', '50'], indicators: [['指標', '100', '79']] },
  // Capped mean (2.0 + 0.1 + 0.1) ÷ 3 = 0.7333 trips; uncapped it would be 1.0667. The fourth
  // indicator has no target: left out of the mean (were it capped to 2.0, the mean would be 1.05).
  {
    code: 'A3',
    dept: '福祉部',
    policy: '1/2',
    cost: ['200', '50'],
    indicators: [
      ['指標A', '10', '30'],
      ['指標B', '10', '1'],
      ['指標C', '10', '1'],
      ['指標D', '', '5'],
    ],
  },
  { code: 'P1', dept: '企画部', policy: '2/3', cost: ['150', '50'], grades: ['C', 'A', 'B', 'A'] },
  { code: 'P2', dept: '福祉部', policy: '1/1', cost: ['150', '30'], grades: ['B', 'A', 'C', 'A'] },
  { code: 'P3', dept: '福祉部', policy: '2/3', cost: ['150', '20'], grades: ['B', 'C', 'B', 'B'] },
  { code: 'E1', dept: '福祉部', policy: '2/3', cost: ['150', '20'], grades: ['A', 'A', 'A', 'C'] },
  { code: 'C1', dept: '企画部', policy: '1/1', cost: ['80', '20'], year: '2022' },
  { code: 'C1', dept: '企画部', policy: '1/1', cost: ['101', '20'], indicators: [['指標', '10', '9']] },
  { code: 'C2', dept: '福祉部', policy: '1/2', cost: ['80', '20'], year: '2022' },
  { code: 'C2', dept: '福祉部', policy: '1/2', cost: ['100', '20'], indicators: [['指標', '10', '9']] },
  { code: 'C3', dept: '福祉部', policy: '2/3', cost: ['100', '0'], indicators: [['指標', '10', '9']], year: '2022' },
  { code: 'C3', dept: '福祉部', policy: '2/3', cost: ['200', '0'], indicators: [['指標', '10', '9']] },
  { code: 'N1', dept: '企画部', policy: '2/3', cost: ['70', '20'], indicators: [] },
  { code: 'N2', dept: '福祉部', policy: '2/3', cost: ['60', '20'], indicators: [['指標', '10', '']] },
  {
    code: 'N3',
    dept: '福祉部',
    policy: '1/2',
    cost: ['60', '10'],
    indicators: [
      ['指標A', '10', ''],
      ['指標B', '10', '10'],
    ],
  },
  { code: 'R1', dept: '福祉部', policy: '1/2', cost: ['50', '20'], grades: ['', '', '', ''] },
  { code: 'R2', dept: '福祉部', policy: '2/3', cost: ['50', '10'], grades: ['', '', '', 'B'] },
  { code: 'G10', dept: '福祉部', policy: '10/30', cost: ['40', '20'], grades: ['', '', '', ''] },
  { code: 'OK1', dept: '企画部', policy: '1/1', cost: ['900', '100'] },
];

describe.each(DRIVERS)('watchlist queries on %s', (driver) => {
  let handle: DbHandle;
  let municipalityId: number;
  const query = (changes: Partial<WatchlistQuery> = {}) =>
    getWatchlist(handle.db, { municipalityId, fiscalYear: 2023, rules: WATCH_RULE_KEYS, thresholds: DEFAULT_THRESHOLDS, ...changes });
  const codes = async (changes: Partial<WatchlistQuery> = {}) => (await query(changes)).rows.map((r) => r.projectCode);

  beforeAll(async () => {
    handle = await freshDatabase(driver);
    const header = canonicalHeader(4);
    const rows = [
      ...specs.map((s) => row(s)),
      row({ code: 'X1', dept: '企画部', policy: '1/1', cost: ['10', '0'], grades: ['', '', '', ''] }, { code: '999998', name: '別市' }),
    ];
    const csv = Papa.unparse({ fields: header, data: rows.map((r) => header.map((h) => r[h] ?? '')) });
    await loadCsvFile(handle.db, new TextEncoder().encode(csv), { fileName: 'watchlist-city.csv' });
    municipalityId = (await listMunicipalities(handle.db)).find((m) => m.code === '999999')!.id;
  });
  afterAll(() => handle?.close());

  it('lists the tripping projects worst first, then by total cost', async () => {
    const watchlist = await query();
    expect(watchlist.rows.map((r) => [r.projectCode, r.severity])).toEqual([
      ['M1', 8],
      ['A1', 3],
      ['A3', 3],
      ['P1', 3],
      ['P2', 3],
      ['E1', 2],
      ['C1', 2],
      ['N1', 1],
      ['N2', 1],
      ['R1', 1],
      ['G10', 1],
    ]);
    expect(watchlist.evaluatedCount).toBe(18); // every FY2023 row of テスト市, none of 別市
  });

  it('says which rules each project trips', async () => {
    const tripped = Object.fromEntries((await query()).rows.map((r) => [r.projectCode, r.tripped]));
    expect(tripped).toEqual({
      M1: ['attainment', 'poor', 'efficiency'],
      A1: ['attainment'],
      A3: ['attainment'],
      P1: ['poor'],
      P2: ['poor'],
      E1: ['efficiency'],
      C1: ['costUp'],
      N1: ['noIndicator'],
      N2: ['noIndicator'],
      R1: ['notRated'],
      G10: ['notRated'],
    });
  });

  it('counts each rule over the whole scope', async () => {
    expect((await query()).counts).toEqual({
      attainment: 3, // M1, A1, A3 (not A2 at exactly 80 %)
      poor: 3, // M1, P1, P2 (not P3's 実施水準 C)
      efficiency: 2, // M1, E1
      costUp: 1, // C1 (not C2 at exactly +20 %, not C3 whose attainment held)
      worsening: 0, // every indicator here has a target: attainment, not the trend, is its measure
      noIndicator: 2, // N1, N2 (not N3, which has one complete indicator)
      notRated: 2, // R1, G10 (not R2, which has one grade)
    });
  });

  it('returns the figures behind each row', async () => {
    const rows = (await query()).rows;
    const m1 = rows.find((r) => r.projectCode === 'M1')!;
    expect(m1).toMatchObject({
      projectName: 'M1事業',
      department: '企画部',
      section: '企画課',
      goalNumber: '1',
      goalName: '子育て',
      indicatorCount: 1,
      indicatorsWithAttainment: 1,
      grades: [
        { criterionKey: 'progress', code: 'C', band: 'poor' },
        { criterionKey: 'level', code: 'B', band: 'middle' },
        { criterionKey: 'effectiveness', code: 'C', band: 'poor' },
        { criterionKey: 'efficiency', code: 'C', band: 'poor' },
      ],
    });
    expect(Number(m1.totalCost)).toBe(500); // 400 + 100
    expect(Number(m1.previousTotalCost)).toBe(450); // 350 + 100
    expect(m1.costChange).toBeCloseTo(50 / 450, 10); // +11.1 %
    expect(m1.attainment).toBeCloseTo(0.5, 10); // 5 ÷ 10
    expect(m1.previousAttainment).toBeCloseTo(0.6, 10); // 6 ÷ 10

    const a3 = rows.find((r) => r.projectCode === 'A3')!;
    expect(a3.attainment).toBeCloseTo(2.2 / 3, 10); // (2.0 + 0.1 + 0.1) ÷ 3
    expect(a3).toMatchObject({ indicatorCount: 4, indicatorsWithAttainment: 3, previousTotalCost: null, costChange: null, previousAttainment: null });

    const c1 = rows.find((r) => r.projectCode === 'C1')!;
    expect(c1.costChange).toBeCloseTo(0.21, 10); // (121 − 100) ÷ 100
    expect([c1.attainment, c1.previousAttainment]).toEqual([0.9, 1]);

    expect(rows.find((r) => r.projectCode === 'N1')).toMatchObject({ indicatorCount: 0, indicatorsWithAttainment: 0, attainment: null });
    expect(rows.find((r) => r.projectCode === 'N2')).toMatchObject({ indicatorCount: 1, indicatorsWithAttainment: 0, attainment: null });
    expect(rows.find((r) => r.projectCode === 'R1')?.grades).toEqual([]);
    expect(rows.find((r) => r.projectCode === 'G10')).toMatchObject({ goalNumber: '10', goalName: '市政' });
  });

  it('moves the attainment threshold', async () => {
    // Below 70 %: only M1 (50 %); A1 (79 %) and A3 (73.3 %) no longer trip and drop out.
    const at70 = await query({ thresholds: { ...DEFAULT_THRESHOLDS, attainmentBelowPercent: 70 } });
    expect(at70.counts.attainment).toBe(1);
    expect(at70.rows.map((r) => r.projectCode)).toEqual(['M1', 'P1', 'P2', 'E1', 'C1', 'N1', 'N2', 'R1', 'G10']);
    // Below 80.5 %: A2 (80 %) joins, severity 3 and 400 千円, right after M1.
    const at805 = await query({ thresholds: { ...DEFAULT_THRESHOLDS, attainmentBelowPercent: 80.5 } });
    expect(at805.counts.attainment).toBe(4);
    expect(at805.rows.slice(0, 3).map((r) => r.projectCode)).toEqual(['M1', 'A2', 'A1']);
  });

  it('moves the cost threshold', async () => {
    // More than 19.5 %: C2 (exactly +20 %) joins after C1 (121 > 120 千円).
    const at195 = await query({ thresholds: { ...DEFAULT_THRESHOLDS, costUpPercent: 19.5 } });
    expect(at195.counts.costUp).toBe(2);
    expect(at195.rows.filter((r) => r.tripped.includes('costUp')).map((r) => r.projectCode)).toEqual(['C1', 'C2']);
    // More than 21 %: C1's +21 % is not more than 21 %; C3's +100 % still lacks a fall in attainment.
    const at21 = await query({ thresholds: { ...DEFAULT_THRESHOLDS, costUpPercent: 21 } });
    expect(at21.counts.costUp).toBe(0);
    expect(at21.rows.map((r) => r.projectCode)).not.toContain('C1');
  });

  it('uses only the rules switched on, for listing, badges and severity', async () => {
    expect(await codes({ rules: ['noIndicator', 'notRated'] })).toEqual(['N1', 'N2', 'R1', 'G10']);
    // M1 now weighs only its efficiency (2) and still comes first by cost (500 > 170).
    const efficiency = await query({ rules: ['efficiency'] });
    expect(efficiency.rows.map((r) => [r.projectCode, r.tripped, r.severity])).toEqual([
      ['M1', ['efficiency'], 2],
      ['E1', ['efficiency'], 2],
    ]);
    // Counts still cover every rule, so the page can show what a switched-off rule would add.
    expect(efficiency.counts.attainment).toBe(3);
    expect((await query({ rules: [] })).rows).toEqual([]);
  });

  it('filters by department', async () => {
    const planning = await query({ department: '企画部' });
    expect(planning.rows.map((r) => r.projectCode)).toEqual(['M1', 'A1', 'P1', 'C1', 'N1']);
    expect(planning.evaluatedCount).toBe(7); // M1 A2 A1 P1 C1 N1 OK1
    expect(planning.counts).toEqual({ attainment: 2, poor: 2, efficiency: 1, costUp: 1, worsening: 0, noIndicator: 1, notRated: 0 });
    expect(await codes({ department: '存在しない部' })).toEqual([]);
  });

  it('filters by policy node and everything below it', async () => {
    // Goal 1 (paths 1/1 and 1/2), never goal 10 (path 10/30) although "10" starts with "1".
    expect(await codes({ policy: '1' })).toEqual(['M1', 'A3', 'P2', 'C1', 'R1']);
    expect(await codes({ policy: '1/2' })).toEqual(['A3', 'R1']);
    expect(await codes({ policy: '10' })).toEqual(['G10']);
    expect(await codes({ policy: '1', department: '企画部' })).toEqual(['M1', 'C1']);
  });

  it('keeps fiscal years apart', async () => {
    // FY2022 has M1, C1, C2, C3, all graded A with indicators; M1 (60 %) alone trips attainment.
    // No FY2021 exists, so nothing can have risen in cost.
    const fy2022 = await query({ fiscalYear: 2022 });
    expect(fy2022.evaluatedCount).toBe(4);
    expect(fy2022.rows.map((r) => [r.projectCode, r.tripped, r.previousTotalCost])).toEqual([['M1', ['attainment'], null]]);
  });
});

/*
 * A city grading on five letters S/A/B/C/D, where C is still "middle" and only D is "poor":
 * the rating rules read the common band, never the letter.
 *
 * | code | progress/level/effectiveness/efficiency | trips                       |
 * |------|-----------------------------------------|-----------------------------|
 * | D1   | D / S / B / A                           | poor (progress D)           |
 * | D2   | S / S / S / D                           | efficiency                  |
 * | D3   | A / D / D / D                           | poor, efficiency            |
 * | K1   | C / C / C / C                           | — (C is middle here)        |
 */
const FIVE_LETTERS: RatingSchemeSpec = {
  name: '五段階（S〜D）',
  criteria: (
    [
      ['progress', '進捗状況'],
      ['level', '実施水準'],
      ['effectiveness', '有効性'],
      ['efficiency', '効率性'],
    ] as const
  ).map(([key, labelJa]) => ({
    key,
    labelJa,
    labelEn: key,
    grades: [
      { code: 'S', labelJa: '極めて良好', labelEn: 'Excellent', band: 'good' as const },
      { code: 'A', labelJa: '良好', labelEn: 'Good', band: 'good' as const },
      { code: 'B', labelJa: 'やや良好', labelEn: 'Fair', band: 'middle' as const },
      { code: 'C', labelJa: '普通', labelEn: 'Average', band: 'middle' as const },
      { code: 'D', labelJa: '不十分', labelEn: 'Insufficient', band: 'poor' as const },
    ],
  })),
};

describe.each(DRIVERS)('watchlist on a city with another grade scale, on %s', (driver) => {
  let handle: DbHandle;
  let municipalityId: number;

  beforeAll(async () => {
    handle = await freshDatabase(driver);
    const city = { code: '888888', name: '五段階市' };
    const [created] = await handle.db.insert(municipalities).values(city).returning({ id: municipalities.id });
    municipalityId = created!.id;
    await ensureRatingScheme(handle.db, municipalityId, FIVE_LETTERS);
    const specs: Spec[] = [
      { code: 'D1', dept: '企画部', policy: '1/1', cost: ['100', '0'], grades: ['D', 'S', 'B', 'A'] },
      { code: 'D2', dept: '企画部', policy: '1/1', cost: ['90', '0'], grades: ['S', 'S', 'S', 'D'] },
      { code: 'D3', dept: '企画部', policy: '1/1', cost: ['80', '0'], grades: ['A', 'D', 'D', 'D'] },
      { code: 'K1', dept: '企画部', policy: '1/1', cost: ['70', '0'], grades: ['C', 'C', 'C', 'C'] },
    ];
    const header = canonicalHeader(4);
    const csv = Papa.unparse({ fields: header, data: specs.map((s) => row(s, city)).map((r) => header.map((h) => r[h] ?? '')) });
    await loadCsvFile(handle.db, new TextEncoder().encode(csv), { fileName: 'five-letters.csv' });
  });
  afterAll(() => handle?.close());

  it('trips the rating rules on the poor band (D), not on the letter C', async () => {
    const watchlist = await getWatchlist(handle.db, { municipalityId, fiscalYear: 2023, rules: WATCH_RULE_KEYS, thresholds: DEFAULT_THRESHOLDS });
    // D3: poor 3 + efficiency 2 = 5; D1: poor 3; D2: efficiency 2. K1 (all C) is not listed.
    expect(watchlist.rows.map((r) => [r.projectCode, r.tripped, r.severity])).toEqual([
      ['D3', ['poor', 'efficiency'], 5],
      ['D1', ['poor'], 3],
      ['D2', ['efficiency'], 2],
    ]);
    expect(watchlist.counts).toMatchObject({ poor: 2, efficiency: 2, notRated: 0 });
    expect(watchlist.evaluatedCount).toBe(4);
    expect(watchlist.rows[0]!.grades.map((g) => [g.code, g.band])).toEqual([
      ['A', 'good'],
      ['D', 'poor'],
      ['D', 'poor'],
      ['D', 'poor'],
    ]);
  });
});

describe.each(DRIVERS)('watchlist order among equal severity, on %s', (driver) => {
  let handle: DbHandle;

  beforeAll(async () => {
    handle = await freshDatabase(driver);
    const city = { code: '777777', name: '順序市' };
    // Three projects without indicators (severity 1 each), their costs of different lengths:
    // as numbers 83,735 > 9,939 > 700; as text '9939.000' would come before '83735.000'.
    const specs: Spec[] = [
      { code: 'S1', dept: '企画部', policy: '1/1', cost: ['9939', '0'], indicators: [] },
      { code: 'S2', dept: '企画部', policy: '1/1', cost: ['83735', '0'], indicators: [] },
      { code: 'S3', dept: '企画部', policy: '1/1', cost: ['700', '0'], indicators: [] },
    ];
    const header = canonicalHeader(4);
    const csv = Papa.unparse({ fields: header, data: specs.map((s) => row(s, city)).map((r) => header.map((h) => r[h] ?? '')) });
    await loadCsvFile(handle.db, new TextEncoder().encode(csv), { fileName: 'order.csv' });
  });
  afterAll(() => handle?.close());

  it('puts the dearer project first by amount, not by its digits', async () => {
    const municipalityId = (await listMunicipalities(handle.db)).find((m) => m.code === '777777')!.id;
    const watchlist = await getWatchlist(handle.db, { municipalityId, fiscalYear: 2023, rules: WATCH_RULE_KEYS, thresholds: DEFAULT_THRESHOLDS });
    expect(watchlist.rows.map((r) => [r.projectCode, r.severity, r.totalCost])).toEqual([
      ['S2', 1, '83735.000'],
      ['S1', 1, '9939.000'],
      ['S3', 1, '700.000'],
    ]);
  });
});
