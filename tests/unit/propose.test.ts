import { describe, expect, it } from 'vitest';
import { parseProfile } from '../../db/import/profiles';
import { choicesFrom, fieldClashes, profileName } from '../../db/import/propose/mapping-step';
import { headerChanges, headerSignature } from '../../db/import/saved-profiles';
import { coreHeader, NEW_RATING, proposeColumns, RATING_REASON, type SourceColumn } from '../../db/import/propose/propose';
import {
  detectYearBlocks,
  guessBand,
  type ProfileOptions,
  profileFromProposals,
  proposedBlockYears,
  proposedMoneyUnit,
} from '../../db/import/propose/proposal-profile';
import { columnsOf, guessHeaderRow, type SheetSample } from '../../db/import/propose/sample-sheet';
import { isIndicatorDirectionColumn, isIndicatorKindColumn, looksLikeYen, shapeOf } from '../../db/import/propose/value-shape';

const col = (header: string, ...values: string[]): SourceColumn => ({ header, values });
const repeat = (n: number, ...values: string[]) => Array.from({ length: n }, (_, i) => values[i % values.length]!);

describe('shapeOf', () => {
  it.each([
    [['令和4年度', 'R5', '平成31年度', '2022'], 'fiscal-year'],
    [['818千円', '1,234,000円', ''], 'money'],
    [['1,234', '△12', '0.5'], 'number'],
    [['133.3%', '50％'], 'percent'],
    [['A', 'Ｂ', 'c', 'F'], 'grade'],
    [['0086', '0102', '0001'], 'code'],
    [['K-01', 'K-02'], 'code'],
    [repeat(12, '妥当である', '見直し余地がある'), 'verdict'],
    [['地域の見守りを行う', '高齢者の居場所をつくる', '子育て支援の相談を受ける'], 'text'],
    [['', '-', '該当なし'], 'empty'],
  ])('%j → %s', (values, shape) => {
    expect(shapeOf(values)).toBe(shape);
  });

  it.each([
    [['33498000', '120000000', '5000000'], true],
    [['1234', '560', '12'], false],
    [['33498000円'], false],
  ])('looksLikeYen %j → %s', (values, yen) => {
    expect(looksLikeYen(values)).toBe(yen);
  });
});

describe('guessBand', () => {
  it.each([
    ['A', 'good'],
    ['B', 'good'],
    ['C', 'middle'],
    ['D', 'middle'],
    ['E', 'poor'],
    ['Ｆ', 'poor'],
    ['妥当', 'good'],
    ['現状通り', 'good'],
    ['事業内容の一部改善', 'middle'],
    ['見直し', 'poor'],
    ['廃止', 'poor'],
    ['終了予定', 'not_comparable'],
  ])('%s → %s', (value, band) => {
    expect(guessBand(value)).toBe(band);
  });
});

describe('coreHeader', () => {
  it.each([
    ['② 対象（誰、何を対象にしているのか）＊人や自然資源等', '対象'],
    ['(1) 今後の方向性', '今後の方向性'],
    ['事業費（千円）', '事業費'],
    ['４　課長等意見', '課長等意見'],
  ])('%s → %s', (header, core) => {
    expect(coreHeader(header)).toBe(core);
  });
});

