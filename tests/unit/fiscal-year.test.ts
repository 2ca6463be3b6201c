import { describe, expect, it } from 'vitest';
import { eraShort, formatFiscalYear, parseFiscalYear, parseFiscalYearRange, toEra } from '../../db/domain/fiscal-year';
import type { Message, Parsed } from '../../db/domain/numbers';

function errorOf<T>(result: Parsed<T>): Message {
  if (result.ok) throw new Error(`expected an error, got ${JSON.stringify(result.value)}`);
  return result.error;
}

const notAFiscalYear = (s: string): Message => ({
  ja: `「${s}」は年度として読めません（例: 令和4年度, R4, 2022）`,
  en: `"${s}" is not a fiscal year (e.g. 令和4年度, R4, 2022)`,
});

const eraOutOfRange = (s: string, era: string, letter: string, last: number): Message => ({
  ja: `「${s}」は範囲外の年度です（${era}は元年〜${last}年）`,
  en: `"${s}" is out of range: ${era} years run from 1 to ${last} (${letter}1–${letter}${last})`,
});

const westernOutOfRange = (s: string): Message => ({
  ja: `「${s}」は範囲外の年度です（1900〜2100年度）`,
  en: `"${s}" is out of range (fiscal years 1900–2100)`,
});

describe('parseFiscalYear: valid', () => {
  it.each([
    // Western years
    [2022, 2022],
    ['2022', 2022],
    ['２０２２', 2022],
    ['2022年度', 2022],
    ['2022年', 2022],
    ['２０２２年度', 2022],
    ['FY2022', 2022],
    ['fy2022', 2022],
    ['ＦＹ２０２２', 2022],
    ['FY 2022', 2022],
    ['1900', 1900],
    ['2100', 2100],
    [1900, 1900],
    [2100, 2100],
    // 令和
    ['令和4年度', 2022],
    ['令和４年度', 2022],
    ['令和4年', 2022],
    ['令和4', 2022],
    ['令和 4 年度', 2022],
    ['令和元年度', 2019],
    ['令和元年', 2019],
    ['令和82年度', 2100], // the upper bound
    ['R4', 2022],
    ['r4', 2022],
    ['R04', 2022],
    ['R4年度', 2022],
    ['Ｒ４', 2022],
    ['ｒ４年度', 2022],
    ['R1', 2019],
    ['R元', 2019],
    // 平成
    ['平成31年度', 2019], // FY2019 began under 平成; both names are in use
    ['H31', 2019],
    ['平成元年度', 1989],
    ['平成30年度', 2018],
    ['h30', 2018],
    ['平成12年度', 2000],
    // 昭和
    ['昭和44年度', 1969],
    ['S44', 1969],
    ['昭和64年', 1989],
    ['昭和元年', 1926],
    ['昭和63年度', 1988],
    // 大正
    ['大正10年度', 1921],
    ['T10', 1921],
    ['大正元年', 1912],
    ['大正15年度', 1926],
    // kanji numerals
    ['令和四年度', 2022],
    ['令和十年度', 2028],
    ['平成三十一年度', 2019],
    ['平成二十年度', 2008],
    ['昭和四十四年度', 1969],
    ['平成十五年度', 2003],
    // surroundings
    ['  令和4年度  ', 2022],
    ['　令和4年度　', 2022],
    ['昭和44年度 ~', 1969], // the sheet marks an open-ended start year this way
    ['昭和44年度～', 1969],
    ['昭和44年度〜', 1969],
    ['令和2年度末', 2020], // end of the fiscal year still names it
    // both calendars, as official documents pair them
    ['令和4(2022)年度', 2022],
    ['令和４（２０２２）年度', 2022],
    ['2022(令和4)年度', 2022],
    ['令和4年度 (2022)', 2022], // formatFiscalYear's own western form
    ['平成31(2019)年度', 2019],
  ] as const)('%j → %i', (input, expected) => {
    expect(parseFiscalYear(input)).toEqual({ ok: true, value: expected });
  });
});

