/**
 * Deterministic demo data: fictional cities with a few hundred projects each, evaluated over
 * several fiscal years, written as Hyoka CSV v1 rows (db/import/format.ts) so the demo goes
 * through the same importer as a city's real files.
 *
 * Realism that matters for the dashboard: a log-normal cost distribution (most projects under
 * 50,000 千円, a long tail to 5,000,000), revenue sources and totals that add up exactly, a
 * population that drifts, indicators that sometimes miss (a few lower-is-better), and rating
 * mixes that differ by policy area and follow attainment.
 */
import Papa from 'papaparse';
import {
  ACTION_COLUMNS,
  COST_COLUMNS,
  DO_COLUMNS,
  IDENTITY_COLUMNS,
  INDICATOR_DIRECTION_LABELS,
  INDICATOR_KIND_LABELS,
  ORGANISATION_COLUMNS,
  PLAN_COLUMNS,
  POLICY_COLUMNS,
  POPULATION_COLUMN,
  RATING_COLUMNS,
  UNIT_COST_COLUMNS,
  canonicalHeader,
  indicatorColumn,
} from '../import/format';
import {
  ACTIONS,
  ADMINISTRATIVE_TYPES,
  FUTURE_DIRECTIONS,
  GOALS,
  IMPLEMENTATION_METHODS,
  INDICATOR_TEMPLATES,
  LOWER_IS_BETTER_TEMPLATES,
  SECTIONS,
  TARGET_DEFINITIONS,
  type GoalSpec,
  type IndicatorTemplate,
} from './vocabulary';
import { unitCostYen } from '../domain/metrics';

export interface MunicipalitySpec {
  code: string;
  name: string;
  /** Population in the first fiscal year. */
  population: number;
  /** Yearly relative change, e.g. -0.004. */
  populationDrift: number;
  projects: number;
  /** Shifts every project's performance (a city that does better or worse overall). */
  performance: number;
  /**
   * The city's まちづくり目標 as indices into GOALS, in its own plan order (so goal numbers differ
   * between cities, and a city may leave a goal out). Default: all of GOALS in order.
   */
  goals?: readonly number[];
}

export interface DemoOptions {
  seed: number;
  fromYear: number;
  toYear: number;
  municipalities: MunicipalitySpec[];
}

export const MAX_INDICATORS = 3;

export const DEFAULT_DEMO: DemoOptions = {
  seed: 20241,
  fromYear: 2020,
  toYear: 2024,
  // Three sizes, so the benchmark (/compare) has neighbours to compare with. 桜ヶ丘市 comes first
  // (the default city) and its rows do not depend on the others: each city has its own stream.
  municipalities: [
    { code: '999001', name: '桜ヶ丘市', population: 101_240, populationDrift: -0.0042, projects: 600, performance: 0 },
    // A small town: five goals in its own order, fewer projects, doing a little worse.
    { code: '999002', name: '梅ノ木町', population: 19_870, populationDrift: -0.011, projects: 160, performance: -0.05, goals: [1, 0, 3, 2, 4] },
    // A larger city: every goal, numbered differently, a little better.
    { code: '999003', name: '浜風市', population: 301_560, populationDrift: 0.0021, projects: 720, performance: 0.04, goals: [3, 0, 1, 2, 5, 4] },
  ],
};

/** Standard staff cost per FTE in 千円 (regular and other staff), as the seed city states. */
const REGULAR_STAFF_COST_PER_FTE = 8_180;
const OTHER_STAFF_COST_PER_FTE = 3_150;
const MAX_PROJECT_COST = 5_000_000;