describe('proposeColumns', () => {
  const fields = (cols: SourceColumn[]) => Object.fromEntries(proposeColumns(cols).map((p) => [p.header, p.field]));

  it('maps an unknown city export by alias, similarity and the shape of its values', () => {
    const cols = [
      col('管理番号', '0086', '0102', '0215'),
      col('事務事業の名称', '見守り事業', '子育て相談', '道路補修'),
      col('評価年', '令和4年度', '令和4年度', '令和5年度'),
      col('担当課名', '福祉課', '子育て課', '道路課'),
      col('決算額（円）', '1,234,000', '560,000', '78,000,000'),
      col('人件費', '800', '700', '1200'),
      col('総合評価', ...repeat(12, 'A', 'C', 'F', 'B')),
      col('評価の理由', '計画どおり', '遅れた', '未着手'),
      col('備考', 'メモ', '', '特記'),
    ];
    expect(fields(cols)).toEqual({
      管理番号: '事業番号',
      事務事業の名称: '事業名',
      評価年: '年度',
      担当課名: '課名',
      '決算額（円）': '事業費合計',
      人件費: '人件費合計',
      総合評価: NEW_RATING,
      評価の理由: RATING_REASON,
      備考: null,
    });
  });

  it('gives one field to one column: the year that varies wins, an empty namesake yields', () => {
    const cols = [
      col('事業年度', ...repeat(8, '2024')),
      col('予算年度', ...repeat(8, '2021', '2022', '2023', '2024')),
      col('予算事業ID', '1', '4', '7', '9'),
      col('事業名', 'a', 'b', 'c', 'd'),
      col('府省庁', '内閣官房', 'デジタル庁', '警察庁', '総務省'),
      col('局・庁', '内閣人事局', '戦略・組織', '生活安全局', '自治行政局'),
      col('部', '', '事務局', '', ''),
      col('課', '', '', '総務課', ''),
      col('室', '', '広報室', '', ''),
      col('執行額（合計）', '33498000', '120000000', '5000000', '0'),
    ];
    const proposals = proposeColumns(cols);
    expect(Object.fromEntries(proposals.map((p) => [p.header, p.field]))).toMatchObject({
      予算年度: '年度',
      予算事業ID: '事業番号',
      府省庁: '部名',
      '局・庁': '課名',
      部: null,
      課: null,
      '執行額（合計）': '事業費合計',
    });
    expect(proposals.find((p) => p.header === '執行額（合計）')?.moneyUnit).toBe('円');
  });

  it('reads year blocks, digit columns, lettered indicators and relative policy levels', () => {
    const cols = [
      col('事務事業ID', '0001', '0002'),
      col('事務事業名', 'a', 'b'),
      col('年度', '7', '7'),
      col('政策番号 十の位', '0', '1'),
      col('政策番号 一の位', '6', '2'),
      col('政策名', '健康', '教育'),
      col('施策名', '医療', '学校'),
      col('⑤ 活動指標 ア：名称', '訪問件数', '相談件数'),
      col('事業費計 （A）', '100', '200'),
      col('⑤活動指標 ア', '10', '20'),
      col('事業費計 （A）', '110', '210'),
      col('⑤活動指標 ア', '11', '21'),
    ];
    const proposals = proposeColumns(cols);
    expect(proposals.map((p) => p.field)).toEqual([
      '事業番号',
      '事業名',
      '年度',
      'まちづくり目標番号',
      'まちづくり目標番号',
      'まちづくり目標',
      '基本政策',
      '指標1名',
      '事業費合計',
      '指標1実績値',
      '事業費合計',
      '指標1実績値',
    ]);
    const profile = profileFromProposals(proposals, cols, { name: 'test-city', kind: 'xlsx', headerRow: 2 });
    expect(profile.fiscalYear).toEqual({ from: '年度', era: '令和' });
    expect(profile.yearBlocks).toEqual({ fiscalYears: [2024, 2025], columns: { 事業費合計: '事業費計 （A）', 指標1実績値: '⑤活動指標 ア' } });
    expect(profile.columns?.まちづくり目標番号).toEqual({ join: ['政策番号 十の位', '政策番号 一の位'], number: true });
    expect(parseProfile(profile).ok).toBe(true);
  });
});

describe('indicator kind and direction values', () => {
  it.each([
    [['アウトカム', 'アウトプット', 'アクティビティ', ''], true],
    [['活動', '成果', '活動指標', '成果指標'], true],
    [['アウトカム', '活動中'], false],
    [['', '-'], false],
  ])('kind %j → %s', (values, kind) => {
    expect(isIndicatorKindColumn(values)).toBe(kind);
  });

  it.each([
    [['上向き', '下向き', '上向き'], true],
    [['増加', '減少', '高い方が良い', '↑'], true],
    [['上向き', '横ばい'], false],
    [['アウトカム'], false],
  ])('direction %j → %s', (values, direction) => {
    expect(isIndicatorDirectionColumn(values)).toBe(direction);
  });
});

