/** One row's cells by column name, converted (numbers, units, years), with problems at their line and column. */
import { parseFiscalYear } from '../domain/fiscal-year';
import { isMissing, normalizeWidth, parseDecimal, parseQuantity, toThousandYen, type MoneyUnit, type Parsed } from '../domain/numbers';
import { MONEY_COLUMNS, type ColumnTarget } from './headers';
import {
  ACTION_COLUMNS,
  COST_COLUMNS,
  DO_COLUMNS,
  IDENTITY_COLUMNS,
  INDICATOR_DIRECTION_LABELS,
  INDICATOR_KIND_LABELS,
  ORGANISATION_COLUMNS,
  UNIT_COST_COLUMNS,
} from './format';
import type { Problem } from './problems';
import { finerThanStored } from './money-unit';
import { MAX_MONEY_THOUSAND_YEN } from './limits';
import type { SheetRecord } from './sheet-record';

/** The file column each field of a record comes from, for messages about it. */
export const RECORD_COLUMNS = {
  projectName: IDENTITY_COLUMNS.projectName,
  department: ORGANISATION_COLUMNS.department,
  section: ORGANISATION_COLUMNS.section,
} as const;
export const EVALUATION_COLUMNS: Record<keyof SheetRecord['evaluation'], string> = {
  ...DO_COLUMNS,
  ...COST_COLUMNS,
  totalCostStated: COST_COLUMNS.totalCost,
  ...UNIT_COST_COLUMNS,
  unitCostStatedYen: UNIT_COST_COLUMNS.unitCostYen,
  ...ACTION_COLUMNS,
};

export const KIND_WORDS: Record<string, 'activity' | 'outcome'> = {
  [INDICATOR_KIND_LABELS.activity]: 'activity',
  活動: 'activity',
  アウトプット: 'activity',
  アクティビティ: 'activity',
  [INDICATOR_KIND_LABELS.outcome]: 'outcome',
  成果: 'outcome',
  アウトカム: 'outcome',
};
export const DIRECTION_WORDS: Record<string, 'higher' | 'lower'> = {
  [INDICATOR_DIRECTION_LABELS.higher]: 'higher',
  高い方が良い: 'higher',
  増加: 'higher',
  上昇: 'higher',
  '↑': 'higher',
  上向き: 'higher',
  [INDICATOR_DIRECTION_LABELS.lower]: 'lower',
  低い方が良い: 'lower',
  減少: 'lower',
  低下: 'lower',
  '↓': 'lower',
  下向き: 'lower',
};

/** Reads one row's cells by column name, recording problems with their line and column. */
export class RowReader {
  private index = new Map<string, number>();
  private moneyUnits = new Map<string, MoneyUnit>();
  private impliedKinds = new Map<string, 'activity' | 'outcome'>();
  /** Hyoka column → sheet column label, when the sheet names it otherwise. */
  readonly columnLabels: Record<string, string> = {};
  constructor(
    readonly file: string,
    readonly line: number,
    columns: (ColumnTarget | null)[],
    private values: string[],
    private problems: Problem[],
    private municipality?: { code: string; name: string },
    labels?: (string | null)[],
    defaultMoneyUnit?: MoneyUnit,
    private profileCap?: number,
  ) {
    columns.forEach((c, i) => {
      if (!c) return;
      this.index.set(c.canonical, i);
      const label = labels?.[i];
      if (label) this.columnLabels[c.canonical] = label;
      if (!c.moneyUnit && defaultMoneyUnit && MONEY_COLUMNS.has(c.canonical)) this.moneyUnits.set(c.canonical, defaultMoneyUnit);
      if (c.moneyUnit) this.moneyUnits.set(c.canonical, c.moneyUnit);
      if (c.indicatorKind) this.impliedKinds.set(c.canonical, c.indicatorKind);
    });
  }

  /** The municipality given by the caller, when the file also has a column for it. */
  municipalityConflict(): { column: string; given: string; value: string } | null {
    if (!this.municipality) return null;
    const code = IDENTITY_COLUMNS.municipalityCode;
    const i = this.index.get(code);
    const value = i === undefined ? undefined : this.values[i];
    if (value === undefined || isMissing(value) || normalizeWidth(value) === this.municipality.code) return null;
    return { column: code, given: this.municipality.code, value: value.trim() };
  }

  raw(column: string): string | undefined {
    if (this.municipality && !this.index.has(column)) {
      if (column === IDENTITY_COLUMNS.municipalityCode) return this.municipality.code;
      if (column === IDENTITY_COLUMNS.municipalityName) return this.municipality.name;
    }
    const i = this.index.get(column);
    return i === undefined ? undefined : this.values[i];
  }

