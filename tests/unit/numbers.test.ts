import { describe, expect, it } from 'vitest';
import {
  isMissing,
  normalizeWidth,
  parseBaseline,
  parseDecimal,
  parsePercent,
  parseQuantity,
  shiftDecimal,
  toThousandYen,
  type Parsed,
} from '../../db/domain/numbers';

/** The error of a failed parse, or a test failure naming what came back instead. */
function errorOf<T>(result: Parsed<T>) {
  if (result.ok) throw new Error(`expected an error, got ${JSON.stringify(result.value)}`);
  return result.error;
}

describe('normalizeWidth', () => {
  it.each([
    ['１２３４', '1234'],
    ['１，２３４．５', '1,234.5'],
    ['ＡＢＣ１２', 'ABC12'],
    ['　１２　', '12'], // full-width spaces trimmed
    ['１３３．３％', '133.3%'],
    ['（令和２年度）', '(令和2年度)'],
    ['－５', '-5'], // full-width hyphen-minus
    ['−5', '-5'], // U+2212 MINUS SIGN in front of a digit is a sign
    ['‐5', '-5'], // U+2010 HYPHEN
    ['‑5', '-5'], // U+2011 NON-BREAKING HYPHEN
    ['−', '−'], // alone it is a missing marker, left for isMissing
    ['R2−R6', 'R2−R6'], // before a letter: not a sign, left as is
    ['令和2年度～令和6年度', '令和2年度~令和6年度'],
    ['ｶﾀｶﾅ', 'カタカナ'], // half-width katakana → full-width, as NFKC does
    ['Ⅳ', 'IV'], // NFKC compatibility mapping, documented
    ['①', '1'],
    ['…', '...'],
    ['㎡', 'm2'],
    ['  plain  ', 'plain'],
  ])('%j → %j', (input, expected) => {
    expect(normalizeWidth(input)).toBe(expected);
  });
});

describe('isMissing', () => {
  it.each([
    [undefined, true],
    [null, true],
    ['', true],
    ['   ', true],
    ['　', true], // full-width space
    ['-', true],
    ['－', true],
    ['―', true],
    ['—', true],
    ['–', true],
    ['‐', true],
    ['ー', true],
    ['ｰ', true],
    ['−', true],
    ['…', true],
    ['――', true],
    ['--', true],
    ['ーー', true],
    [' ― ', true],
    ['該当なし', true],
    ['なし', true],
    ['N/A', true],
    ['n/a', true],
    ['#N/A', true],
    ['NA', true],
    ['-5', false],
    ['−5', false],
    ['0', false],
    ['0円', false],
    ['abc', false],
    ['なし?', false],
    ['R4', false],
    // Longer than the short-cut's 12 characters: still decided by what they are.
    ['                ', true],
    ['　　　　　　　　　　　　　　', true],
    ['――――――――――――――――', true],
    ['  ーーーーーーーーーーーーーー', true],
    ['－－－－－－－－－－－－－－', true],
    ['……………………………', true],
    ['．．．．．．．．．．．．．．', true],
    ['子育て支援センターの利用者数（延べ）', false],
    ['-------------5', false],
    ['Not applicable at all', false],
  ])('%j → %s', (input, expected) => {
    expect(isMissing(input)).toBe(expected);
  });
});

describe('parseDecimal: valid', () => {
  it.each([
    ['1,234', '1234'],
    ['１，２３４', '1234'],
    ['1234', '1234'],
    ['1,234,567', '1234567'],
    ['1,234.5', '1234.5'],
    ['1234.50', '1234.5'],
    ['0.10', '0.1'],
    ['-12', '-12'],
    ['－１２', '-12'],
    ['−12', '-12'],
    ['△12', '-12'],
    ['▲12', '-12'],
    ['▲ 12', '-12'], // a space after the accounting mark
    ['△1,234.5', '-1234.5'],
    ['+3', '3'],
    ['＋３', '3'],
    ['0', '0'],
    ['-0', '0'],
    ['△0', '0'],
    ['0.000', '0'],
    ['.5', '0.5'],
    ['-.5', '-0.5'],
    ['007', '7'],
    ['000', '0'],
    ['00.50', '0.5'],
    ['  42  ', '42'],
    ['12345678901234567890.123456789', '12345678901234567890.123456789'], // exact: beyond float precision
  ])('%j → %j', (input, expected) => {
    expect(parseDecimal(input)).toEqual({ ok: true, value: expected });
  });
});

