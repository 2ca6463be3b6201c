/**
 * Reading a population file: the 住民基本台帳 or 国勢調査 tables cities and e-Stat publish, one row
 * per municipality (and year), with a code and/or name column, a population column and a year,
 * fiscal year or reference date. Title lines above the header (e-Stat puts two or three there)
 * and note lines below the table are passed over; every other row must read, or it is an error
 * naming its line, column and value.
 *
 * The year a figure counts for is the fiscal year (April–March) containing its reference date:
 * 住民基本台帳 as of 1 January 2024 → 令和5年度, 国勢調査 as of 1 October 2020 → 令和2年度. A bare
 * calendar year (「2020年」) is taken as that fiscal year, and the import says so in a warning.
 */
import { parseFiscalYear } from '../../domain/fiscal-year';
import { isMissing, normalizeWidth, parseDecimal } from '../../domain/numbers';
import type { GridRow } from '../grid';
import type { Problem } from '../problems';

export interface PopulationRecord {
  line: number;
  /** 全国地方公共団体コード as written (5 or 6 digits), or null when the file has names only. */
  code: string | null;
  name: string | null;
  fiscalYear: number;
  population: number;
}

export interface PopulationTable {
  records: PopulationRecord[];
  problems: Problem[];
}

type Role = 'code' | 'name' | 'population' | 'fiscalYear' | 'date' | 'year' | 'sex';

/** Header texts per role, compared after NFKC, without spaces and without a unit in brackets. */
const HEADERS: Record<Role, readonly string[]> = {
  code: [
    '全国地方公共団体コード',
    '地方公共団体コード',
    '団体コード',
    '市区町村コード',
    '市町村コード',
    '自治体コード',
    '地域コード',
    '標準地域コード',
    'code',
  ],
  name: ['市区町村名', '市町村名', '団体名', '自治体名', '地域名', '地域', '市区町村', 'name', 'municipality'],
  // In preference order: a 住基 table has 男, 女 and 計 (or 総数) beside each other.
  population: ['人口', '総人口', '人口総数', '人口計', '住民基本台帳人口', '総数', '計', 'population'],
  fiscalYear: ['年度', '会計年度', 'fiscalyear'],
  date: ['基準日', '調査日', '調査時点', '時点', '年月日', '調査年月日', 'date', 'asof'],
  year: ['年', '調査年', '西暦', 'year'],
  // e-Stat's 住基 tables give 計, 男 and 女 as rows: only the total is the population.
  sex: ['性別', '男女別', '男女', 'sex'],
};

const TOTAL_ROWS = new Set(['計', '総数', '男女計', '総計', '合計', 'total']);

/** A code and a name in one cell. */
const COMBINED = /^(\d{5,6})[\s_]+(\S.*)$/;

/** How many lines above the header a file may have (titles, units, a source line). */
const MAX_TITLE_LINES = 20;

export function headerKey(text: string): string {
  return normalizeWidth(text)
    .replace(/\s+/g, '')
    .replace(/[(（][^()（）]*[)）]$/, '')
    .toLowerCase();
}

/** Column index per role found in a header row (the first column for each). */
function rolesOf(cells: readonly string[]): Partial<Record<Role, number>> {
  const keys = cells.map(headerKey);
  const found: Partial<Record<Role, number>> = {};
  for (const role of Object.keys(HEADERS) as Role[]) {
    for (const header of HEADERS[role]) {
      const at = keys.indexOf(header);
      if (at >= 0) {
        found[role] = at;
        break;
      }
    }
  }
  return found;
}

const problem = (fileName: string, line: number | null, column: string | null, value: string | null, ja: string, en: string): Problem => ({
  severity: 'error',
  file: fileName,
  line,
  column,
  value,
  message: { ja, en },
});

const ERA_DATE = /^(令和|平成|昭和|[RHS])\s*(元|\d{1,2})\s*[年.\-/]\s*(\d{1,2})\s*[月.\-/]\s*(\d{1,2})\s*日?$/i;
const WESTERN_DATE = /^(\d{4})\s*[年.\-/]\s*(\d{1,2})\s*[月.\-/]\s*(\d{1,2})\s*日?(?:\s.*)?$/;
const COMPACT_DATE = /^(\d{4})(\d{2})(\d{2})$/;
const ERA_START: Record<string, number> = { 令和: 2019, R: 2019, 平成: 1989, H: 1989, 昭和: 1926, S: 1926 };