describe('proposeColumns: organisation levels and unnumbered indicators', () => {
  const org = (section: string[]) => [
    col('事業名', 'a', 'b', 'c', 'd'),
    col('府省庁', '厚生労働省', '厚生労働省', '総務省', '総務省'),
    col('局・庁', '職業安定局', '職業安定局', '自治行政局', '自治行政局'),
    col('部', '', '', '', ''),
    col('課', ...section),
    col('室', '', '', '', ''),
  ];
  // 課名 goes to the finest level filled as often as any: a 課 every row names, else the level above.
  it.each([
    ['every row names its 課', ['地域雇用対策課', '総務課', '行政課', '総務課'], { 府省庁: '部名', '局・庁': null, 課: '課名' }],
    ['課 often blank (negative: 課 is not taken)', ['', '総務課', '', ''], { 府省庁: '部名', '局・庁': '課名', 課: null }],
  ])('%s', (_, section, expected) => {
    expect(Object.fromEntries(proposeColumns(org(section)).map((p) => [p.header, p.field]))).toMatchObject(expected);
  });

  const longLayout = (extra: SourceColumn[] = []) => [
    col('予算事業ID', '1001', '1001', '1002', '1002'),
    col('事業名', '雇用', '雇用', '研修', '研修'),
    col('種別（アクティビティ・アウトプット・アウトカム）', 'アウトカム', 'アウトカム', 'アウトプット', 'アウトプット'),
    col('活動指標／成果指標', '就職率', '就職率', '参加者数', '参加者数'),
    col('単位', '%', '%', '人', '人'),
    col('改善の上向き／下向き', '上向き', '上向き', '下向き', '下向き'),
    ...extra,
  ];
  const fieldOf = (cols: SourceColumn[], header: string) => proposeColumns(cols).find((p) => p.header === header)?.field ?? null;
  it.each([
    // The rule, then a column that must not be taken.
    ['a text column naming 指標 → 指標1名', longLayout(), '活動指標／成果指標', '指標1名'],
    ['指標 over figures is not a name', [col('事業名', 'a', 'b'), col('成果指標', '12', '40')], '成果指標', null],
    [
      'a numbered indicator in the file: no second 指標1名',
      [col('事業名', 'a', 'b'), col('指標1名', '件数', '人数'), col('参考指標', '来場', '満足')],
      '参考指標',
      null,
    ],
    ['単位 right after the name → 指標1単位', longLayout(), '単位', '指標1単位'],
    ['単位 away from any indicator name stays 対象数単位', [col('事業名', 'a', 'b'), col('対象数', '3', '4'), col('単位', '人', '件')], '単位', '対象数単位'],
    ['kind words → 指標1種別', longLayout(), '種別（アクティビティ・アウトプット・アウトカム）', '指標1種別'],
    ['kind words with no indicator in the file are not taken', [col('事業名', 'a', 'b'), col('タイプ', 'アウトカム', 'アウトプット')], 'タイプ', null],
    ['direction words → 指標1方向', longLayout(), '改善の上向き／下向き', '指標1方向'],
    ['other words beside an indicator are not a direction', longLayout([col('傾向', '上向き', '横ばい', '下向き', '横ばい')]), '傾向', null],
  ])('%s', (_, cols, header, field) => {
    expect(fieldOf(cols, header)).toBe(field);
  });

  it('gives kind and direction to the nearest indicator of several', () => {
    const cols = [
      col('事業名', 'a', 'b'),
      col('指標1名', '件数', '人数'),
      col('指標1種別', '活動指標', '活動指標'),
      col('指標2名', '率', '割合'),
      col('向き', '増加', '減少'),
    ];
    expect(fieldOf(cols, '向き')).toBe('指標2方向');
  });
});