describe('parseDecimal: missing', () => {
  it.each([[undefined], [null], [''], ['―'], ['－'], ['該当なし'], ['N/A']])('%j → null', (input) => {
    expect(parseDecimal(input)).toEqual({ ok: true, value: null });
  });
});

describe('parseDecimal: invalid', () => {
  it.each([
    ['1,23,4', '「1,23,4」の桁区切り（,）の位置が正しくありません（例: 1,234,567）', '"1,23,4" has misplaced thousands separators (e.g. 1,234,567)'],
    ['1,2345', '「1,2345」の桁区切り（,）の位置が正しくありません（例: 1,234,567）', '"1,2345" has misplaced thousands separators (e.g. 1,234,567)'],
    [',123', '「,123」の桁区切り（,）の位置が正しくありません（例: 1,234,567）', '",123" has misplaced thousands separators (e.g. 1,234,567)'],
    ['1e5', '「1e5」は指数表記です。数字をそのまま書いてください（例: 100000）', '"1e5" is in scientific notation; write the number out in full (e.g. 100000)'],
    [
      '1.5E-3',
      '「1.5E-3」は指数表記です。数字をそのまま書いてください（例: 100000）',
      '"1.5E-3" is in scientific notation; write the number out in full (e.g. 100000)',
    ],
    ['1.2.3', '「1.2.3」は数値として読めません（例: 1,234、△12、0.5）', '"1.2.3" is not a number (e.g. 1,234, △12, 0.5)'],
    ['abc', '「abc」は数値として読めません（例: 1,234、△12、0.5）', '"abc" is not a number (e.g. 1,234, △12, 0.5)'],
    ['12a', '「12a」は数値として読めません（例: 1,234、△12、0.5）', '"12a" is not a number (e.g. 1,234, △12, 0.5)'],
    ['12円', '「12円」は数値として読めません（例: 1,234、△12、0.5）', '"12円" is not a number (e.g. 1,234, △12, 0.5)'],
    ['1.', '「1.」は数値として読めません（例: 1,234、△12、0.5）', '"1." is not a number (e.g. 1,234, △12, 0.5)'],
    ['--5', '「--5」は数値として読めません（例: 1,234、△12、0.5）', '"--5" is not a number (e.g. 1,234, △12, 0.5)'],
    ['△-5', '「△-5」は数値として読めません（例: 1,234、△12、0.5）', '"△-5" is not a number (e.g. 1,234, △12, 0.5)'],
    ['+', '「+」は数値として読めません（例: 1,234、△12、0.5）', '"+" is not a number (e.g. 1,234, △12, 0.5)'],
    ['１２ａ', '「１２ａ」は数値として読めません（例: 1,234、△12、0.5）', '"１２ａ" is not a number (e.g. 1,234, △12, 0.5)'], // quoted as written
  ])('%j is rejected', (input, ja, en) => {
    expect(errorOf(parseDecimal(input))).toEqual({ ja, en });
  });
});

