/**
 * The bad-input corpus (tests/fixtures/bad/): for every refused file the exact errors — line,
 * column, value as written, the Japanese and English message and the file name — and a database
 * left exactly as it was (fingerprint of every table before and after), on both drivers.
 * Every file in the directory must have an entry here (refused in CASES, or accepted in
 * ACCEPTED), so a new bad file cannot go untested.
 *
 * Files too big to commit (10,000 columns, a line over 1 MB, 100 MB) are generated at run time
 * into a temp directory (GENERATED, HUGE below).
 *
 * Accepted on purpose: text that looks like a spreadsheet formula (`=cmd|' /C calc'!A0`, `+…`,
 * `-…`, `@…`) or like HTML (`<script>`, `<img onerror>`) in a text column. A review may quote a
 * formula or a tag, and refusing it would lose what a city wrote; the danger is only in how it
 * is shown and exported, so it is stored verbatim, every CSV export neutralises it (safeCell),
 * and React renders it as text (tests/e2e/hostile-text.test.ts proves that in Chromium).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, queryRows, type DbHandle } from '../../db/client';
import { projectsCsvText } from '../../db/export/projects-csv';
import { mappingFileSchema } from '../../db/import/headers';
import { MAX_FILE_BYTES } from '../../db/import/limits';
import { importFile, loadCsvFile, type LoadOptions } from '../../db/import/load';
import { exportProjects, listRatingCriteria } from '../../db/queries/projects';
import { DRIVERS, freshDatabase, freshPostgresUrl } from '../support/databases';
import { fingerprint, type Fingerprint } from '../support/fingerprint';

const DIR = 'tests/fixtures/bad';
/** Evaluation years are checked against this date: FY2025 (令和7年度) is the current one. */
const TODAY = new Date('2025-06-01T00:00:00Z');

type Expected = [line: number | null, column: string | null, value: string | null, ja: string, en: string];