describe('profileFromProposals', () => {
  it('makes a valid profile with a new rating scheme and money in yen', () => {
    const cols = [
      col('ID', '0001', '0002', '0003'),
      col('名称', 'a', 'b', 'c'),
      col('年度', '令和5年度', '令和5年度', '令和5年度'),
      col('総合評価', ...repeat(12, 'A', 'C', 'F')),
      col('執行額', '33498000', '120000000', '5000000'),
    ];
    const profile = profileFromProposals(proposeColumns(cols), cols, { name: 'budget', kind: 'csv', municipality: { code: '019999', name: '見本市' } });
    const parsed = parseProfile(profile);
    expect(parsed.ok, parsed.ok ? '' : parsed.error).toBe(true);
    expect(profile.columns).toEqual({ 事業番号: 'ID', 事業名: '名称', '事業費合計（円）': '執行額' });
    expect(profile.rating?.criteria[0]).toMatchObject({
      grade: '総合評価',
      grades: [
        { code: 'A', band: 'good' },
        { code: 'B', band: 'good' },
        { code: 'C', band: 'middle' },
        { code: 'D', band: 'middle' },
        { code: 'E', band: 'poor' },
        { code: 'F', band: 'poor' },
      ],
    });
  });

  it('adds up the columns proposed or chosen for one money field: 国庫支出金 + 都道府県支出金 → 国県支出金', () => {
    const cols = [
      col('事業番号', '0001', '0002'),
      col('事業名', 'a', 'b'),
      col('国庫支出金', '100', '0'),
      col('都道府県支出金', '50', '20'),
      col('事業費合計', '150', '20'),
      col('部名', '総務部', '総務部'),
    ];
    const proposals = proposeColumns(cols);
    expect(proposals.map((p) => p.field)).toEqual(['事業番号', '事業名', '国県支出金', '国県支出金', '事業費合計', '部名']);
    const profile = profileFromProposals(proposals, cols, { name: 'sums', kind: 'csv' });
    expect(parseProfile(profile).ok).toBe(true);
    expect(profile.columns?.国県支出金).toEqual({ sum: ['国庫支出金', '都道府県支出金'] });
  });

  it('names sources by letter under a two-row header', () => {
    const sample: SheetSample = {
      kind: 'csv',
      sheetName: null,
      rows: [
        { line: 1, cells: ['事業', '', '評価'] },
        { line: 2, cells: ['番号', '名称', '総合'] },
        { line: 3, cells: ['0001', '見守り', 'A'] },
        { line: 4, cells: ['0002', '相談', 'F'] },
      ],
    };
    const cols = columnsOf(sample, { from: 1, to: 2 });
    expect(cols.map((c) => c.header)).toEqual(['事業 番号', '事業 名称', '評価 総合']);
    const profile = profileFromProposals(proposeColumns(cols), cols, { name: 'two-rows', kind: 'csv', headerRow: 2, headerRows: 2 });
    expect(profile.columns?.事業番号).toEqual({ column: 'A' });
    expect(profile.columns?.事業名).toEqual({ column: 'B' });
  });
});

describe('guessHeaderRow', () => {
  it('passes over a title row to the header', () => {
    const sample: SheetSample = {
      kind: 'xlsx',
      sheetName: 'Sheet1',
      rows: [
        { line: 1, cells: ['令和7年度 事務事業評価'] },
        { line: 2, cells: ['事業番号', '事業名', '年度', '事業費'] },
        { line: 3, cells: ['0001', '見守り', '7', '100'] },
      ],
    };
    expect(guessHeaderRow(sample)).toBe(2);
  });
});