describe('parseFiscalYear: missing', () => {
  it.each([[undefined], [null], [''], ['  '], ['―'], ['－'], ['-'], ['該当なし'], ['N/A']])('%j → null', (input) => {
    expect(parseFiscalYear(input)).toEqual({ ok: true, value: null });
  });
});

describe('parseFiscalYear: invalid', () => {
  it.each([
    ['令和九十九年', eraOutOfRange('令和九十九年', '令和', 'R', 82)],
    ['令和83年度', eraOutOfRange('令和83年度', '令和', 'R', 82)],
    ['R100', eraOutOfRange('R100', '令和', 'R', 82)],
    ['令和0年度', eraOutOfRange('令和0年度', '令和', 'R', 82)],
    ['平成32年度', eraOutOfRange('平成32年度', '平成', 'H', 31)],
    ['H32', eraOutOfRange('H32', '平成', 'H', 31)],
    ['昭和65年', eraOutOfRange('昭和65年', '昭和', 'S', 64)],
    ['大正16年度', eraOutOfRange('大正16年度', '大正', 'T', 15)],
    ['1899', westernOutOfRange('1899')],
    ['2101年度', westernOutOfRange('2101年度')],
    ['0000', westernOutOfRange('0000')],
    [1850, westernOutOfRange('1850')],
    [3000, westernOutOfRange('3000')],
    [2022.5, notAFiscalYear('2022.5')],
    [Number.NaN, notAFiscalYear('NaN')],
    ['22', notAFiscalYear('22')], // two-digit Western years are ambiguous
    ['20222', notAFiscalYear('20222')],
    ['明治45年', notAFiscalYear('明治45年')], // an era Hyoka does not name
    ['M45', notAFiscalYear('M45')],
    ['X4', notAFiscalYear('X4')],
    ['令和', notAFiscalYear('令和')],
    ['令和四五年度', notAFiscalYear('令和四五年度')], // not a kanji numeral
    ['令和4年4月', notAFiscalYear('令和4年4月')], // a date, not a fiscal year
    ['2022/4/1', notAFiscalYear('2022/4/1')],
    ['abc', notAFiscalYear('abc')],
    ['~', notAFiscalYear('~')],
    [
      '令和4(2023)年度',
      { ja: '「令和4(2023)年度」は和暦と西暦が一致しません（2022年度と2023年度）', en: '"令和4(2023)年度": the two years disagree (FY2022 and FY2023)' },
    ],
    ['令和4(いつか)年度', notAFiscalYear('令和4(いつか)年度')],
  ] as const)('%j is rejected', (input, error) => {
    expect(errorOf(parseFiscalYear(input))).toEqual(error);
  });
});

describe('parseFiscalYearRange', () => {
  it.each([
    ['令和2年度～令和6年度', 2020, 2024],
    ['令和2年度〜令和6年度', 2020, 2024],
    ['令和2年度 ~ 令和6年度', 2020, 2024],
    ['R2-R6', 2020, 2024],
    ['R2－R6', 2020, 2024],
    ['R2−R6', 2020, 2024],
    ['2020〜2024', 2020, 2024],
    ['2020-2024', 2020, 2024],
    ['2020年度から2024年度', 2020, 2024],
    ['平成27年度～令和2年度', 2015, 2020], // across an era change
    ['令和2～6年度', 2020, 2024], // the end borrows the start's era
    ['R2-6', 2020, 2024],
    ['令和2年度～令和2年度', 2020, 2020],
    ['令和2年度', 2020, 2020], // a single year is a one-year period
    ['令和2年度～', 2020, null], // open end
    ['昭和44年度 ~', 1969, null],
    ['令和2年度～（終期なし）', 2020, null],
    ['令和2年度～未定', 2020, null],
    ['令和2年度～―', 2020, null],
    ['令和2(2020)年度～令和6(2024)年度', 2020, 2024],
  ] as const)('%j → %s–%s', (input, from, to) => {
    expect(parseFiscalYearRange(input)).toEqual({ ok: true, value: { from, to } });
  });

  it.each([[undefined], [null], [''], ['―']])('%j → null', (input) => {
    expect(parseFiscalYearRange(input)).toEqual({ ok: true, value: null });
  });

  const notARange = (s: string): Message => ({
    ja: `「${s}」は年度の期間として読めません（例: 令和2年度～令和6年度, R2-R6, 2020〜2024）`,
    en: `"${s}" is not a period of fiscal years (e.g. 令和2年度～令和6年度, R2-R6, 2020〜2024)`,
  });
  it.each([
    ['～令和6年度', notARange('～令和6年度')], // no start
    ['令和6年度～令和2年度', { ja: '「令和6年度～令和2年度」は終わりの年度が始まりより前です', en: '"令和6年度～令和2年度" ends before it starts' }],
    ['いつか～令和6年度', notAFiscalYear('いつか')], // the bad end is quoted
    ['令和2年度～いつか', notAFiscalYear('いつか')],
    ['平成30年度～平成40年度', eraOutOfRange('平成40年度', '平成', 'H', 31)],
    ['2020～24', notAFiscalYear('24')], // Western ends do not borrow a century
  ] as const)('%j is rejected', (input, error) => {
    expect(errorOf(parseFiscalYearRange(input))).toEqual(error);
  });
});