/** mulberry32: tiny, fast, and the same sequence on every machine. */
export function createRandom(seed: number) {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = (): number => {
    const u = Math.max(next(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
  };
  return {
    next,
    normal,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    chance: (p: number) => next() < p,
  };
}
type Random = ReturnType<typeof createRandom>;

interface Measure {
  goalIndex: number;
  goal: GoalSpec;
  goalNumber: number;
  basicPolicy: { number: number; name: string };
  direction: { number: number; name: string };
  measure: { number: number; name: string };
}

/** Numbers the tree the way a 総合計画 does: one running sequence per level. */
function policyTree(goalOrder: readonly number[] = GOALS.map((_, i) => i)): Measure[] {
  const measures: Measure[] = [];
  let bp = 0;
  let dir = 0;
  let m = 0;
  goalOrder.forEach((index, goalIndex) => {
    const goal = GOALS[index]!;
    for (const basicPolicy of goal.basicPolicies) {
      bp++;
      for (const direction of basicPolicy.directions) {
        dir++;
        for (const measure of direction.measures) {
          m++;
          measures.push({
            goalIndex,
            goal,
            goalNumber: goalIndex + 1,
            basicPolicy: { number: bp, name: basicPolicy.name },
            direction: { number: dir, name: direction.name },
            measure: { number: m, name: measure },
          });
        }
      }
    }
  });
  return measures;
}

interface IndicatorPlan {
  template: IndicatorTemplate;
  name: string;
  baseTarget: number;
  growth: number;
  baselineYear: number;
}

interface ProjectPlan {
  code: string;
  name: string;
  topic: string;
  measure: Measure;
  department: string;
  section: string;
  startYear: number;
  endYear: number | null;
  firstEvaluated: number;
  lastEvaluated: number;
  baseCost: number;
  costTrend: number;
  fte: number;
  otherFte: number;
  quality: number;
  method: string;
  administrativeType: string;
  target: (typeof TARGET_DEFINITIONS)[number];
  targetScale: number;
  levelBias: number;
  indicators: IndicatorPlan[];
  direction: string;
}

function planProjects(random: Random, city: MunicipalitySpec, years: { from: number; to: number }): ProjectPlan[] {
  const measures = policyTree(city.goals);
  const usedNames = new Set<string>();
  const plans: ProjectPlan[] = [];
  for (let i = 0; i < city.projects; i++) {
    // Spread projects over measures, a little unevenly as real plans are.
    const measure = measures[(i * 7 + random.int(0, 2)) % measures.length]!;
    const goal = measure.goal;
    let topic = random.pick(goal.topics);
    let name = `${topic}${random.pick(ACTIONS)}事業`;
    for (let tries = 0; usedNames.has(name) && tries < 30; tries++) {
      topic = random.pick(goal.topics);
      name = `${topic}${random.pick(ACTIONS)}事業`;
    }
    if (usedNames.has(name)) name = `${name}（その${i}）`;
    usedNames.add(name);

    const department = random.pick(goal.departments);
    const section = random.pick(SECTIONS[department] ?? ['総務課']);

    // Most projects run the whole period; some start or end inside it.
    let firstEvaluated = years.from;
    let lastEvaluated = years.to;
    let startYear = random.int(1975, years.from - 1);
    let endYear: number | null = null;
    if (random.chance(0.06)) {
      startYear = firstEvaluated = Math.min(years.to, years.from + 2);
    } else if (random.chance(0.05)) {
      endYear = lastEvaluated = Math.min(years.to, years.from + 2);
    }

    // Log-normal: median ≈ 9,000 千円, about one in eight above 50,000; a few large programmes
    // (保育所運営, 下水道, 国民健康保険…) make the tail up to the cap.
    const baseCost = random.chance(0.012)
      ? Math.round(Math.exp(Math.log(300_000) + random.next() * Math.log(MAX_PROJECT_COST / 300_000)))
      : Math.min(MAX_PROJECT_COST, Math.max(120, Math.round(Math.exp(Math.log(9_000) + 1.45 * random.normal()))));
    const fte = Math.max(0.1, Math.round(Math.min(6, 0.3 + Math.log10(baseCost) * random.next() * 0.6) * 10) / 10);
    const otherFte = random.chance(0.35) ? Math.round(random.next() * 20) / 10 : 0;

    const indicatorCount = random.chance(0.35) ? 1 : random.chance(0.6) ? 2 : 3;
    const indicators: IndicatorPlan[] = [];
    const usedTemplates = new Set<IndicatorTemplate>();
    for (let n = 0; n < indicatorCount; n++) {
      let template = random.chance(0.1) ? random.pick(LOWER_IS_BETTER_TEMPLATES) : random.pick(INDICATOR_TEMPLATES);
      while (usedTemplates.has(template)) template = random.pick([...INDICATOR_TEMPLATES, ...LOWER_IS_BETTER_TEMPLATES]);
      usedTemplates.add(template);
      const baseTarget = template.scale * Math.exp(0.6 * random.normal());
      indicators.push({
        template,
        name: template.name.replace('{topic}', topic),
        baseTarget: template.percent ? Math.min(95, baseTarget) : baseTarget,
        growth: template.direction === 'lower' ? -0.03 : random.pick([0, 0.02, 0.04, 0.06]),
        baselineYear: firstEvaluated - 1,
      });
    }

    const target = random.chance(0.25) ? TARGET_DEFINITIONS[0]! : random.pick(TARGET_DEFINITIONS.slice(1));
    plans.push({
      code: String(i + 1).padStart(4, '0'),
      name,
      topic,
      measure,
      department,
      section,
      startYear,
      endYear,
      firstEvaluated,
      lastEvaluated,
      baseCost,
      costTrend: 0.02 * random.normal(),
      fte,
      otherFte,
      quality: goal.performance + city.performance + 0.16 * random.normal(),
      method: random.pick(IMPLEMENTATION_METHODS),
      administrativeType: random.pick(ADMINISTRATIVE_TYPES),
      target,
      targetScale: (target.scale ?? 1) * Math.exp(0.8 * random.normal()),
      levelBias: random.normal(),
      indicators,
      direction: random.pick(FUTURE_DIRECTIONS),
    });
  }
  return plans;
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

function indicatorValue(template: IndicatorTemplate, value: number): number {
  if (template.percent) return Math.min(100, round1(value));
  if (template.unit === '日') return round1(Math.max(0.5, value));
  return Math.max(0, Math.round(value));
}

/** A grade from a score: higher is better; thresholds put most projects at A or B. */
function grade(score: number, a: number, b: number): 'A' | 'B' | 'C' {
  return score >= a ? 'A' : score >= b ? 'B' : 'C';
}

const REASONS: Record<string, Record<string, string>> = {
  progress: {
    A: '計画どおり事業を実施できた。',
    B: '一部の取組に遅れがあったが、概ね計画どおり実施できた。',
    C: '事業の一部が実施できず、計画どおり進捗しなかった。',
  },
  level: {
    A: '近隣市と比較して手厚い水準で実施している。',
    B: '近隣市と同程度の水準で実施している。',
    C: '近隣市と比較して実施水準が低い。',
    N: '市独自の事業であり、他市と一律に比較できない。',
  },
  effectiveness: {
    A: '指標の目標を達成しており、施策への貢献度は高い。',
    B: '一定の成果は出ているが、改善の余地がある。',
    C: '成果が十分に表れておらず、手法の見直しが必要である。',
  },
  efficiency: {
    A: '委託や ICT の活用により効率的に実施している。',
    B: '概ね効率的に実施しているが、さらなる工夫が可能である。',
    C: 'コストに見合う成果が得られておらず、効率化が必要である。',
  },
};

const REVIEWS = [
  '引き続き、関係機関と連携しながら効果的に事業を推進する。',
  '指標の達成状況を踏まえ、実施手法の見直しを検討する。',
  '市民ニーズの変化に対応し、事業内容の充実を図る。',
  'デジタル技術を活用し、事務の効率化を進める。',
  '費用対効果を検証し、事業のあり方を再検討する。',
];

function rowFor(random: Random, city: MunicipalitySpec, plan: ProjectPlan, year: number, population: number): Record<string, string> {
  const t = year - plan.firstEvaluated;
  const m = plan.measure;
  const projectCost = Math.min(MAX_PROJECT_COST, Math.max(50, Math.round(plan.baseCost * Math.exp(plan.costTrend * t + 0.06 * random.normal()))));
  const national = Math.round(projectCost * Math.min(0.9, Math.max(0, m.goal.subsidyShare * (0.4 + random.next()))));
  const bonds = random.chance(0.3) ? Math.round((projectCost - national) * m.goal.bondShare * 2 * random.next()) : 0;
  const other = random.chance(0.2) ? Math.round((projectCost - national - bonds) * 0.15 * random.next()) : 0;
  const general = projectCost - national - bonds - other;
  const regularStaffCost = Math.round(plan.fte * REGULAR_STAFF_COST_PER_FTE);
  const otherStaffCost = Math.round(plan.otherFte * OTHER_STAFF_COST_PER_FTE);
  const staffCost = regularStaffCost + otherStaffCost;
  const totalCost = projectCost + staffCost;

  const count = plan.target.population ? population : Math.max(1, Math.round(plan.targetScale * (1 + 0.05 * random.normal())));
  const unitCostYenRounded = Math.round(unitCostYen(totalCost, count)!);

  // Attainment this year: the project's quality, a small trend and noise.
  const indicatorColumns: Record<string, string> = {};
  const attainments: number[] = [];
  plan.indicators.forEach((ind, k) => {
    const n = k + 1;
    const target = indicatorValue(ind.template, ind.baseTarget * (1 + ind.growth * (year - plan.firstEvaluated + 1)));
    const attainment = Math.max(0.2, 1.02 + plan.quality + 0.01 * t + 0.1 * random.normal());
    attainments.push(attainment);
    const raw = ind.template.direction === 'lower' ? target / attainment : target * attainment;
    const actual = random.chance(0.02) ? '' : String(indicatorValue(ind.template, raw));
    Object.assign(indicatorColumns, {
      [indicatorColumn(n, 'name')]: ind.name,
      [indicatorColumn(n, 'unit')]: ind.template.unit,
      [indicatorColumn(n, 'kind')]: INDICATOR_KIND_LABELS[ind.template.kind],
      [indicatorColumn(n, 'direction')]: INDICATOR_DIRECTION_LABELS[ind.template.direction],
      [indicatorColumn(n, 'baselineValue')]: String(indicatorValue(ind.template, ind.baseTarget * 0.9)),
      [indicatorColumn(n, 'baselineYear')]: String(ind.baselineYear),
      [indicatorColumn(n, 'target')]: String(target),
      [indicatorColumn(n, 'actual')]: actual,
    });
  });
  const meanAttainment = attainments.reduce((a, b) => a + b, 0) / attainments.length;

  // Ratings follow attainment (progress, effectiveness) and cost (efficiency), with noise.
  const unrated = random.chance(0.02);
  const grades: Record<string, string> = unrated
    ? {}
    : {
        progress: grade(meanAttainment + 0.06 * random.normal(), 1.0, 0.82),
        level: random.chance(0.07) ? 'N' : grade(plan.levelBias + m.goal.performance * 5 + 0.3 * random.normal(), 0.9, -1.1),
        effectiveness: grade(meanAttainment + 0.1 * random.normal(), 1.02, 0.85),
        efficiency: grade(meanAttainment - 0.04 * Math.log10(totalCost) + 0.12 * random.normal(), 0.92, 0.72),
      };

  const ratingColumns: Record<string, string> = {};
  for (const c of RATING_COLUMNS) {
    const g = grades[c.key];
    ratingColumns[c.grade] = g ?? '';
    ratingColumns[c.reason] = g ? (REASONS[c.key]?.[g] ?? '') : '';
  }

  return {
    [IDENTITY_COLUMNS.municipalityCode]: city.code,
    [IDENTITY_COLUMNS.municipalityName]: city.name,
    [IDENTITY_COLUMNS.fiscalYear]: String(year),
    [IDENTITY_COLUMNS.projectCode]: plan.code,
    [IDENTITY_COLUMNS.projectName]: plan.name,
    [POPULATION_COLUMN]: String(population),
    [ORGANISATION_COLUMNS.department]: plan.department,
    [ORGANISATION_COLUMNS.section]: plan.section,
    [POLICY_COLUMNS.pillar]: m.goal.pillar,
    [POLICY_COLUMNS.goalNumber]: String(m.goalNumber),
    [POLICY_COLUMNS.goal]: m.goal.name,
    [POLICY_COLUMNS.basicPolicyNumber]: String(m.basicPolicy.number),
    [POLICY_COLUMNS.basicPolicy]: m.basicPolicy.name,
    [POLICY_COLUMNS.directionNumber]: String(m.direction.number),
    [POLICY_COLUMNS.direction]: m.direction.name,
    [POLICY_COLUMNS.measureNumber]: String(m.measure.number),
    [POLICY_COLUMNS.measure]: m.measure.name,
    [PLAN_COLUMNS.budgetNames]: plan.name.replace(/事業$/, '事業費'),
    [PLAN_COLUMNS.administrativeType]: plan.administrativeType,
    [PLAN_COLUMNS.legalBasis]: plan.administrativeType === '法定受託事務' ? '実施が義務付けられている' : '実施する規定はない',
    [PLAN_COLUMNS.startFiscalYear]: String(plan.startYear),
    [PLAN_COLUMNS.endFiscalYear]: plan.endYear === null ? '' : String(plan.endYear),
    [PLAN_COLUMNS.relatedLaws]: '',
    [PLAN_COLUMNS.nationalPlans]: '',
    [PLAN_COLUMNS.individualPlans]: `${city.name}総合計画`,
    [PLAN_COLUMNS.background]: `${plan.topic}に対する市民ニーズが多様化している。`,
    [PLAN_COLUMNS.purpose]: `${plan.topic}の充実を通じて、「${m.measure.name}」を推進する。`,
    [PLAN_COLUMNS.targetDescription]: plan.target.definition.replace(/数$/, ''),
    [PLAN_COLUMNS.content]: `${plan.topic}に関する取組を${plan.method}により実施する。`,
    [DO_COLUMNS.previousPolicy]: year > plan.firstEvaluated ? '前年度の評価を踏まえ、取組内容を改善する。' : '',
    [DO_COLUMNS.implementationMethod]: plan.method,
    [DO_COLUMNS.activities]: `${plan.topic}に関する取組を実施した。`,
    [COST_COLUMNS.projectCost]: String(projectCost),
    [COST_COLUMNS.nationalPrefectural]: String(national),
    [COST_COLUMNS.localBonds]: String(bonds),
    [COST_COLUMNS.otherSpecific]: String(other),
    [COST_COLUMNS.generalFunds]: String(general),
    [COST_COLUMNS.regularStaffFte]: String(plan.fte),
    [COST_COLUMNS.regularStaffHours]: '',
    [COST_COLUMNS.regularStaffCost]: String(regularStaffCost),
    [COST_COLUMNS.otherStaffFte]: String(plan.otherFte),
    [COST_COLUMNS.otherStaffHours]: '',
    [COST_COLUMNS.otherStaffCost]: String(otherStaffCost),
    [COST_COLUMNS.staffCost]: String(staffCost),
    [COST_COLUMNS.totalCost]: String(totalCost),
    [UNIT_COST_COLUMNS.targetDefinition]: plan.target.definition,
    [UNIT_COST_COLUMNS.targetCount]: String(count),
    [UNIT_COST_COLUMNS.targetUnit]: plan.target.unit,
    [UNIT_COST_COLUMNS.unitCostYen]: String(unitCostYenRounded),
    ...ratingColumns,
    [ACTION_COLUMNS.review]: unrated ? '' : random.pick(REVIEWS),
    [ACTION_COLUMNS.direction]: year === plan.lastEvaluated && plan.endYear !== null ? '廃止' : plan.direction,
    ...indicatorColumns,
  };
}

/**
 * Deliberate slips, so the data-quality report (/quality) has something to show: a few sheets
 * state figures that disagree with each other the way real sheets do. Chosen by project number
 * and year, not drawn from the random stream, so every other figure stays as it was; none of
 * them changes a figure the dashboard computes (it never uses the stated totals or unit cost),
 * except the missing targets, which only the smaller cities have.
 */
export type DemoQuirk = 'unitCost' | 'sourcesOffByOne' | 'totalOffByOne' | 'unitRenamed' | 'targetMissing';

export function demoQuirk(projectNumber: number, year: number, cityIndex: number, options: DemoOptions): DemoQuirk | null {
  const k = projectNumber % 50;
  if (k === 7 && year === options.toYear) return 'unitCost';
  if (k === 19 && year === options.toYear) return 'sourcesOffByOne';
  if (k === 31 && year === options.toYear - 1) return 'totalOffByOne';
  if (k === 43 && year === options.toYear) return 'unitRenamed';
  if (cityIndex > 0 && k === 11 && year === options.toYear) return 'targetMissing';
  return null;
}

function applyQuirk(row: Record<string, string>, quirk: DemoQuirk): void {
  const plus = (column: string, by: number) => (row[column] = String(Number(row[column]) + by));
  switch (quirk) {
    case 'unitCost': // typed from last year's sheet: 10 % off total ÷ 対象数
      row[UNIT_COST_COLUMNS.unitCostYen] = String(Math.round(Number(row[UNIT_COST_COLUMNS.unitCostYen]) * 1.1));
      break;
    case 'sourcesOffByOne': // sources rounded up one by one: they add up to 1千円 more than 事業費
      plus(COST_COLUMNS.generalFunds, 1);
      break;
    case 'totalOffByOne':
      plus(COST_COLUMNS.totalCost, 1);
      break;
    case 'unitRenamed': // the same indicator counted in another unit this year
      row[indicatorColumn(1, 'unit')] = `${row[indicatorColumn(1, 'unit')]}（延べ）`;
      break;
    case 'targetMissing': // an actual reported, the target left blank
      row[indicatorColumn(1, 'target')] = '';
      break;
  }
}

/** The demo's CSV header: every canonical column, with room for MAX_INDICATORS indicators. */
export const demoHeader = (): string[] => canonicalHeader(MAX_INDICATORS);

/**
 * The demo's rows one at a time, in municipality → year → project order: a million-row file is
 * written without ever holding its rows (only one city's project plans at a time).
 */
export function* demoRows(options: DemoOptions = DEFAULT_DEMO): Generator<Record<string, string>> {
  for (const [cityIndex, city] of options.municipalities.entries()) {
    const random = createRandom(options.seed + cityIndex * 7919);
    const plans = planProjects(random, city, { from: options.fromYear, to: options.toYear });
    for (let year = options.fromYear; year <= options.toYear; year++) {
      const population = Math.round(city.population * Math.pow(1 + city.populationDrift, year - options.fromYear) + 40 * random.normal());
      for (const plan of plans) {
        if (year < plan.firstEvaluated || year > plan.lastEvaluated) continue;
        const row = rowFor(random, city, plan, year, population);
        const quirk = demoQuirk(Number(plan.code), year, cityIndex, options);
        if (quirk) applyQuirk(row, quirk);
        yield row;
      }
    }
  }
}

/** Every row of the demo, in municipality → year → project order. */
export function generateDemoRows(options: DemoOptions = DEFAULT_DEMO): { header: string[]; rows: Record<string, string>[] } {
  return { header: demoHeader(), rows: [...demoRows(options)] };
}

/** CSV text with CRLF line ends, as spreadsheet software writes it. */
export function toCsv(header: string[], rows: Record<string, string>[]): string {
  return Papa.unparse({ fields: header, data: rows.map((r) => header.map((h) => r[h] ?? '')) }, { newline: '\r\n' });
}

/** N synthetic cities (codes 990001…) of `projects` projects each, for large generated files. */
export function syntheticMunicipalities(count: number, projects: number): MunicipalitySpec[] {
  return Array.from({ length: count }, (_, i) => ({
    code: String(990001 + i),
    name: `デモ市${String(i + 1).padStart(2, '0')}`,
    population: 50_000 + ((i * 37_919) % 250_000),
    populationDrift: -0.004,
    projects,
    performance: ((i % 5) - 2) * 0.03,
  }));
}
