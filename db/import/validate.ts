/**
 * Meaning checks on read records (zod): what a sheet says must make sense before it is stored.
 * Reading (read-canonical.ts) already turned text into numbers; here the numbers must agree:
 * sources add up to 事業費, 事業費 + 人件費 to トータルコスト, grades belong to the city's scheme.
 *
 * Rounding: each 千円 figure on a sheet is rounded on its own, so a sum may differ from its
 * stated total by up to 1千円 without anyone having made a mistake. Such a difference is a
 * warning; anything larger is an error.
 */
import { z } from 'zod';
import type { RatingSchemeSpec } from '../domain/rating-scheme';
import { normalizeWidth } from '../domain/numbers';
import { formatFiscalYear } from '../domain/fiscal-year';
import { ROUNDING_TOLERANCE_THOUSAND_YEN, sumDifference, unitCostBase, unitCostDisagrees } from '../domain/consistency';
import { COST_COLUMNS, IDENTITY_COLUMNS, POPULATION_COLUMN, RATING_COLUMNS, UNIT_COST_COLUMNS, indicatorColumn } from './format';
import type { Problem } from './problems';
import type { ProjectYearLines } from './kept-state';
import type { SheetRecord } from './read-canonical';
import { unitCostYen } from '../domain/metrics';

/** Largest plausible FTE on one project; above it the column probably holds hours. */
export const MAX_FTE = 200;
const ROUNDING_TOLERANCE = ROUNDING_TOLERANCE_THOUSAND_YEN;

type Issue = { column: string; value: string | null; severity: 'error' | 'warning'; ja: string; en: string };

const n = (v: string | null): number | null => (v === null ? null : Number(v));
const fmt = (x: number) => x.toLocaleString('ja-JP', { maximumFractionDigits: 3 });

/** Stated total vs the sum of its parts (only when the total and at least one part are stated). */
function checkSum(issues: Issue[], total: string | null, totalColumn: string, parts: [string | null, string][]): void {
  const stated = n(total);
  const given = parts.filter(([v]) => v !== null);
  if (stated === null || given.length === 0) return;
  const sum = given.reduce((acc, [v]) => acc + Number(v), 0);
  const diff = sumDifference(
    stated,
    given.map(([v]) => Number(v)),
  );
  if (diff === 0) return;
  const names = given.map(([, c]) => c).join(' + ');
  issues.push({
    column: totalColumn,
    value: total,
    severity: diff <= ROUNDING_TOLERANCE ? 'warning' : 'error',
    ja:
      `「${totalColumn}」${fmt(stated)}千円が ${names} の合計 ${fmt(sum)}千円と一致しません（差 ${fmt(diff)}千円）` +
      (diff <= ROUNDING_TOLERANCE ? '。端数処理による差とみなして取り込みます' : ''),
    en:
      `"${totalColumn}" ${fmt(stated)} does not equal ${names} = ${fmt(sum)} (thousand yen; difference ${fmt(diff)})` +
      (diff <= ROUNDING_TOLERANCE ? '; treated as rounding and imported' : ''),
  });
}

/**
 * The evaluated year (年度) must have started: a sheet for a year not yet begun is a typo
 * (R18 for R8) or a wrong column. Nor can it precede 昭和 (FY1926 is the last 大正 year): the
 * year parser accepts 1900 onwards for other dates on the sheet (事業開始年度 may be old).
 */
export const EARLIEST_EVALUATION_YEAR = 1926;

/** The fiscal year `today` falls in (April to March). */
export function currentFiscalYear(today: Date): number {
  return today.getMonth() >= 3 ? today.getFullYear() : today.getFullYear() - 1;
}

