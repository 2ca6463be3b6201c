/**
 * The workbook reader's refusals: a file problem, and the limit errors that stop reading, each
 * naming the sheet, the limit and what to do.
 */
import { megabytes, type XlsxLimits } from './limits';
import type { Problem } from './problems';
import { StopReading } from './xlsx-zip';

export function fileProblem(fileName: string, ja: string, en: string): Problem {
  return { severity: 'error', file: fileName, line: null, column: null, value: null, message: { ja, en } };
}

export class LimitProblem extends StopReading {
  constructor(readonly problem: Problem) {
    super(problem.message.en);
  }
}

export const n = (x: number) => x.toLocaleString('en-US');

/** The refusals, each naming the sheet, the limit and what to do. */
export class OverLimit {
  constructor(
    private readonly fileName: string,
    private readonly sheet: string | null,
    private readonly limits: XlsxLimits,
  ) {}
  private stop(ja: string, en: string): LimitProblem {
    const [whereJa, whereEn] = this.sheet === null ? ['ブック', 'workbook'] : [`シート「${this.sheet}」`, `sheet "${this.sheet}"`];
    return new LimitProblem(fileProblem(this.fileName, `${whereJa}: ${ja}。何も書き込まれていません`, `${whereEn}: ${en}. Nothing was written`));
  }
  private static readonly SPLIT_JA = 'ブックを分けるか、取り込むシートを「CSV UTF-8（コンマ区切り）」で保存して取り込んでください';
  private static readonly SPLIT_EN = 'split the workbook, or save the sheet to import as "CSV UTF-8 (Comma delimited)" and import that';
  cells(): LimitProblem {
    const l = n(this.limits.cells);
    return this.stop(`値のあるセルが上限の${l}個を超えています。${OverLimit.SPLIT_JA}`, `more than ${l} cells hold a value (the limit); ${OverLimit.SPLIT_EN}`);
  }
  rows(): LimitProblem {
    const l = n(this.limits.rows);
    return this.stop(`値のある行が上限の${l}行を超えています。${OverLimit.SPLIT_JA}`, `more than ${l} rows hold a value (the limit); ${OverLimit.SPLIT_EN}`);
  }
  columns(line: number, column: number): LimitProblem {
    const l = n(this.limits.columns);
    return this.stop(
      `${line}行目の${column}列目に値があり、列数の上限（${l}列）を超えています。不要な列を削除してから保存し直してください`,
      `row ${line} has a value in column ${column}, past the limit of ${l} columns; delete the columns that are not needed and save again`,
    );
  }
  string(start: string): LimitProblem {
    const l = n(this.limits.stringChars);
    return this.stop(
      `「${start}…」で始まる文字列が上限の${l}文字（Excelのセルに入る最大の長さ）を超えています。Excelで作られたブックではないか、壊れています。Excelで開いて保存し直すか、CSVで保存して取り込んでください`,
      `a text starting "${start}…" is longer than ${l} characters (the most an Excel cell holds): the workbook was not written by Excel or is damaged; open it in Excel and save it again, or save it as CSV and import that`,
    );
  }
  text(): LimitProblem {
    const l = n(this.limits.textChars);
    return this.stop(
      `ブックの文字数の合計が上限の${l}文字を超えています。${OverLimit.SPLIT_JA}`,
      `the workbook's text is longer than ${l} characters in all (the limit); ${OverLimit.SPLIT_EN}`,
    );
  }
  part(part: string): LimitProblem {
    const l = megabytes(this.limits.partBytes);
    return this.stop(
      `ブックの部品 ${part} が展開すると上限の${l}を超えます（書式だけの空のセルが大量にあるか、壊れたファイルです）。不要な行と列を削除して保存し直すか、CSVで保存して取り込んでください`,
      `the workbook's part ${part} unpacks to more than ${l} (the limit: masses of formatted empty cells, or a damaged file); delete the rows and columns that are not needed and save again, or save it as CSV and import that`,
    );
  }
}
