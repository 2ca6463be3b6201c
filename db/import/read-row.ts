/** One data row → one SheetRecord (or null, with its problems): the records stage for a row. */
import { isMunicipalityCode, quotedCode } from '../domain/municipality-code';
import { normalizeWidth } from '../domain/numbers';
import type { ColumnTarget } from './headers';
import {
  ACTION_COLUMNS,
  COST_COLUMNS,
  DO_COLUMNS,
  IDENTITY_COLUMNS,
  ORGANISATION_COLUMNS,
  PLAN_COLUMNS,
  POLICY_COLUMNS,
  POPULATION_COLUMN,
  UNIT_COST_COLUMNS,
  indicatorColumn,
} from './format';
import type { Problem } from './problems';
import type { PolicyLevel, IndicatorRecord, RatingRecord, SheetRecord } from './sheet-record';
import { KIND_WORDS, DIRECTION_WORDS, type RowReader } from './row-reader';

const MAX_INDICATORS = 20;

/**
 * A row must have the header's shape. More values than header columns almost always means an
 * unquoted comma (1,234 written without quotes) has shifted every later column: an error. Fewer
 * values is an error only where a column Hyoka reads is cut off. A value under a column with no
 * header is ignored with a warning.
 */
export function checkShape(fileName: string, line: number, header: string[], columns: (ColumnTarget | null)[], values: string[], problems: Problem[]): boolean {
  const extra = values.slice(header.length).some((v) => v.trim() !== '');
  const cut = values.length < header.length && columns.slice(values.length).some((c) => c !== null);
  if (extra || cut) {
    problems.push({
      severity: 'error',
      file: fileName,
      line,
      column: null,
      value: null,
      message: extra
        ? {
            ja: `値が${values.length}個あり、見出しの${header.length}列より多くなっています。カンマ（,）を含む値（1,234 など）は "…" で囲んでください`,
            en: `The row has ${values.length} values but the header has ${header.length} columns. Enclose values containing a comma (such as 1,234) in "…"`,
          }
        : {
            ja: `値が${values.length}個しかなく、見出しの${header.length}列に足りません。値の途中で改行している場合は値を "…" で囲んでください`,
            en: `The row has only ${values.length} values but the header has ${header.length} columns. Enclose values containing a line break in "…"`,
          },
    });
    return false;
  }
  values.forEach((v, i) => {
    if (i < header.length && header[i]!.trim() === '' && v.trim() !== '') {
      problems.push({
        severity: 'warning',
        file: fileName,
        line,
        column: `${i + 1}列目`,
        value: v,
        message: {
          ja: `見出しのない${i + 1}列目に値「${v.trim()}」があります。読み込みません`,
          en: `Column ${i + 1} has no header but holds "${v.trim()}"; it is ignored`,
        },
      });
    }
  });
  return true;
}

/** The row's 市区町村コード (5 or 6 digits), or null with a problem when it is missing or malformed. */
function validMunicipalityCode(r: RowReader): string | null {
  const raw = r.required(IDENTITY_COLUMNS.municipalityCode);
  if (!raw || isMunicipalityCode(normalizeWidth(raw))) return raw;
  const quoted = quotedCode(raw);
  r.problem(IDENTITY_COLUMNS.municipalityCode, quoted, {
    ja: `市区町村コード「${quoted}」は5桁または6桁の数字（全国地方公共団体コード）ではありません。正しいコードに直してください`,
    en: `The municipality code "${quoted}" is not 5 or 6 digits (a local government code, JIS X 0401/0402). Correct the code`,
  });
  return null;
}

