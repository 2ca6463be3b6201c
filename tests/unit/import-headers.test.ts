/**
 * Header matching (db/import/headers.ts): the alias table matched insensitive to width, spaces,
 * the sheet's (a)/(b)/① marks and a bracketed unit; numbered indicator groups; mapping files.
 */
import { describe, expect, it } from 'vitest';
import { canonicalHeader } from '../../db/import/format';
import { HEADER_ALIASES, mapHeader, mappingFileSchema, normalizeHeader, type MappingFile } from '../../db/import/headers';

const IDENTITY = ['市区町村コード', '市区町村名', '年度', '事業番号', '事業名'];

/** What each column of `header` feeds (null: ignored), with the identity columns in front. */
function targets(header: string[], mapping?: MappingFile) {
  const mapped = mapHeader('t.csv', [...IDENTITY, ...header], { mapping });
  return { ...mapped, columns: mapped.columns.slice(IDENTITY.length).map((c) => c?.canonical ?? null) };
}

/** ASCII → full-width, as Japanese Excel users often type: 'NO.' → 'ＮＯ．'. */
const fullWidth = (s: string) => s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

describe('normalizeHeader', () => {
  it.each([
    ['事業費（千円）', '事業費', '千円'],
    ['事業費(円)', '事業費', '円'],
    ['事業費【単位：千円】', '事業費', '千円'],
    [' 事業費 合計 ', '事業費合計', null],
    ['事業費　合計', '事業費合計', null], // ideographic space
    ['事業費合計(a)', '事業費合計', null],
    ['事業費合計（ａ）', '事業費合計', null],
    ['トータルコスト(a)+(b)', 'トータルコスト', null],
    ['トータルコスト(A+B)', 'トータルコスト', null],
    ['国県支出金①', '国県支出金', null],
    ['その他特財③', 'その他特財', null],
    ['国・県の計画', '国県の計画', null],
    ['事業ＮＯ．', '事業NO.', null],
    ['事業id', '事業ID', null],
    ['\uFEFF市区町村コード', '市区町村コード', null],
    ['指標①名', '指標1名', null], // inside a name a circled number is the indicator's number
  ])('%j → key %j, unit %j', (raw, key, unit) => {
    expect(normalizeHeader(raw)).toEqual({ key, unit });
  });
});

describe('the alias table', () => {
  const pairs = Object.entries(HEADER_ALIASES).flatMap(([canonical, aliases]) => [canonical, ...aliases].map((a) => [a, canonical] as const));

  it('has no alias that means two columns', () => {
    const seen = new Map<string, string>();
    for (const [alias, canonical] of pairs) {
      const key = normalizeHeader(alias).key;
      expect(seen.get(key) ?? canonical, `${alias} → ${seen.get(key)} and ${canonical}`).toBe(canonical);
      seen.set(key, canonical);
    }
  });

  it('covers every Hyoka column but the numbered indicator groups', () => {
    const withoutIndicators = canonicalHeader(0);
    expect(Object.keys(HEADER_ALIASES).sort()).toEqual([...withoutIndicators].sort());
  });

  it.each(pairs.filter(([, canonical]) => !IDENTITY.includes(canonical)))('%j means %j — as written, full-width and spaced', (alias, canonical) => {
    for (const spelling of [alias, fullWidth(alias), ` ${alias.split('').join(' ')} `]) {
      const { columns, problems } = targets([spelling]);
      expect(problems, spelling).toEqual([]);
      expect(columns, spelling).toEqual([canonical]);
    }
  });

  it.each(IDENTITY.map((c) => [c, HEADER_ALIASES[c]!] as const))('identity column %j is found under each of its aliases', (canonical, aliases) => {
    for (const alias of aliases) {
      const header = IDENTITY.map((c) => (c === canonical ? alias : c));
      const mapped = mapHeader('t.csv', header);
      expect(mapped.problems, alias).toEqual([]);
      expect(mapped.columns.map((c) => c?.canonical)).toEqual(IDENTITY);
    }
  });
});