describe('toEra', () => {
  it.each([
    [2022, '令和', 'R', 4],
    [2019, '令和', 'R', 1], // 令和元年度, although it began under 平成
    [2100, '令和', 'R', 82],
    [2018, '平成', 'H', 30],
    [1989, '平成', 'H', 1],
    [1988, '昭和', 'S', 63],
    [1969, '昭和', 'S', 44],
    [1927, '昭和', 'S', 2],
    [1926, '大正', 'T', 15], // 昭和 began on 25 December 1926: FY1926 is 大正15年度
    [1913, '大正', 'T', 2], // 大正 began in July 1912: FY1912 is still 明治
  ] as const)('FY%i → %s%i', (fy, era, eraLetter, year) => {
    expect(toEra(fy)).toEqual({ era, eraLetter, year });
  });

  it.each([[1912], [1900], [2022.5], [Number.NaN]])('FY%s has no era name: throws', (fy) => {
    expect(() => toEra(fy)).toThrow(RangeError);
  });
});

describe('formatFiscalYear', () => {
  it.each([
    [2022, undefined, '令和4年度'],
    [2022, { locale: 'ja' }, '令和4年度'],
    [2022, { western: true }, '令和4年度 (2022)'],
    [2019, undefined, '令和元年度'],
    [2019, { western: true }, '令和元年度 (2019)'],
    [2018, undefined, '平成30年度'],
    [1989, undefined, '平成元年度'],
    [1988, undefined, '昭和63年度'],
    [1926, undefined, '大正15年度'],
    [1905, undefined, '1905年度'], // before any era Hyoka names
    [1905, { western: true }, '1905年度'],
    [2022, { locale: 'en' }, 'FY2022'],
    [2019, { locale: 'en', western: true }, 'FY2019'],
  ] as const)('FY%i %j → %j', (fy, opts, expected) => {
    expect(formatFiscalYear(fy, opts)).toBe(expected);
  });
});

describe('eraShort', () => {
  it.each([
    [2022, 'R4'],
    [2019, 'R1'],
    [2018, 'H30'],
    [1989, 'H1'],
    [1988, 'S63'],
    [1926, 'T15'],
    [1905, '1905'],
  ])('FY%i → %s', (fy, expected) => {
    expect(eraShort(fy)).toBe(expected);
  });
});

describe('round trips', () => {
  const years = Array.from({ length: 2100 - 1913 + 1 }, (_, i) => 1913 + i);
  it('every era-named fiscal year reads back from each of its written forms', () => {
    for (const fy of years) {
      expect(parseFiscalYear(formatFiscalYear(fy))).toEqual({ ok: true, value: fy });
      expect(parseFiscalYear(formatFiscalYear(fy, { western: true }))).toEqual({ ok: true, value: fy });
      expect(parseFiscalYear(formatFiscalYear(fy, { locale: 'en' }))).toEqual({ ok: true, value: fy });
      expect(parseFiscalYear(eraShort(fy))).toEqual({ ok: true, value: fy });
    }
  });
});