const evaluationMeaning = (today: Date) =>
  z.custom<SheetRecord>().superRefine((r, ctx) => {
    const issues: Issue[] = [];
    const e = r.evaluation;

    const latest = currentFiscalYear(today);
    if (r.fiscalYear > latest) {
      issues.push({
        column: IDENTITY_COLUMNS.fiscalYear,
        value: String(r.fiscalYear),
        severity: 'error',
        ja: `${formatFiscalYear(r.fiscalYear)}（${r.fiscalYear}）はまだ始まっていない年度です（今年度は${formatFiscalYear(latest)}）`,
        en: `FY${r.fiscalYear} has not started yet (the current fiscal year is FY${latest})`,
      });
    } else if (r.fiscalYear < EARLIEST_EVALUATION_YEAR) {
      issues.push({
        column: IDENTITY_COLUMNS.fiscalYear,
        value: String(r.fiscalYear),
        severity: 'error',
        ja: `${formatFiscalYear(r.fiscalYear)}（${r.fiscalYear}）は評価の年度として古すぎます（${EARLIEST_EVALUATION_YEAR}年度以降にしてください）`,
        en: `FY${r.fiscalYear} is too early for an evaluation (FY${EARLIEST_EVALUATION_YEAR} or later)`,
      });
    }
    if (r.population !== null && r.population <= 0) {
      issues.push({
        column: POPULATION_COLUMN,
        value: String(r.population),
        severity: 'error',
        ja: `人口は1以上でなければなりません（${r.population}）`,
        en: `Population must be at least 1 (${r.population})`,
      });
    }
    for (const [value, column] of [
      [e.regularStaffFte, COST_COLUMNS.regularStaffFte],
      [e.otherStaffFte, COST_COLUMNS.otherStaffFte],
    ] as const) {
      const fte = n(value);
      if (fte !== null && (fte < 0 || fte > MAX_FTE)) {
        issues.push({
          column,
          value,
          severity: 'error',
          ja: `「${column}」${value}人は職員数としてありえません（0〜${MAX_FTE}人。時間数なら「業務時間」の列に入れてください）`,
          en: `"${column}" ${value} is not a plausible staff count (0–${MAX_FTE}; hours belong in the hours column)`,
        });
      }
    }
    const count = n(e.targetCount);
    if (count !== null && count < 0) {
      issues.push({
        column: UNIT_COST_COLUMNS.targetCount,
        value: e.targetCount,
        severity: 'error',
        ja: `「対象数」が負の数です（${e.targetCount}）`,
        en: `"対象数" is negative (${e.targetCount})`,
      });
    }

    checkSum(issues, e.projectCost, COST_COLUMNS.projectCost, [
      [e.nationalPrefectural, COST_COLUMNS.nationalPrefectural],
      [e.localBonds, COST_COLUMNS.localBonds],
      [e.otherSpecific, COST_COLUMNS.otherSpecific],
      [e.generalFunds, COST_COLUMNS.generalFunds],
    ]);
    checkSum(issues, e.staffCost, COST_COLUMNS.staffCost, [
      [e.regularStaffCost, COST_COLUMNS.regularStaffCost],
      [e.otherStaffCost, COST_COLUMNS.otherStaffCost],
    ]);
    checkSum(issues, e.totalCostStated, COST_COLUMNS.totalCost, [
      [e.projectCost, COST_COLUMNS.projectCost],
      [e.staffCost ?? sumOrNull(e.regularStaffCost, e.otherStaffCost), COST_COLUMNS.staffCost],
    ]);

    // A stated unit cost that disagrees with total ÷ 対象数 is a warning: cities round and
    // sometimes divide project cost only; the dashboard never uses the stated figure.
    const stated = n(e.unitCostStatedYen);
    const total = unitCostBase(n(e.totalCostStated), n(e.projectCost), n(e.staffCost));
    if (stated !== null && count !== null && count > 0 && total > 0) {
      const computed = unitCostYen(total, count)!;
      if (unitCostDisagrees(stated, total, count)) {
        issues.push({
          column: UNIT_COST_COLUMNS.unitCostYen,
          value: e.unitCostStatedYen,
          severity: 'warning',
          ja: `「単位当たりコスト」${fmt(stated)}円が トータルコスト÷対象数 = ${fmt(Math.round(computed))}円 と異なります`,
          en: `"単位当たりコスト" ${fmt(stated)} yen differs from total cost ÷ target count = ${fmt(Math.round(computed))} yen`,
        });
      }
    }

    const names = new Set<string>();
    for (const i of r.indicators) {
      if (names.has(i.name)) {
        issues.push({
          column: indicatorColumn(i.position, 'name'),
          value: i.name,
          severity: 'error',
          ja: `指標「${i.name}」が同じ行に2回あります`,
          en: `Indicator "${i.name}" appears twice in the row`,
        });
      }
      names.add(i.name);
    }

    for (const issue of issues) ctx.addIssue({ code: 'custom', message: issue.en, path: [issue.column], params: issue });
  });

/** Grade text as files write it: `A`, `Ａ`, ` a `, `計画どおり`, `計画通り`, `計画どおり(A)`. */
export function gradeKey(text: string): string {
  return normalizeWidth(text).replace(/\s+/g, '').replace(/通り/g, 'どおり').toUpperCase();
}

