/**
 * The unit a header or a mapping target names (`事業費合計（円）`): honoured for money columns,
 * refused where it cannot mean anything (`事業費合計（人）`, `正規職員人数（円）`), never dropped.
 */
import type { MoneyUnit } from '../domain/numbers';
import type { Problem } from './problems';

export const MONEY_UNITS: readonly MoneyUnit[] = ['円', '千円', '万円', '百万円'];
const isMoneyUnit = (unit: string): unit is MoneyUnit => (MONEY_UNITS as readonly string[]).includes(unit);

/**
 * The money unit of a column, from the unit its mapping target or header names. `strict` (a
 * mapping target: the user wrote the unit on purpose) refuses a unit that does not fit the column.
 */
export function unitOfColumn(
  canonical: string,
  unit: string | null,
  isMoney: boolean,
  strict: boolean,
): { moneyUnit?: MoneyUnit } | { error: Problem['message'] } {
  if (unit === null) return {};
  if (isMoney && isMoneyUnit(unit)) return { moneyUnit: unit };
  if (!strict || (!isMoney && !isMoneyUnit(unit))) return {};
  const units = '円・千円・百万円';
  return isMoney
    ? {
        error: {
          ja: `「${canonical}」は金額の列です。単位「${unit}」では読めません。対応先を「${canonical}（円）」のように金額の単位（${units}）で書くか、単位を外してください`,
          en: `"${canonical}" is a money column; the unit "${unit}" cannot apply. Write the target with a money unit (${units.replaceAll('・', ', ')}), e.g. "${canonical}（円）", or without a unit`,
        },
      }
    : {
        error: {
          ja: `「${canonical}」は金額の列ではないため、単位「${unit}」は使えません（金額の単位 ${units} は事業費合計などの金額の列にだけ書けます）。単位を外してください`,
          en: `"${canonical}" is not a money column, so the unit "${unit}" cannot apply (${units.replaceAll('・', ', ')} only on money columns such as 事業費合計). Remove the unit`,
        },
      };
}

/** Decimal places money keeps in 千円 (db/schema.ts: numeric(18, 3), i.e. to the yen). */
export const STORED_MONEY_PLACES = 3;

/** A figure in 千円 finer than the stored scale (`0.5円` → 0.0005千円) would be rounded: refused instead. */
export function finerThanStored(thousandYen: string): boolean {
  const decimals = /\.(\d+)$/.exec(thousandYen)?.[1] ?? '';
  return decimals.replace(/0+$/, '').length > STORED_MONEY_PLACES;
}