describe('parseQuantity', () => {
  it.each([
    ['818千円', '818', '千円'],
    ['0.1人', '0.1', '人'],
    ['2団体', '2', '団体'],
    ['101,381人', '101381', '人'],
    ['8円', '8', '円'],
    ['133.3%', '133.3', '%'],
    ['133.3％', '133.3', '%'],
    ['12 件', '12', '件'],
    ['12　件', '12', '件'], // full-width space between
    ['３団体', '3', '団体'],
    ['1,234', '1234', null],
    ['１，２３４千円', '1234', '千円'],
    ['△5千円', '-5', '千円'],
    ['▲ 1,500円', '-1500', '円'],
    ['-3.5℃', '-3.5', '°C'], // NFKC spells ℃ as °C
    ['1,200㎡', '1200', 'm2'], // square metres survive the no-digits rule
    ['3km', '3', 'km'],
    ['4回/年', '4', '回/年'],
    ['  7人  ', '7', '人'],
  ])('%j → %j %j', (input, value, unit) => {
    expect(parseQuantity(input)).toEqual({ ok: true, value: { value, unit } });
  });

  it.each([[undefined], [''], ['―'], ['該当なし']])('%j → null', (input) => {
    expect(parseQuantity(input)).toEqual({ ok: true, value: null });
  });

  const notAQuantity = (s: string) => ({
    ja: `「${s}」は数量として読めません。数値の後に単位を書いてください（例: 818千円、0.1人、133.3%）`,
    en: `"${s}" is not a quantity: write the number, then the unit (e.g. 818千円, 0.1人, 133.3%)`,
  });
  it.each([
    ['約5人', notAQuantity('約5人')], // a leading word or unit is not read
    ['¥500', notAQuantity('¥500')],
    ['人', notAQuantity('人')],
    ['12a3', notAQuantity('12a3')], // digits inside the unit
    // Scientific notation says so, rather than calling "e5" a unit.
    [
      '1e5',
      {
        ja: '「1e5」は指数表記です。数字をそのまま書いてください（例: 100000）',
        en: '"1e5" is in scientific notation; write the number out in full (e.g. 100000)',
      },
    ],
    ['1.2E+05千円', notAQuantity('1.2E+05千円')],
    ['2団体 (令和2年度)', notAQuantity('2団体 (令和2年度)')], // that is a baseline, not a quantity
    [
      '1,23,4人',
      { ja: '「1,23,4人」の桁区切り（,）の位置が正しくありません（例: 1,234,567）', en: '"1,23,4人" has misplaced thousands separators (e.g. 1,234,567)' },
    ],
    ['1.2.3人', { ja: '「1.2.3人」は数値として読めません（例: 1,234、△12、0.5）', en: '"1.2.3人" is not a number (e.g. 1,234, △12, 0.5)' }],
  ])('%j is rejected', (input, error) => {
    expect(errorOf(parseQuantity(input))).toEqual(error);
  });
});

describe('parseBaseline', () => {
  it.each([
    ['2団体 (令和2年度)', { value: '2', unit: '団体', fiscalYear: 2020 }],
    ['2団体（令和2年度）', { value: '2', unit: '団体', fiscalYear: 2020 }],
    ['2団体（R2）', { value: '2', unit: '団体', fiscalYear: 2020 }],
    ['２団体（Ｒ２）', { value: '2', unit: '団体', fiscalYear: 2020 }],
    ['2団体', { value: '2', unit: '団体', fiscalYear: null }],
    ['101,381人 (平成31年度末)', { value: '101381', unit: '人', fiscalYear: 2019 }],
    ['133.3% (2021)', { value: '133.3', unit: '%', fiscalYear: 2021 }],
    ['0.1人(令和元年度)', { value: '0.1', unit: '人', fiscalYear: 2019 }],
    ['12 (令和4(2022)年度)', { value: '12', unit: null, fiscalYear: 2022 }],
    ['5件 (―)', { value: '5', unit: '件', fiscalYear: null }], // year left blank
  ])('%j → %j', (input, expected) => {
    expect(parseBaseline(input)).toEqual({ ok: true, value: expected });
  });

  it.each([[null], [''], ['―'], ['― (令和2年度)']])('%j → null', (input) => {
    expect(parseBaseline(input)).toEqual({ ok: true, value: null });
  });

  it.each([
    [
      '2団体 (令和九十九年)',
      { ja: '「令和九十九年」は範囲外の年度です（令和は元年〜82年）', en: '"令和九十九年" is out of range: 令和 years run from 1 to 82 (R1–R82)' },
    ],
    ['2団体 (いつか)', { ja: '「いつか」は年度として読めません（例: 令和4年度, R4, 2022）', en: '"いつか" is not a fiscal year (e.g. 令和4年度, R4, 2022)' }],
    [
      'abc (R2)',
      {
        ja: '「abc (R2)」は数量として読めません。数値の後に単位を書いてください（例: 818千円、0.1人、133.3%）',
        en: '"abc (R2)" is not a quantity: write the number, then the unit (e.g. 818千円, 0.1人, 133.3%)',
      },
    ],
  ])('%j is rejected', (input, error) => {
    expect(errorOf(parseBaseline(input))).toEqual(error);
  });
});