/** The fiscal year containing a date: '2024-01-01', '2024/1/1', '令和6年1月1日', '20240101' → 2023. */
export function fiscalYearOfDate(raw: string): number | null {
  const s = normalizeWidth(raw);
  let year: number;
  let month: number;
  let day: number;
  const era = ERA_DATE.exec(s);
  const western = era ? null : (WESTERN_DATE.exec(s) ?? COMPACT_DATE.exec(s));
  if (era) {
    const start = ERA_START[era[1]!] ?? ERA_START[era[1]!.toUpperCase()]!;
    year = start - 1 + (era[2] === '元' ? 1 : Number(era[2]));
    month = Number(era[3]);
    day = Number(era[4]);
  } else if (western) {
    year = Number(western[1]);
    month = Number(western[2]);
    day = Number(western[3]);
  } else {
    return null;
  }
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  const fiscalYear = month >= 4 ? year : year - 1;
  return parseFiscalYear(fiscalYear).ok ? fiscalYear : null;
}

/** Whole people, over zero: '35,000', '３５０００', '35000人'. Null when it is not such a number. */
export function readPopulation(raw: string): number | null {
  const parsed = parseDecimal(raw.trim().replace(/人$/, ''));
  if (!parsed.ok || parsed.value === null || !/^\d+$/.test(parsed.value)) return null;
  const value = Number(parsed.value);
  return value > 0 && value < 50_000_000 ? value : null;
}

/** 5 or 6 digits (with or without the check digit), after width normalisation; null otherwise. */
export function readCode(raw: string): string | null {
  const s = normalizeWidth(raw);
  return /^\d{5,6}$/.test(s) ? s : null;
}

/**
 * The records of a population sheet, or the problems that stop it. `defaultFiscalYear` is for a
 * file with no year column at all (the import page asks for it then).
 */
