/**
 * The data-quality report's checks (/quality): every way a stored sheet's figures can disagree
 * with each other or with the sheet of the year before. One definition per check — its key (used
 * in URLs and CSV), its name and its plain description — and the sentence that explains one
 * finding. The SQL lives in db/queries/quality.ts; the sum and unit-cost tolerances are the
 * import's own (db/domain/consistency.ts), so the report never disagrees with the import.
 */
import { ROUNDING_TOLERANCE_THOUSAND_YEN } from './consistency';
import { formatFiscalYear } from './fiscal-year';

export const QUALITY_CHECK_KEYS = ['sources', 'total', 'unitCost', 'noTarget', 'notRated', 'unitChanged', 'cumulativeDown'] as const;
export type QualityCheckKey = (typeof QUALITY_CHECK_KEYS)[number];
type Locale = 'ja' | 'en';

export interface QualityCheck {
  key: QualityCheckKey;
  label: Record<Locale, string>;
  describe: Record<Locale, string>;
}

export const QUALITY_CHECKS: readonly QualityCheck[] = [
  {
    key: 'sources',
    label: { ja: '財源内訳≠事業費', en: 'Sources ≠ project cost' },
    describe: {
      ja: `国県支出金・地方債・その他特定財源・一般財源の合計が事業費と一致しない（${ROUNDING_TOLERANCE_THOUSAND_YEN}千円を超える差は取込時にエラーになるため、ここに出るのは端数の差）。`,
      en: `National/prefectural, bonds, other and general funds do not add up to the project cost (a difference above ${ROUNDING_TOLERANCE_THOUSAND_YEN} thousand yen is an import error, so only rounding differences are stored).`,
    },
  },
  {
    key: 'total',
    label: { ja: 'トータルコスト≠事業費＋人件費', en: 'Total ≠ project + staff' },
    describe: {
      ja: '記載のトータルコストが事業費＋人件費と一致しない（ダッシュボードは常に事業費＋人件費を使う）。',
      en: 'The stated total cost differs from project cost + staff cost (the dashboard always uses project + staff).',
    },
  },
  {
    key: 'unitCost',
    label: { ja: '単位当たりコストの不一致', en: 'Unit cost mismatch' },
    describe: {
      ja: '記載の単位当たりコストが トータルコスト÷対象数 と端数処理の範囲（1円または0.5%）を超えて異なる。',
      en: 'The stated unit cost differs from total cost ÷ target count by more than rounding (1 yen or 0.5%).',
    },
  },
  {
    key: 'noTarget',
    label: { ja: '目標値なしの実績', en: 'Actual without target' },
    describe: {
      ja: '指標に実績値があるのに目標値がない（達成率を主張できない）。',
      en: 'An indicator reports an actual but no target (no attainment can be claimed).',
    },
  },
  {
    key: 'notRated',
    label: { ja: '評価の記入漏れ', en: 'Missing grades' },
    describe: {
      ja: 'この自治体の評価項目のうち、評価（A/B/Cなど）がついていないものがある。',
      en: 'Some of the municipality’s rating criteria have no grade.',
    },
  },
  {
    key: 'unitChanged',
    label: { ja: '指標の単位が変更', en: 'Indicator unit changed' },
    describe: {
      ja: '同じ指標の単位が前の年度と違う（値を年度間で比べられない）。',
      en: 'The same indicator is measured in another unit than the year before (values cannot be compared across years).',
    },
  },
  {
    key: 'cumulativeDown',
    label: { ja: '累計値の減少', en: 'Cumulative value fell' },
    describe: {
      ja: '累計の指標の実績値が前の年度より減っている（累計は減らないはず）。',
      en: 'A cumulative indicator’s actual is lower than the year before (a running total cannot fall).',
    },
  },
];

export function qualityCheck(key: QualityCheckKey): QualityCheck {
  return QUALITY_CHECKS.find((c) => c.key === key)!;
}

export function isQualityCheckKey(value: string | undefined): value is QualityCheckKey {
  return value !== undefined && (QUALITY_CHECK_KEYS as readonly string[]).includes(value);
}

/** What a finding says, as the query returns it (numbers as exact decimal text). */
export interface FindingFacts {
  check: QualityCheckKey;
  indicator: string | null;
  /** The figure as the sheet states it, and what it should be. */
  stated: string | null;
  expected: string | null;
  /** For year-on-year checks: the earlier year and its value, and this year's value. */
  previousYear: number | null;
  previous: string | null;
  current: string | null;
  /** notRated: the criteria without a grade. */
  missing: { ja: string; en: string }[];
}

