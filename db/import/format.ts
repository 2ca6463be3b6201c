/**
 * Hyoka's own CSV export format ("Hyoka CSV v1").
 *
 * One row per project × fiscal year, headers in Japanese, wording taken from the evaluation
 * sheet itself so that a planning division recognises every column. The demo generator writes
 * it, the loader reads it, and the tolerant importer maps other cities' exports onto it.
 *
 * Values may carry units and Japanese notation (`818千円`, `0.1人`, `令和4年度`, `１２３`, `-`):
 * the loader normalises them with db/domain helpers. Money columns are in 千円 unless the value
 * itself names another unit.
 */

/** Columns that identify the row; without them a row cannot be placed. */
export const IDENTITY_COLUMNS = {
  municipalityCode: '市区町村コード',
  municipalityName: '市区町村名',
  fiscalYear: '年度',
  projectCode: '事業番号',
  projectName: '事業名',
} as const;

/** Optional: the municipality's population in that fiscal year (for cost per citizen). */
export const POPULATION_COLUMN = '人口';

export const ORGANISATION_COLUMNS = {
  department: '部名',
  section: '課名',
} as const;

/** The policy tree, top to bottom. Each level below the pillar has a number and a name. */
export const POLICY_COLUMNS = {
  pillar: '政策の柱',
  goalNumber: 'まちづくり目標番号',
  goal: 'まちづくり目標',
  basicPolicyNumber: '基本政策番号',
  basicPolicy: '基本政策',
  directionNumber: '施策展開の方向番号',
  direction: '施策展開の方向',
  measureNumber: '施策番号',
  measure: '施策',
} as const;

/** Plan: descriptive project fields (stable across years; the latest import wins). */
export const PLAN_COLUMNS = {
  budgetNames: '予算事業名',
  administrativeType: '事務区分',
  legalBasis: '法令上の位置づけ',
  startFiscalYear: '事業開始年度',
  endFiscalYear: '事業終了年度',
  relatedLaws: '関連法令',
  nationalPlans: '国・県の計画',
  individualPlans: '関連個別計画',
  background: '実施の背景',
  purpose: '目的',
  targetDescription: '主な対象',
  content: '事業内容',
} as const;

/** Do: per fiscal year. */
export const DO_COLUMNS = {
  previousPolicy: '前年度の取組方針',
  implementationMethod: '実施方法',
  activities: '実施した取組の内容',
} as const;

/** Costs in 千円 (staff counts in persons, FTE; hours where the city states hours instead). */
export const COST_COLUMNS = {
  projectCost: '事業費合計',
  nationalPrefectural: '国県支出金',
  localBonds: '地方債',
  otherSpecific: 'その他特財',
  generalFunds: '一般財源',
  regularStaffFte: '正規職員人数',
  regularStaffHours: '正規職員業務時間',
  regularStaffCost: '正規職員人件費',
  otherStaffFte: 'その他職員人数',
  otherStaffHours: 'その他職員業務時間',
  otherStaffCost: 'その他職員人件費',
  staffCost: '人件費合計',
  totalCost: 'トータルコスト',
} as const;

export const UNIT_COST_COLUMNS = {
  targetDefinition: '対象数定義',
  targetCount: '対象数',
  targetUnit: '対象数単位',
  unitCostYen: '単位当たりコスト',
} as const;

/** Check: the default rating scheme's four criteria, each a grade column and a reason column. */
export const RATING_COLUMNS = [
  { key: 'progress', grade: '進捗状況', reason: '進捗状況の理由' },
  { key: 'level', grade: '実施水準', reason: '実施水準の理由' },
  { key: 'effectiveness', grade: '有効性', reason: '有効性の理由' },
  { key: 'efficiency', grade: '効率性', reason: '効率性の理由' },
] as const;

export const ACTION_COLUMNS = {
  review: '所管部長による総評',
  direction: '今後の方向性',
} as const;

/** Indicators come as numbered groups: 指標1名, 指標1単位, … 指標2名, … */
export const INDICATOR_FIELDS = {
  name: '名',
  unit: '単位',
  kind: '種別', // 活動指標 / 成果指標
  direction: '方向', // 高いほど良い / 低いほど良い
  baselineValue: '現状値',
  baselineYear: '現状値年度',
  target: '目標値',
  actual: '実績値',
} as const;

export type IndicatorField = keyof typeof INDICATOR_FIELDS;

export function indicatorColumn(n: number, field: IndicatorField): string {
  return `指標${n}${INDICATOR_FIELDS[field]}`;
}

/** The full header of a file with `indicatorCount` indicator groups, in canonical order. */
export function canonicalHeader(indicatorCount: number): string[] {
  const indicators: string[] = [];
  for (let n = 1; n <= indicatorCount; n++) {
    for (const field of Object.keys(INDICATOR_FIELDS) as IndicatorField[]) {
      indicators.push(indicatorColumn(n, field));
    }
  }
  return [
    ...Object.values(IDENTITY_COLUMNS),
    POPULATION_COLUMN,
    ...Object.values(ORGANISATION_COLUMNS),
    ...Object.values(POLICY_COLUMNS),
    ...Object.values(PLAN_COLUMNS),
    ...Object.values(DO_COLUMNS),
    ...Object.values(COST_COLUMNS),
    ...Object.values(UNIT_COST_COLUMNS),
    ...RATING_COLUMNS.flatMap((r) => [r.grade, r.reason]),
    ...Object.values(ACTION_COLUMNS),
    ...indicators,
  ];
}

/** Labels accepted in the 種別 and 方向 columns (the loader maps them to the schema's enums). */
export const INDICATOR_KIND_LABELS = { activity: '活動指標', outcome: '成果指標' } as const;
export const INDICATOR_DIRECTION_LABELS = { higher: '高いほど良い', lower: '低いほど良い' } as const;