/** For each criterion key: every accepted spelling → the grade's code. */
export function gradeLookup(scheme: RatingSchemeSpec): Map<string, { labelJa: string; codes: string[]; codesEn: string[]; byText: Map<string, string> }> {
  const lookup = new Map<string, { labelJa: string; codes: string[]; codesEn: string[]; byText: Map<string, string> }>();
  for (const c of scheme.criteria) {
    const byText = new Map<string, string>();
    for (const g of c.grades) {
      for (const spelling of [g.code, g.labelJa, g.labelEn, `${g.labelJa}(${g.code})`, `${g.code}(${g.labelJa})`, `${g.code}:${g.labelJa}`]) {
        byText.set(gradeKey(spelling), g.code);
      }
    }
    lookup.set(c.key, {
      labelJa: c.labelJa,
      codes: c.grades.map((g) => `${g.code}（${g.labelJa}）`),
      codesEn: c.grades.map((g) => `${g.code} (${g.labelEn})`),
      byText,
    });
  }
  return lookup;
}

/**
 * Checks every record; grades are rewritten to their codes (so `計画どおり` is stored as `A`).
 * Returns the problems found, errors and warnings, with file, line, column and value.
 */
export function validateRecords(
  fileName: string,
  records: SheetRecord[],
  schemeFor: (municipalityCode: string) => RatingSchemeSpec,
  today: Date = new Date(),
): Problem[] {
  const problems: Problem[] = [];
  const lookups = new Map<string, ReturnType<typeof gradeLookup>>();
  const meaning = evaluationMeaning(today);
  for (const r of records) {
    const result = meaning.safeParse(r);
    if (!result.success) {
      for (const issue of result.error.issues) {
        const i = (issue as { params?: Issue }).params!;
        const column = r.columnLabels?.[i.column] ?? i.column;
        problems.push({ severity: i.severity, file: fileName, line: r.line, column, value: i.value, message: { ja: i.ja, en: i.en } });
      }
    }

    let lookup = lookups.get(r.municipalityCode);
    if (!lookup) lookups.set(r.municipalityCode, (lookup = gradeLookup(schemeFor(r.municipalityCode))));
    for (const rating of r.ratings) {
      if (rating.grade === null) continue;
      const criterion = lookup.get(rating.criterionKey);
      const column = rating.column ?? RATING_COLUMNS.find((c) => c.key === rating.criterionKey)?.grade ?? rating.criterionKey;
      const code = criterion?.byText.get(gradeKey(rating.grade));
      if (!criterion || code === undefined) {
        problems.push({
          severity: 'error',
          file: fileName,
          line: r.line,
          column,
          value: rating.grade,
          message: gradeRefusal(column, rating.grade, criterion, lookup),
        });
        continue;
      }
      rating.grade = code;
    }
  }
  return problems;
}

/** Why a grade is refused: its criterion is not in the city's scheme (name the scheme's criteria), or the grade is not. */
function gradeRefusal(
  column: string,
  grade: string,
  criterion: { codes: string[]; codesEn: string[] } | undefined,
  lookup: ReturnType<typeof gradeLookup>,
): { ja: string; en: string } {
  if (!criterion) {
    const known = [...lookup.values()].map((c) => c.labelJa);
    return {
      ja: `「${column}」はこの自治体の評価基準にない評価項目です（この自治体の項目: ${known.join('、') || 'なし'}）。列をそのどれかに対応付けるか、無視してください`,
      en: `"${column}" is not a criterion of this municipality's rating scheme (its criteria: ${known.join(', ') || 'none'}). Map the column to one of them, or ignore it`,
    };
  }
  return {
    ja: `「${column}」の評価「${grade}」はこの自治体の評価基準にありません（使える値: ${criterion.codes.join('、')}）`,
    en: `"${grade}" is not a grade of "${column}" in this municipality's scheme (allowed: ${criterion.codesEn.join(', ')})`,
  };
}

function sumOrNull(a: string | null, b: string | null): string | null {
  if (a === null && b === null) return null;
  return String((n(a) ?? 0) + (n(b) ?? 0));
}

/** A project may appear once per fiscal year in a file; a second row is an error, not a silent overwrite. */
export function findDuplicates(fileName: string, records: SheetRecord[], seen: ProjectYearLines): Problem[] {
  const problems: Problem[] = [];
  for (const r of records) {
    const first = seen.firstOrRecord(r.municipalityCode, r.projectCode, r.fiscalYear, r.line);
    if (first === undefined) continue;
    problems.push({
      severity: 'error',
      file: fileName,
      line: r.line,
      column: '事業番号',
      value: r.projectCode,
      message: {
        ja: `事業番号「${r.projectCode}」の${r.fiscalYear}年度は${first}行目にもあります（同じ事業・年度は1行だけにしてください）`,
        en: `Project "${r.projectCode}" for FY${r.fiscalYear} already appears on line ${first} (one row per project and year)`,
      },
    });
  }
  return problems;
}