const CASES: [file: string, errors: Expected[]][] = [
  // 事業費 is an alias of 事業費合計: two columns would feed one field.
  [
    'ambiguous-columns.csv',
    [
      [
        1,
        '事業費合計',
        null,
        '列「事業費合計」と列「事業費」がどちらも「事業費合計」を表しています。どちらか一方にしてください',
        'Columns "事業費合計" and "事業費" both mean "事業費合計"; keep only one',
      ],
    ],
  ],
  // 令和4年度 and 2022 are the same fiscal year: one project-year twice.
  [
    'duplicate-project-year.csv',
    [
      [
        3,
        '事業番号',
        '0086',
        '事業番号「0086」の2022年度は2行目にもあります（同じ事業・年度は1行だけにしてください）',
        'Project "0086" for FY2022 already appears on line 2 (one row per project and year)',
      ],
    ],
  ],
  // The header is there, the cell is not.
  ['empty-required-cell.csv', [[2, '事業名', '', '「事業名」が空です。この列は必須です', '"事業名" is empty; this column is required']]],
  // Zero bytes.
  ['empty.csv', [[null, null, null, 'ファイルが空です', 'The file is empty']]],
  // 令和4 is 2022, not 2021: one of the two is a typo.
  [
    'era-and-western-disagree.csv',
    [
      [
        2,
        '年度',
        '令和4(2021)年度',
        '「令和4(2021)年度」は和暦と西暦が一致しません（2022年度と2021年度）',
        '"令和4(2021)年度": the two years disagree (FY2022 and FY2021)',
      ],
    ],
  ],
  // 平成 ended in its 31st year.
  [
    'era-year-out-of-range.csv',
    [[2, '年度', '平成32年度', '「平成32年度」は範囲外の年度です（平成は元年〜31年）', '"平成32年度" is out of range: 平成 years run from 1 to 31 (H1–H31)']],
  ],
  // EUC-JP is neither UTF-8 nor Shift_JIS; read as Shift_JIS it has undecodable bytes.
  [
    'euc-jp.csv',
    [
      [
        1,
        null,
        null,
        'テキストのCSVファイルとして読めません（1行目にUTF-8でもShift_JISでもない文字があります）。Excelファイルなどを名前だけ .csv に変えていないか確認し、CSV形式で保存し直してください',
        'This is not a CSV text file (line 1 holds bytes that are neither UTF-8 nor Shift_JIS). Check that it is not an Excel or other file renamed to .csv, and save it as CSV',
      ],
    ],
  ],
  // A zip (an .xlsx workbook) renamed .csv: recognised by its first bytes.
  [
    'excel-renamed.csv',
    [
      [
        null,
        null,
        null,
        'このファイルはCSVではなくExcelのブック（.xlsx）などのZIP形式のファイルです（名前だけ .csv になっています）。元のファイルを開き、Excelで「CSV UTF-8（コンマ区切り）」か「CSV（コンマ区切り）」で保存し直してください',
        'This is not a CSV file but an Excel workbook (.xlsx) or another zip file renamed to .csv. Open the original and save it from Excel as "CSV UTF-8 (Comma delimited)" or "CSV (Comma delimited)"',
      ],
    ],
  ],
  // 大正14年度 = FY1925.
  [
    'fiscal-year-before-1926.csv',
    [
      [
        2,
        '年度',
        '1925',
        '大正14年度（1925）は評価の年度として古すぎます（1926年度以降にしてください）',
        'FY1925 is too early for an evaluation (FY1926 or later)',
      ],
    ],
  ],
  // With today = 2025-06-01 the current fiscal year is 2025 (令和7年度).
  [
    'future-fiscal-year.csv',
    [
      [
        2,
        '年度',
        '2099',
        '令和81年度（2099）はまだ始まっていない年度です（今年度は令和7年度）',
        'FY2099 has not started yet (the current fiscal year is FY2025)',
      ],
    ],
  ],
  // A header and nothing else.
  ['header-only.csv', [[null, null, null, 'データ行がありません', 'The file has no data rows']]],
  // The same indicator name in groups 1 and 2.
  ['indicator-twice.csv', [[2, '指標2名', '訪問件数', '指標「訪問件数」が同じ行に2回あります', 'Indicator "訪問件数" appears twice in the row']]],
  // Rows per indicator must repeat the project fields unchanged.
  [
    'long-layout-disagrees.csv',
    [
      [
        3,
        '事業費合計',
        '1300',
        '同じ事業・年度の2行目と値が異なります（指標ごとの行では、指標以外の項目は同じ値にしてください）',
        'Differs from line 2 for the same project and year (rows per indicator must repeat the other fields unchanged)',
      ],
    ],
  ],
  // The mapping file (mapping-unknown-target.mapping.json) names a column Hyoka does not have.
  [
    'mapping-unknown-target.csv',
    [[1, '予算額', null, '対応表の「予算額」→「予算」: 「予算」はHyokaの列名ではありません', 'Mapping "予算額" → "予算": "予算" is not a Hyoka column']],
  ],
  // "12,34" is no way of writing a number.
  [
    'misplaced-separators.csv',
    [
      [
        2,
        '事業費合計',
        '12,34',
        '「12,34」の桁区切り（,）の位置が正しくありません（例: 1,234,567）',
        '"12,34" has misplaced thousands separators (e.g. 1,234,567)',
      ],
    ],
  ],
  // No 事業番号 column at all.
  [
    'missing-required-columns.csv',
    [
      [
        1,
        null,
        null,
        '必須の列がありません: 事業番号（見つかった列: 市区町村コード、市区町村名、年度、事業名、事業費合計）',
        'Required columns are missing: 事業番号 (found: 市区町村コード, 市区町村名, 年度, 事業名, 事業費合計)',
      ],
    ],
  ],
  // Numbered (wide) and unnumbered (long) indicator columns in one header.
  [
    'mixed-indicator-layouts.csv',
    [
      [
        1,
        null,
        null,
        '番号付きの指標列（指標1名…）と番号なしの指標列（指標名・目標値…）が混在しています。どちらかの形式にしてください',
        'Numbered indicator columns (指標1名 …) and unnumbered ones (指標名, 目標値 …) are mixed; use one layout',
      ],
    ],
  ],
  // 人 is a unit, but not of money.
  [
    'money-wrong-unit.csv',
    [
      [
        2,
        '事業費合計',
        '818人',
        '「818人」の単位「人」は金額の単位ではありません（円、千円、万円、百万円、千万円、億円）',
        '"818人" has the unit "人", which is not money (円, 千円, 万円, 百万円, 千万円, 億円)',
      ],
    ],
  ],
  // △500 is how sheets write −500: money cannot be negative. Both cells are named.
  [
    'negative-money.csv',
    [
      [2, '事業費合計', '△500', '「事業費合計」が負の金額です（△500）', '"事業費合計" is a negative amount (△500)'],
      [2, '一般財源', '△500', '「一般財源」が負の金額です（△500）', '"一般財源" is a negative amount (△500)'],
    ],
  ],
  // The first line is already data.
  [
    'no-header-row.csv',
    [
      [
        1,
        null,
        null,
        '1行目にHyokaの列名が一つもありません（1行目: 019999、見本市、令和4年度、0086、見守り事業）。1行目を見出し行（年度、事業番号、事業名、市区町村コード、市区町村名 …）にしてください',
        'Line 1 holds no column name Hyoka knows (line 1: 019999, 見本市, 令和4年度, 0086, 見守り事業). Make line 1 the header row (年度, 事業番号, 事業名, 市区町村コード, 市区町村名 …)',
      ],
    ],
  ],
  // A population of 0 would divide by zero in cost per citizen.
  ['population-zero.csv', [[2, '人口', '0', '人口は1以上でなければなりません（0）', 'Population must be at least 1 (0)']]],
  // Excel wrote 120000 as 1.2E+05.
  [
    'scientific-notation.csv',
    [
      [
        2,
        '事業費合計',
        '1.2E+05',
        '「1.2E+05」は指数表記です。数字をそのまま書いてください（例: 100000）',
        '"1.2E+05" is in scientific notation; write the number out in full (e.g. 100000)',
      ],
    ],
  ],
  // The row stops before 事業費合計 and 人件費合計.
  [
    'short-row.csv',
    [
      [
        2,
        null,
        null,
        '値が5個しかなく、見出しの7列に足りません。値の途中で改行している場合は値を "…" で囲んでください',
        'The row has only 5 values but the header has 7 columns. Enclose values containing a line break in "…"',
      ],
    ],
  ],
  // 600 + 300 = 900, not 1,000: more than the 1千円 rounding tolerance.
  [
    'sources-dont-add-up.csv',
    [
      [
        2,
        '事業費合計',
        '1000',
        '「事業費合計」1,000千円が 国県支出金 + 一般財源 の合計 900千円と一致しません（差 100千円）',
        '"事業費合計" 1,000 does not equal 国県支出金 + 一般財源 = 900 (thousand yen; difference 100)',
      ],
    ],
  ],
  // 1,500 persons on one project: hours in the FTE column.
  [
    'staff-count-implausible.csv',
    [
      [
        2,
        '正規職員人数',
        '1500',
        '「正規職員人数」1500人は職員数としてありえません（0〜200人。時間数なら「業務時間」の列に入れてください）',
        '"正規職員人数" 1500 is not a plausible staff count (0–200; hours belong in the hours column)',
      ],
    ],
  ],
  // "訪問"と電話: text after a closing quote.
  [
    'stray-quote.csv',
    [
      [
        2,
        '事業内容',
        null,
        '引用符（"）で囲んだ値の後に余分な文字があります。値の中の " は "" と書いてください',
        'There are characters after the closing quote (") of a value. Write a " inside a value as ""',
      ],
    ],
  ],
  // 未定 in a money column.
  [
    'text-in-numeric.csv',
    [
      [
        2,
        '事業費合計',
        '未定',
        '「未定」は数量として読めません。数値の後に単位を書いてください（例: 818千円、0.1人、133.3%）',
        '"未定" is not a quantity: write the number, then the unit (e.g. 818千円, 0.1人, 133.3%)',
      ],
    ],
  ],
  // 1,234 + 4,000 = 5,234, not 6,234.
  [
    'total-cost-dont-add-up.csv',
    [
      [
        2,
        'トータルコスト',
        '6234',
        '「トータルコスト」6,234千円が 事業費合計 + 人件費合計 の合計 5,234千円と一致しません（差 1,000千円）',
        '"トータルコスト" 6,234 does not equal 事業費合計 + 人件費合計 = 5,234 (thousand yen; difference 1,000)',
      ],
    ],
  ],
  // The quote opened on line 2 never closes.
  [
    'unbalanced-quotes.csv',
    [
      [
        2,
        '事業内容',
        null,
        '引用符（"）が閉じられていません。この値からファイルの終わりまでが1つの値として読まれてしまいます。値を "…" で囲み、値の中の " は "" と書いてください',
        'A quote (") is never closed, so the rest of the file would be read as one value. Enclose the value in "…" and write a " inside it as ""',
      ],
    ],
  ],
  // 種別 must be activity or outcome.
  [
    'unknown-indicator-kind.csv',
    [
      [
        2,
        '指標1種別',
        'その他',
        '「指標1種別」の「その他」は読めません（使える値: 活動指標・活動・アウトプット・アクティビティ・成果指標・成果・アウトカム）',
        '"その他" is not a valid value for "指標1種別" (allowed: 活動指標・活動・アウトプット・アクティビティ・成果指標・成果・アウトカム)',
      ],
    ],
  ],
  // 他市並み is not one of 実施水準's labels.
  [
    'unknown-rating-label.csv',
    [
      [
        2,
        '実施水準',
        '他市並み',
        '「実施水準」の評価「他市並み」はこの自治体の評価基準にありません（使える値: A（他市より高い水準で実施）、B（他市と同水準で実施）、C（他市より低い水準で実施）、N（一律に比較できない事業））',
        '"他市並み" is not a grade of "実施水準" in this municipality\'s scheme (allowed: A (Higher than other cities), B (Same as other cities), C (Lower than other cities), N (Not comparable))',
      ],
    ],
  ],
  // 有効性 is graded A–C; A for 進捗状況 is fine.
  [
    'unknown-rating-letter.csv',
    [
      [
        2,
        '有効性',
        'D',
        '「有効性」の評価「D」はこの自治体の評価基準にありません（使える値: A（高い）、B（普通）、C（低い））',
        '"D" is not a grade of "有効性" in this municipality\'s scheme (allowed: A (High), B (Average), C (Low))',
      ],
    ],
  ],
  // 1,234 unquoted splits into two values and shifts every later column.
  [
    'unquoted-thousands.csv',
    [
      [
        2,
        null,
        null,
        '値が8個あり、見出しの7列より多くなっています。カンマ（,）を含む値（1,234 など）は "…" で囲んでください',
        'The row has 8 values but the header has 7 columns. Enclose values containing a comma (such as 1,234) in "…"',
      ],
    ],
  ],
  // 来年度 ("next year") names no fiscal year.
  [
    'unreadable-fiscal-year.csv',
    [[2, '年度', '来年度', '「来年度」は年度として読めません（例: 令和4年度, R4, 2022）', '"来年度" is not a fiscal year (e.g. 令和4年度, R4, 2022)']],
  ],
  // Excel's "Unicode text" export.
  [
    'utf16.csv',
    [
      [
        null,
        null,
        null,
        'ファイルがUTF-16で保存されています。Excelで「CSV UTF-8（コンマ区切り）」か「CSV（コンマ区切り）」で保存し直してください',
        'The file is saved as UTF-16. Save it from Excel as "CSV UTF-8 (Comma delimited)" or "CSV (Comma delimited)"',
      ],
    ],
  ],
  // A PDF (%PDF-) renamed .csv.
  [
    'pdf-renamed.csv',
    [
      [
        null,
        null,
        null,
        'このファイルはCSVではなくPDFファイルです（名前だけ .csv になっています）。元のファイルを開き、Excelで「CSV UTF-8（コンマ区切り）」か「CSV（コンマ区切り）」で保存し直してください',
        'This is not a CSV file but a PDF file renamed to .csv. Open the original and save it from Excel as "CSV UTF-8 (Comma delimited)" or "CSV (Comma delimited)"',
      ],
    ],
  ],
  // An old .xls workbook (OLE2 compound file) renamed .csv.
  [
    'xls-renamed.csv',
    [
      [
        null,
        null,
        null,
        'このファイルはCSVではなく古い形式のExcelのブック（.xls）です（名前だけ .csv になっています）。元のファイルを開き、Excelで「CSV UTF-8（コンマ区切り）」か「CSV（コンマ区切り）」で保存し直してください',
        'This is not a CSV file but an old-format Excel workbook (.xls) renamed to .csv. Open the original and save it from Excel as "CSV UTF-8 (Comma delimited)" or "CSV (Comma delimited)"',
      ],
    ],
  ],
  // A UTF-8 byte-order mark in front of Shift_JIS bytes: the file declares the wrong encoding.
  [
    'bom-but-shift-jis.csv',
    [
      [
        1,
        null,
        null,
        'ファイルの先頭にUTF-8の印（BOM）がありますが、1行目はUTF-8ではありません（Shift_JISなど別の文字コードです）。Excelで「CSV UTF-8（コンマ区切り）」か「CSV（コンマ区切り）」で保存し直してください',
        'The file starts with a UTF-8 byte-order mark, but line 1 is not UTF-8 (it is Shift_JIS or another encoding). Save it from Excel as "CSV UTF-8 (Comma delimited)" or "CSV (Comma delimited)"',
      ],
    ],
  ],
  // Two files joined: lines 1–2 UTF-8, line 3 Shift_JIS. Read either way, one half would be mojibake.
  [
    'mixed-encodings.csv',
    [
      [
        3,
        null,
        null,
        '1つのファイルにUTF-8の行（1行目など）とShift_JISなど別の文字コードの行（3行目など）が混在しています。ファイルをつなぎ合わせた場合は、1つの文字コードにそろえてから保存し直してください',
        'The file mixes UTF-8 lines (e.g. line 1) with lines in another encoding such as Shift_JIS (e.g. line 3). If files were joined, convert them to one encoding and save again',
      ],
    ],
  ],
  // A NUL byte inside 事業内容 on line 2 (a damaged file or a binary field exported raw).
  [
    'nul-bytes.csv',
    [
      [
        2,
        null,
        null,
        '2行目にNUL文字（0x00）があります。CSVのテキストには含められない文字です。書き出した元のシステムかファイルが壊れていないか確認し、Excelで「CSV UTF-8（コンマ区切り）」か「CSV（コンマ区切り）」で保存し直してください',
        'Line 2 holds a NUL byte (0x00), which a CSV text cannot contain. Check the system that wrote the file or whether it is damaged, then save it from Excel as "CSV UTF-8 (Comma delimited)" or "CSV (Comma delimited)"',
      ],
    ],
  ],
  // 9,999,999,999,999千円 (about 1京円) for one project: yen in the 千円 column, or a typo.
  // Also beyond what the numeric column holds when written in yen: refused before writing.
  [
    'absurd-money.csv',
    [
      [
        2,
        '事業費合計',
        '9999999999999',
        '「事業費合計」9,999,999,999,999千円は1事業・1年度の金額としてありえません（上限 1兆円 = 1,000,000,000千円）。単位（円・千円）と桁を確認してください',
        '"事業費合計" 9,999,999,999,999 thousand yen is not a plausible amount for one project and year (at most 1 trillion yen = 1,000,000,000 thousand yen). Check the unit (yen or thousand yen) and the digits',
      ],
      [
        2,
        '一般財源',
        '9999999999999',
        '「一般財源」9,999,999,999,999千円は1事業・1年度の金額としてありえません（上限 1兆円 = 1,000,000,000千円）。単位（円・千円）と桁を確認してください',
        '"一般財源" 9,999,999,999,999 thousand yen is not a plausible amount for one project and year (at most 1 trillion yen = 1,000,000,000 thousand yen). Check the unit (yen or thousand yen) and the digits',
      ],
    ],
  ],
  // A formula in a money column is not a number (in a text column it is accepted: see ACCEPTED).
  [
    'formula-in-numeric.csv',
    [
      [
        2,
        '事業費合計',
        '=SUM(A1:A3)',
        '「=SUM(A1:A3)」は数量として読めません。数値の後に単位を書いてください（例: 818千円、0.1人、133.3%）',
        '"=SUM(A1:A3)" is not a quantity: write the number, then the unit (e.g. 818千円, 0.1人, 133.3%)',
      ],
    ],
  ],
  // The file says 019999; the caller said 019998 (see OPTIONS).
  [
    'municipality-conflict.csv',
    [
      [
        2,
        '市区町村コード',
        '019999',
        'ファイルの市区町村コード「019999」が、指定された自治体「019998」と異なります',
        'The file\'s municipality code "019999" differs from the municipality given ("019998")',
      ],
    ],
  ],
];