const number = (v: string | null, locale: Locale) =>
  v === null ? '—' : Number(v).toLocaleString(locale === 'ja' ? 'ja-JP' : 'en-US', { maximumFractionDigits: 3 });
const diff = (a: string | null, b: string | null, locale: Locale) =>
  a === null || b === null ? '—' : number(String(Math.round(Math.abs(Number(a) - Number(b)) * 1000) / 1000), locale);

/** One finding in a sentence, e.g. 「財源内訳の合計 1,001千円が事業費 1,000千円と1千円ずれています」. */
export function describeFinding(f: FindingFacts, locale: Locale): string {
  const n = (v: string | null) => number(v, locale);
  const ja = locale === 'ja';
  const year = f.previousYear === null ? '—' : formatFiscalYear(f.previousYear, ja ? {} : { locale: 'en' });
  switch (f.check) {
    case 'sources':
      return ja
        ? `財源内訳の合計 ${n(f.expected)}千円が事業費 ${n(f.stated)}千円と${diff(f.expected, f.stated, locale)}千円ずれています`
        : `Sources add up to ${n(f.expected)} but the project cost is ${n(f.stated)} (thousand yen; off by ${diff(f.expected, f.stated, locale)})`;
    case 'total':
      return ja
        ? `トータルコスト ${n(f.stated)}千円が 事業費＋人件費 ${n(f.expected)}千円 と${diff(f.expected, f.stated, locale)}千円ずれています`
        : `Stated total ${n(f.stated)} vs project + staff ${n(f.expected)} (thousand yen; off by ${diff(f.expected, f.stated, locale)})`;
    case 'unitCost':
      return ja
        ? `単位当たりコスト ${n(f.stated)}円が トータルコスト÷対象数 ${n(f.expected)}円 と異なります`
        : `Stated unit cost ${n(f.stated)} yen vs total cost ÷ target count ${n(f.expected)} yen`;
    case 'noTarget':
      return ja
        ? `指標「${f.indicator}」に実績値 ${n(f.current)} がありますが、目標値がありません`
        : `Indicator “${f.indicator}” has an actual (${n(f.current)}) but no target`;
    case 'notRated':
      return ja ? `評価がついていない項目: ${f.missing.map((m) => m.ja).join('、')}` : `No grade for: ${f.missing.map((m) => m.en).join(', ')}`;
    case 'unitChanged':
      return ja
        ? `指標「${f.indicator}」の単位が ${year}の「${f.previous}」から「${f.current}」に変わっています`
        : `Indicator “${f.indicator}” was measured in “${f.previous}” in ${year}, now in “${f.current}”`;
    case 'cumulativeDown':
      return ja
        ? `累計の指標「${f.indicator}」の実績値が ${year}の ${n(f.previous)} から ${n(f.current)} に減っています`
        : `Cumulative indicator “${f.indicator}” fell from ${n(f.previous)} (${year}) to ${n(f.current)}`;
  }
}

/**
 * A practice of the whole city in a year, shown as one line instead of a finding on every row:
 * no indicator has a target (`count` actuals stand alone), or some criteria (`criteria`; empty:
 * every one) are graded on no project (`count` evaluations).
 */
export interface CityPractice {
  check: 'noTarget' | 'notRated';
  count: number;
  criteria: { ja: string; en: string }[];
}

/** One practice in a sentence, e.g. 「この年度は、どの指標にも目標値がありません（実績値のみ 1,429件）」. */
export function describePractice(p: CityPractice, locale: Locale): string {
  const n = p.count.toLocaleString(locale === 'ja' ? 'ja-JP' : 'en-US');
  if (p.check === 'noTarget') {
    return locale === 'ja'
      ? `この年度は、どの指標にも目標値がありません（実績値のみ ${n}件）。達成率の代わりに実績の推移で見てください。`
      : `No indicator has a target this year (${n} actuals alone): read the trend of actuals instead of attainment.`;
  }
  if (p.criteria.length === 0) {
    return locale === 'ja' ? `この年度は、どの事業にも評価がついていません（${n}事業）。` : `No project is graded this year (${n} projects).`;
  }
  return locale === 'ja'
    ? `この年度は、${p.criteria.map((c) => `「${c.ja}」`).join('')}の評価がどの事業にもついていません（${n}事業）。`
    : `No project is graded on ${p.criteria.map((c) => `“${c.en}”`).join(', ')} this year (${n} projects).`;
}