describe('mapping step form', () => {
  it.each([
    [
      { from: '1', to: '2', c0: '事業番号', c2: '', code: '999201', city: 'こだま町', name: 'kodama' },
      { headerFrom: 1, headerTo: 2, fields: { 0: '事業番号', 2: '' }, municipality: { code: '999201', name: 'こだま町' }, name: 'kodama' },
    ],
    [{ from: 'x', code: '12', city: 'a' }, { fields: {} }],
    [
      { unit: '円', merge: 'sum' },
      { fields: {}, moneyUnit: '円', merge: 'sum' },
    ],
    [{ unit: '万円', merge: 'add' }, { fields: {} }],
    [{ blocks: 'off' }, { fields: {}, yearBlocks: false }],
    [
      { blocks: 'on', year0: '2021', year1: ' 2022 ', year2: '22', year3: '1800' },
      { fields: {}, yearBlocks: true, blockYears: { 0: 2021, 1: 2022 } },
    ],
    [
      { 'band.0.A': 'good', 'band.0.見直し余地がある': 'poor', 'band.1.C.D': 'not_comparable', 'band.0.B': 'best', 'band.x.C': 'poor' },
      { fields: {}, bands: { '0.A': 'good', '0.見直し余地がある': 'poor', '1.C.D': 'not_comparable' } },
    ],
  ])('choicesFrom %j', (params, choices) => {
    const fields = params as Record<string, string>;
    expect(choicesFrom((k) => fields[k], Object.keys(fields))).toEqual(choices);
  });

  it.each([
    ['Kodama Town', 'x.csv', 'kodama-town'],
    [undefined, '2-1_RS_2024.csv', '2-1-rs-2024'],
    ['', 'こだま.csv', 'mapped'],
  ])('profileName(%s, %s) → %s', (typed, file, name) => {
    expect(profileName(typed, file)).toBe(name);
  });

  it('headerChanges names renamed columns; headerSignature ignores width and spaces', () => {
    expect(headerChanges(['番号', '名称', '総合'], ['番号', '名称', '総合判定'])).toEqual({ added: ['総合判定'], removed: ['総合'] });
    expect(headerSignature([' 番号 ', 'ＩＤ', ''])).toBe(headerSignature(['番号', 'ID']));
  });
});