/** Options a case needs besides its file (a mapping file is picked up from next to the CSV). */
const OPTIONS: Record<string, Partial<LoadOptions>> = {
  'municipality-conflict.csv': { municipality: { code: '019998', name: '別市' } },
};

function optionsFor(file: string): LoadOptions {
  const mappingPath = `${DIR}/${file.replace(/\.csv$/, '.mapping.json')}`;
  const mapping = existsSync(mappingPath) ? mappingFileSchema.parse(JSON.parse(readFileSync(mappingPath, 'utf8'))) : undefined;
  return { fileName: file, mapping, today: TODAY, ...OPTIONS[file] };
}

/**
 * Accepted on purpose (see the header comment): formula-looking and HTML text in text columns is
 * stored verbatim. `stored` is what the database must hold, `csv` the project-list export's cells
 * for 事業名, 部名 and 課名.
 */
const ACCEPTED: [
  file: string,
  stored: { name: string; department: string | null; section: string | null; content: string | null; review: string | null },
  csv: string[],
][] = [
  [
    'formula-text.csv',
    { name: "=cmd|' /C calc'!A0", department: '+福祉部', section: '-高齢課', content: '@SUM(A1:A9)', review: '=HYPERLINK("http://example.invalid","詳細")' },
    ["'=cmd|' /C calc'!A0", "'+福祉部", "'-高齢課"],
  ],
  [
    'html-text.csv',
    {
      name: '<script>window.__xss=1</script>見守り事業',
      department: '<b>福祉部</b>',
      section: null,
      content: '<img src=x onerror="window.__xss=2">',
      review: '<img src=x onerror="window.__xss=3">総評</textarea><svg onload=window.__xss=4>',
    },
    ['<script>window.__xss=1</script>見守り事業', '<b>福祉部</b>', ''],
  ],
];

