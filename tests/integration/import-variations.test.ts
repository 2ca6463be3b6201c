/**
 * One small file per variation a real export brings (docs/import.md, /work/shared evaluation
 * sheet "Variations"), each loaded on both drivers and read back from the tables: the exact
 * figures, grades, indicators, fiscal years and codes the file states, whatever its encoding,
 * wording or layout. Expected values are worked out by hand from the fixture text.
 */
import { existsSync, readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../db/client';
import { mappingFileSchema } from '../../db/import/headers';
import { importFile, type ImportOutcome, type LoadOptions } from '../../db/import/load';
import { DRIVERS_AND_WORKER, freshDatabase } from '../support/databases';
import { fingerprint } from '../support/fingerprint';
import { readBack, type StoredYear } from '../support/read-back';
import { emptyDatabase } from '../support/reset';

const DIR = 'tests/fixtures/imports';
const DATA_TABLES = [
  'municipalities',
  'municipality_populations',
  'departments',
  'sections',
  'policy_nodes',
  'projects',
  'evaluations',
  'ratings',
  'indicators',
  'indicator_values',
];

/** The costs of a row that states none, to spread over. */
const NO_COSTS: StoredYear['costs'] = {
  project: null,
  national: null,
  bonds: null,
  otherSpecific: null,
  general: null,
  staff: null,
  total: null,
  regularFte: null,
  regularStaff: null,
};
const indicator = (position: number, name: string, target: string | null, actual: string | null, more: Partial<StoredYear['indicators'][number]> = {}) => ({
  position,
  name,
  unit: null,
  kind: 'outcome',
  direction: 'higher',
  baseline: null,
  baselineYear: null,
  target,
  actual,
  ...more,
});

/** utf8.csv, utf8-bom.csv, shift-jis.csv and crlf.csv all say this. */
const BASIC: Partial<StoredYear>[] = [
  {
    municipality: '019999',
    municipalityName: '見本市',
    population: 52000,
    code: '0086',
    name: '髙﨑地区見守り事業',
    fiscalYear: 2022,
    department: '福祉部',
    section: '高齢福祉課',
    // 事業費 1,234 = 600 + 0 + 34 + 600; トータルコスト 5,234 = 1,234 + 4,000.
    costs: {
      project: '1234',
      national: '600',
      bonds: '0',
      otherSpecific: '34',
      general: '600',
      staff: '4000',
      total: '5234',
      regularFte: '0.5',
      regularStaff: '4000',
    },
    targetCount: '120',
    unitCostStatedYen: '43617', // 5,234,000 円 ÷ 120 = 43,616.7
    grades: { progress: 'A', level: 'B', effectiveness: 'A', efficiency: 'B' },
    indicators: [indicator(1, '見守り訪問件数', '100', '120', { unit: '件' })],
  },
  {
    municipality: '019999',
    municipalityName: '見本市',
    population: 52000,
    code: '0100',
    name: '～ふれあい～交流事業①',
    fiscalYear: 2022,
    department: '市民部',
    section: '市民協働課',
    costs: {
      project: '2500',
      national: '1000',
      bonds: '500',
      otherSpecific: '0',
      general: '1000',
      staff: '9600',
      total: '12100',
      regularFte: '1.2',
      regularStaff: '9600',
    },
    targetCount: null,
    unitCostStatedYen: null,
    grades: { progress: 'C', level: 'N', effectiveness: 'B', efficiency: 'C' },
    indicators: [indicator(1, '参加者数', '500', '450', { unit: '人' })],
  },
];

describe.each(DRIVERS_AND_WORKER)('import variations on %s', (driver) => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await freshDatabase(driver);
  });
  // Each case starts from an empty database, as if new.
  beforeEach(() => emptyDatabase(handle.db));
  afterAll(() => handle?.close());

  /** Loads a fixture (with its mapping file, if one lies next to it); expects success. */
  async function load(file: string, options: Partial<LoadOptions> = {}): Promise<ImportOutcome> {
    const mappingPath = `${DIR}/${file.replace(/\.csv$/, '.mapping.json')}`;
    const mapping = existsSync(mappingPath) ? mappingFileSchema.parse(JSON.parse(readFileSync(mappingPath, 'utf8'))) : undefined;
    const outcome = await importFile(handle.db, readFileSync(`${DIR}/${file}`), { fileName: file, mapping, ...options });
    expect(outcome.errors).toEqual([]);
    expect(outcome.ok).toBe(true);
    return outcome;
  }
  const stored = () => readBack(handle.db);
  const warnings = (o: ImportOutcome) => o.warnings.map((w) => [w.line, w.column, w.message.ja, w.message.en]);

  it.each([
    ['utf8.csv', 'UTF-8'],
    ['utf8-bom.csv', 'UTF-8 (BOM)'],
    ['shift-jis.csv', 'Shift_JIS (CP932)'],
    ['crlf.csv', 'UTF-8'],
  ])('%s: the same sheet in any encoding and line ending (%s)', async (file, encoding) => {
    const outcome = await load(file);
    expect(outcome).toMatchObject({ encoding, rows: 2, warnings: [] });
    expect(outcome.result).toMatchObject({ inserted: 2, updated: 0, unchanged: 0 });
    const years = await stored();
    expect(years).toHaveLength(2);
    years.forEach((y, i) => {
      expect(y).toMatchObject(BASIC[i]!);
    });
  });

  it('the four encodings of the basic sheet really are the same text, and store the same data', async () => {
    const utf8 = readFileSync(`${DIR}/utf8.csv`, 'utf8');
    expect(readFileSync(`${DIR}/utf8-bom.csv`, 'utf8')).toBe(`\uFEFF${utf8}`);
    expect(iconv.decode(readFileSync(`${DIR}/shift-jis.csv`), 'cp932')).toBe(utf8);
    expect(readFileSync(`${DIR}/shift-jis.csv`).equals(Buffer.from(utf8))).toBe(false); // not UTF-8 bytes
    expect(readFileSync(`${DIR}/crlf.csv`, 'utf8')).toBe(utf8.replaceAll('\n', '\r\n'));
    await load('utf8.csv');
    const reference = await fingerprint(handle.db, { only: DATA_TABLES });
    // Re-importing another encoding of the same sheet changes nothing.
    for (const file of ['utf8-bom.csv', 'shift-jis.csv', 'crlf.csv']) {
      const outcome = await load(file);
      expect(outcome.result).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 });
      expect(await fingerprint(handle.db, { only: DATA_TABLES })).toEqual(reference);
    }
  });

  it('era-fullwidth.csv: 令和４年度, R3, 平成31年度, Ｈ３０, 2017年度; full-width digits, codes and grades', async () => {
    await load('era-fullwidth.csv');
    const years = await stored();
    expect(years.map((y) => [y.municipality, y.code, y.fiscalYear, y.startFiscalYear, y.costs.project, y.costs.staff, y.costs.total, y.grades])).toEqual([
      ['019999', '0086', 2017, 1969, '800', '3600', '4400', { progress: 'A', effectiveness: 'A' }],
      ['019999', '0086', 2018, 1969, '900', '3700', '4600', { progress: 'C', effectiveness: 'C' }], // Ｈ３０, S44
      ['019999', '0086', 2019, 1969, '1000', '3800', '4800', { progress: 'A', effectiveness: 'A' }], // 平成31年度 = FY2019, 昭和四十四年度
      ['019999', '0086', 2021, 1969, '1100', '3900', '5000', { progress: 'B', effectiveness: 'B' }], // R3
      ['019999', '0086', 2022, 1969, '1234', '4000', '5234', { progress: 'A', effectiveness: 'B' }], // ０１９９９９, ００８６, １，２３４, Ａ, ｂ
    ]);
    expect(years.map((y) => y.indicators.map((i) => [i.target, i.actual]))).toEqual([
      [['100', '70']],
      [['100', '80']],
      [['100', '100']],
      [['100', '90']],
      [['100', '120']],
    ]);
  });

  it('header-aliases.csv: other wording, other order, money in 円 by its header', async () => {
    const outcome = await load('header-aliases.csv');
    expect(outcome.warnings).toEqual([]);
    const [y] = await stored();
    expect(y).toMatchObject({
      municipality: '019999',
      municipalityName: '見本市',
      code: '0086',
      name: '見守り事業',
      fiscalYear: 2022,
      department: '福祉部',
      section: '高齢福祉課',
      // 事業費（円） 1,234,000 円 = 1,234 千円; 人件費計 4,000 千円; 総コスト 5,234.
      costs: { ...NO_COSTS, project: '1234', staff: '4000', total: '5234' },
      grades: { progress: 'A', effectiveness: 'A', efficiency: 'B' },
      indicators: [indicator(1, '訪問件数', '100', '120')],
    });
  });

  it('indicators-numbered.csv: two indicator groups with unit, kind, direction and baseline', async () => {
    await load('indicators-numbered.csv');
    const [y] = await stored();
    expect(y!.indicators).toEqual([
      indicator(1, '訪問件数', '100', '120', { unit: '件', kind: 'activity', baseline: '80', baselineYear: 2020 }),
      indicator(2, '孤立死件数', '4', '2', { unit: '件', direction: 'lower' }),
    ]);
  });

  it('indicators-activity-outcome.csv: 活動指標1–2 and 成果指標1 become indicators 1–3 with their kinds', async () => {
    await load('indicators-activity-outcome.csv');
    const [y] = await stored();
    expect(y!.indicators).toEqual([
      indicator(1, '訪問件数', '100', '120', { kind: 'activity' }),
      indicator(2, '相談件数', '50', '40', { kind: 'activity' }),
      indicator(3, '満足度', '80', '84'), // 80% → 80
    ]);
  });

  it('long-layout.csv: one row per indicator, merged into one record per project and year', async () => {
    const outcome = await load('long-layout.csv');
    expect(outcome).toMatchObject({ layout: 'long', rows: 2, warnings: [] });
    const years = await stored();
    expect(years.map((y) => [y.code, y.costs.project, y.indicators.map((i) => [i.position, i.name, i.unit, i.target, i.actual])])).toEqual([
      [
        '0086',
        '1234',
        [
          [1, '訪問件数', '件', '100', '120'],
          [2, '相談件数', '件', '50', '40'],
          [3, '満足度', '%', '80', '84'],
        ],
      ],
      ['0100', '2500', [[1, '参加者数', '人', '500', '450']]],
    ]);
  });

  it('rating-labels.csv: the label text (計画どおり, 計画通り, …(A)) is stored as its grade', async () => {
    await load('rating-labels.csv');
    expect((await stored()).map((y) => [y.code, y.grades])).toEqual([
      ['0086', { progress: 'A', level: 'B', effectiveness: 'A', efficiency: 'A' }],
      ['0100', { progress: 'A', level: 'N', effectiveness: 'B', efficiency: 'B' }],
      ['0200', { progress: 'C', level: 'C', effectiveness: 'C', efficiency: 'C' }],
    ]);
  });

  it('units-in-cells.csv: 1.5百万円, 1,500,000円, 818千円, 0.1人, 2団体, 1,932円 read as their figures', async () => {
    await load('units-in-cells.csv');
    const [y] = await stored();
    expect(y).toMatchObject({
      population: 52000,
      costs: { ...NO_COSTS, project: '1500', general: '1500', regularFte: '0.1', regularStaff: '818', staff: '818', total: '2318' },
      targetCount: '1200',
      unitCostStatedYen: '1932', // 2,318,000 円 ÷ 1,200 人 = 1,931.7
      indicators: [indicator(1, '協定団体数', '3', '4', { baseline: '2' })],
    });
  });

  it('missing-markers.csv: empty, -, ―, ー, 該当なし and N/A are "not stated", never zero', async () => {
    await load('missing-markers.csv');
    const [y] = await stored();
    expect(y).toMatchObject({
      population: null,
      costs: { ...NO_COSTS, project: '1234' },
      targetCount: null,
      grades: { progress: 'A' }, // 実施水準 ― : not rated, no row
      indicators: [indicator(1, '訪問件数', '100', null)],
    });
  });

  it('quoted.csv: commas, line breaks and doubled quotes inside quoted values', async () => {
    await load('quoted.csv');
    const years = await stored();
    expect(years.map((y) => [y.code, y.name, y.content, y.costs.project, y.grades, y.reasons.progress])).toEqual([
      ['0086', '見守り事業（訪問, 電話）', '訪問による見守り\n電話による安否確認\n"見守り隊"の育成', '1234', { progress: 'A' }, '目標を上回った, 120件'],
      ['0100', '交流事業', '交流会の開催', '2500', { progress: 'B' }, '概ね計画どおり'],
    ]);
  });

  it('quoted.csv: line numbers count the line breaks inside quoted values', async () => {
    // The second record starts on physical line 5 (its first has a cell spanning lines 2–4).
    const text = readFileSync(`${DIR}/quoted.csv`, 'utf8').replace(',交流会の開催,"2,500",', ',交流会の開催,"-2,500",');
    const outcome = await importFile(handle.db, new TextEncoder().encode(text), { fileName: 'quoted.csv' });
    expect(outcome.errors.map((e) => [e.line, e.column, e.value])).toEqual([[5, '事業費合計', '-2,500']]);
  });

  it('trailing-empty.csv: trailing empty columns and rows are ignored without a word', async () => {
    const outcome = await load('trailing-empty.csv');
    expect(outcome).toMatchObject({ rows: 2, warnings: [] });
    expect((await stored()).map((y) => [y.code, y.costs.project])).toEqual([
      ['0086', '1234'],
      ['0100', '2500'],
    ]);
  });

  it('extra-columns.csv: unknown columns are reported once each and their values ignored', async () => {
    const outcome = await load('extra-columns.csv');
    expect(warnings(outcome)).toEqual([
      [
        1,
        '備考',
        '列「備考」はHyokaの項目に対応しないため読み込みません（必要なら対応表で指定してください）',
        'Column "備考" matches no Hyoka field and is ignored (name it in a mapping file if needed)',
      ],
      [
        1,
        '担当者メモ',
        '列「担当者メモ」はHyokaの項目に対応しないため読み込みません（必要なら対応表で指定してください）',
        'Column "担当者メモ" matches no Hyoka field and is ignored (name it in a mapping file if needed)',
      ],
    ]);
    const [y] = await stored();
    expect(y).toMatchObject({ code: '0086', costs: { ...NO_COSTS, project: '1234' } });
  });

  it('a value under a column with no header is reported and ignored', async () => {
    const text = '市区町村コード,市区町村名,年度,事業番号,事業名,,事業費合計\n019999,見本市,R4,0086,見守り事業,メモ,1234\n';
    const outcome = await importFile(handle.db, new TextEncoder().encode(text), { fileName: 'blank-header.csv' });
    expect(outcome.ok).toBe(true);
    expect(warnings(outcome)).toEqual([
      [2, '6列目', '見出しのない6列目に値「メモ」があります。読み込みません', 'Column 6 has no header but holds "メモ"; it is ignored'],
    ]);
    expect((await stored()).map((y) => [y.code, y.costs.project])).toEqual([['0086', '1234']]);
  });

  it('mapped.csv + mapped.mapping.json: a mapping file names what the alias table does not know', async () => {
    const outcome = await load('mapped.csv');
    expect(outcome.warnings).toEqual([]); // メモ is ignored on purpose (mapped to null)
    const [y] = await stored();
    expect(y).toMatchObject({
      municipality: '019999',
      code: '0086',
      name: '見守り事業',
      fiscalYear: 2022,
      costs: { ...NO_COSTS, project: '1234', staff: '4000' },
    });
  });

  it('mapped.csv without its mapping file is refused, naming the missing columns', async () => {
    const outcome = await importFile(handle.db, readFileSync(`${DIR}/mapped.csv`), { fileName: 'mapped.csv' });
    expect(outcome.ok).toBe(false);
    // 決算額（千円） is a known alias of 事業費合計; the identity columns are not.
    expect(outcome.errors.map((e) => e.message.en)).toEqual([
      'Required columns are missing: 年度, 事業番号, 事業名, 市区町村コード, 市区町村名 (found: 自治体番号, 自治体, 年次, 管理番号, 名称, 決算額（千円）, 職員コスト, メモ). For a file without municipality columns, give the municipality with --municipality CODE:NAME (e.g. --municipality 000000:国) or in the import form’s municipality code and name fields',
    ]);
  });

  it('a file without municipality columns takes the municipality from the caller', async () => {
    const text = '年度,事業番号,事業名,事業費合計\nR4,0086,見守り事業,1234\n';
    const outcome = await importFile(handle.db, new TextEncoder().encode(text), {
      fileName: 'no-municipality.csv',
      municipality: { code: '019999', name: '見本市' },
    });
    expect(outcome.ok).toBe(true);
    expect((await stored()).map((y) => [y.municipality, y.municipalityName, y.code, y.fiscalYear, y.costs.project])).toEqual([
      ['019999', '見本市', '0086', 2022, '1234'],
    ]);
  });
});