export function readRow(r: RowReader, ratingColumns: readonly { key: string; grade: string; reason: string }[]): SheetRecord | null {
  const conflict = r.municipalityConflict();
  if (conflict) {
    r.problem(conflict.column, conflict.value, {
      ja: `ファイルの市区町村コード「${conflict.value}」が、指定された自治体「${conflict.given}」と異なります`,
      en: `The file's municipality code "${conflict.value}" differs from the municipality given ("${conflict.given}")`,
    });
  }
  const municipalityCode = validMunicipalityCode(r);
  const municipalityName = r.required(IDENTITY_COLUMNS.municipalityName);
  const fiscalYear = r.requiredFiscalYear(IDENTITY_COLUMNS.fiscalYear);
  const projectCode = r.required(IDENTITY_COLUMNS.projectCode);
  const projectName = r.required(IDENTITY_COLUMNS.projectName);

  const populationText = r.quantity(POPULATION_COLUMN);
  const population = populationText === null ? null : Math.round(Number(populationText));

  const policy: PolicyLevel[] = [];
  const levels = [
    [POLICY_COLUMNS.goalNumber, POLICY_COLUMNS.goal],
    [POLICY_COLUMNS.basicPolicyNumber, POLICY_COLUMNS.basicPolicy],
    [POLICY_COLUMNS.directionNumber, POLICY_COLUMNS.direction],
    [POLICY_COLUMNS.measureNumber, POLICY_COLUMNS.measure],
  ] as const;
  for (const [numberColumn, nameColumn] of levels) {
    const name = r.text(nameColumn);
    const number = r.text(numberColumn);
    if (name === null && number === null) break;
    policy.push({ number: number === null ? null : normalizeWidth(number), name: name ?? number ?? '' });
  }

  const ratings: RatingRecord[] = ratingColumns.map((c) => ({
    criterionKey: c.key,
    column: r.columnLabels[c.grade] ?? c.grade,
    grade: r.text(c.grade),
    reason: r.text(c.reason),
  }));

  const indicators: IndicatorRecord[] = [];
  for (let n = 1; n <= MAX_INDICATORS; n++) {
    if (r.raw(indicatorColumn(n, 'name')) === undefined) break;
    const name = r.text(indicatorColumn(n, 'name'));
    if (name === null) continue;
    indicators.push({
      position: n,
      name,
      unit: r.text(indicatorColumn(n, 'unit')),
      kind: r.choice(indicatorColumn(n, 'kind'), KIND_WORDS) ?? r.impliedKind(indicatorColumn(n, 'name')) ?? 'outcome',
      direction: r.choice(indicatorColumn(n, 'direction'), DIRECTION_WORDS) ?? 'higher',
      cumulative: /累計/.test(name),
      baselineValue: r.quantity(indicatorColumn(n, 'baselineValue')),
      baselineFiscalYear: r.fiscalYear(indicatorColumn(n, 'baselineYear')),
      target: r.quantity(indicatorColumn(n, 'target')),
      actual: r.quantity(indicatorColumn(n, 'actual')),
    });
  }

  const e = {
    previousPolicy: r.text(DO_COLUMNS.previousPolicy),
    implementationMethod: r.text(DO_COLUMNS.implementationMethod),
    activities: r.text(DO_COLUMNS.activities),
    projectCost: r.money(COST_COLUMNS.projectCost),
    nationalPrefectural: r.money(COST_COLUMNS.nationalPrefectural),
    localBonds: r.money(COST_COLUMNS.localBonds),
    otherSpecific: r.money(COST_COLUMNS.otherSpecific),
    generalFunds: r.money(COST_COLUMNS.generalFunds),
    regularStaffFte: r.quantity(COST_COLUMNS.regularStaffFte),
    regularStaffHours: r.quantity(COST_COLUMNS.regularStaffHours),
    regularStaffCost: r.money(COST_COLUMNS.regularStaffCost),
    otherStaffFte: r.quantity(COST_COLUMNS.otherStaffFte),
    otherStaffHours: r.quantity(COST_COLUMNS.otherStaffHours),
    otherStaffCost: r.money(COST_COLUMNS.otherStaffCost),
    staffCost: r.money(COST_COLUMNS.staffCost),
    totalCostStated: r.money(COST_COLUMNS.totalCost),
    targetDefinition: r.text(UNIT_COST_COLUMNS.targetDefinition),
    targetCount: r.quantity(UNIT_COST_COLUMNS.targetCount),
    targetUnit: r.text(UNIT_COST_COLUMNS.targetUnit),
    unitCostStatedYen: r.quantity(UNIT_COST_COLUMNS.unitCostYen),
    review: r.text(ACTION_COLUMNS.review),
    direction: r.text(ACTION_COLUMNS.direction),
  };

  if (!municipalityCode || !municipalityName || fiscalYear === null || !projectCode || !projectName) {
    return null;
  }
  return {
    line: r.line,
    ...(Object.keys(r.columnLabels).length > 0 ? { columnLabels: r.columnLabels } : {}),
    municipalityCode: normalizeWidth(municipalityCode),
    municipalityName,
    population,
    fiscalYear,
    projectCode: normalizeWidth(projectCode),
    projectName,
    department: r.text(ORGANISATION_COLUMNS.department),
    section: r.text(ORGANISATION_COLUMNS.section),
    pillar: r.text(POLICY_COLUMNS.pillar),
    policy,
    plan: {
      budgetNames: r.text(PLAN_COLUMNS.budgetNames),
      administrativeType: r.text(PLAN_COLUMNS.administrativeType),
      legalBasis: r.text(PLAN_COLUMNS.legalBasis),
      startFiscalYear: r.fiscalYear(PLAN_COLUMNS.startFiscalYear),
      endFiscalYear: r.fiscalYear(PLAN_COLUMNS.endFiscalYear),
      relatedLaws: r.text(PLAN_COLUMNS.relatedLaws),
      nationalPlans: r.text(PLAN_COLUMNS.nationalPlans),
      individualPlans: r.text(PLAN_COLUMNS.individualPlans),
      background: r.text(PLAN_COLUMNS.background),
      purpose: r.text(PLAN_COLUMNS.purpose),
      targetDescription: r.text(PLAN_COLUMNS.targetDescription),
      content: r.text(PLAN_COLUMNS.content),
    },
    evaluation: e,
    ratings,
    indicators,
  };
}