describe('mapping step settings in the profile', () => {
  const yenCols = [
    col('ID', '0001', '0002', '0003'),
    col('名称', 'a', 'b', 'c'),
    col('年度', '令和5年度', '令和5年度', '令和5年度'),
    col('執行額', '33498000', '120000000', '5000000'),
    col('人件費（千円）', '100', '200', '300'),
  ];
  const make = (options: Partial<ProfileOptions>) => profileFromProposals(proposeColumns(yenCols), yenCols, { name: 'units', kind: 'csv', ...options });

  it('proposes 円 for the file when its unitless money columns hold yen', () => {
    expect(proposedMoneyUnit(proposeColumns(yenCols))).toBe('円');
    expect(proposedMoneyUnit(proposeColumns(yenCols.filter((c) => c.header !== '執行額')))).toBe('千円');
  });

  it.each([
    // The file's unit in the profile; a column's own unit in its target where it differs.
    [{}, undefined, { '事業費合計（円）': '執行額', 人件費合計: '人件費（千円）' }],
    [{ moneyUnit: '円' as const }, '円', { 事業費合計: '執行額', '人件費合計（千円）': '人件費（千円）' }],
    [{ moneyUnit: '千円' as const }, undefined, { '事業費合計（円）': '執行額', 人件費合計: '人件費（千円）' }],
    [{ moneyUnit: '百万円' as const }, '百万円', { '事業費合計（円）': '執行額', '人件費合計（千円）': '人件費（千円）' }],
  ])('moneyUnit %j → profile %s, columns %j', (options, unit, columns) => {
    const profile = make(options);
    expect(profile.moneyUnit).toBe(unit);
    expect(profile.columns).toMatchObject(columns);
    expect(parseProfile(profile).ok).toBe(true);
  });

  it.each([
    [undefined, undefined],
    [false, undefined],
    [true, { sum: ['事業費合計（円）', '人件費合計'] }],
  ])('mergeSum %s → mergeRows %j', (mergeSum, mergeRows) => {
    const profile = make(mergeSum === undefined ? {} : { mergeSum });
    expect(profile.mergeRows).toEqual(mergeRows);
    expect(parseProfile(profile).ok).toBe(true);
  });

  const blockCols = [
    col('事務事業ID', '0001', '0002'),
    col('事務事業名', 'a', 'b'),
    col('年度', '7', '7'),
    col('事業費計 （A）', '100', '200'),
    col('延べ業務時間', '10', '20'),
    col('事業費計 （A）', '110', '210'),
    col('延べ業務時間', '11', '21'),
  ];

  it('detects the repeated blocks with their columns, and proposes years ending at the evaluated one', () => {
    const proposals = proposeColumns(blockCols);
    expect(detectYearBlocks(proposals)).toEqual({
      count: 2,
      columns: [
        { field: '事業費合計', header: '事業費計 （A）', letters: ['D', 'F'] },
        { field: '正規職員業務時間', header: '延べ業務時間', letters: ['E', 'G'] },
      ],
    });
    expect(detectYearBlocks(proposals, 2)).toBeNull();
    expect(detectYearBlocks(proposeColumns(blockCols.slice(0, 5)))).toBeNull();
    expect(proposedBlockYears(proposals, blockCols, 2)).toEqual([2024, 2025]);
    // Without a year column there is no evaluated year: each repeated header is read once, from its last column.
    const noYear = blockCols.filter((c) => c.header !== '年度');
    const profile = profileFromProposals(proposeColumns(noYear), noYear, { name: 'no-year', kind: 'xlsx' });
    expect(profile.yearBlocks).toBeUndefined();
    expect(profile.columns).toMatchObject({ 事業費合計: { column: 'E' } });
  });

  it.each([
    [{}, { fiscalYears: [2024, 2025], columns: { 事業費合計: '事業費計 （A）', 正規職員業務時間: '延べ業務時間' } }, undefined],
    [{ blockYears: [2020, 2022] }, { fiscalYears: [2020, 2022], columns: { 事業費合計: '事業費計 （A）', 正規職員業務時間: '延べ業務時間' } }, undefined],
    // Refused: each repeated header is read once, from its last column.
    [{ yearBlocks: false }, undefined, { 事業費合計: { column: 'F' }, 正規職員業務時間: { column: 'G' } }],
  ])('year blocks %j', (options, yearBlocks, columns) => {
    const profile = profileFromProposals(proposeColumns(blockCols), blockCols, { name: 'blocks', kind: 'xlsx', ...options });
    expect(profile.yearBlocks).toEqual(yearBlocks);
    if (columns) expect(profile.columns).toMatchObject(columns);
    expect(parseProfile(profile).ok).toBe(true);
  });

  const gradeCols = [
    col('ID', '0001', '0002', '0003'),
    col('名称', 'a', 'b', 'c'),
    col('年度', '令和5年度', '令和5年度', '令和5年度'),
    col('総合評価', ...repeat(12, '妥当', '見直し', '終了予定')),
  ];

  it.each([
    [{}, { 妥当: 'good', 見直し: 'poor', 終了予定: 'not_comparable' }],
    [{ '0.見直し': 'middle' as const }, { 妥当: 'good', 見直し: 'middle', 終了予定: 'not_comparable' }],
    // Another criterion's index or an unknown grade changes nothing.
    [
      { '1.妥当': 'poor' as const, '0.廃止': 'poor' as const },
      { 妥当: 'good', 見直し: 'poor', 終了予定: 'not_comparable' },
    ],
  ])('bands %j', (bands, expected) => {
    const profile = profileFromProposals(proposeColumns(gradeCols), gradeCols, { name: 'bands', kind: 'csv', bands });
    const grades = profile.rating?.criteria[0]?.grades ?? [];
    expect(Object.fromEntries(grades.map((g) => [g.code, g.band]))).toEqual(expected);
    expect(parseProfile(profile).ok).toBe(true);
  });
});

describe('fieldClashes', () => {
  const chosen = (...pairs: [string, string | null][]) =>
    pairs.map(([header, field], index) => ({
      index,
      letter: String.fromCharCode(65 + index),
      header,
      field,
      shape: 'text' as const,
      reason: 'none' as const,
      score: 1,
      samples: [],
    }));
  it.each([
    ['a text field chosen for two headers', chosen(['部局', '部名'], ['部名', '部名']), [{ field: '部名', letters: ['A', 'B'] }]],
    ['money is summed', chosen(['国庫支出金', '国県支出金'], ['県支出金', '国県支出金']), []],
    ['digit columns are joined', chosen(['政策番号 十の位', 'まちづくり目標番号'], ['政策番号 一の位', 'まちづくり目標番号']), []],
    ['a header repeated in year blocks', chosen(['実績値', '指標1実績値'], ['実績値', '指標1実績値']), []],
    ['several verdicts', chosen(['総合', NEW_RATING], ['所見', NEW_RATING]), []],
    ['one column each', chosen(['事業名', '事業名'], ['課', '課名'], ['備考', null]), []],
  ])('%s', (_name, proposals, clashes) => {
    expect(fieldClashes(proposals)).toEqual(clashes);
  });
});