const work = mkdtempSync(join(tmpdir(), 'hyoka-bad-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const HEADER = '市区町村コード,市区町村名,年度,事業番号,事業名,事業費合計,一般財源';
const ROW = '019999,見本市,令和4年度,0086,見守り事業,1000,1000';

/** Too big to commit: written at run time. Same shape as CASES. */
const GENERATED: [file: string, make: () => string, errors: Expected[]][] = [
  // The seven known columns and 9,993 more: a table pasted sideways, not a sheet export.
  [
    'ten-thousand-columns.csv',
    () => [HEADER + Array.from({ length: 9993 }, (_, i) => `,列${i + 1}`).join(''), ROW + ','.repeat(9993)].join('\n') + '\n',
    [
      [
        1,
        null,
        null,
        '見出し行に10,000列あります。Hyokaが読めるのは1,000列までです（評価シートの書き出しは通常200列以下です）。行と列を入れ替えていないか確認してください',
        'The header row has 10,000 columns; Hyoka reads at most 1,000 (a sheet export has at most about 200). Check that rows and columns are not swapped',
      ],
    ],
  ],
  // Line 2 is 1.2 MB: a 事業内容 of 400,000 characters.
  [
    'line-over-1mb.csv',
    () => `${HEADER},事業内容\n${ROW},"${'訪問'.repeat(200_000)}"\n`,
    [
      [
        2,
        '事業内容',
        null,
        '値が長すぎます（400,000文字）。1つの値は20,000文字までです。引用符の閉じ忘れや、別のファイルを貼り付けていないか確認してください',
        'The value is too long (400,000 characters; at most 20,000). Check for an unclosed quote or another file pasted into the cell',
      ],
    ],
  ],
];

/**
 * 100 MiB: 3,495 sheets with a 10,000-character 事業内容 each, all valid but the last, whose 有効性
 * is D. The importer reads the whole file and refuses it for that one row, writing nothing (the
 * CLI takes files up to 256 MB, db/import/limits.ts; the web page stops at 50 MB, which
 * tests/e2e/upload-limit.test.ts shows). On both drivers, and once through the CLI.
 */
const HUGE = 'hundred-megabytes.csv';
const HUGE_TEXT = '訪問による見守りと安否確認を行う。'.repeat(625); // 10,000 characters
function hugeFile(): { bytes: Buffer; lastLine: number } {
  const header = `${HEADER},事業内容,有効性\n`;
  const line = (i: number, grade: string) => `019999,見本市,令和4年度,${String(i).padStart(6, '0')},見守り事業,1000,1000,${HUGE_TEXT},${grade}\n`;
  const size = Buffer.byteLength(line(0, 'A'));
  const count = Math.ceil((100 * 1024 * 1024 - Buffer.byteLength(header)) / size);
  const parts = [header];
  for (let i = 1; i < count; i++) parts.push(line(i, 'A'));
  parts.push(line(count, 'D'));
  return { bytes: Buffer.from(parts.join('')), lastLine: count + 1 };
}
const HUGE_ERROR = (line: number): Expected => [
  line,
  '有効性',
  'D',
  '「有効性」の評価「D」はこの自治体の評価基準にありません（使える値: A（高い）、B（普通）、C（低い））',
  '"D" is not a grade of "有効性" in this municipality\'s scheme (allowed: A (High), B (Average), C (Low))',
];

it('every file of the corpus has a case, and every case a file', () => {
  const files = readdirSync(DIR)
    .filter((f) => f.endsWith('.csv'))
    .sort();
  expect(files.length).toBeGreaterThanOrEqual(30);
  expect([...CASES.map(([file]) => file), ...ACCEPTED.map(([file]) => file)].sort()).toEqual(files);
  // Committed and generated together: the list, with room to spare.
  expect(files.length + GENERATED.length + 1).toBeGreaterThanOrEqual(45);
});

describe.each(DRIVERS)('malformed files on %s', (driver) => {
  let handle: DbHandle;
  let before: Fingerprint;

  beforeAll(async () => {
    handle = await freshDatabase(driver);
    // A database with data in it, so "unchanged" means something: the seed sheet.
    await loadCsvFile(handle.db, readFileSync('tests/fixtures/seed/isehara-40-106.csv'), { fileName: 'isehara-40-106.csv' });
    before = await fingerprint(handle.db);
    expect(before.evaluations!.rows).toBe(2);
  });
  afterAll(() => handle?.close());

  async function refused(file: string, bytes: Uint8Array, expected: Expected[], options: LoadOptions = optionsFor(file)) {
    const outcome = await importFile(handle.db, bytes, options);
    expect(outcome.ok).toBe(false);
    expect(outcome.result).toBeNull();
    expect(outcome.errors.map((p) => [p.line, p.column, p.value, p.message.ja, p.message.en])).toEqual(expected);
    expect(outcome.errors.every((p) => p.file === file && p.severity === 'error')).toBe(true);
    expect(outcome.warnings).toEqual([]);
    expect(await fingerprint(handle.db)).toEqual(before);
  }

  it.each(CASES)('%s is refused with exactly its errors, and nothing is written', async (file, expected) => {
    await refused(file, readFileSync(`${DIR}/${file}`), expected);
  });

  it.each(GENERATED)('%s (generated) is refused with exactly its errors, and nothing is written', async (file, make, expected) => {
    const path = join(work, file);
    if (!existsSync(path)) writeFileSync(path, make());
    await refused(file, readFileSync(path), expected, { fileName: file, today: TODAY });
  });

  it('a 100 MB file with one bad row at its end is refused for that row, and nothing is written', async () => {
    const { bytes, lastLine } = hugeFile();
    expect(bytes.length).toBeGreaterThanOrEqual(100 * 1024 * 1024);
    await refused(HUGE, bytes, [HUGE_ERROR(lastLine)], { fileName: HUGE, today: TODAY });
  });

  it('a dry run of a malformed file is refused the same way', async () => {
    const file = 'sources-dont-add-up.csv';
    const outcome = await importFile(handle.db, readFileSync(`${DIR}/${file}`), { ...optionsFor(file), dryRun: true });
    expect(outcome.errors.map((p) => p.line)).toEqual([2]);
    expect(await fingerprint(handle.db)).toEqual(before);
  });
});

describe.each(DRIVERS)('formula-looking and HTML text on %s', (driver) => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await freshDatabase(driver);
  });
  afterAll(() => handle?.close());

  it.each(ACCEPTED)('%s is imported verbatim, and the CSV export neutralises it', async (file, stored, csv) => {
    const result = await loadCsvFile(handle.db, readFileSync(`${DIR}/${file}`), { fileName: file, today: TODAY });
    expect(result).toMatchObject({ rows: 1, warnings: [] });
    const [row] = await queryRows<{
      id: number;
      name: string;
      department: string | null;
      section: string | null;
      content: string | null;
      review: string | null;
      municipality_id: number;
    }>(
      handle.db,
      sql`select p.municipality_id, p.name, d.name as department, s.name as section, p.content, e.review
          from projects p join evaluations e on e.project_id = p.id
          left join departments d on d.id = p.department_id left join sections s on s.id = p.section_id
          where p.code = '0086' and e.import_batch_id = ${result.batchId}`,
    );
    expect({ name: row!.name, department: row!.department, section: row!.section, content: row!.content, review: row!.review }).toEqual(stored);

    const filter = { municipalityId: Number(row!.municipality_id), fiscalYear: 2022 };
    const rows = await exportProjects(handle.db, filter, { sort: 'code', dir: 'asc' });
    const criteria = await listRatingCriteria(handle.db, filter.municipalityId);
    const text = projectsCsvText(rows, { municipalityCode: '019999', fiscalYear: 2022, criteria });
    const cells = text.split('\r\n')[1]!.split(',');
    expect(cells.slice(3, 6)).toEqual(csv);
  });
});