export function readPopulationRows(fileName: string, rows: readonly GridRow[], defaultFiscalYear?: number): PopulationTable {
  const headerAt = rows.slice(0, MAX_TITLE_LINES).findIndex((r) => {
    const roles = rolesOf(r.cells);
    return roles.population !== undefined && (roles.code !== undefined || roles.name !== undefined);
  });
  if (headerAt < 0) {
    return {
      records: [],
      problems: [
        problem(
          fileName,
          null,
          null,
          null,
          `人口の表の見出し行が見つかりません。先頭${MAX_TITLE_LINES}行のどこかに「人口」（または「総人口」「計」）の列と「市区町村コード」か「市区町村名」の列の見出しを置いてください`,
          `No header row of a population table: within the first ${MAX_TITLE_LINES} lines, put a header with a 人口 (population) column and a 市区町村コード (code) or 市区町村名 (name) column`,
        ),
      ],
    };
  }
  const header = rows[headerAt]!;
  const roles = rolesOf(header.cells);
  const headerText = (role: Role) => (roles[role] === undefined ? null : header.cells[roles[role]!]!.trim());
  const yearRole: Role | null = roles.fiscalYear !== undefined ? 'fiscalYear' : roles.date !== undefined ? 'date' : roles.year !== undefined ? 'year' : null;
  const problems: Problem[] = [];
  if (yearRole === null && defaultFiscalYear === undefined) {
    problems.push(
      problem(
        fileName,
        header.line,
        null,
        null,
        '人口がいつの時点のものか分かりません。「年度」「基準日」または「年」の列を加えるか、取り込むときに年度を指定してください（--fiscal-year 2023）',
        'The file does not say when the populations were counted: add a 年度 (fiscal year), 基準日 (date) or 年 (year) column, or give the fiscal year when importing (--fiscal-year 2023)',
      ),
    );
    return { records: [], problems };
  }

  const records: PopulationRecord[] = [];
  let partRows = 0;
  const cell = (r: GridRow, role: Role) => (roles[role] === undefined ? '' : (r.cells[roles[role]!] ?? '').trim());
  for (const r of rows.slice(headerAt + 1)) {
    let codeText = cell(r, 'code');
    let nameText = cell(r, 'name');
    // e-Stat often writes one 地域 cell: 「03203 大船渡市」.
    const joined = COMBINED.exec(normalizeWidth(codeText || nameText));
    if (joined) [codeText, nameText] = [joined[1]!, joined[2]!];
    const populationText = cell(r, 'population');
    // Blank lines and notes (注1) …, 資料: …) carry no code and no figure: they are not data rows.
    if (isMissing(populationText) && readCode(codeText) === null) continue;
    const sex = cell(r, 'sex');
    if (roles.sex !== undefined && sex !== '' && !TOTAL_ROWS.has(headerKey(sex))) {
      partRows++;
      continue;
    }

    let ok = true;
    const fail = (role: Role, value: string, ja: string, en: string) => {
      problems.push(problem(fileName, r.line, headerText(role), value, ja, en));
      ok = false;
    };
    const code = roles.code === undefined && !joined ? null : readCode(codeText);
    if (roles.code !== undefined && code === null) {
      fail(
        'code',
        codeText,
        `市区町村コード「${codeText}」は5桁または6桁の数字ではありません。全国地方公共団体コード（例: 032034 または 03203）を入れてください`,
        `Municipality code "${codeText}" is not 5 or 6 digits: enter the 全国地方公共団体コード (e.g. 032034 or 03203)`,
      );
    }
    if (roles.code === undefined && nameText === '') {
      fail('name', nameText, '市区町村名が空です。名前を入れるか、この行を削除してください', 'The municipality name is empty: enter it or delete the row');
    }
    const population = readPopulation(populationText);
    if (population === null) {
      fail(
        'population',
        populationText,
        isMissing(populationText)
          ? '人口が空です。人数を入れるか、この行を削除してください'
          : `人口「${populationText}」は人数（1以上の整数、例: 34,500）として読めません`,
        isMissing(populationText)
          ? 'The population is empty: enter the number of people or delete the row'
          : `Population "${populationText}" is not a number of people (a whole number of at least 1, e.g. 34,500)`,
      );
    }
    let fiscalYear: number | null = defaultFiscalYear ?? null;
    if (yearRole !== null) {
      const yearText = cell(r, yearRole);
      if (yearRole === 'date') {
        fiscalYear = fiscalYearOfDate(yearText);
        if (fiscalYear === null) {
          fail(
            'date',
            yearText,
            `基準日「${yearText}」を日付として読めません（例: 2024-01-01, 令和6年1月1日）`,
            `Reference date "${yearText}" is not a date (e.g. 2024-01-01, 令和6年1月1日)`,
          );
        }
      } else {
        const parsed = parseFiscalYear(yearText);
        fiscalYear = parsed.ok ? parsed.value : null;
        if (!parsed.ok || parsed.value === null) {
          const message = parsed.ok ? { ja: '年度が空です', en: 'The year is empty' } : parsed.error;
          fail(yearRole, yearText, `${message.ja}。年度（例: 令和5年度, 2023）を入れてください`, `${message.en}. Enter the year (e.g. 令和5年度, 2023)`);
        }
      }
    }
    if (ok && fiscalYear !== null && population !== null) {
      records.push({ line: r.line, code, name: nameText === '' ? null : nameText, fiscalYear, population });
    }
  }

  if (partRows > 0) {
    problems.push({
      severity: 'warning',
      file: fileName,
      line: header.line,
      column: headerText('sex'),
      value: null,
      message: {
        ja: `「${headerText('sex')}」が計・総数でない${partRows.toLocaleString('ja-JP')}行（男・女別の人口）は読み飛ばし、計の行の人口を使いました`,
        en: `${partRows.toLocaleString('en-US')} row(s) whose 「${headerText('sex')}」 is not the total (male / female figures) were passed over; the total rows' populations were used`,
      },
    });
  }
  if (yearRole === 'year' && records.length > 0) {
    problems.push({
      severity: 'warning',
      file: fileName,
      line: header.line,
      column: headerText('year'),
      value: null,
      message: {
        ja: '「年」の列の年をそのまま年度として扱いました（国勢調査の10月1日時点なら同じ年度です）。1月1日時点の住民基本台帳人口なら、前の年度のものです：「基準日」の列で日付を書くと正しく振り分けます',
        en: 'Each year in the 年 (year) column was taken as that fiscal year (right for a census as of 1 October). For 住民基本台帳 figures as of 1 January, which belong to the fiscal year before, give a 基準日 (date) column instead',
      },
    });
  }
  if (records.length === 0 && !problems.some((p) => p.severity === 'error')) {
    problems.push(problem(fileName, null, null, null, '人口のデータ行がありません', 'The file has no population rows'));
  }
  return { records, problems };
}