describe('mapHeader', () => {
  it.each([
    ['指標1名', '指標1名'],
    ['指標１目標値', '指標1目標値'],
    ['指標1名称', '指標1名'],
    ['指標3', '指標3名'],
    ['指標名2', '指標2名'],
    ['指標2実績', '指標2実績値'],
    ['指標12現状値年度', '指標12現状値年度'],
    ['成果指標2目標', '指標2目標値'],
    ['活動指標1方向', '指標1方向'],
  ])('indicator column %j → %j', (header, canonical) => {
    expect(targets([header]).columns).toEqual([canonical]);
  });

  it('numbers outcome indicators after activity ones when a header has both, with the kind from the prefix', () => {
    const mapped = mapHeader('t.csv', [...IDENTITY, '活動指標1名', '活動指標2名', '成果指標1名', '成果指標1目標値', '成果指標2名']);
    expect(mapped.problems).toEqual([]);
    expect(mapped.columns.slice(5)).toEqual([
      { canonical: '指標1名', indicatorKind: 'activity' },
      { canonical: '指標2名', indicatorKind: 'activity' },
      { canonical: '指標3名', indicatorKind: 'outcome' },
      { canonical: '指標3目標値' },
      { canonical: '指標4名', indicatorKind: 'outcome' },
    ]);
  });

  it('reads the unit a money header names, and only for money', () => {
    const mapped = mapHeader('t.csv', [...IDENTITY, '事業費（円）', '人件費（千円）', '総コスト(百万円)', '人口（人）']);
    expect(mapped.columns.slice(5)).toEqual([
      { canonical: '事業費合計', moneyUnit: '円' },
      { canonical: '人件費合計', moneyUnit: '千円' },
      { canonical: 'トータルコスト', moneyUnit: '百万円' },
      { canonical: '人口' },
    ]);
  });

  it('recognises the long layout by its unnumbered indicator columns', () => {
    const mapped = mapHeader('t.csv', [...IDENTITY, '指標名', '目標値', '実績値']);
    expect(mapped.layout).toBe('long');
    expect(mapped.columns.slice(5).map((c) => c?.canonical)).toEqual(['指標1名', '指標1目標値', '指標1実績値']);
    expect(mapHeader('t.csv', [...IDENTITY, '指標1名']).layout).toBe('wide');
  });

  it('ignores empty header cells silently and unknown columns with a warning naming them', () => {
    const { columns, problems } = targets(['', '備考', ' ']);
    expect(columns).toEqual([null, null, null]);
    expect(problems).toEqual([
      {
        severity: 'warning',
        file: 't.csv',
        line: 1,
        column: '備考',
        value: null,
        message: {
          ja: '列「備考」はHyokaの項目に対応しないため読み込みません（必要なら対応表で指定してください）',
          en: 'Column "備考" matches no Hyoka field and is ignored (name it in a mapping file if needed)',
        },
      },
    ]);
  });

  it('requires the municipality columns unless the caller gives the municipality', () => {
    const header = ['年度', '事業番号', '事業名'];
    expect(mapHeader('t.csv', header).problems.map((p) => p.message.en)).toEqual([
      'Required columns are missing: 市区町村コード, 市区町村名 (found: 年度, 事業番号, 事業名). For a file without municipality columns, give the municipality with --municipality CODE:NAME (e.g. --municipality 000000:国) or in the import form’s municipality code and name fields',
    ]);
    expect(mapHeader('t.csv', header, { municipalityGiven: true }).problems).toEqual([]);
  });
});

describe('mapping files', () => {
  it('map their headers onto Hyoka columns (by any alias, width-insensitive), or to null to ignore them', () => {
    const mapping: MappingFile = { columns: { '決算額（税込）': '事業費合計', ｽﾀｯﾌ費: '人件費', メモ: null, 'KPI 1': '指標1名' } };
    const { columns, problems } = targets(['決算額（税込）', 'スタッフ費', 'メモ', 'ＫＰＩ１'], mapping);
    expect(problems).toEqual([]);
    expect(columns).toEqual(['事業費合計', '人件費合計', null, '指標1名']);
  });

  it('take precedence over the alias table', () => {
    expect(targets(['事業費'], { columns: { 事業費: '一般財源' } }).columns).toEqual(['一般財源']);
  });

  it('name the mapping entry whose target is not a Hyoka column', () => {
    const { problems } = targets(['予算額'], { columns: { 予算額: '予算' } });
    expect(problems.map((p) => [p.severity, p.column, p.message.ja, p.message.en])).toEqual([
      ['error', '予算額', '対応表の「予算額」→「予算」: 「予算」はHyokaの列名ではありません', 'Mapping "予算額" → "予算": "予算" is not a Hyoka column'],
    ]);
  });

  it.each([
    [{ columns: {} }, true],
    [{ columns: { a: '事業費合計', b: null } }, true],
    [{ columns: { a: 1 } }, false],
    [{ columns: ['事業費合計'] }, false],
    [{ column: { a: '事業費合計' } }, false],
    [[], false],
    [null, false],
  ])('schema: %j valid = %s', (json, valid) => {
    expect(mappingFileSchema.safeParse(json).success).toBe(valid);
  });
});