describe('the import CLI and huge files', () => {
  let url: string;
  let handle: DbHandle;
  let before: Fingerprint;
  beforeAll(async () => {
    url = await freshPostgresUrl();
    handle = await openDatabase({ url });
    await loadCsvFile(handle.db, readFileSync('tests/fixtures/seed/isehara-40-106.csv'), { fileName: 'seed.csv' });
    before = await fingerprint(handle.db);
  });
  afterAll(() => handle?.close());
  const cli = (path: string) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'scripts/import.ts', path], { env: { ...process.env, DATABASE_URL: url }, encoding: 'utf8' });

  it('reads a 100 MB file through and refuses it for its one bad row, writing nothing', { timeout: 180_000 }, async () => {
    const { bytes, lastLine } = hugeFile();
    const path = join(work, HUGE);
    writeFileSync(path, bytes);
    const run = cli(path);
    expect(run.status, run.stderr).toBe(1);
    const [, , , ja, en] = HUGE_ERROR(lastLine);
    expect(run.stderr).toBe(
      `${path}: 取り込みを中止しました。何も書き込まれていません / import rejected, nothing was written (1 errors):\n` +
        `  ${HUGE}, 行 ${lastLine}, 有効性: ${ja}（値: D）\n    ${HUGE}, line ${lastLine}, 有効性: ${en}\n`,
    );
    expect(await fingerprint(handle.db)).toEqual(before);
  });

  it('refuses a 300 MB file by its size (the limit is 256 MB), before reading it', { timeout: 60_000 }, async () => {
    const path = join(work, 'over-the-limit.csv');
    writeFileSync(path, HEADER + '\n');
    truncateSync(path, 300 * 1024 * 1024); // sparse: the size without the bytes
    expect(300 * 1024 * 1024).toBeGreaterThan(MAX_FILE_BYTES);
    const run = cli(path);
    expect(run.status, run.stderr).toBe(1);
    expect(run.stderr).toBe(
      'over-the-limit.csv: ファイルが大きすぎます（300.0 MB、上限 256 MB）。年度ごと・自治体ごとなどに分けて取り込んでください\n' +
        '  over-the-limit.csv: The file is too large (300.0 MB; the limit is 256 MB). Split it, e.g. by fiscal year or municipality\n' +
        '取り込みを中止しました。何も書き込まれていません / import rejected, nothing was written\n',
    );
    expect(await fingerprint(handle.db)).toEqual(before);
  });
});