describe.each(DRIVERS_AND_WORKER)('the seed sheet re-exported on %s', (driver) => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await freshDatabase(driver);
  });
  afterAll(() => handle?.close());

  const SJIS = `${DIR}/seed-shift-jis-sheet-wording.csv`;

  it("is really Shift_JIS, with the sheet's own header wording and other year spellings", () => {
    const text = iconv.decode(readFileSync(SJIS), 'cp932');
    const header = text.split('\r\n')[0]!.split(',');
    expect(header.slice(0, 5)).toEqual(['団体コード', '団体名', '評価年度', '事業コード', '事務事業名']);
    expect(header).toContain('事業費合計(a)');
    expect(header).toContain('国県支出金①');
    expect(header).toContain('トータルコスト(a)+(b)');
    expect(header).toContain('総事業費／対象数');
    expect(text).toContain(',R3,40-106,');
    expect(text).toContain(',令和４年度,40-106,');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(SJIS))).toThrow();
  });

  it('imports to the same figures as the UTF-8 seed: 818 and 857 千円, 8 円, 150 % and 133 %, A/B/A/A', async () => {
    const outcome = await importFile(handle.db, readFileSync(SJIS), { fileName: 'seed-sjis.csv' });
    expect(outcome.errors).toEqual([]);
    expect(outcome).toMatchObject({ ok: true, encoding: 'Shift_JIS (CP932)', rows: 2, warnings: [] });
    const years = await readBack(handle.db);
    expect(
      years.map((y) => [
        y.municipality,
        y.code,
        y.fiscalYear,
        y.startFiscalYear,
        y.costs.total,
        y.costs.staff,
        y.costs.project,
        y.targetCount,
        y.unitCostStatedYen,
      ]),
    ).toEqual([
      ['142140', '40-106', 2021, 1969, '818', '818', '0', '101381', '8'],
      ['142140', '40-106', 2022, 1969, '857', '857', '0', '101119', '8'],
    ]);
    expect(years.map((y) => y.grades)).toEqual([
      { progress: 'A', level: 'B', effectiveness: 'A', efficiency: 'A' },
      { progress: 'A', level: 'B', effectiveness: 'A', efficiency: 'A' },
    ]);
    // Attainment = actual ÷ target: R3 3 ÷ 2 = 150 %, R4 4 ÷ 3 = 133 %.
    expect(years.map((y) => y.indicators.map((i) => [i.name, i.target, i.actual, Math.round((Number(i.actual) / Number(i.target)) * 100)]))).toEqual([
      [['大学及び企業等との協定団体数(累計)', '2', '3', 150]],
      [['大学及び企業等との協定団体数(累計)', '3', '4', 133]],
    ]);

    // And the stored data is the UTF-8 seed's, byte for byte: importing it over changes nothing.
    const before = await fingerprint(handle.db);
    const utf8 = await importFile(handle.db, readFileSync('tests/fixtures/seed/isehara-40-106.csv'), { fileName: 'isehara-40-106.csv' });
    expect(utf8.result).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 });
    const after = await fingerprint(handle.db);
    for (const table of DATA_TABLES) expect(after[table], table).toEqual(before[table]);
  });
});