  problem(column: string, value: string | null, message: Problem['message']): void {
    this.problems.push({ severity: 'error', file: this.file, line: this.line, column: this.columnLabels[column] ?? column, value, message });
  }

  text(column: string): string | null {
    const v = this.raw(column);
    return isMissing(v) ? null : (v as string).trim();
  }

  required(column: string): string | null {
    const v = this.text(column);
    if (v === null) {
      this.problem(column, this.raw(column) ?? null, {
        ja: `「${column}」が空です。この列は必須です`,
        en: `"${column}" is empty; this column is required`,
      });
    }
    return v;
  }

  private parsed<T>(column: string, parse: (raw: string) => Parsed<T>): T | null {
    const v = this.raw(column);
    if (v === undefined) return null;
    const result = parse(v);
    if (!result.ok) {
      this.problem(column, v, result.error);
      return null;
    }
    return result.value;
  }

  decimal(column: string): string | null {
    return this.parsed(column, parseDecimal);
  }

  /** A figure that may carry its unit (`0.1人`, `101,381人`, `8円`); the unit is dropped. */
  quantity(column: string): string | null {
    return this.parsed(column, parseQuantity)?.value ?? null;
  }

  money(column: string): string | null {
    const value = this.parsed(column, (raw) => toThousandYen(raw, this.moneyUnits.get(column)));
    if (value?.startsWith('-')) {
      this.problem(column, this.raw(column) ?? null, {
        ja: `「${column}」が負の金額です（${this.raw(column)}）`,
        en: `"${column}" is a negative amount (${this.raw(column)})`,
      });
    } else if (value !== null && (this.moneyUnits.get(column) ?? '千円') !== '千円' && finerThanStored(value)) {
      // Converting a unit must not lose what the file stated (figures stated in 千円 are the sheet's own rounding).
      this.problem(column, this.raw(column) ?? null, {
        ja: `「${column}」${this.raw(column)}は1円未満の端数を含みます。Hyokaは金額を1円単位で保存するため、丸めずに止めました。円単位に直してください`,
        en: `"${column}" ${this.raw(column)} has a fraction of a yen; Hyoka stores money to the yen, so it was not rounded silently. Round it to whole yen`,
      });
    } else if (value !== null && Number(value) > (this.profileCap ?? MAX_MONEY_THOUSAND_YEN)) {
      // Also keeps an absurd figure from overflowing the numeric column mid-import.
      const max = this.profileCap ?? MAX_MONEY_THOUSAND_YEN;
      const city = max <= MAX_MONEY_THOUSAND_YEN;
      // A profile can raise the cap: say so where one is in use.
      const hint = city && this.profileCap !== undefined;
      const capJa = city ? '1兆円' : `${(max / 1e9).toLocaleString('ja-JP')}兆円`;
      const capEn = city ? '1 trillion yen' : `${(max / 1e9).toLocaleString('en-US')} trillion yen`;
      this.problem(column, this.raw(column) ?? null, {
        ja: `「${column}」${Number(value).toLocaleString('ja-JP')}千円は1事業・1年度の金額としてありえません（上限 ${capJa} = ${max.toLocaleString('ja-JP')}千円）。単位（円・千円）と桁を確認してください${hint ? '。国の事業など桁の大きい表は、プロファイルに "amountCap": "national" と書くと読めます' : ''}`,
        en: `"${column}" ${Number(value).toLocaleString('en-US')} thousand yen is not a plausible amount for one project and year (at most ${capEn} = ${max.toLocaleString('en-US')} thousand yen). Check the unit (yen or thousand yen) and the digits${hint ? '. For national-scale tables, set "amountCap": "national" in the profile' : ''}`,
      });
    }
    return value;
  }

  /** One of a few known words (`活動指標`, `アウトプット` …); anything else is an error naming them. */
  choice<T extends string>(column: string, words: Record<string, T>): T | null {
    const text = this.text(column);
    if (text === null) return null;
    const key = normalizeWidth(text).replace(/\s+/g, '');
    const value = words[key];
    if (value === undefined) {
      const allowed = Object.keys(words).join('・');
      this.problem(column, text, {
        ja: `「${column}」の「${text}」は読めません（使える値: ${allowed}）`,
        en: `"${text}" is not a valid value for "${column}" (allowed: ${allowed})`,
      });
      return null;
    }
    return value;
  }

  /** The kind a header implies for the indicator whose name column this is (活動指標1名 → activity). */
  impliedKind(nameColumn: string): 'activity' | 'outcome' | undefined {
    return this.impliedKinds.get(nameColumn);
  }

  fiscalYear(column: string): number | null {
    return this.parsed(column, parseFiscalYear);
  }

  requiredFiscalYear(column: string): number | null {
    return isMissing(this.raw(column)) ? (this.required(column), null) : this.fiscalYear(column);
  }
}