describe('shiftDecimal', () => {
  it.each([
    ['818', 0, '818'],
    ['818000', -3, '818'],
    ['1500', -3, '1.5'],
    ['8', -3, '0.008'],
    ['0.5', -3, '0.0005'],
    ['3', 3, '3000'],
    ['1.25', 3, '1250'],
    ['1.2345', 2, '123.45'],
    ['2', 1, '20'],
    ['1', 5, '100000'],
    ['-5', 0, '-5'],
    ['-1500', -3, '-1.5'],
    ['-0.001', 3, '-1'],
    ['0', 5, '0'],
    ['0', -5, '0'],
    ['123', -3, '0.123'],
    ['123', -2, '1.23'],
    ['100', -2, '1'],
    ['0.1', 1, '1'],
  ] as const)('shiftDecimal(%j, %i) → %j', (value, places, expected) => {
    expect(shiftDecimal(value, places)).toBe(expected);
  });

  it.each([
    ['1,234', 0],
    ['1e5', 0],
    ['abc', 1],
    ['', 1],
    ['1.5', 0.5],
  ] as const)('shiftDecimal(%j, %s) throws', (value, places) => {
    expect(() => shiftDecimal(value, places)).toThrow(RangeError);
  });
});

describe('toThousandYen', () => {
  it.each([
    ['818千円', undefined, '818'],
    ['818', undefined, '818'], // the sheet's default unit is 千円
    ['818,000円', undefined, '818'],
    ['1,500円', undefined, '1.5'],
    ['3百万円', undefined, '3000'],
    ['1.25百万円', undefined, '1250'],
    ['2万円', undefined, '20'],
    ['1億円', undefined, '100000'],
    ['2千万円', undefined, '20000'],
    ['▲5千円', undefined, '-5'],
    ['△1,200円', undefined, '-1.2'],
    ['８１８千円', undefined, '818'],
    ['0', undefined, '0'],
    ['1500', '円', '1.5'],
    ['3', '百万円', '3000'],
    ['2', '万円', '20'],
    ['1', '億円', '100000'],
    ['818千円', '円', '818'], // a written unit wins over the default
  ] as const)('%j (default %s) → %j 千円', (input, unit, expected) => {
    expect(toThousandYen(input, unit)).toEqual({ ok: true, value: expected });
  });

  it.each([[undefined], [''], ['―'], ['該当なし']])('%j → null', (input) => {
    expect(toThousandYen(input)).toEqual({ ok: true, value: null });
  });

  it.each([
    [
      '5人',
      {
        ja: '「5人」の単位「人」は金額の単位ではありません（円、千円、万円、百万円、千万円、億円）',
        en: '"5人" has the unit "人", which is not money (円, 千円, 万円, 百万円, 千万円, 億円)',
      },
    ],
    [
      '10%',
      {
        ja: '「10%」の単位「%」は金額の単位ではありません（円、千円、万円、百万円、千万円、億円）',
        en: '"10%" has the unit "%", which is not money (円, 千円, 万円, 百万円, 千万円, 億円)',
      },
    ],
    [
      '¥500',
      {
        ja: '「¥500」は数量として読めません。数値の後に単位を書いてください（例: 818千円、0.1人、133.3%）',
        en: '"¥500" is not a quantity: write the number, then the unit (e.g. 818千円, 0.1人, 133.3%)',
      },
    ],
  ])('%j is rejected', (input, error) => {
    expect(errorOf(toThousandYen(input))).toEqual(error);
  });
});

describe('parsePercent', () => {
  it.each([
    ['133.3%', '133.3'],
    ['133.3％', '133.3'],
    ['133.3', '133.3'],
    ['１００％', '100'],
    ['0%', '0'],
    ['△2.5%', '-2.5'],
    ['50 %', '50'],
  ])('%j → %j', (input, expected) => {
    expect(parsePercent(input)).toEqual({ ok: true, value: expected });
  });

  it.each([[undefined], ['―']])('%j → null', (input) => {
    expect(parsePercent(input)).toEqual({ ok: true, value: null });
  });

  it.each([
    ['50人', { ja: '「50人」は割合として読めません（例: 133.3%）', en: '"50人" is not a percentage (e.g. 133.3%)' }],
    [
      'abc',
      {
        ja: '「abc」は数量として読めません。数値の後に単位を書いてください（例: 818千円、0.1人、133.3%）',
        en: '"abc" is not a quantity: write the number, then the unit (e.g. 818千円, 0.1人, 133.3%)',
      },
    ],
  ])('%j is rejected', (input, error) => {
    expect(errorOf(parsePercent(input))).toEqual(error);
  });
});
